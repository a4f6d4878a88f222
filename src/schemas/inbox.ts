/** A committee's alert inbox: what it holds and the messages it takes. */
import { z } from 'zod';
import { IsoDate } from './iso-date';
import { Alert, AlertClosure, Delivery } from './alert';

export const InboxEntry = Alert.extend({
  status: z.enum(['open', 'closed']),
  closedOn: IsoDate.nullable(),
  workingDaysLate: z.number().int().min(0).nullable(),
  acknowledged: z.object({ by: z.string().min(1), on: IsoDate }).nullable(),
});
export type InboxEntry = z.infer<typeof InboxEntry>;

export const InboxState = z.object({
  committeeId: z.string().min(1),
  entries: z.array(InboxEntry),
  /** History length at which to continue as new; tests lower it. */
  historyLimit: z.number().int().min(10).optional(),
  /**
   * Closures that came before any raise of their deadline (a case's deliveries are separate activities, and a
   * later one can land first): each closes the raises that follow it. Absent in inboxes started before it existed.
   */
  earlyClosures: z.array(AlertClosure).optional(),
});
export type InboxState = z.infer<typeof InboxState>;

export const ListFilter = z.object({
  status: z.enum(['open', 'closed', 'all']).optional(),
  acknowledged: z.boolean().optional(),
});
export type ListFilter = z.infer<typeof ListFilter>;

export const Acknowledgement = z.strictObject({
  alertId: z.string().min(1).max(500),
  /** The user who acknowledged, as the API knows them. */
  by: z.string().min(1).max(200),
  on: IsoDate,
});
export type Acknowledgement = z.infer<typeof Acknowledgement>;

export { Alert, AlertClosure, Delivery };
