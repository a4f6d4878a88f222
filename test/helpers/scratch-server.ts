/**
 * A dev server of its own for a test file or a benchmark: its own SQLite file
 * and ports chosen below the kernel's ephemeral range.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { loadConfig, type TemporalConfig } from '../../temporal.config';
import {
  DevServerExited,
  startDevServer,
  type DevServerOptions,
  type RunningDevServer,
} from '../../src/temporal/dev-server';
import { killProcess } from './worker-process';

/**
 * A port nobody listens on now, from 20000–32767. Outgoing connections and the
 * dev server's own internal ports come from the ephemeral range (32768 and up
 * on Linux), so a port chosen there can be taken in the moment between being
 * chosen and being bound.
 */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 12_768);
    if (await canListen(port)) return port;
  }
}

const canListen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });

export interface ScratchServer {
  config: TemporalConfig;
  /** The variables that point another process (a worker) at this server. */
  devEnv: Record<string, string>;
  server: RunningDevServer;
  /**
   * Ends the server at once and deletes its files. Nothing in a scratch server is kept, so there is no shutdown
   * to wait for (the graceful one, `server.stop()`, takes a second; a test that restarts on the same file needs it).
   */
  discard(): Promise<void>;
}

/**
 * Jest runs test files side by side, each starting a server: a port can still be
 * taken between the check and the bind, so a server that dies before answering
 * is started again on other ports.
 */
export async function startScratchServer(
  name: string,
  env: Record<string, string> = {},
  attempts = 3,
  options: DevServerOptions = {},
): Promise<ScratchServer> {
  for (let attempt = 1; ; attempt++) {
    const devEnv = {
      TEMPORAL_DEV_PORT: String(await freePort()),
      TEMPORAL_DEV_UI_PORT: String(await freePort()),
      TEMPORAL_DEV_DB: join(mkdtempSync(join(tmpdir(), `${name}-`)), 'temporal.db'),
    };
    const config = loadConfig({ ...devEnv, ...env });
    try {
      const server = await startDevServer(config, undefined, options);
      const discard = async () => {
        await killProcess(server.process);
        rmSync(dirname(devEnv.TEMPORAL_DEV_DB), { recursive: true, force: true });
      };
      return { config, devEnv, server, discard };
    } catch (err) {
      if (!(err instanceof DevServerExited) || attempt >= attempts) throw err;
      console.warn(`${name}: ${err.message}\nstarting again on other ports`);
    }
  }
}
