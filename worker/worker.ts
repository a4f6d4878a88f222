/** Builds the worker that hosts the candidate and inbox workflows and the alert activities. */
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import type { TemporalConfig } from '../temporal.config';
import { connectionOptions } from '../src/temporal/connection';
import { loadWebhookConfig } from '../src/alerts/webhook';
import { createAlertActivities } from '../activities';
import { loadCodec } from '../src/codec/keys';

export async function createWorker(config: TemporalConfig, overrides: Partial<WorkerOptions> = {}): Promise<Worker> {
  const webhooks = loadWebhookConfig();
  const dataConverter = { payloadCodecs: [loadCodec()] };
  const connection = await NativeConnection.connect(connectionOptions(config));
  // Activities signal committee inboxes, so they need a client of their own.
  const client = new Client({
    connection: await Connection.connect(connectionOptions(config)),
    namespace: config.namespace,
    dataConverter,
  });
  return Worker.create({
    connection,
    namespace: config.namespace,
    taskQueue: config.taskQueue,
    workflowsPath: require.resolve('../workflows'),
    dataConverter,
    activities: createAlertActivities({ client, taskQueue: config.taskQueue, webhooks }),
    ...overrides,
  });
}
