/**
 * A worker killed with SIGKILL in the middle of a case, with a command in
 * flight: a new worker process picks the case up and finishes it, and every
 * command is in the trail exactly once.
 */
import type { ChildProcess } from 'node:child_process';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { iso, startOfLocalDay } from '../../src/charter/dates';
import { caseHandle, registerCase } from '../../src/temporal/cases';
import type { CommandInput } from '../../src/schemas/commands';
import { createTimeSkippingEnv } from '../helpers/temporal';
import { registration } from '../helpers/commands';
import { testCodecEnv, testDataConverter } from '../helpers/codec';
import { startWorkerProcess } from '../helpers/worker-process';

const taskQueue = 'crash-tests';
let env: TestWorkflowEnvironment;
const workers: ChildProcess[] = [];
const codecEnv = testCodecEnv();

beforeAll(async () => {
  env = await createTimeSkippingEnv(testDataConverter(codecEnv));
});
afterAll(async () => {
  for (const w of workers) w.kill('SIGKILL');
  await env?.teardown();
});

/** `npm run worker`, as an operator starts it, against the test server. */
async function startWorker(): Promise<ChildProcess> {
  const child = await startWorkerProcess({
    ...codecEnv,
    TEMPORAL_ADDRESS: env.address,
    TEMPORAL_TASK_QUEUE: taskQueue,
  });
  workers.push(child);
  return child;
}

const signed = {
  signedBy: 'Bí thư Trần Văn Bình',
  recordedBy: { userId: 'secretary-1', role: 'cell_secretary' },
};
const introducer = (fullName: string) => ({
  kind: 'official_member' as const,
  fullName,
  memberStatus: 'official' as const,
  together_since: '2022-01-01',
});
const steps: CommandInput[] = [
  { type: 'ENROL_COURSE', date: '2025-06-03', form: 'VB', mentor: 'Lê Văn Tâm', ...signed },
  { type: 'RECORD_CERTIFICATE', date: '2025-07-01', form: 'CN-NTVĐ', certificateNo: 'CN-25-001', ...signed },
  { type: 'RECORD_APPLICATION', date: '2025-07-05', form: '1-KNĐ', ...signed },
  { type: 'RECORD_PERSONAL_HISTORY', date: '2025-07-07', form: '2-KNĐ', ...signed },
  { type: 'RECORD_COMMENTS', date: '2025-09-01', form: '5-KNĐ', ...signed },
  {
    type: 'RECORD_INTRODUCTION',
    date: '2025-09-01',
    form: '3-KNĐ',
    slot: 1,
    introducer: introducer('Phạm Văn Dũng'),
    ...signed,
  },
  {
    type: 'RECORD_INTRODUCTION',
    date: '2025-09-02',
    form: '3-KNĐ',
    slot: 2,
    introducer: introducer('Hoàng Thị Em'),
    ...signed,
  },
  { type: 'RECORD_VERIFICATION', date: '2025-10-15', form: '2-KNĐ', outcome: 'pass', ...signed },
  {
    type: 'RECORD_CELL_VOTE',
    date: '2025-12-10',
    form: '6-KNĐ',
    resolution: 'propose_admission',
    tally: { officialMembers: 15, present: 14, excusedAbsent: 0, yes: 13, no: 1, minutesHash: 'b'.repeat(64) },
    ...signed,
  },
] as CommandInput[];

test('SIGKILL of the worker mid-case: a new worker finishes it, nothing lost, nothing applied twice', async () => {
  const first = await startWorker();
  const clockOffsetMs = startOfLocalDay(iso('2025-12-11')).getTime() + 9 * 3600_000 - (await env.currentTimeMs());
  await registerCase(env.client, taskQueue, registration({ caseId: 'crash', registeredOn: iso('2025-06-02') }), {
    clockOffsetMs,
  });
  const c = caseHandle(env.client, 'crash');
  for (const step of steps.slice(0, 4)) await c.send(step);

  // The fifth command (comments, which the machine would accept a second time) is in flight when the worker
  // dies. The client does not know whether it was applied, so it sends it again with the same key, as the API's
  // callers do; whichever attempt the case took, it records the comments once and both attempts get that step.
  const key = 'crash-comments-0001';
  const inFlight = c.send(steps[4]!, { idempotencyKey: key }).then(
    (accepted) => accepted,
    (err: unknown) => err,
  );
  first.kill('SIGKILL');
  await new Promise((resolve) => first.once('exit', resolve));
  await startWorker();
  const retried = await c.send(steps[4]!, { idempotencyKey: key });
  const outcome = await inFlight;
  if (!(outcome instanceof Error)) expect(outcome).toEqual(retried);
  for (const step of steps.slice(5)) await c.send(step);

  const trail = await c.trail();
  const commands = trail.filter((t) => t.kind === 'command').map((t) => `${t.type}@${t.date}`);
  expect(commands).toEqual(steps.map((s) => `${s.type}@${s.date}`));
  expect(trail.filter((t) => t.request?.key === key).map((t) => t.seq)).toEqual([retried.seq]);
  // Sent straight to Temporal, the vote carries no registry figures: the trail says its denominator was not checked.
  expect(trail.find((t) => t.type === 'RECORD_CELL_VOTE')?.detail).toEqual({
    unverified: ['cell_vote.members_unverified'],
  });
  expect(await c.stage()).toBe('committee_review');
  const deadlines = await c.deadlines();
  expect(deadlines.open).toEqual([expect.objectContaining({ kind: 'committee_decision', dueDate: '2026-03-12' })]);
}, 120_000);
