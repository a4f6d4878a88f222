/**
 * What a case tells committees: an alert raised when a deadline passes a
 * level of the escalation ladder, and the closure of a deadline's alerts
 * when it is met, addressed to everyone its alerts reached.
 */
import type { IsoDate } from '../charter/dates';
import { recipientsAt } from '../machine/escalation';
import type { Alert, AlertClosure, Delivery } from '../schemas/alert';
import type { DeadlineRecord } from '../schemas/trail';
import { contextOf, openNow, type CaseState } from './state';

/** An alert's id: stable per (case, deadline, level), so a retried delivery is the same alert, never a second. */
export function alertIdOf(caseId: string, deadlineId: string, level: number): string {
  return `${caseId}/${deadlineId}/L${level}`;
}

/** The committees a delivery is for. */
export const recipientsOf = (d: Delivery): string[] => ('raise' in d ? d.raise.recipients : d.close.recipients);

export function alertOf(s: CaseState, rec: DeadlineRecord, level: number, raisedOn: IsoDate): Alert {
  const c = contextOf(s);
  const d = openNow(s).find((x) => x.id === rec.id);
  return {
    alertId: alertIdOf(c.caseId, rec.id, level),
    caseId: c.caseId,
    deadlineId: rec.id,
    deadlineKind: rec.kind,
    dueDate: rec.dueDate,
    level,
    answerBy: rec.answerBy,
    recipients: recipientsAt(c, rec, level),
    raisedOn,
    summary: d?.label ?? { vi: rec.kind, en: rec.kind },
  };
}

/** The closure of a met deadline's alerts, or none if it was never alerted. */
export function closureOf(s: CaseState, rec: DeadlineRecord): AlertClosure | undefined {
  if (rec.level === 0 || rec.metOn === null) return undefined;
  const c = contextOf(s);
  const recipients = [...new Set(Array.from({ length: rec.level }, (_, i) => recipientsAt(c, rec, i + 1)).flat())];
  return {
    caseId: c.caseId,
    deadlineId: rec.id,
    closedOn: rec.metOn,
    workingDaysLate: rec.workingDaysLate!,
    recipients,
  };
}
