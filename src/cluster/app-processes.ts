/**
 * The project's own processes on the cluster, started exactly as an operator starts them (`npm run worker`,
 * `npm run api`), each told where everything is through its environment only.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ManagedProcess } from './processes';
import { httpOk, readyOrStopped, waitUntilReady } from './wait';

const ROOT = join(__dirname, '..', '..');
const WORKER_MAIN = 'worker/main.ts';
const API_MAIN = 'src/api/main.ts';

export interface AppProcessHandle {
  name: string;
  logFile: string;
  readonly pid: number | undefined;
  readonly running: boolean;
  readonly process: ManagedProcess;
  /** `kill -9`, for good: no draining; its tasks time out and another worker takes them. */
  kill(): Promise<void>;
  /** SIGTERM: the API stops taking requests, the worker finishes its tasks in flight. */
  stop(): Promise<void>;
}

export interface WorkerHandle extends AppProcessHandle {
  /** The worker's Prometheus endpoint (PIPELINE_WORKER_METRICS_ADDRESS). */
  metricsUrl: string;
}

export interface ApiHandle extends AppProcessHandle {
  url: string;
}

export interface AppProcessContext {
  host: string;
  logDir: string;
  runDir: string;
  clusterDir: string;
  /** The environment every worker and API gets: Temporal's address, the database, the shared secrets. */
  env: NodeJS.ProcessEnv;
}

function handleOf(proc: ManagedProcess): AppProcessHandle {
  return {
    name: proc.name,
    logFile: proc.spec.logFile,
    get pid() {
      return proc.pid;
    },
    get running() {
      return proc.running;
    },
    process: proc,
    kill: async () => void (await proc.kill()),
    stop: async () => void (await proc.stop(30_000)),
  };
}

function startNode(name: string, main: string, env: NodeJS.ProcessEnv, ctx: AppProcessContext): ManagedProcess {
  if (!existsSync(join(ROOT, main))) throw new Error(`cluster: ${main} not found: nothing to start as ${name}`);
  return new ManagedProcess(
    {
      name,
      command: process.execPath,
      args: ['--import', 'tsx', main],
      env: { ...ctx.env, ...env },
      cwd: ROOT,
      logFile: join(ctx.logDir, `${name}.log`),
    },
    ctx.runDir,
    ctx.clusterDir,
  );
}

/** Whether the log has grown by a line containing `marker` since it was `from` bytes long. */
function logSays(file: string, from: number, marker: RegExp): boolean {
  return marker.test(readFileSync(file, 'utf8').slice(from));
}

const sizeOf = (file: string) => (existsSync(file) ? statSync(file).size : 0);

/** A worker, ready once it polls its task queue (after its bootstrap of the namespace and search attributes). */
export async function startWorker(index: number, metricsPort: number, ctx: AppProcessContext): Promise<WorkerHandle> {
  const name = `worker-${index}`;
  const logFile = join(ctx.logDir, `${name}.log`);
  const from = sizeOf(logFile);
  const metricsAddress = `${ctx.host}:${metricsPort}`;
  const proc = startNode(name, WORKER_MAIN, { PIPELINE_WORKER_METRICS_ADDRESS: metricsAddress }, ctx);
  await readyOrStopped(proc, () =>
    waitUntilReady(
      name,
      async () => {
        if (!logSays(logFile, from, /polling/)) throw new Error('not polling yet');
      },
      { process: proc, timeoutMs: 120_000 },
    ),
  );
  // Object.assign keeps pid and running live getters, where a spread would copy their values of now.
  return Object.assign(handleOf(proc), { metricsUrl: `http://${metricsAddress}/metrics` });
}

/** An API instance, ready once /healthz answers. */
export async function startApi(index: number, port: number, ctx: AppProcessContext): Promise<ApiHandle> {
  const name = `api-${index}`;
  const url = `http://${ctx.host}:${port}`;
  const proc = startNode(name, API_MAIN, { PIPELINE_API_PORT: String(port) }, ctx);
  await readyOrStopped(proc, () =>
    waitUntilReady(`${name} on ${url}`, () => httpOk(`${url}/healthz`), { process: proc, timeoutMs: 120_000 }),
  );
  return Object.assign(handleOf(proc), { url });
}
