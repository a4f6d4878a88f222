/** A committee's alert inbox: what it holds and the messages it takes. */
import type { IsoDate } from '../charter/dates';
import type { Alert, AlertClosure } from './alert';

export interface InboxEntry extends Alert {
  status: 'open' | 'closed';
  closedOn: IsoDate | null;
  workingDaysLate: number | null;
  acknowledged: { by: string; on: IsoDate } | null;
}

export interface InboxState {
  committeeId: string;
  entries: InboxEntry[];
  /** History length at which to continue as new; tests lower it. */
  historyLimit?: number;
}

export interface ListFilter {
  status?: 'open' | 'closed' | 'all';
  acknowledged?: boolean;
}

export interface Acknowledgement {
  alertId: string;
  by: string;
  on: IsoDate;
}

export type { Alert, AlertClosure };

export const inboxWorkflowId = (committeeId: string): string => `inbox-${committeeId}`;
