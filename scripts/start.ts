/**
 * `npm start`: the embedded dev server (unless TEMPORAL_ADDRESS names a
 * cluster), a worker, the API with the demo province (its database in
 * PGlite under .data/app-db unless PIPELINE_DATABASE_URL names a server),
 * the URLs and, on the first start, demo accounts with one-time passwords. Ctrl-C stops the API and its database,
 * then the worker (it finishes in-flight tasks), then the server.
 */
import { loadConfig } from '../temporal.config';
import { startDevServer, type RunningDevServer } from '../src/temporal/dev-server';
import { Runtime, type Worker } from '@temporalio/worker';
import { loadApiConfig } from '../src/api/config';
import { startApiService, type ApiService } from '../src/api/service';
import { loadDatabaseConfig } from '../src/db/config';
import { demoWanted, seedDemo } from '../src/demo/seed';
import { seedDemoAccounts } from '../src/demo/accounts';

import { createWorker } from '../worker/worker';
import { provideRegistry } from '../src/mail/registry-source';
import { startTracing } from '../src/telemetry/tracing';
import { installWorkerRuntime } from '../src/telemetry/worker-runtime';

async function main() {
  const config = loadConfig();
  // The worker's JSON logs and, with PIPELINE_WORKER_METRICS_ADDRESS, its Prometheus endpoint: before any connection.
  const { metricsAddress } = installWorkerRuntime();
  const workerTracing = await startTracing('pipeline-worker');
  let server: RunningDevServer | undefined;
  if (config.devServer) {
    console.log(`start: Temporal dev server on ${config.address}, data in ${config.devServer.dbFilename}`);
    server = await startDevServer(config);
  }
  let worker: Worker;
  let api: ApiService;
  const apiConfig = loadApiConfig();
  // The worker's mail reads addresses from the API's database (PGlite serves this process only): said before the
  // worker starts, which checks that a worker set to mail can read them; read only when a mail is sent.
  provideRegistry(() => api.registry());
  try {
    worker = await createWorker(config, {}, workerTracing);
    api = await startApiService({ temporal: config, api: apiConfig, database: loadDatabaseConfig() });
  } catch (err) {
    await server?.stop();
    throw err;
  }
  const apiUrl = api.url;
  // Begun before the signal handlers, and awaited by them: a Ctrl-C while the accounts are written lets the
  // writing finish before the database closes under it.
  const accountsSeeded = seedDemoAccounts(api.database.db);
  let stopping = false;
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    console.log('\nstart: stopping API, worker and server…');
    // The worker also reacts to SIGINT/SIGTERM itself; shut it down only if it has not begun.
    void accountsSeeded
      .catch(() => undefined)
      .then(() => api.close())
      .finally(() => {
        if (worker.getState() === 'RUNNING') worker.shutdown();
      });
  };
  // Kept, not once: Ctrl-C reaches this process twice under npm (from the terminal and forwarded by npm), and a
  // second signal with no listener left would kill it before the dev server is stopped.
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);

  console.log('');
  console.log(`  Temporal gRPC   ${config.address} (namespace ${config.namespace})`);
  if (config.devServer) console.log(`  Temporal UI     http://${config.devServer.ip}:${config.devServer.uiPort}`);
  if (server) console.log(`  Server log      ${server.logFile}`);
  console.log(`  Worker          task queue '${config.taskQueue}'`);
  if (metricsAddress) console.log(`  Worker metrics  http://${metricsAddress}/metrics`);
  console.log(`  API             ${apiUrl} (${api.registryNote})`);
  console.log(`  App database    ${api.database.description}`);
  console.log(`  Dashboard       ${apiUrl}/`);
  const people = await accountsSeeded;
  if (people.length) {
    console.log('\n  Demo accounts (one-time passwords, shown this once: each must be changed at first sign-in):');
    for (const p of people)
      console.log(`    ${p.grant.role.padEnd(15)} ${p.username.padEnd(14)} ${p.oneTimePassword}   ${p.fullName}`);
  } else
    console.log(
      '\n  Accounts exist already. An admin resets a password in the dashboard (Tài khoản); an operator, with\n' +
        '  npm start stopped: npm run accounts -- reset-password <username>',
    );
  console.log(`  The CLI: pipeline login --api ${apiUrl} --user <username>`);
  console.log('\n  Ctrl-C stops everything.\n');

  const running = worker.run();
  if (demoWanted(Boolean(config.devServer)))
    // The worker must be running to take the demo cases' steps; a failure here leaves the service up.
    api
      .registry()
      .then((registry) => seedDemo(api.client, config.taskQueue, registry))
      .then(
        (n) =>
          n &&
          console.log(`start: ${n} demo candidates registered in the demo province (PIPELINE_DEMO=false skips them)`),
      )
      .catch((err) => console.error(`start: demo cases not registered: ${err instanceof Error ? err.message : err}`));
  try {
    await running;
  } finally {
    await workerTracing?.shutdown();
    await server?.stop();
  }
  // The runtime forwards the core's logs to the JSON logger, which keeps the event loop alive until it is shut down.
  await Runtime.instance().shutdown();
  console.log('start: stopped');
}

main().catch((err) => {
  console.error(`start: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
});
