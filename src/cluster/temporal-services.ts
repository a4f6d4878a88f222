/**
 * Temporal's four services as four processes of the same binary, each started as an operator would on its own
 * machine: `temporal-server --root <configDir> --config . --env <service> --allow-no-auth start --service <service>`.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { status } from '@grpc/grpc-js';
import { Connection, isGrpcServiceError } from '@temporalio/client';
import type { TemporalBinaries } from './binaries';
import { SQL_PASSWORD_VARIABLE } from './config-yaml';
import type { ClusterLayout, TemporalServiceName } from './layout';
import { ManagedProcess } from './processes';
import { readyOrStopped, tcpProbe, waitUntilReady } from './wait';

export interface TemporalServiceHandle {
  name: TemporalServiceName;
  grpcAddress: string;
  metricsUrl: string;
  pprofUrl: string;
  logFile: string;
  readonly pid: number | undefined;
  readonly running: boolean;
  /** The current process, undefined before the first start. */
  readonly process: ManagedProcess | undefined;
  /** `kill -9`: no graceful shutdown, as a crash; `start()` brings it back. */
  kill(): Promise<void>;
  /** Starts it again after `kill()` or `stop()`, and waits until it listens. */
  start(): Promise<void>;
  /** SIGTERM (the service leaves the membership ring and hands its shards over), or `kill -9` if `kill`; then start. */
  restart(options?: { kill?: boolean }): Promise<void>;
  stop(): Promise<void>;
}

export interface TemporalServicesContext {
  layout: ClusterLayout;
  binaries: TemporalBinaries;
  sqlPassword: string;
  env: NodeJS.ProcessEnv;
}

export function temporalService(name: TemporalServiceName, ctx: TemporalServicesContext): TemporalServiceHandle {
  const { layout } = ctx;
  const ports = layout.temporal[name];
  const logFile = join(layout.logDir, `temporal-${name}.log`);
  let proc: ManagedProcess | undefined;
  const handle: TemporalServiceHandle = {
    name,
    grpcAddress: `${layout.host}:${ports.grpc}`,
    metricsUrl: `http://${layout.host}:${ports.metrics}/metrics`,
    pprofUrl: `http://${layout.host}:${ports.pprof}/debug/pprof/`,
    logFile,
    get pid() {
      return proc?.pid;
    },
    get running() {
      return proc?.running ?? false;
    },
    get process() {
      return proc;
    },
    async start() {
      if (proc?.running) throw new Error(`cluster: temporal ${name} is already running (pid ${proc.pid})`);
      proc = new ManagedProcess(
        {
          name: `temporal-${name}`,
          command: ctx.binaries.server,
          args: [
            '--root',
            layout.configDir,
            '--config',
            '.',
            '--env',
            name,
            '--allow-no-auth',
            'start',
            '--service',
            name,
          ],
          env: { ...ctx.env, [SQL_PASSWORD_VARIABLE]: ctx.sqlPassword },
          cwd: layout.configDir,
          logFile,
        },
        layout.runDir,
        layout.dir,
      );
      const started = proc;
      // The worker service serves no gRPC (it is a client of the frontend): it is up once it gossips.
      const port = name === 'worker' ? ports.membership : ports.grpc;
      await readyOrStopped(started, () =>
        waitUntilReady(`Temporal ${name} on ${layout.host}:${port}`, () => tcpProbe(layout.host, port), {
          process: started,
          timeoutMs: 90_000,
        }),
      );
    },
    async kill() {
      await proc?.kill();
    },
    async stop() {
      await proc?.stop(30_000);
    },
    async restart({ kill = false } = {}) {
      await (kill ? handle.kill() : handle.stop());
      await handle.start();
    },
  };
  return handle;
}

/**
 * The frontend answers, and through it matching and history do: a task queue is described (matching), and a
 * workflow that does not exist is looked up and reported missing (history) rather than unavailable.
 */
export async function waitForFrontend(address: string, timeoutMs = 90_000, process?: ManagedProcess): Promise<void> {
  await waitUntilReady(
    `Temporal frontend on ${address}`,
    async () => {
      const connection = await Connection.connect({ address, connectTimeout: 2000 });
      try {
        const ws = connection.workflowService;
        await ws.getSystemInfo({});
        const namespace = 'temporal-system';
        await ws.describeNamespace({ namespace });
        await ws.describeTaskQueue({ namespace, taskQueue: { name: 'pipeline-readiness-probe' } });
        try {
          await ws.getWorkflowExecutionHistory({ namespace, execution: { workflowId: `probe-${randomUUID()}` } });
        } catch (err) {
          if (!(isGrpcServiceError(err) && err.code === status.NOT_FOUND)) throw err;
        }
      } finally {
        await connection.close();
      }
    },
    { timeoutMs, process, intervalMs: 500 },
  );
}
