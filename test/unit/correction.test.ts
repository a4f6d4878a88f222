/**
 * The correction's pure core: which steps can be corrected, who may, and the
 * case judged again from its registration with one step replaced.
 */
import { iso } from '../../src/charter/dates';
import { correctable, correctCase, correctionWho, currentEvent } from '../../src/machine/correct';
import { trackDeadlines } from '../../src/machine/deadline-log';
import { openDeadlines } from '../../src/machine/deadlines';
import { calendarOf } from '../../src/machine/calendar-of';
import { advance, startCase, stageOf } from '../../src/machine/advance';
import type { MachineEvent } from '../../src/schemas/commands';
import type { DeadlineRecord, TrailEntry } from '../../src/schemas/trail';
import { cmd, eventsUntil, registration } from '../helpers/commands';

const features = { helperAssessments: true };
const secretary = { userId: 'secretary-1', role: 'cell_secretary', orgId: 'cb-thpt-a' };

/**
 * The trail a workflow keeps for these steps: a registration entry, then one entry per step. The commands were
 * typed in on 1/1/2026, so a corrected date is not in the future; the end of probation was the timer's, on its day.
 */
function trailOf(events: MachineEvent[]): TrailEntry[] {
  return [
    { seq: 1, at: '', kind: 'registered' },
    ...events.map((event, i): TrailEntry => ({
      seq: i + 2,
      at: '',
      kind: event.type === 'PROBATION_ENDED' ? 'system' : 'command',
      type: event.type,
      date: event.date,
      ...('recordedBy' in event ? { recordedBy: event.recordedBy } : {}),
      event: event.type === 'PROBATION_ENDED' ? event : { ...event, recordedOn: iso('2026-01-01') },
    })),
  ];
}
const origin = () => startCase(registration()).context;
const seqOf = (trail: TrailEntry[], type: string) => trail.find((t) => t.type === type)!.seq;
const refusalIds = (r: ReturnType<typeof correctCase>) => (r.ok ? [] : r.refusals.map((x) => x.ruleId));

describe('correctable', () => {
  const trail = trailOf(eventsUntil('cell_vote'));
  const application = seqOf(trail, 'RECORD_APPLICATION');
  const ruleOf = (r: ReturnType<typeof correctable>) => (r.ok ? 'ok' : r.refusal.ruleId);

  test('a command held in full, corrected by the same kind of step', () => {
    expect(ruleOf(correctable(trail, application, 'RECORD_APPLICATION', true))).toBe('ok');
    expect(ruleOf(correctable(trail, application, 'RECORD_COMMENTS', true))).toBe('correction.same_type');
  });

  test('not the registration, nor a step that does not exist, nor a case not held from its start', () => {
    expect(ruleOf(correctable(trail, 1, 'RECORD_APPLICATION', true))).toBe('correction.step');
    expect(ruleOf(correctable(trail, 99, 'RECORD_APPLICATION', true))).toBe('correction.step');
    expect(ruleOf(correctable(trail, application, 'RECORD_APPLICATION', false))).toBe('correction.step');
    const older = trail.map((t) => (t.seq === 2 ? { ...t, event: undefined } : t));
    expect(ruleOf(correctable(older, application, 'RECORD_APPLICATION', true))).toBe('correction.step');
  });
});

describe('correctionWho', () => {
  const trail = trailOf(eventsUntil('probation'));
  const ctx = origin();
  const vote = seqOf(trail, 'RECORD_CELL_VOTE');
  const decision = seqOf(trail, 'RECORD_COMMITTEE_DECISION');
  const who = (seq: number, actor: typeof secretary, t = trail) => correctionWho(t, seq, actor, ctx).ok;

  test('before any decision: the recorder, or a committee above the cell; not another person, not an outside committee', () => {
    const beforeDecision = trail.filter((t) => t.seq < decision);
    expect(who(vote, secretary, beforeDecision)).toBe(true);
    expect(who(vote, { ...secretary, userId: 'secretary-2' }, beforeDecision)).toBe(false);
    expect(who(vote, { userId: 'hu-a-1', role: 'committee', orgId: 'hu-a' }, beforeDecision)).toBe(true);
    expect(who(vote, { userId: 'du-bv-1', role: 'committee', orgId: 'du-bv' }, beforeDecision)).toBe(false);
    // A committee's organisation is what counts, not a user id that happens to match.
    expect(who(vote, { userId: 'hu-a-1', role: 'cell_secretary', orgId: 'hu-a' }, beforeDecision)).toBe(false);
  });

  test('after the decision: only the committee that decided, for the steps before it and the decision itself', () => {
    const duXa = { userId: 'du-xa-a-1', role: 'committee', orgId: 'du-xa-a' };
    expect(who(vote, secretary)).toBe(false);
    expect(who(vote, { userId: 'hu-a-1', role: 'committee', orgId: 'hu-a' })).toBe(false);
    expect(who(vote, duXa)).toBe(true);
    expect(who(decision, duXa)).toBe(true);
    expect(who(decision, secretary)).toBe(false);
    // The ceremony comes after the decision: its recorder may correct it.
    expect(who(seqOf(trail, 'RECORD_CEREMONY'), secretary)).toBe(true);
    const refused = correctionWho(trail, vote, secretary, ctx);
    expect(refused.ok ? null : refused.refusal.facts).toMatchObject({
      decidedBy: 'du-xa-a',
      recordedBy: 'secretary-1',
    });
  });

  test('a failed committee vote is not a decision: the recorder may still correct what came before', () => {
    const undecided = cmd('RECORD_RECOGNITION_DECISION', '2025-09-10', {
      decision: 'undecided',
      committeeId: 'du-xa-a',
      tally: { members: 9, agree: 5, minutesHash: 'a'.repeat(64) },
    });
    const paper = cmd('RECORD_RECOGNITION_PAPER', '2025-07-20', { form: '10-KNĐ' });
    const t = trailOf([paper, undecided]);
    expect(correctionWho(t, 2, secretary, ctx).ok).toBe(true);
  });
});

describe('correctCase', () => {
  const events = eventsUntil('committee_review');
  const trail = trailOf(events);
  /** A step as recorded in the trail (typed in on 1/1/2026), with some fields as they should have been. */
  const with_ = (type: string, extra: Record<string, unknown>) =>
    ({ ...trail.find((t) => t.type === type)!.event!, ...extra }) as MachineEvent;

  test('rebuilds the case as if the step had been recorded so, and its deadlines with it', () => {
    const vote = seqOf(trail, 'RECORD_CELL_VOTE');
    const r = correctCase(origin(), trail, vote, with_('RECORD_CELL_VOTE', { date: '2024-06-07' }), features);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(stageOf(r.snapshot)).toBe('committee_review');
    expect(r.snapshot.context.cellVote?.on).toBe('2024-06-07');
    expect(r.deadlines.map((d) => [d.kind, d.startedOn, d.metOn])).toEqual([
      ['committee_decision', '2024-06-07', null],
    ]);
  });

  test('the corrected step is judged by every rule; a later step it would break is named', () => {
    const certificate = seqOf(trail, 'RECORD_CERTIFICATE');
    const later = correctCase(
      origin(),
      trail,
      certificate,
      with_('RECORD_CERTIFICATE', { date: '2024-03-11' }),
      features,
    );
    expect(later.ok ? null : later.refusals[0]).toMatchObject({
      ruleId: 'correction.later_step',
      facts: { seq: seqOf(trail, 'RECORD_APPLICATION'), step: 'RECORD_APPLICATION', rules: ['date.order'] },
    });
    const vote = seqOf(trail, 'RECORD_CELL_VOTE');
    const short = with_('RECORD_CELL_VOTE', {
      tally: { ...(events.find((e) => e.type === 'RECORD_CELL_VOTE') as { tally: object }).tally, yes: 12, no: 6 },
    });
    expect(refusalIds(correctCase(origin(), trail, vote, short, features))).toEqual(['cell_vote.two_thirds']);
    // Copied from paper, the same vote is kept with its breach as an irregularity.
    const paper = correctCase(origin(), trail, vote, { ...short, paperRecord: true } as MachineEvent, features);
    expect(paper.ok && paper.irregularities.map((x) => x.ruleId)).toEqual(['cell_vote.two_thirds']);
  });

  test('the latest correction of a step is the one later corrections build on', () => {
    const comments = seqOf(trail, 'RECORD_COMMENTS');
    const corrected = trail.map((t) =>
      t.seq === comments
        ? { ...t, corrected: { bySeq: 99, event: with_('RECORD_COMMENTS', { date: '2024-03-21' }) } }
        : t,
    );
    expect(currentEvent(corrected.find((t) => t.seq === comments)!)?.date).toBe('2024-03-21');
    const r = correctCase(
      origin(),
      corrected,
      seqOf(trail, 'RECORD_APPLICATION'),
      with_('RECORD_APPLICATION', {}),
      features,
    );
    expect(r.ok && r.snapshot.context.comments?.on).toBe('2024-03-21');
  });

  test("probation's end follows a corrected ceremony, and is refused if it would now fall after the day it happened", () => {
    // Nothing recorded during probation but its end, so only that step can stand in the ceremony's way.
    const all = eventsUntil('recognition_vote').filter(
      (e) => e.type !== 'ASSIGN_HELPER' && e.type !== 'RECORD_RECOGNITION_PAPER',
    );
    const ended = all.findIndex((e) => e.type === 'PROBATION_ENDED');
    const t = trailOf(all.slice(0, ended + 1));
    const ceremony = seqOf(t, 'RECORD_CEREMONY');
    const cer = t.find((e) => e.seq === ceremony)!.event!;
    const earlier = correctCase(origin(), t, ceremony, { ...cer, date: iso('2024-08-01') }, features);
    expect(earlier.ok && earlier.snapshot.context.probationEndsOn).toBe('2025-08-01');
    expect(earlier.ok && stageOf(earlier.snapshot)).toBe('recognition_vote');
    const later = correctCase(origin(), t, ceremony, { ...cer, date: iso('2024-08-05') }, features);
    expect(later.ok ? null : later.refusals[0]).toMatchObject({
      ruleId: 'correction.later_step',
      facts: { step: 'PROBATION_ENDED', rules: ['date.not_future'] },
    });
  });
});

test('the deadline book enters, moves and meets deadlines as the case changes', () => {
  const log: DeadlineRecord[] = [];
  let s = startCase(registration());
  const cal = calendarOf(s.context);
  for (const e of eventsUntil('committee_review')) {
    const r = advance(s, e);
    if (!r.ok) throw new Error(e.type);
    s = r.snapshot;
    expect(trackDeadlines(log, openDeadlines(stageOf(s), s.context), e.date, cal)).toEqual([]);
  }
  expect(log.map((d) => [d.id, d.dueDate, d.metOn])).toEqual([['committee_decision', '2024-08-28', null]]);
  // Met late: two working days after it fell due.
  const open = openDeadlines(stageOf(s), s.context);
  const met = trackDeadlines(log, [], iso('2024-08-30'), cal);
  expect(met.map((d) => [d.id, d.metOn, d.workingDaysLate])).toEqual([['committee_decision', '2024-08-30', 2]]);
  // Extended: the open record takes the new due date instead of a second record.
  const log2: DeadlineRecord[] = [];
  trackDeadlines(log2, open, iso('2024-06-05'), cal);
  trackDeadlines(log2, [{ ...open[0]!, dueDate: iso('2024-09-10') }], iso('2024-06-20'), cal);
  expect(log2.map((d) => [d.dueDate, d.overdueFrom, d.metOn])).toEqual([['2024-09-10', '2024-09-11', null]]);
});

describe('each refusal names its facts and reasons in both languages', () => {
  const trail = trailOf(eventsUntil('probation'));
  const application = seqOf(trail, 'RECORD_APPLICATION');
  const vote = seqOf(trail, 'RECORD_CELL_VOTE');
  const refusal = (r: { ok: boolean; refusal?: unknown }) => (r.ok ? null : r.refusal);

  test('correction.step: no such step, the registration, a case not held in full', () => {
    expect(refusal(correctable(trail, 99, 'RECORD_APPLICATION', true))).toEqual({
      ruleId: 'correction.step',
      facts: { seq: 99 },
      reason: {
        vi: 'Không có bước số 99 do người dùng ghi nhận để sửa.',
        en: 'There is no step number 99 recorded by a user to correct.',
      },
    });
    // The end of probation is the case's own step: not a user's to correct.
    const withSystem = trailOf(eventsUntil('recognition_vote'));
    const ended = withSystem.find((t) => t.type === 'PROBATION_ENDED')!.seq;
    expect(refusal(correctable(withSystem, ended, 'PROBATION_ENDED', true))).toMatchObject({ facts: { seq: ended } });
    // A system step recorded before events were kept makes the case impossible to judge again from its start.
    const olderSystem = withSystem.map((t) => (t.kind === 'system' ? { ...t, event: undefined } : t));
    expect(refusal(correctable(olderSystem, application, 'RECORD_APPLICATION', true))).toEqual({
      ruleId: 'correction.step',
      facts: { seq: application },
      reason: {
        vi: 'Hồ sơ này có bước ghi nhận trước khi có chức năng sửa, nên không thể xét lại từ đầu để sửa.',
        en: 'This case holds steps recorded before corrections existed, so it cannot be judged again from its start.',
      },
    });
  });

  test('correction.same_type names the kind recorded and the kind sent', () => {
    expect(refusal(correctable(trail, application, 'RECORD_COMMENTS', true))).toEqual({
      ruleId: 'correction.same_type',
      facts: { seq: application, recorded: 'RECORD_APPLICATION', sent: 'RECORD_COMMENTS' },
      reason: {
        vi: `Bước số ${application} là RECORD_APPLICATION; bản sửa phải là cùng loại bước, không phải RECORD_COMMENTS.`,
        en: `Step ${application} is RECORD_APPLICATION; its correction must be the same kind of step, not RECORD_COMMENTS.`,
      },
    });
  });

  test('correction.who names the recorder, or the committee that decided', () => {
    const ctx = origin();
    const before = trail.filter((t) => t.seq < seqOf(trail, 'RECORD_COMMITTEE_DECISION'));
    expect(correctionWho(before, vote, secretary, ctx)).toEqual({ ok: true, ruleId: 'correction.who' });
    expect(refusal(correctionWho(before, vote, { ...secretary, userId: 'secretary-2' }, ctx))).toEqual({
      ruleId: 'correction.who',
      facts: { seq: vote, recordedBy: 'secretary-1', decidedBy: null, actor: 'secretary-2' },
      reason: {
        vi: `Chỉ người đã ghi nhận bước số ${vote} (secretary-1) hoặc cấp ủy cấp trên được sửa bước này.`,
        en: `Only the one who recorded step ${vote} (secretary-1) or a committee above may correct it.`,
      },
    });
    // A secretary whose organisation is du-xa-a is still not the committee that decided.
    const posing = { userId: 'x', role: 'cell_secretary', orgId: 'du-xa-a' };
    expect(refusal(correctionWho(trail, vote, posing, ctx))).toEqual({
      ruleId: 'correction.who',
      facts: { seq: vote, recordedBy: 'secretary-1', decidedBy: 'du-xa-a', actor: 'x' },
      reason: {
        vi: `Cấp ủy du-xa-a đã quyết định trên bước số ${vote}: chỉ cấp ủy du-xa-a được sửa bước này.`,
        en: `Committee du-xa-a has decided on step ${vote}: only du-xa-a may correct it.`,
      },
    });
    // A step with no recorder known is named so.
    const anonymous = before.map((t) => (t.seq === vote ? { ...t, recordedBy: undefined } : t));
    expect(refusal(correctionWho(anonymous, vote, secretary, ctx))).toMatchObject({
      facts: { recordedBy: null },
      reason: { vi: expect.stringContaining('(không rõ)'), en: expect.stringContaining('(unknown)') },
    });
  });

  test('correction.later_step names the step, its date and the rule it would break, in both languages', () => {
    const t = trailOf(eventsUntil('cell_vote'));
    const cert = t.find((e) => e.type === 'RECORD_CERTIFICATE')!;
    const r = correctCase(origin(), t, cert.seq, { ...cert.event!, date: iso('2024-03-11') }, features);
    const app = seqOf(t, 'RECORD_APPLICATION');
    expect(r.ok ? null : r.refusals[0]).toEqual({
      ruleId: 'correction.later_step',
      facts: { seq: app, step: 'RECORD_APPLICATION', date: '2024-03-10', rules: ['date.order'] },
      reason: {
        vi: expect.stringMatching(
          new RegExp(`^Sửa như vậy làm bước số ${app} \\(RECORD_APPLICATION, ngày 10/03/2024\\) trái quy định: .+`),
        ),
        en: expect.stringMatching(
          new RegExp(`^So corrected, step ${app} \\(RECORD_APPLICATION, 10/03/2024\\) would break a rule: .+`),
        ),
      },
    });
  });
});

test('the deadline book keeps each deadline to its own record: two open at once, and one that opens again after it was met', () => {
  const cal = calendarOf(origin());
  const deadline = (id: string, dueDate: string) => ({
    id,
    kind: (id.startsWith('helper') ? 'helper_assessment' : 'transfer_start') as 'transfer_start',
    startedOn: iso('2025-01-02'),
    dueDate: iso(dueDate),
    answerBy: 'cb-thpt-a',
    policyId: '2021',
    label: { vi: id, en: id },
  });
  const log: DeadlineRecord[] = [];
  trackDeadlines(
    log,
    [deadline('transfer_start', '2025-02-03'), deadline('helper_assessment#1', '2025-04-02')],
    iso('2025-01-02'),
    cal,
  );
  // Each open deadline moves its own record only.
  trackDeadlines(
    log,
    [deadline('transfer_start', '2025-02-10'), deadline('helper_assessment#1', '2025-04-02')],
    iso('2025-01-03'),
    cal,
  );
  expect(log.map((r) => [r.id, r.dueDate, r.metOn])).toEqual([
    ['transfer_start', '2025-02-10', null],
    ['helper_assessment#1', '2025-04-02', null],
  ]);
  // The transfer is done; the assessment stays open and keeps its record.
  const met = trackDeadlines(log, [deadline('helper_assessment#1', '2025-04-02')], iso('2025-02-05'), cal);
  expect(met.map((r) => r.id)).toEqual(['transfer_start']);
  // A second move opens the same kind of deadline again: a new record, the met one left as it was.
  trackDeadlines(
    log,
    [deadline('transfer_start', '2025-06-02'), deadline('helper_assessment#1', '2025-04-02')],
    iso('2025-05-02'),
    cal,
  );
  expect(log.map((r) => [r.id, r.dueDate, r.metOn])).toEqual([
    ['transfer_start', '2025-02-10', '2025-02-05'],
    ['helper_assessment#1', '2025-04-02', null],
    ['transfer_start', '2025-06-02', null],
  ]);
  // Meeting the second leaves the first one's day alone.
  trackDeadlines(log, [], iso('2025-05-20'), cal);
  expect(log.map((r) => r.metOn)).toEqual(['2025-02-05', '2025-05-20', '2025-05-20']);
});
