/**
 * What time does to a case: probation ends on its day, and an open deadline
 * raises the next level of its escalation ladder on that level's day. The
 * workflow keeps one timer, for the earliest of these.
 */
import { formatVi, type IsoDate } from '../charter/dates';
import { stageOf } from '../machine/advance';
import { levelRaisedOn } from '../machine/escalation';
import type { Delivery } from '../schemas/alert';
import { alertOf } from './alerts';
import { takeStep } from './step';
import { contextOf, openNow, withEntry, type CaseState, type Clock } from './state';

export type Wake = { on: IsoDate; summary: string } & (
  { kind: 'probation_end' } | { kind: 'alert'; deadlineId: string; level: number }
);

/** The next thing time will do to the case, if nothing else happens first. */
export function nextWake(s: CaseState): Wake | undefined {
  const c = contextOf(s);
  const wakes: Wake[] = [];
  if (stageOf(s.snapshot) === 'probation' && c.probationEndsOn)
    wakes.push({
      kind: 'probation_end',
      on: c.probationEndsOn,
      summary: `probation ends ${formatVi(c.probationEndsOn)}`,
    });
  const open = openNow(s);
  for (const rec of s.ledger.filter((r) => r.metOn === null)) {
    const level = rec.level + 1;
    const on = levelRaisedOn(c, rec, level);
    if (!on) continue;
    const d = open.find((x) => x.id === rec.id);
    wakes.push({
      kind: 'alert',
      deadlineId: rec.id,
      level,
      on,
      summary: `${d?.label.en ?? rec.kind}: alert level ${level}`,
    });
  }
  return wakes.sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0))[0];
}

/** Does what `w` says. Probation's end is a step the machine must accept: a refusal is a bug, thrown. */
export function runWake(s: CaseState, w: Wake, clock: Clock): { state: CaseState; deliveries: Delivery[] } {
  if (w.kind === 'probation_end') {
    const r = takeStep(s, { type: 'PROBATION_ENDED', date: w.on, recordedOn: clock.today }, 'system', clock);
    if (!r.ok) throw new Error(`probation end refused: ${JSON.stringify(r.refusals)}`);
    return r;
  }
  const ledger = s.ledger.map((r) => (r.metOn === null && r.id === w.deadlineId ? { ...r, level: w.level } : r));
  const rec = ledger.find((r) => r.metOn === null && r.id === w.deadlineId)!;
  const alert = alertOf({ ...s, ledger }, rec, w.level, clock.today);
  const { state } = withEntry(
    { ...s, ledger },
    {
      kind: 'alert',
      date: alert.raisedOn,
      detail: { deadlineId: rec.id, level: w.level, recipients: alert.recipients },
    },
    clock,
  );
  return { state, deliveries: [{ raise: alert }] };
}
