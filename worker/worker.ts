/** Builds the worker that hosts the candidate workflow and the alert activities. */
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import type { TemporalConfig } from '../temporal.config';
import { connectionOptions } from '../src/temporal/connection';
import * as activities from '../activities';

export async function createWorker(config: TemporalConfig, overrides: Partial<WorkerOptions> = {}): Promise<Worker> {
  const connection = await NativeConnection.connect(connectionOptions(config));
  return Worker.create({
    connection,
    namespace: config.namespace,
    taskQueue: config.taskQueue,
    workflowsPath: require.resolve('../workflows'),
    activities,
    ...overrides,
  });
}
