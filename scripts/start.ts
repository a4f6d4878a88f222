/**
 * `npm start`: the embedded dev server (unless TEMPORAL_DEV_SERVER=false), a
 * worker, and the URLs. Ctrl-C stops the worker first (it finishes in-flight
 * tasks), then the server.
 */
import { loadConfig } from '../temporal.config';
import { startDevServer, type RunningDevServer } from '../src/temporal/dev-server';
import type { Worker } from '@temporalio/worker';
import { createWorker } from '../worker/worker';

async function main() {
  const config = loadConfig();
  let server: RunningDevServer | undefined;
  if (config.devServer) {
    console.log(`start: Temporal dev server on ${config.address}, data in ${config.devServer.dbFilename}`);
    server = await startDevServer(config);
  }
  let worker: Worker;
  try {
    worker = await createWorker(config);
  } catch (err) {
    await server?.stop();
    throw err;
  }
  const shutdown = () => {
    console.log('\nstart: stopping worker and server…');
    worker.shutdown();
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);

  console.log('');
  console.log(`  Temporal gRPC   ${config.address} (namespace ${config.namespace})`);
  if (config.devServer) console.log(`  Temporal UI     http://${config.devServer.ip}:${config.devServer.uiPort}`);
  if (server) console.log(`  Server log      ${server.logFile}`);
  console.log(`  Worker          task queue '${config.taskQueue}'`);
  console.log('\n  Ctrl-C stops everything.\n');

  try {
    await worker.run();
  } finally {
    await server?.stop();
  }
  console.log('start: stopped');
}

main().catch((err) => {
  console.error(`start: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
});
