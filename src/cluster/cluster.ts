/**
 * A production-shaped deployment on one machine: PostgreSQL, Temporal's four services as separate processes, the
 * project's workers and API instances. Started in dependency order and stopped in the reverse: APIs (no new
 * requests), workers (they finish their tasks), Temporal's services (STOP_ORDER), PostgreSQL. A start that fails
 * halfway stops whatever it had started.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadConfig } from '../../temporal.config';
import { startApi, startWorker, type ApiHandle, type AppProcessContext, type WorkerHandle } from './app-processes';
import { restoreDatabases } from './backup';
import { postgresBinDir, temporalBinaries } from './binaries';
import { writeTemporalConfig } from './config-yaml';
import { clusterLayout, freeBasePort, takenPorts, type ClusterLayout, type LayoutOptions } from './layout';
import { ensureDatabase, externalPostgres, startLocalPostgres, type PostgresHandle } from './postgres';
import { TEMPORAL_DATABASES, targetFromUrl, urlOf } from './postgres-url';
import { stopLeftovers } from './processes';
import { setUpTemporalSchemas, type SchemaReport } from './schema';
import { loadOrCreateSecrets, secretsEnv } from './secrets';
import { temporalService, waitForFrontend, type TemporalServiceHandle } from './temporal-services';
import type { TemporalServiceName } from './layout';

export interface ClusterOptions extends LayoutOptions {
  /** Where temporal-server and temporal-sql-tool are (scripts/setup-cluster.sh); default PIPELINE_CACHE_DIR's. */
  cacheDir?: string;
  /** The operator's PostgreSQL (its database is the app's); default PIPELINE_DATABASE_URL, else a local server. */
  databaseUrl?: string;
  /** The app database's name on a local server. */
  appDatabase?: string;
  /** More environment for every worker and API (it wins over the cluster's own). */
  env?: Record<string, string>;
  /** Progress lines; silent by default. */
  log?: (line: string) => void;
  /** Aborting it (Ctrl-C during the start) stops what has started as soon as the current step ends. */
  signal?: AbortSignal;
  /**
   * A backup (src/cluster/backup.ts) to restore before anything starts on the databases: they must be new or
   * empty. Temporal's schema tool then upgrades what it restored, as it upgrades any database.
   */
  restoreFrom?: string;
}

export interface Cluster {
  dir: string;
  layout: ClusterLayout;
  /** host:port of the Temporal frontend, what TEMPORAL_ADDRESS names. */
  temporalAddress: string;
  namespace: string;
  services: Record<TemporalServiceName, TemporalServiceHandle>;
  postgres: PostgresHandle;
  /** URLs (with the password) of Temporal's two databases and the app's. */
  databases: { temporal: string; visibility: string; app: string };
  schemas: SchemaReport[];
  workers: WorkerHandle[];
  apis: ApiHandle[];
  /** What another worker, API, CLI or test client needs to join: Temporal's address, the database, the secrets. */
  env: Record<string, string>;
  logDir: string;
  /** Milliseconds from the call to a running cluster. */
  startedInMs: number;
  /** One more worker (its metrics on the next free port of the layout, or `metricsPort`). */
  startWorker(metricsPort?: number): Promise<WorkerHandle>;
  startApi(port: number): Promise<ApiHandle>;
  /** Everything, in order; safe to call twice. */
  stop(): Promise<void>;
}

/**
 * The worker service first: it is only a client of the frontend (Temporal's own system workflows), and once the
 * frontend is gone it waits out its calls' timeouts (10 s) before it exits. Then the frontend, so no new work
 * comes in; matching; history last, where the shards' state is.
 */
const STOP_ORDER: TemporalServiceName[] = ['worker', 'frontend', 'matching', 'history'];
const START_ORDER: TemporalServiceName[] = ['history', 'matching', 'frontend', 'worker'];

export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const began = Date.now();
  const log = options.log ?? (() => undefined);
  const dir = resolve(options.dir);
  mkdirSync(dir, { recursive: true });
  const databaseUrl = options.databaseUrl ?? (process.env.PIPELINE_DATABASE_URL?.trim() || undefined);
  const external = databaseUrl ? targetFromUrl(databaseUrl) : undefined;

  const leftovers = await stopLeftovers(join(dir, 'run'), dir);
  if (leftovers.length) log(`cluster: stopped what a previous run left running: ${leftovers.join(', ')}`);
  const basePort = options.basePort ?? (await rememberedBasePort(dir, { ...options, dir }, !external));
  const layout = clusterLayout({ ...options, dir, basePort });
  const taken = await takenPorts(layout, !external);
  if (taken.length)
    throw new Error(
      `cluster: ports in use: ${taken.map(([p, what]) => `${p} (${what})`).join(', ')}; is another cluster or ` +
        'PostgreSQL running? Stop it, or choose other ports',
    );

  const baseConfig = loadConfig({
    ...process.env,
    TEMPORAL_ADDRESS: `${layout.host}:${layout.temporal.frontend.grpc}`,
  });
  const binaries = temporalBinaries(options.cacheDir ?? baseConfig.cacheDir);
  const secrets = loadOrCreateSecrets(join(dir, 'secrets.json'));

  // Whatever has started, in the order it must stop.
  const stoppers: Array<{ what: string; stop: () => Promise<void> }> = [];
  const stopAll = async () => {
    const errors: string[] = [];
    for (const { what, stop } of stoppers.splice(0)) {
      const t = Date.now();
      await stop().then(
        () => log(`cluster: ${what} stopped (${Date.now() - t} ms)`),
        (err: unknown) => errors.push(`${what}: ${(err as Error).message}`),
      );
    }
    if (errors.length) throw new Error(`cluster: stopping failed for ${errors.join('; ')}`);
  };

  try {
    let postgres: PostgresHandle;
    if (external) {
      postgres = externalPostgres(external);
      log(`cluster: PostgreSQL at ${external.host}:${external.port} (PIPELINE_DATABASE_URL)`);
    } else {
      log(`cluster: PostgreSQL on ${layout.host}:${layout.postgresPort}, data in ${layout.postgresDataDir}`);
      postgres = await startLocalPostgres({
        binDir: postgresBinDir(),
        dataDir: layout.postgresDataDir,
        host: layout.host,
        port: layout.postgresPort,
        password: secrets.postgresPassword,
        logFile: join(layout.logDir, 'postgres.log'),
        runDir: layout.runDir,
        clusterDir: dir,
        env: process.env,
      });
      stoppers.unshift({ what: 'PostgreSQL', stop: () => postgres.stop() });
    }
    options.signal?.throwIfAborted();
    const target = postgres.target;
    const appDatabase = external?.database ?? options.appDatabase ?? 'pipeline';
    if (options.restoreFrom) {
      const names = { ...TEMPORAL_DATABASES, app: appDatabase };
      const manifest = await restoreDatabases(postgresBinDir(), target, names, options.restoreFrom);
      log(
        `cluster: restored ${Object.values(names).join(', ')} from ${options.restoreFrom} (taken ${manifest.takenAt})`,
      );
    }
    if (await ensureDatabase(target, appDatabase)) log(`cluster: created database ${appDatabase}`);
    const databases = {
      temporal: urlOf(target, TEMPORAL_DATABASES.temporal),
      visibility: urlOf(target, TEMPORAL_DATABASES.visibility),
      app: databaseUrl ?? urlOf(target, appDatabase),
    };

    const schemas = await setUpTemporalSchemas(binaries, target);
    for (const s of schemas)
      log(
        `cluster: schema of ${s.database}: ${s.before === null ? `created at ${s.after}` : s.before === s.after ? `${s.after}, up to date` : `${s.before} → ${s.after}`}`,
      );

    options.signal?.throwIfAborted();
    writeTemporalConfig(layout, target);
    const ctx = { layout, binaries, sqlPassword: target.password, env: process.env };
    const services = Object.fromEntries(START_ORDER.map((name) => [name, temporalService(name, ctx)])) as Record<
      TemporalServiceName,
      TemporalServiceHandle
    >;
    // Registered before they start: one that fails to start leaves the others to stop.
    for (const name of [...STOP_ORDER].reverse())
      stoppers.unshift({ what: `Temporal ${name}`, stop: () => services[name].stop() });
    log(`cluster: Temporal ${binaries.version}: ${START_ORDER.join(', ')} (logs in ${layout.logDir})`);
    // Each service writes the cluster's metadata at start if its configuration changed it (a new port), with a
    // version check that fails the process that loses the race: one service first, then the others together.
    const [first, ...rest] = START_ORDER;
    await services[first!].start();
    await settleAll(rest.map((name) => services[name].start()));
    const temporalAddress = services.frontend.grpcAddress;
    await waitForFrontend(temporalAddress, 90_000, services.frontend.process);
    options.signal?.throwIfAborted();

    const env: Record<string, string> = {
      ...secretsEnv(secrets),
      TEMPORAL_ADDRESS: temporalAddress,
      TEMPORAL_DEV_SERVER: 'false',
      PIPELINE_DATABASE_URL: databases.app,
      ...options.env,
    };
    const appCtx: AppProcessContext = {
      host: layout.host,
      logDir: layout.logDir,
      runDir: layout.runDir,
      clusterDir: dir,
      env: { ...process.env, ...env },
    };
    const workers: WorkerHandle[] = [];
    const apis: ApiHandle[] = [];
    stoppers.unshift({ what: 'workers', stop: async () => void (await Promise.all(workers.map((w) => w.stop()))) });
    stoppers.unshift({ what: 'APIs', stop: async () => void (await Promise.all(apis.map((a) => a.stop()))) });
    // Numbered when asked for, not when ready: two starting at once must not share a name and a log file.
    let workersAsked = 0;
    let apisAsked = 0;
    const addWorker = async (port: number) => {
      const w = await startWorker(++workersAsked, port, appCtx);
      workers.push(w);
      return w;
    };
    const addApi = async (port: number) => {
      const a = await startApi(++apisAsked, port, appCtx);
      apis.push(a);
      return a;
    };
    // Both workers at once, then both APIs: each makes sure of the namespace and the search attributes at start,
    // and starting them together is what an operator's restart of everything does too.
    log(`cluster: ${layout.workerMetricsPorts.length} workers, then ${layout.apiPorts.length} APIs`);
    await settleAll(layout.workerMetricsPorts.map((port) => addWorker(port)));
    options.signal?.throwIfAborted();
    await settleAll(layout.apiPorts.map((port) => addApi(port)));
    options.signal?.throwIfAborted();

    let stopping: Promise<void> | undefined;
    return {
      dir,
      layout,
      temporalAddress,
      namespace: loadConfig({ ...process.env, ...env }).namespace,
      services,
      postgres,
      databases,
      schemas,
      workers,
      apis,
      env,
      logDir: layout.logDir,
      startedInMs: Date.now() - began,
      startWorker: (metricsPort) => addWorker(metricsPort ?? layout.temporal.frontend.grpc + 60 + workersAsked),
      startApi: (port) => addApi(port),
      stop: () => (stopping ??= stopAll()),
    };
  } catch (err) {
    await stopAll().catch((stopErr: unknown) => log(`cluster: ${(stopErr as Error).message}`));
    throw err;
  }
}

/**
 * The base port a cluster directory was last started on, when every port of it is free again: the same addresses
 * from one run to the next (nothing to update in Temporal's cluster metadata, bookmarks still work).
 */
async function rememberedBasePort(dir: string, options: LayoutOptions, postgres: boolean): Promise<number> {
  const file = join(dir, 'base-port');
  const remembered = existsSync(file) ? Number(readFileSync(file, 'utf8').trim()) : NaN;
  if (Number.isInteger(remembered)) {
    const layout = clusterLayout({ ...options, basePort: remembered });
    if (!(await takenPorts(layout, postgres)).length) return remembered;
  }
  const chosen = await freeBasePort(options, postgres);
  writeFileSync(file, `${chosen}\n`);
  return chosen;
}

/** Like Promise.all, but waits for every start to end before failing, so none is left starting unseen. */
async function settleAll<T>(starts: Array<Promise<T>>): Promise<T[]> {
  const results = await Promise.allSettled(starts);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  return results.map((r) => (r as PromiseFulfilledResult<T>).value);
}
