/**
 * An overdue alert: what the escalation ladder sends to committees, and what a
 * committee's inbox keeps. Its id (src/case/alerts.ts) is stable per (case,
 * deadline, level), so a retried delivery is recognised as the same alert.
 */
import { z } from 'zod';
import { IsoDate } from './iso-date';

export const BilingualText = z.object({ vi: z.string().min(1), en: z.string().min(1) });

export const Alert = z.object({
  alertId: z.string().min(1),
  caseId: z.string().min(1),
  deadlineId: z.string().min(1),
  /** e.g. 'committee_decision', 'ceremony', 'recognition_vote' */
  deadlineKind: z.string().min(1),
  dueDate: IsoDate,
  level: z.number().int().min(1),
  /** The organisation that answers for the overdue step. */
  answerBy: z.string().min(1),
  /** The committees alerted at this level. */
  recipients: z.array(z.string().min(1)).min(1),
  raisedOn: IsoDate,
  summary: BilingualText,
});
export type Alert = z.infer<typeof Alert>;

/** The step was done: every level's alert for this deadline closes, recording how late it was. */
export const AlertClosure = z.object({
  caseId: z.string().min(1),
  deadlineId: z.string().min(1),
  closedOn: IsoDate,
  workingDaysLate: z.number().int().min(0),
  recipients: z.array(z.string().min(1)).min(1),
});
export type AlertClosure = z.infer<typeof AlertClosure>;

/** One thing a case tells committees: an alert raised or a deadline's alerts closed. */
export const Delivery = z.union([z.object({ raise: Alert }), z.object({ close: AlertClosure })]);
export type Delivery = z.infer<typeof Delivery>;
