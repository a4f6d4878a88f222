/**
 * A committee's durable alert inbox: one long-lived entity workflow per
 * committee. Raising is idempotent by alert id, so an activity retried after
 * a lost acknowledgement does not show the committee a second alert.
 */
import { allHandlersFinished, condition, continueAsNew, log, setHandler, workflowInfo } from '@temporalio/workflow';
import { daysBetween, localDateOf } from '../src/charter/dates';
import { parseAcknowledgement, parseDelivery } from '../src/schemas/compiled/parse';
import type { Parsed } from '../src/schemas/compiled/read';
import type { Alert, AlertClosure, InboxState } from '../src/schemas/inbox';
import { acknowledgeUpdate, deliveriesSignal, listAlertsQuery } from './definitions';

const DEFAULT_HISTORY_LIMIT = 4000;
/** Closed and acknowledged alerts older than this are dropped when the inbox continues as new. */
const KEEP_DAYS = 400;

export async function committeeInbox(state: InboxState): Promise<never> {
  const entries = new Map(state.entries.map((e) => [e.alertId, e]));

  // Signals cannot be refused; a malformed one is logged and dropped rather than corrupting the inbox.
  const valid = <T>(parsed: Parsed<T>, what: string): T | undefined => {
    if (parsed.success) return parsed.data;
    log.warn(`inbox ${state.committeeId}: ${what} dropped`, { issues: parsed.issues });
    return undefined;
  };

  // A case's deliveries run as separate activities, so under load a closure can land before the raise it closes:
  // it is kept, and closes every raise of its deadline that comes after it. Order no longer matters.
  const deadlineKey = (x: { caseId: string; deadlineId: string }) => `${x.caseId}\u0000${x.deadlineId}`;
  const early = new Map((state.earlyClosures ?? []).map((c) => [deadlineKey(c), c]));
  const raise = (alert: Alert) => {
    if (entries.has(alert.alertId)) return;
    const closed = early.get(deadlineKey(alert));
    entries.set(alert.alertId, {
      ...alert,
      status: closed ? 'closed' : 'open',
      closedOn: closed?.closedOn ?? null,
      workingDaysLate: closed?.workingDaysLate ?? null,
      acknowledged: null,
    });
  };
  const close = (c: AlertClosure) => {
    let seen = false;
    for (const e of entries.values())
      if (e.caseId === c.caseId && e.deadlineId === c.deadlineId) {
        seen = true;
        if (e.status === 'open')
          Object.assign(e, { status: 'closed', closedOn: c.closedOn, workingDaysLate: c.workingDaysLate });
      }
    if (!seen) early.set(deadlineKey(c), c);
  };
  setHandler(deliveriesSignal, (raw) => {
    for (const item of Array.isArray(raw) ? raw : [raw]) {
      const d = valid(parseDelivery(item), 'malformed delivery');
      if (d && 'raise' in d) raise(d.raise);
      else if (d) close(d.close);
    }
  });
  setHandler(
    acknowledgeUpdate,
    (ack) => {
      const e = entries.get(ack.alertId)!;
      e.acknowledged ??= { by: ack.by, on: ack.on };
      return e;
    },
    {
      validator: (raw) => {
        const parsed = parseAcknowledgement(raw);
        if (!parsed.success) {
          const issue = parsed.issues[0]!;
          throw new Error(`acknowledgement.${issue.path.join('.')}: ${issue.message}`);
        }
        const ack = parsed.data;
        if (!entries.has(ack.alertId)) throw new Error(`no alert ${ack.alertId} in the inbox of ${state.committeeId}`);
      },
    },
  );
  setHandler(listAlertsQuery, (filter = {}) =>
    [...entries.values()]
      .filter((e) => (filter.status ?? 'all') === 'all' || e.status === filter.status)
      .filter((e) => filter.acknowledged === undefined || (e.acknowledged !== null) === filter.acknowledged)
      .sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.level - b.level)),
  );

  const limit = state.historyLimit ?? DEFAULT_HISTORY_LIMIT;
  await condition(() => workflowInfo().continueAsNewSuggested || workflowInfo().historyLength > limit);
  await condition(allHandlersFinished);
  // Every signal of an activation has run before this line does, so the state handed over below holds them all.
  // One that reaches the server while this task is in flight makes it refuse the task (UNHANDLED_COMMAND): the
  // task is replayed with that signal and ends here again, which converges under steady signals
  // (test/workflow/committee-inbox.test.ts). Under a flood with no pause at all it may not: six senders flat out
  // on a quiet machine starved every crossing until the dev server terminated the run at 10,014 events.
  const today = localDateOf(Date.now());
  const kept = [...entries.values()].filter(
    (e) => !(e.status === 'closed' && e.acknowledged && e.closedOn && daysBetween(e.closedOn, today) > KEEP_DAYS),
  );
  // An early closure is kept as long as an alert of its own would be; its raises come within moments, not years.
  const earlyClosures = [...early.values()].filter((c) => daysBetween(c.closedOn, today) <= KEEP_DAYS);
  return continueAsNew<typeof committeeInbox>({ ...state, entries: kept, earlyClosures });
}
