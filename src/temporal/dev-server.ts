/**
 * The embedded Temporal dev server (`temporal server start-dev`), persisted in a
 * SQLite file so cases survive a restart, with the custom search attributes
 * registered on its command line: zero setup, even for a process that does not
 * run the bootstrap (src/temporal/bootstrap.ts), which then finds them there.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, openSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Connection } from '@temporalio/client';
import { SEARCH_ATTRIBUTES, type TemporalConfig } from '../../temporal.config';
import { temporalCliPath } from './binaries';

export interface RunningDevServer {
  process: ChildProcess;
  /** The server's own output: its warnings would drown the worker's on the console. */
  logFile: string;
  stop(): Promise<void>;
}

export interface DevServerOptions {
  /** false: no search attributes on the command line, as on a fresh cluster, for the bootstrap to create. */
  searchAttributes?: boolean;
}

export function devServerArgs(config: TemporalConfig, { searchAttributes = true }: DevServerOptions = {}): string[] {
  const dev = config.devServer;
  if (!dev) throw new Error('devServerArgs: TEMPORAL_DEV_SERVER is false; no embedded server to start');
  return [
    'server',
    'start-dev',
    '--db-filename',
    dev.dbFilename,
    '--ip',
    dev.ip,
    '--port',
    String(dev.port),
    '--ui-port',
    String(dev.uiPort),
    '--namespace',
    config.namespace,
    '--log-level',
    'warn',
    ...(searchAttributes
      ? Object.entries(SEARCH_ATTRIBUTES).flatMap(([name, type]) => ['--search-attribute', `${name}=${type}`])
      : []),
  ];
}

export async function startDevServer(
  config: TemporalConfig,
  timeoutMs = 60_000,
  options: DevServerOptions = {},
): Promise<RunningDevServer> {
  const dev = config.devServer;
  if (!dev) throw new Error('startDevServer: TEMPORAL_DEV_SERVER is false');
  mkdirSync(dirname(dev.dbFilename), { recursive: true });
  const logFile = join(dirname(dev.dbFilename), 'temporal.log');
  const log = openSync(logFile, 'a');
  const child = spawn(temporalCliPath(config.cacheDir), devServerArgs(config, options), {
    stdio: ['ignore', log, log],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  // Once the server has died there is nothing to wait for: the polling stops with it.
  const died = new AbortController();
  try {
    await Promise.race([
      waitUntilAnswering(config.address, timeoutMs, died.signal),
      exited.then((code) => {
        throw new DevServerExited(
          `temporal dev server exited with code ${code} before answering on ${config.address} (port in use?); ` +
            `the end of ${logFile}:\n${tail(logFile)}`,
        );
      }),
    ]);
  } catch (err) {
    died.abort(err);
    await stop();
    throw err;
  }
  return { process: child, logFile, stop };
}

/** The server died before it answered; a caller that chose its ports may choose again. */
export class DevServerExited extends Error {}

/** The server's last words, so that a failure in CI explains itself without the log file. */
function tail(file: string, lines = 15): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch (err) {
    return `(unreadable: ${err})`;
  }
}

export async function waitUntilAnswering(address: string, timeoutMs: number, signal?: AbortSignal): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    signal?.throwIfAborted();
    let connection: Connection | undefined;
    try {
      connection = await Connection.connect({ address, connectTimeout: 1000 });
      await connection.workflowService.getSystemInfo({});
      return;
    } catch (err) {
      signal?.throwIfAborted();
      if (Date.now() > deadline)
        throw new Error(`Temporal did not answer on ${address} within ${timeoutMs} ms: ${err}`, { cause: err });
      await new Promise((r) => setTimeout(r, 250));
    } finally {
      await connection?.close();
    }
  }
}
