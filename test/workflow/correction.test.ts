/**
 * Correcting a recorded step on the real (time-skipping) server: the case is
 * judged again as if the step had been recorded so, a correction that breaks
 * the step itself or a later one is refused and changes nothing, only the one
 * who recorded the step or a committee above may correct it (once a committee
 * has decided on it, only that committee), and the original stays in the trail.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { iso, startOfLocalDay, type IsoDate } from '../../src/charter/dates';
import { caseHandle, CommandRefused, registerCase } from '../../src/temporal/cases';
import type { CommandInput } from '../../src/schemas/commands';
import type { CorrectionInput } from '../../src/schemas/correction';
import type { TrailEntry } from '../../src/schemas/trail';
import { recheck } from '../../src/audit/compliance';
import { fetchCaseRuns } from '../../src/temporal/case-runs';
import { timelineOf } from '../../src/audit/timeline';
import { createAlertActivities } from '../../activities';
import { bundleWorkflows, createTimeSkippingEnv } from '../helpers/temporal';
import { eventsUntil, HAPPY_PATH, registration } from '../helpers/commands';

const taskQueue = 'correction-tests';
let env: TestWorkflowEnvironment;
let worker: Worker;
let running: Promise<void>;

beforeAll(async () => {
  env = await createTimeSkippingEnv();
  worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: await bundleWorkflows(),
    activities: createAlertActivities({ client: env.client, taskQueue, webhooks: { urls: {}, secret: '' } }),
  });
  running = worker.run();
});
afterAll(async () => {
  worker?.shutdown();
  await running;
  await env?.teardown();
});

const secretary = { userId: 'secretary-1', role: 'cell_secretary', orgId: 'cb-thpt-a' };
const otherSecretary = { userId: 'secretary-2', role: 'cell_secretary', orgId: 'cb-thpt-a' };
const committee = (orgId: string) => ({ userId: `${orgId}-1`, role: 'committee', orgId });

/** A case whose clock reads 09:00 of `today` in Hà Nội, taken along the happy path through `until`'s steps. */
async function caseAt(caseId: string, today: IsoDate, steps: CommandInput[], historyLimit?: number) {
  const clockOffsetMs = startOfLocalDay(today).getTime() + 9 * 3600_000 - (await env.currentTimeMs());
  await registerCase(env.client, taskQueue, registration({ caseId }), { clockOffsetMs, historyLimit });
  const c = caseHandle(env.client, caseId);
  for (const s of steps) await c.send(s);
  return c;
}

const step = (type: string): CommandInput => {
  const found = HAPPY_PATH.find(([e]) => e.type === type)![0];
  const { recordedOn: _, ...command } = found as CommandInput & { recordedOn?: string };
  return command as CommandInput;
};
const seqOf = (trail: TrailEntry[], type: string) => trail.find((t) => t.kind === 'command' && t.type === type)!.seq;
const correction = (
  seq: number,
  s: CommandInput,
  by: CorrectionInput['recordedBy'],
  reason = 'Gõ nhầm ngày',
): CorrectionInput => ({ type: 'CORRECT_STEP', seq, step: s, reason, recordedBy: by }) as CorrectionInput;

async function refusedWith(p: Promise<unknown>): Promise<string[]> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(CommandRefused);
  return (err as CommandRefused).refusals.map((r) => r.ruleId);
}

test("a mistyped vote date is corrected: the case and the committee's deadline follow it, the original stays", async () => {
  const c = await caseAt('corrected-vote', iso('2024-06-10'), eventsUntil('cell_vote') as CommandInput[]);
  await c.send(step('RECORD_CELL_VOTE'));
  const before = await c.deadlines();
  const trail = await c.trail();
  const vote = seqOf(trail, 'RECORD_CELL_VOTE');

  const answer = await c.send(
    correction(vote, { ...step('RECORD_CELL_VOTE'), date: '2024-06-07' } as CommandInput, secretary),
  );
  expect(answer).toMatchObject({ stage: 'committee_review', corrected: { seq: vote } });

  const after = await c.trail();
  // The original step is kept as it was recorded, marked with the correction that replaced it.
  expect(after.find((t) => t.seq === vote)).toMatchObject({
    date: '2024-06-05',
    event: { date: '2024-06-05' },
    corrected: { bySeq: answer.seq, event: { type: 'RECORD_CELL_VOTE', date: '2024-06-07' } },
  });
  expect(after.at(-1)).toMatchObject({
    kind: 'correction',
    seq: answer.seq,
    recordedBy: secretary,
    detail: { seq: vote, reason: 'Gõ nhầm ngày', before: { date: '2024-06-05' }, after: { date: '2024-06-07' } },
  });
  expect((await c.snapshot()).context.cellVote?.on).toBe('2024-06-07');
  // 60 working days from the vote (2021 set): 28/8/2024 from 5/6, two working days later from 7/6.
  const due = (d: typeof before) => d.open.find((x) => x.kind === 'committee_decision')?.dueDate;
  expect(due(before)).toBe('2024-08-28');
  expect(due(await c.deadlines())).toBe('2024-08-30');
  expect((await c.deadlines()).history.filter((r) => r.kind === 'committee_decision')).toHaveLength(1);
});

test('a correction that breaks the step itself or a later one is refused, naming it, and changes nothing', async () => {
  const c = await caseAt('refused-corrections', iso('2024-06-10'), eventsUntil('cell_vote') as CommandInput[]);
  const trail = await c.trail();
  const snapshot = await c.snapshot();
  const certificate = seqOf(trail, 'RECORD_CERTIFICATE');
  const application = seqOf(trail, 'RECORD_APPLICATION');

  // The certificate opens the dossier: dated after the application (10/3), the application would come before it.
  const later = c.send(
    correction(certificate, { ...step('RECORD_CERTIFICATE'), date: '2024-03-11' } as CommandInput, secretary),
  );
  await expect(later).rejects.toMatchObject({
    refusals: [
      expect.objectContaining({
        ruleId: 'correction.later_step',
        facts: expect.objectContaining({ seq: application, step: 'RECORD_APPLICATION', rules: ['date.order'] }),
      }),
    ],
  });
  // The corrected step is judged by the charter like any step: a future date is refused.
  expect(
    await refusedWith(
      c.send(correction(application, { ...step('RECORD_APPLICATION'), date: '2024-06-11' } as CommandInput, secretary)),
    ),
  ).toEqual(['date.not_future']);
  // Another kind of step, a step that is not a user's, a step that does not exist.
  expect(await refusedWith(c.send(correction(application, step('RECORD_PERSONAL_HISTORY'), secretary)))).toEqual([
    'correction.same_type',
  ]);
  expect(await refusedWith(c.send(correction(1, step('RECORD_APPLICATION'), secretary)))).toEqual(['correction.step']);
  expect(await refusedWith(c.send(correction(999, step('RECORD_APPLICATION'), secretary)))).toEqual([
    'correction.step',
  ]);
  expect(await c.trail()).toEqual(trail);
  expect(await c.snapshot()).toEqual(snapshot);
});

test('who may correct: the recorder or a committee above; after a decision, only the deciding committee', async () => {
  const c = await caseAt('who-corrects', iso('2024-10-01'), eventsUntil('committee_review') as CommandInput[]);
  const trail = await c.trail();
  const vote = seqOf(trail, 'RECORD_CELL_VOTE');
  const fixed = { ...step('RECORD_CELL_VOTE'), date: '2024-06-06' } as CommandInput;

  expect(await refusedWith(c.send(correction(vote, fixed, otherSecretary)))).toEqual(['correction.who']);
  // A committee above the cell may, before any decision.
  await c.send(correction(vote, fixed, committee('hu-a')));

  await c.send(step('RECORD_COMMITTEE_DECISION'));
  const again = { ...fixed, date: '2024-06-07' } as CommandInput;
  // du-xa-a decided on the dossier and the vote: neither the recorder nor another committee may correct them now.
  expect(await refusedWith(c.send(correction(vote, again, secretary)))).toEqual(['correction.who']);
  await expect(c.send(correction(vote, again, committee('hu-a')))).rejects.toMatchObject({
    refusals: [
      expect.objectContaining({ ruleId: 'correction.who', facts: expect.objectContaining({ decidedBy: 'du-xa-a' }) }),
    ],
  });
  await c.send(correction(vote, again, committee('du-xa-a')));
  expect((await c.snapshot()).context.cellVote?.on).toBe('2024-06-07');
  // The later correction of the same step is the one that stands; both stay in the trail.
  const corrections = (await c.trail()).filter((t) => t.kind === 'correction');
  expect(corrections.map((t) => (t.detail as { after: { date: string } }).after.date)).toEqual([
    '2024-06-06',
    '2024-06-07',
  ]);
});

test('a correction after continue-as-new judges the case from its registration, carried over', async () => {
  const c = await caseAt('corrected-after-can', iso('2024-06-10'), eventsUntil('cell_vote') as CommandInput[], 20);
  const trail = await c.trail();
  expect(trail.map((t) => t.kind)).toContain('continued_as_new');
  const comments = seqOf(trail, 'RECORD_COMMENTS');
  await c.send(correction(comments, { ...step('RECORD_COMMENTS'), date: '2024-03-21' } as CommandInput, secretary));
  expect((await c.snapshot()).context.comments?.on).toBe('2024-03-21');
});

test('the audit judges a corrected step as corrected and shows the original beside it', async () => {
  const c = await caseAt('audited-correction', iso('2024-06-20'), eventsUntil('cell_vote') as CommandInput[]);
  // Copied from paper: the vote as first typed passed; the minutes say 12 of 20 voted yes, short of two thirds.
  const vote = { ...step('RECORD_CELL_VOTE'), paperRecord: true } as CommandInput;
  await c.send(vote);
  const seq = seqOf(await c.trail(), 'RECORD_CELL_VOTE');
  const short = { ...vote, tally: { ...(vote as { tally: object }).tally, yes: 12, no: 6 } } as CommandInput;
  const answer = await c.send(correction(seq, short, committee('du-xa-a'), 'Biên bản ghi 12 phiếu tán thành'));
  // A paper record keeps its breaches: the corrected vote is accepted with the irregularity the minutes show.
  expect(answer.irregularities?.map((r) => r.ruleId)).toEqual(['cell_vote.two_thirds']);

  const timeline = await timelineOf(
    await fetchCaseRuns(env.client, 'audited-correction'),
    env.client.options.loadedDataConverter,
  );
  const { steps, findings } = recheck(timeline, iso('2024-06-20'));
  expect(findings.filter((f) => f.ruleId).map((f) => [f.step, f.ruleId])).toEqual([
    ['RECORD_CELL_VOTE', 'cell_vote.two_thirds'],
  ]);
  const reviewed = steps.find((s) => s.review.type === 'RECORD_CELL_VOTE')!.review;
  expect(reviewed.correction).toEqual({
    eventId: expect.any(Number),
    on: '2024-06-20',
    recordedBy: 'du-xa-a-1',
    reason: 'Biên bản ghi 12 phiếu tán thành',
    changed: [
      {
        field: 'tally',
        before: expect.objectContaining({ yes: 17, no: 1 }),
        after: expect.objectContaining({ yes: 12, no: 6 }),
      },
    ],
  });
  // The correction is its own entry in the timeline, after the step it corrected.
  const commands = timeline.filter((e) => e.kind === 'command').map((e) => e.command.type);
  expect(commands.slice(-2)).toEqual(['RECORD_CELL_VOTE', 'CORRECT_STEP']);
});

test('a correction that ends the case closes the alerts of the deadline the corrected case never had', async () => {
  // On 1/10/2024 the committee's decision, due 28/8, is overdue and alerted; the vote was in truth "not proposed".
  const c = await caseAt('corrected-to-end', iso('2024-10-01'), eventsUntil('committee_review') as CommandInput[]);
  const alerted = (await c.trail()).filter((t) => t.kind === 'alert');
  expect(alerted.map((t) => (t.detail as { deadlineId: string }).deadlineId)).toContain('committee_decision');
  const vote = seqOf(await c.trail(), 'RECORD_CELL_VOTE');
  const vote0 = step('RECORD_CELL_VOTE') as CommandInput & { tally: object };
  const notProposed = {
    ...vote0,
    resolution: 'not_proposed',
    tally: { ...vote0.tally, yes: 5, no: 13 },
  } as CommandInput;
  // The appraisal after the vote could not have been made for a case the cell did not propose.
  expect(await refusedWith(c.send(correction(vote, notProposed, secretary)))).toEqual(['correction.later_step']);

  const d = await caseAt('corrected-to-end-2', iso('2024-10-01'), eventsUntil('cell_vote') as CommandInput[]);
  await d.send(step('RECORD_CELL_VOTE'));
  expect((await d.trail()).some((t) => t.kind === 'alert')).toBe(true);
  const answer = await d.send(correction(seqOf(await d.trail(), 'RECORD_CELL_VOTE'), notProposed, secretary));
  expect(answer.stage).toBe('rejected');
  await d.handle.result();
  const trail = await d.trail();
  expect(trail.filter((t) => t.kind === 'alert_closed').map((t) => t.detail)).toEqual([
    // 29/8 to 1/10/2024 is 22 working days: 2 and 3 September are the National Day holiday.
    { deadlineId: 'committee_decision', workingDaysLate: 22 },
  ]);
  expect((await d.deadlines()).history.map((r) => [r.id, r.metOn])).toEqual([['committee_decision', '2024-10-01']]);
});
