/**
 * A correction applied to the case: judged by the rules of src/machine/correct.ts against the case as it
 * stands, then the case rebuilt from its registration with the step replaced. Alerts already raised stay
 * raised; an alerted deadline the corrected case meets, or never had, has its alerts closed on the day.
 */
import { policyInForce } from '../charter/policy';
import { refusals, type Refusal, type RuleResult } from '../charter/rule';
import { calendarOf } from '../machine/calendar-of';
import { correctable, correctCase, correctionWho, type Corrected } from '../machine/correct';
import type { MachineEvent } from '../schemas/commands';
import type { Correction } from '../schemas/correction';
import type { CommandAccepted, DeadlineRecord, TrailEntry } from '../schemas/trail';
import { closeAlerts, type StepMeta, type Stepped } from './step';
import { contextOf, openNow, stageOfCase, withEntry, type CaseState, type Clock } from './state';

export type JudgedCorrection =
  | {
      ok: true;
      correction: Correction;
      target: TrailEntry;
      step: MachineEvent;
      result: Extract<Corrected, { ok: true }>;
    }
  | { ok: false; refusals: Refusal[] };

/**
 * May this caller correct that step, and what the case becomes with it. `replayed`: the correction was accepted
 * once (the history says so): who sent it is not asked again, and the corrected step keeps its breaches as a
 * replayed step does.
 */
export function judgeCorrection(s: CaseState, c: Correction, replayed = false): JudgedCorrection {
  const rules: RuleResult[] = [correctable(s.trail, c.seq, c.step.type, true)];
  if (refusals(rules).length === 0 && !replayed) rules.push(correctionWho(s.trail, c.seq, c.recordedBy, contextOf(s)));
  const refused = refusals(rules);
  if (refused.length) return { ok: false, refusals: refused };
  const target = s.trail.find((t) => t.seq === c.seq)!;
  const { acceptedEarlier: _, ...was } = target.event!;
  const step = {
    ...c.step,
    // Who recorded the step stays: the correction names its own author beside it.
    recordedBy: 'recordedBy' in was ? was.recordedBy : c.recordedBy,
    recordedOn: was.recordedOn,
    ...(replayed ? { acceptedEarlier: true as const } : {}),
  } as MachineEvent;
  const result = correctCase(s.origin, s.trail, c.seq, step);
  return result.ok ? { ok: true, correction: c, target, step, result } : result;
}

/** A correction's answer names the step it corrected, as the trail and the Update that recorded it know it. */
function correctedOf(s: CaseState, correction: TrailEntry): { seq: number; updateId: string | null } {
  const seq = (correction.detail as { seq: number }).seq;
  return { seq, updateId: s.trail.find((t) => t.seq === seq)?.updateId ?? null };
}

/** What an accepted step or correction answers its sender, and a retry of it later: the entry it recorded. */
export function answerOf(s: CaseState, entry: TrailEntry): CommandAccepted {
  return {
    stage: entry.stageAfter!,
    openDeadlines: openNow(s),
    seq: entry.seq,
    ...(entry.irregularities ? { irregularities: entry.irregularities } : {}),
    ...(entry.kind === 'correction' ? { corrected: correctedOf(s, entry) } : {}),
  };
}

export function applyCorrection(
  s: CaseState,
  j: Extract<JudgedCorrection, { ok: true }>,
  clock: Clock,
  meta: StepMeta = {},
): Stepped {
  const { correction, target, step, result } = j;
  const before = stageOfCase(s);
  const seen = new Map<string, number>();
  const met: DeadlineRecord[] = [];
  const kept = new Set<DeadlineRecord>();
  const ledger = result.deadlines.map((r) => ({ ...r }));
  for (const rec of ledger) {
    const n = seen.get(rec.id) ?? 0;
    seen.set(rec.id, n + 1);
    const was = s.ledger.filter((r) => r.id === rec.id)[n];
    if (was) kept.add(was);
    rec.level = was?.level ?? 0;
    if (was && was.metOn === null && rec.metOn !== null) met.push(rec);
  }
  // A deadline the corrected case never had (a vote corrected to "not proposed" opens no decision deadline)
  // ends today.
  const cal = calendarOf(result.snapshot.context);
  for (const was of s.ledger.filter((r) => r.metOn === null && r.level > 0 && !kept.has(r))) {
    const rec = { ...was, metOn: clock.today, workingDaysLate: cal.workingDaysBetween(was.dueDate, clock.today) };
    ledger.push(rec);
    met.push(rec);
  }
  const rebuilt: CaseState = { ...s, snapshot: result.snapshot, ledger };
  const { state, entry } = withEntry(
    rebuilt,
    {
      kind: 'correction',
      type: 'CORRECT_STEP',
      date: clock.today,
      recordedBy: correction.recordedBy,
      policyId: policyInForce(step.date)?.id,
      stageBefore: before,
      stageAfter: stageOfCase(rebuilt),
      detail: {
        seq: target.seq,
        reason: correction.reason,
        before: target.corrected?.event ?? target.event,
        after: step,
      },
      ...(result.irregularities.length ? { irregularities: result.irregularities } : {}),
      ...(meta.request ? { request: meta.request } : {}),
      ...(meta.updateId ? { updateId: meta.updateId } : {}),
    },
    clock,
  );
  const marked: CaseState = {
    ...state,
    trail: state.trail.map((t) => (t.seq === target.seq ? { ...t, corrected: { bySeq: entry.seq, event: step } } : t)),
  };
  const closed = closeAlerts(marked, met, clock);
  return { ok: true, state: closed.state, deliveries: closed.deliveries, entry };
}
