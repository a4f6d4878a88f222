/**
 * A step taken: a user's command or the case's own (probation ending). The
 * machine judges it; an accepted step moves the snapshot, meets or opens
 * deadlines in the ledger, closes the alerts of those it met and goes into
 * the trail. A refused step leaves the state as it was.
 */
import { policyInForce } from '../charter/policy';
import type { Refusal } from '../charter/rule';
import { advance, stageOf, type Advanced } from '../machine/advance';
import { calendarOf } from '../machine/calendar-of';
import { trackDeadlines } from '../machine/deadline-log';
import { openDeadlines } from '../machine/deadlines';
import type { Delivery } from '../schemas/alert';
import type { MachineEvent } from '../schemas/commands';
import type { DeadlineRecord, TrailEntry } from '../schemas/trail';
import { closureOf } from './alerts';
import { withEntry, type CaseState, type Clock } from './state';

/** Who asked, for the trail: a retried request is answered from it, and the audit finds an Update by its id. */
export interface StepMeta {
  request?: { key: string; fingerprint: string };
  updateId?: string;
}

export type Stepped =
  { ok: true; state: CaseState; deliveries: Delivery[]; entry: TrailEntry } | { ok: false; refusals: Refusal[] };

/** The alert closures of the deadlines `met` just met, and their trail entries. */
export function closeAlerts(
  s: CaseState,
  met: DeadlineRecord[],
  clock: Clock,
): { state: CaseState; deliveries: Delivery[] } {
  const deliveries: Delivery[] = [];
  for (const rec of met) {
    const close = closureOf(s, rec);
    if (!close) continue;
    deliveries.push({ close });
    s = withEntry(
      s,
      {
        kind: 'alert_closed',
        date: close.closedOn,
        detail: { deadlineId: rec.id, workingDaysLate: close.workingDaysLate },
      },
      clock,
    ).state;
  }
  return { state: s, deliveries };
}

/**
 * Takes `event` (judged already by the Update's validator when `judged` is given, so the rules run once).
 * Deadlines no longer open are met on the step's date.
 */
export function takeStep(
  s: CaseState,
  event: MachineEvent,
  kind: 'command' | 'system',
  clock: Clock,
  meta: StepMeta = {},
  judged?: Advanced,
): Stepped {
  const before = stageOf(s.snapshot);
  const result = judged ?? advance(s.snapshot, event);
  if (!result.ok) return result;
  // A vote whose denominator the registry could not confirm on its date says so in the trail.
  const unverified = 'tally' in event ? result.unverified : [];
  const snapshot = result.snapshot;
  const ledger = s.ledger.map((r) => ({ ...r }));
  const met = trackDeadlines(
    ledger,
    openDeadlines(stageOf(snapshot), snapshot.context),
    event.date,
    calendarOf(snapshot.context),
  );
  const closed = closeAlerts({ ...s, snapshot, ledger }, met, clock);
  const { state, entry } = withEntry(
    closed.state,
    {
      kind,
      type: event.type,
      date: event.date,
      form: 'form' in event ? event.form : undefined,
      signedBy: 'signedBy' in event ? event.signedBy : undefined,
      recordedBy: 'recordedBy' in event ? event.recordedBy : undefined,
      policyId: policyInForce(event.date)?.id,
      stageBefore: before,
      stageAfter: stageOf(snapshot),
      ...(result.irregularities.length ? { irregularities: result.irregularities } : {}),
      ...(meta.request ? { request: meta.request } : {}),
      ...(unverified.length ? { detail: { unverified } } : {}),
      event,
      ...(meta.updateId ? { updateId: meta.updateId } : {}),
    },
    clock,
  );
  return { ok: true, state, deliveries: closed.deliveries, entry };
}
