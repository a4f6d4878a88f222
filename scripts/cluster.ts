/**
 * `npm run cluster`: the production shape on this machine (src/cluster): PostgreSQL, Temporal's frontend, history,
 * matching and worker services as four processes, two workers and two API instances, on fixed ports, with the
 * data in .data/cluster (PIPELINE_CLUSTER_DIR) kept from one run to the next. Ctrl-C stops everything in order.
 *
 * Ports: PIPELINE_CLUSTER_BASE_PORT (17233: Temporal's, clear of `npm start`'s dev server on 7233),
 * PIPELINE_CLUSTER_POSTGRES_PORT (55432: clear of a PostgreSQL of the developer's own on 5432), the APIs on 8081
 * and 8082, the workers' metrics on 9465 and 9466.
 *
 * `npm run cluster -- --restore <dir>` first restores `npm run backup`'s dumps into a new cluster's databases
 * (a new PIPELINE_CLUSTER_DIR, or PIPELINE_DATABASE_URL's empty databases).
 */
import { relative } from 'node:path';
import { FIRST_ADMIN } from '../src/accounts/first-admin';
import { firstAdminOf, startCluster, TEMPORAL_SERVICES, type Cluster } from '../src/cluster';
import { clusterSettings } from '../src/cluster/settings';

const here = (path: string) => relative(process.cwd(), path) || '.';

async function banner(c: Cluster): Promise<string> {
  const l = c.layout;
  const rows = TEMPORAL_SERVICES.map((name) => {
    const s = c.services[name];
    const grpc = name === 'worker' ? '(none)' : s.grpcAddress;
    return `    ${name.padEnd(9)} ${grpc.padEnd(16)} ${s.metricsUrl.padEnd(31)} ${s.pprofUrl}`;
  });
  const admin = await firstAdminOf(c);
  const db = c.postgres.external
    ? `${c.postgres.target.host}:${c.postgres.target.port} (PIPELINE_DATABASE_URL)`
    : `${l.host}:${l.postgresPort}, data in ${here(l.postgresDataDir)}`;
  return [
    '',
    `  party-pipeline cluster: Temporal on PostgreSQL, started in ${(c.startedInMs / 1000).toFixed(1)} s`,
    '',
    `  Temporal frontend   ${c.temporalAddress}  (TEMPORAL_ADDRESS; namespace ${c.namespace}; ${l.historyShards} history shards)`,
    `  Temporal services   gRPC             metrics                         pprof`,
    ...rows,
    `  PostgreSQL          ${db}`,
    `                      databases temporal, temporal_visibility, ${new URL(c.databases.app).pathname.slice(1)}`,
    ...c.apis.map((a, i) => `  API ${i + 1}               ${a.url}  (dashboard /, /healthz, /readyz, /metrics)`),
    ...c.workers.map((w, i) => `  Worker ${i + 1} metrics    ${w.metricsUrl}`),
    `  Logs                ${here(c.logDir)}/ (one file per process)`,
    `  Configuration       ${here(l.configDir)}/ (one file per Temporal service)`,
    `  Secrets             ${here(c.dir)}/secrets.json (codec key, token secret, database password)`,
    '',
    admin
      ? `  First admin         ${FIRST_ADMIN}, one-time password ${admin} (shown this once; change it at first sign-in)`
      : `  Accounts            in the app database; an admin manages them in the dashboard (Tài khoản)`,
    '',
    '  Ctrl-C stops everything in order: APIs, workers, Temporal (worker, frontend, matching, history), PostgreSQL.',
    '',
  ].join('\n');
}

/** `--restore <backup directory>` (npm run backup's): restored into the databases before anything starts on them. */
function restoreArgument(args: string[]): string | undefined {
  if (args.length === 0) return undefined;
  if (args[0] === '--restore' && args.length === 2) return args[1];
  throw new Error('usage: npm run cluster [-- --restore <backup directory>]');
}

async function main() {
  const env = clusterSettings();
  const restoreFrom = restoreArgument(process.argv.slice(2));
  const aborted = new AbortController();
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      // A second Ctrl-C: no more waiting; the harness's exit hook kills what is left.
      console.log(`\ncluster: ${signal} again, killing everything now`);
      process.exit(130);
    }
    stopping = true;
    console.log(`\ncluster: ${signal}, stopping in order (Ctrl-C again kills everything at once)`);
    aborted.abort(new Error(`cluster: ${signal} during the start`));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const cluster = await startCluster({
    dir: env.PIPELINE_CLUSTER_DIR,
    basePort: env.PIPELINE_CLUSTER_BASE_PORT,
    postgresPort: env.PIPELINE_CLUSTER_POSTGRES_PORT,
    apiPorts: [8081, 8082],
    workerMetricsPorts: [9465, 9466],
    workers: 2,
    apis: 2,
    log: (line) => console.log(line),
    signal: aborted.signal,
    restoreFrom,
  });
  console.log(await banner(cluster));

  // A process that dies on its own is said at once, with where to look; the rest keeps running.
  const processes = [...Object.values(cluster.services), ...cluster.workers, ...cluster.apis].map((h) => h.process);
  for (const proc of processes)
    void proc?.exited.then(({ code, signal }) => {
      if (!stopping)
        console.error(`cluster: ${proc.name} exited (${signal ?? `code ${code}`}); see ${proc.spec.logFile}`);
    });

  await new Promise<void>((resolve) => {
    if (aborted.signal.aborted) resolve();
    else aborted.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  await cluster.stop();
  console.log('cluster: stopped');
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
