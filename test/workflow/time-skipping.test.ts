import { Worker } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createTimeSkippingEnv } from '../helpers/temporal';
import { sleepDays } from './fixtures/sleep';

let env: TestWorkflowEnvironment;
beforeAll(async () => {
  env = await createTimeSkippingEnv();
});
afterAll(async () => {
  await env?.teardown();
});

test('a workflow sleeping 365 days finishes in well under a second of wall time', async () => {
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue: 'time-skipping',
    workflowsPath: require.resolve('./fixtures/sleep'),
  });
  const before = await env.currentTimeMs();
  const { result, wallMs } = await worker.runUntil(async () => {
    const started = performance.now();
    const result = await env.client.workflow.execute(sleepDays, {
      args: [365],
      taskQueue: 'time-skipping',
      workflowId: 'sleep-365',
    });
    return { result, wallMs: performance.now() - started };
  });
  const skippedMs = (await env.currentTimeMs()) - before;
  expect(result).toBe('woke');
  expect(skippedMs).toBeGreaterThanOrEqual(365 * 24 * 3600 * 1000);
  // The year passed on the server's clock. A real sleep would take a year of wall time, so any bound far
  // below that proves skipping; the bound is loose so that a loaded CI machine cannot make it flaky.
  expect(wallMs).toBeLessThan(10_000);
  console.log(`365-day sleep: ${wallMs.toFixed(0)} ms wall time`);
});
