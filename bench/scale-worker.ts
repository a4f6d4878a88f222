/**
 * A worker process for the scale benchmark, so each measurement has the
 * process's memory to itself: `engine` hosts the candidate workflow (codec,
 * machine, deadlines) with the product's settings unless a cache size is
 * given, `bare` the baseline. Reports cached workflows and resident memory
 * to the parent every half second.
 */
import { NativeConnection, Worker } from '@temporalio/worker';
import { loadConfig } from '../temporal.config';
import { installQuietRuntime } from '../src/temporal/quiet-runtime';
import { createWorker } from '../worker/worker';

const [kind, taskQueue, maxCached] = process.argv.slice(2) as [string, string, string];

async function main() {
  installQuietRuntime();
  const config = loadConfig({ ...process.env, TEMPORAL_TASK_QUEUE: taskQueue });
  const options = maxCached ? { maxCachedWorkflows: Number(maxCached) } : {};
  const worker =
    kind === 'engine'
      ? await createWorker(config, options)
      : await Worker.create({
          connection: await NativeConnection.connect({ address: config.address }),
          taskQueue,
          workflowsPath: require.resolve('./workflows/bare'),
          ...options,
        });
  setInterval(() => {
    process.send!({ cached: worker.getStatus().numCachedWorkflows, rss: process.memoryUsage().rss });
  }, 500).unref();
  await worker.run();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
