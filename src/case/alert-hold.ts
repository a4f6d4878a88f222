/**
 * The grace period of raised alerts: a raise waits the policy's minutes before it reaches anyone, and a closure of
 * its deadline within them withdraws it, so a case entered step by step after the fact (each step meeting the
 * deadline the one before made overdue for a moment) tells no committee anything. Pure: the workflow keeps one and
 * gives it the time; the trail keeps every alert either way.
 */
import { policyInForce } from '../charter/policy';
import type { IsoDate } from '../charter/dates';
import type { Alert, AlertClosure, Delivery } from '../schemas/alert';

/** The patch id under which the candidate workflow holds alerts (docs/versioning.md). */
export const ALERT_GRACE_PATCH = 'alert-grace';

/** The grace in ms on `today`: the registration's override (tests, the demo), else the policy set's, else none. */
export function graceMsOn(today: IsoDate, override: number | undefined): number {
  const minutes = override ?? policyInForce(today)?.escalation.grace?.minutes ?? 0;
  return minutes * 60_000;
}

/**
 * A timer's summary naming the alerts it holds, as histories keep it: the audit's timeline reads the ids back
 * (heldAlertIds), so an alert withdrawn within its grace still shows there.
 */
export const graceSummary = (alerts: Alert[], ms: number): string =>
  `alert grace ${Math.round(ms / 60_000)} min: ${alerts.map((a) => a.alertId).join(', ')}`;

const SUMMARY = /^alert grace (\d+) min: (.+)$/;
/** The grace and alert ids of a summary graceSummary wrote, or null for any other timer. */
export function heldAlertIds(summary: string | null): { minutes: number; alertIds: string[] } | null {
  const m = SUMMARY.exec(summary ?? '');
  return m ? { minutes: Number(m[1]), alertIds: m[2]!.split(', ') } : null;
}

const sameDeadline = (a: Alert, c: AlertClosure) => a.caseId === c.caseId && a.deadlineId === c.deadlineId;

export class AlertHold {
  private held: Array<{ alert: Alert; until: number }> = [];

  get size(): number {
    return this.held.length;
  }

  /**
   * What an activation gathered, with its raises held until `now + graceMs` (returned as `held`, for the timer) and
   * the closures of held raises withdrawn with them. A closure whose deadline had levels sent before goes only to
   * the committees those reached (the levels' recipients are disjoint: each level alerts the next body up).
   */
  admit(deliveries: Delivery[], now: number, graceMs: number): { send: Delivery[]; held: Alert[] } {
    const send: Delivery[] = [];
    const held: Alert[] = [];
    for (const d of deliveries) {
      if ('raise' in d) {
        this.held.push({ alert: d.raise, until: now + graceMs });
        held.push(d.raise);
        continue;
      }
      const withdrawn = this.held.filter((h) => sameDeadline(h.alert, d.close));
      if (!withdrawn.length) {
        send.push(d);
        continue;
      }
      this.held = this.held.filter((h) => !withdrawn.includes(h));
      const unsent = new Set(withdrawn.flatMap((h) => h.alert.recipients));
      const recipients = d.close.recipients.filter((r) => !unsent.has(r));
      if (recipients.length) send.push({ close: { ...d.close, recipients } });
    }
    return { send, held };
  }

  /** The raises whose grace has passed by `now`, in the order they were raised; they leave the hold. */
  release(now: number): Delivery[] {
    const due = this.held.filter((h) => h.until <= now);
    this.held = this.held.filter((h) => h.until > now);
    return due.map((h) => ({ raise: h.alert }));
  }
}
