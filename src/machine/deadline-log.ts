/**
 * The case's book of deadlines: every deadline it ever had, and when and how
 * late it was met. Pure, so that the case keeps it step by step, a correction
 * rebuilds it from the case's steps alone and the audit from the history.
 */
import type { IsoDate } from '../charter/dates';
import type { WorkCalendar } from '../charter/work-calendar';
import type { Deadline } from '../schemas/case';
import type { DeadlineRecord } from '../schemas/trail';

/**
 * Brings `log` up to the deadlines now `open`: a new one is entered, an open one takes its current due date
 * (an extension moves it), and one no longer open is met on `metOn`. Returns the records met by this call.
 */
export function trackDeadlines(
  log: DeadlineRecord[],
  open: Deadline[],
  metOn: IsoDate,
  cal: WorkCalendar,
): DeadlineRecord[] {
  for (const d of open) {
    const rec = log.find((r) => r.id === d.id && r.metOn === null);
    if (rec) Object.assign(rec, { dueDate: d.dueDate, overdueFrom: cal.overdueFrom(d.dueDate), answerBy: d.answerBy });
    else
      log.push({
        id: d.id,
        kind: d.kind,
        startedOn: d.startedOn,
        dueDate: d.dueDate,
        overdueFrom: cal.overdueFrom(d.dueDate),
        answerBy: d.answerBy,
        metOn: null,
        workingDaysLate: null,
        level: 0,
        policyId: d.policyId,
      });
  }
  const met: DeadlineRecord[] = [];
  for (const rec of log) {
    if (rec.metOn !== null || open.some((d) => d.id === rec.id)) continue;
    rec.metOn = metOn;
    rec.workingDaysLate = cal.workingDaysBetween(rec.dueDate, metOn);
    met.push(rec);
  }
  return met;
}
