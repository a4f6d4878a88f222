/**
 * A case's first step taken by a worker that has never held the case: its old worker stopped right after the
 * registration, the Update waited, and a new worker took both up at once. The server hands such a worker the
 * workflow's start and the Update in one activation, while a replay hands them over one at a time; the case's
 * history must read the same both ways, or the case can never be replayed again (found by the chaos suite: a
 * query to such a case failed with "Update machine does not handle this event: UpsertWorkflowSearchAttributes").
 */
import { Client, Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import type { TemporalConfig } from '../../temporal.config';
import { caseHandle, registerCase } from '../../src/temporal/cases';
import { candidateWorkflowId } from '../../workflows/definitions';
import { createWorker } from '../../worker/worker';
import { testCodecEnv, testDataConverter } from '../helpers/codec';
import { backDatedRegistration, LOAD_STEPS } from '../helpers/load';
import { startScratchServer } from '../helpers/scratch-server';

const { EventType } = temporal.api.enums.v1;
const codecEnv = testCodecEnv();
let config: TemporalConfig;
let discard: (() => Promise<void>) | undefined;
let client: Client;

beforeAll(async () => {
  Object.assign(process.env, codecEnv);
  ({ config, discard } = await startScratchServer('cold-worker', { TEMPORAL_TASK_QUEUE: 'cold' }));
  client = new Client({
    connection: await Connection.connect({ address: config.address }),
    dataConverter: testDataConverter(codecEnv),
  });
}, 120_000);
afterAll(async () => {
  await client?.connection.close();
  await discard?.();
});

async function running<T>(f: (w: Worker) => Promise<T>): Promise<T> {
  const worker = await createWorker(config);
  const run = worker.run();
  try {
    return await f(worker);
  } finally {
    worker.shutdown();
    await run;
  }
}

test("a case's first step taken by a new worker, after its first worker stopped, replays as it was recorded", async () => {
  const caseId = 'cold-1';
  await running(() => registerCase(client, 'cold', backDatedRegistration(caseId)));
  // No worker now: the Update waits, on the stopped worker's sticky queue and then on the task queue.
  const sent = caseHandle(client, caseId).send(LOAD_STEPS[0]!, { idempotencyKey: `${caseId}:0`, timeoutMs: 60_000 });
  await new Promise((r) => setTimeout(r, 1000));
  await running(() => sent);

  const history = await client.workflow.getHandle(candidateWorkflowId(caseId)).fetchHistory();
  const types = (history.events ?? []).map((e) => EventType[e.eventType ?? 0]);
  // The new worker took the start and the Update together: its one task answered the Update, then upserted.
  expect(types.slice(-3)).toEqual([
    'EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED',
    'EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED',
    'EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES',
  ]);
  await expect(
    Worker.runReplayHistory(
      { workflowsPath: require.resolve('../../workflows'), dataConverter: testDataConverter(codecEnv) },
      history,
      candidateWorkflowId(caseId),
    ),
  ).resolves.toBeUndefined();
  // And a third worker, which must replay it to answer, reads the case.
  const stage = await running(() =>
    caseHandle(client, caseId)
      .snapshot()
      .then((s) => s.stage),
  );
  expect(stage).toBe('training');
});
