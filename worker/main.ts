/** A standalone worker process: `npm run worker` (scale out by running more of these). */
import { loadConfig } from '../temporal.config';
import { createWorker } from './worker';

async function main() {
  const config = loadConfig();
  const worker = await createWorker(config);
  console.log(`worker: polling task queue '${config.taskQueue}' on ${config.address} (namespace ${config.namespace})`);
  await worker.run();
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
