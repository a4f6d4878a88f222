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
