/** A standalone worker process: `npm run worker` (scale out by running more of these). */
import { Runtime } from '@temporalio/worker';
import { loadConfig } from '../temporal.config';
import { startTracing } from '../src/telemetry/tracing';
import { installWorkerRuntime } from '../src/telemetry/worker-runtime';
import { createWorker } from './worker';

async function main() {
  const config = loadConfig();
  // JSON logs and, when asked for, Prometheus metrics: before any connection, as the runtime is made only once.
  const { logger, metricsAddress } = installWorkerRuntime();
  const tracing = await startTracing('pipeline-worker');
  const worker = await createWorker(config, {}, tracing);
  logger.info(
    {
      taskQueue: config.taskQueue,
      address: config.address,
      namespace: config.namespace,
      metricsAddress,
      tracing: !!tracing,
      // Derived from the heap limit unless set (temporal.config.ts): the figure an operator sizes memory by.
      maxCachedWorkflows: config.maxCachedWorkflows,
    },
    `worker: polling task queue '${config.taskQueue}' on ${config.address} (namespace ${config.namespace})`,
  );
  // run() returns once SIGINT/SIGTERM has drained the worker; the spans of its last tasks go out before exit.
  await worker.run();
  await tracing?.shutdown();
  // The runtime's log forwarding keeps the event loop alive: without this the drained process never exits.
  await Runtime.instance().shutdown();
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
