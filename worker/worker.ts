/** Builds the worker that hosts the candidate and inbox workflows and the alert activities. */
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import type { TemporalConfig } from '../temporal.config';
import { connectionOptions, explainConnectFailure } from '../src/temporal/connection';
import { loadWebhookConfig } from '../src/alerts/webhook';
import { createAlertActivities, createMailActivities } from '../activities';
import { prepareWorkerMail } from '../src/mail/worker-mail';
import { bundleWorkflows } from '../src/temporal/bundle';
import { createClient, dataConverterOf } from '../src/temporal/client';
import { checkCharterData } from '../src/charter/check-data';
import type { Tracing } from '../src/telemetry/tracing';

export async function createWorker(
  config: TemporalConfig,
  overrides: Partial<WorkerOptions> = {},
  tracing?: Tracing,
): Promise<Worker> {
  checkCharterData();
  const webhooks = loadWebhookConfig();
  // The SDK's own error is a Rust transport message that names neither the setting nor the remedy.
  const connection = await NativeConnection.connect(connectionOptions(config)).catch(async (err: unknown) => {
    throw await explainConnectFailure(config, err);
  });
  // Activities signal committee inboxes, so they need a client of their own. Creating it makes sure of the
  // namespace and the search attributes (src/temporal/bootstrap.ts) before the worker polls for any task.
  const client = await createClient(config, tracing).catch(async (err: unknown) => {
    await connection.close();
    throw err;
  });
  // Mail settings, the registry it reads and the digest's Schedule (src/mail/worker-mail.ts).
  const mail = await prepareWorkerMail(client, config.taskQueue);
  return Worker.create({
    connection,
    namespace: config.namespace,
    taskQueue: config.taskQueue,
    // A bundle made beforehand (the test suites make one per run) is used as it is; otherwise the worker makes it,
    // with the same options as every replay (src/temporal/bundle.ts) and, when tracing is on, its workflow
    // interceptor (the SDK adds no interceptor module to a ready bundle).
    workflowBundle:
      overrides.workflowBundle ??
      (await bundleWorkflows({ workflowInterceptorModules: tracing?.workflowInterceptorModules })),
    dataConverter: dataConverterOf(),
    activities: {
      ...createAlertActivities({ client, taskQueue: config.taskQueue, webhooks, ...mail }),
      ...createMailActivities({ client, ...mail }),
    },
    maxCachedWorkflows: config.maxCachedWorkflows,
    ...tracing?.workerOptions,
    ...overrides,
  });
}
