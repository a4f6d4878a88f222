/**
 * Correcting a recorded step over real HTTP (issue 16, item 13): the one who
 * recorded it corrects a mistyped date with CORRECT_STEP; an auditor may not
 * (403), nor another secretary of the same cell (422 correction.who); a
 * correction that breaks a later step is refused naming it; an unknown field
 * of the step is a 400 naming it; a retry with the same Idempotency-Key
 * records one correction; the case, its trail and its audit show both the
 * original and the correction.
 */
import type { Principal } from '../../src/auth/principal';
import { SECRETARY, signedBy, STEPS } from '../../src/demo/full-case';
import type { TrailEntry } from '../../src/schemas/trail';
import { demoCaseUpTo, startStack, type Stack } from '../helpers/stack';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack('e2e-correction');
}, 120_000);
afterAll(() => stack?.stop());

const AUDITOR: Principal = { userId: 'kiem-tra-1', role: 'auditor', orgId: 'tu-demo' };
/** Another secretary of the same cell: within its scope, but not the one who recorded the steps. */
const DEPUTY: Principal = { userId: 'pbt-thpt-a', role: 'cell_secretary', orgId: 'cb-thpt-a' };

const stepOf = (type: string) => ({ ...STEPS.find(([, s]) => s.type === type)![1], signedBy });

/** POST a command with an Idempotency-Key, as the dashboard and the CLI send one. */
async function send(who: Principal, caseId: string, body: unknown, key: string) {
  const res = await fetch(`${stack.base}/cases/${caseId}/commands`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${await stack.tokenOf(who)}`,
      'content-type': 'application/json',
      'idempotency-key': key,
    },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const trailOf = async (caseId: string) =>
  (await stack.as(SECRETARY)('GET', `/cases/${caseId}`)).body.trail as TrailEntry[];
const seqOf = (trail: TrailEntry[], type: string) => trail.find((t) => t.kind === 'command' && t.type === type)!.seq;

test('the recorder corrects a mistyped date once however often it is sent; the original stays beside it', async () => {
  await demoCaseUpTo(stack, 'corr-api', 'RECORD_CELL_VOTE');
  const trail = await trailOf('corr-api');
  const comments = seqOf(trail, 'RECORD_COMMENTS');
  const body = {
    type: 'CORRECT_STEP',
    seq: comments,
    step: { ...stepOf('RECORD_COMMENTS'), date: '2025-08-14' },
    reason: 'Gõ nhầm ngày: nhận xét ký ngày 14/08/2025',
  };
  const key = 'corr-api-0000-4000-8000-000000000001';
  const first = await send(SECRETARY, 'corr-api', body, key);
  expect(first).toMatchObject({ status: 200, body: { stage: 'cell_vote', corrected: { seq: comments } } });
  // Sent again with the same key (a lost answer, a 503): answered from the first, recorded once.
  const again = await send(SECRETARY, 'corr-api', body, key);
  expect(again).toMatchObject({ status: 200, body: first.body });

  const after = await trailOf('corr-api');
  const corrections = after.filter((t) => t.kind === 'correction');
  expect(corrections).toHaveLength(1);
  expect(corrections[0]).toMatchObject({
    seq: first.body.seq,
    type: 'CORRECT_STEP',
    recordedBy: { userId: SECRETARY.userId },
    detail: { seq: comments, reason: body.reason, before: { date: '2025-08-15' }, after: { date: '2025-08-14' } },
  });
  expect(after.find((t) => t.seq === comments)).toMatchObject({
    date: '2025-08-15',
    event: { date: '2025-08-15' },
    corrected: { bySeq: first.body.seq, event: { type: 'RECORD_COMMENTS', date: '2025-08-14' } },
  });
  const read = await stack.as(SECRETARY)('GET', '/cases/corr-api');
  expect((read.body.context as { comments?: { on: string } }).comments?.on).toBe('2025-08-14');

  // The audit judges the step as corrected and says what changed, who, when and why; its timeline has the correction.
  const audit = await stack.as(AUDITOR)('GET', '/cases/corr-api/audit');
  expect(audit.status).toBe(200);
  const steps = audit.body.steps as Array<{ type: string; date: string; correction?: unknown }>;
  expect(steps.find((s) => s.type === 'RECORD_COMMENTS')).toMatchObject({
    date: '2025-08-14',
    correction: {
      recordedBy: SECRETARY.userId,
      reason: body.reason,
      changed: [{ field: 'date', before: '2025-08-15', after: '2025-08-14' }],
    },
  });
  expect(steps.filter((s) => s.correction)).toHaveLength(1);
  const timeline = audit.body.timeline as Array<{ kind: string; command?: { type: string } }>;
  expect(timeline.filter((e) => e.kind === 'command' && e.command?.type === 'CORRECT_STEP')).toHaveLength(1);
  const html = await fetch(`${stack.base}/cases/corr-api/audit?format=html`, {
    headers: { authorization: `Bearer ${await stack.tokenOf(AUDITOR)}` },
  });
  const page = await html.text();
  expect(page).toContain(`đã sửa / corrected`);
  expect(page).toContain(`${SECRETARY.userId}: ${body.reason}; date: 15/08/2025 → 14/08/2025`);
}, 120_000);

test('who may not correct, a correction that breaks a later step, and a step with an unknown field', async () => {
  await demoCaseUpTo(stack, 'corr-refused', 'RECORD_CELL_VOTE');
  const before = await trailOf('corr-refused');
  const comments = seqOf(before, 'RECORD_COMMENTS');
  const certificate = seqOf(before, 'RECORD_CERTIFICATE');
  const correct = (seq: number, step: Record<string, unknown>) => ({
    type: 'CORRECT_STEP',
    seq,
    step,
    reason: 'Gõ nhầm ngày',
  });
  const fixed = correct(comments, { ...stepOf('RECORD_COMMENTS'), date: '2025-08-14' });

  // An auditor records nothing: refused by scope before the workflow is asked.
  const auditor = await send(AUDITOR, 'corr-refused', fixed, 'corr-refused-auditor-1');
  expect(auditor).toMatchObject({ status: 403, body: { error: 'forbidden' } });
  // A secretary of the same cell may record steps, but only the one who recorded this one may correct it.
  const deputy = await send(DEPUTY, 'corr-refused', fixed, 'corr-refused-deputy-1');
  expect(deputy.status).toBe(422);
  expect((deputy.body.refusals as Array<{ ruleId: string; reason: { vi: string; en: string } }>)[0]).toMatchObject({
    ruleId: 'correction.who',
    reason: { vi: expect.stringContaining(SECRETARY.userId), en: expect.stringContaining(SECRETARY.userId) },
  });

  // The certificate dated after the application (28/07/2025): the application would come before its stage opened.
  const late = await send(
    SECRETARY,
    'corr-refused',
    correct(certificate, { ...stepOf('RECORD_CERTIFICATE'), date: '2025-07-29' }),
    'corr-refused-late-1',
  );
  expect(late.status).toBe(422);
  const application = seqOf(before, 'RECORD_APPLICATION');
  expect(late.body.refusals).toEqual([
    expect.objectContaining({
      ruleId: 'correction.later_step',
      facts: expect.objectContaining({ seq: application, step: 'RECORD_APPLICATION' }),
      reason: {
        vi: expect.stringContaining(`bước số ${application} (RECORD_APPLICATION`),
        en: expect.stringContaining(`step ${application} (RECORD_APPLICATION`),
      },
    }),
  ]);

  // The step is checked as strictly as the step itself: an unknown field is named.
  const unknown = await send(
    SECRETARY,
    'corr-refused',
    correct(comments, { ...stepOf('RECORD_COMMENTS'), colour: 'đỏ' }),
    'corr-refused-unknown-1',
  );
  expect(unknown).toMatchObject({ status: 400, body: { field: 'step.colour' } });

  expect(await trailOf('corr-refused')).toEqual(before);
}, 120_000);
