/**
 * A committee's inbox as the API reads it: its alerts, and an acknowledgement.
 * A committee never alerted has no inbox workflow yet: it has no alerts, and
 * nothing to acknowledge.
 */
import { WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import type { Acknowledgement, InboxEntry, ListFilter } from '../schemas/inbox';
import { acknowledgeUpdate, inboxWorkflowId, listAlertsQuery } from '../../workflows/definitions';

/** The acknowledgement named an alert the inbox does not hold (or the committee has no inbox). */
export class AlertNotFound extends Error {}

export function inboxHandle(client: Client, committeeId: string) {
  const handle = client.workflow.getHandle(inboxWorkflowId(committeeId));
  return {
    async alerts(filter: ListFilter): Promise<InboxEntry[]> {
      try {
        return await handle.query(listAlertsQuery, filter);
      } catch (err) {
        if (err instanceof WorkflowNotFoundError) return [];
        throw err;
      }
    },
    async acknowledge(ack: Acknowledgement): Promise<InboxEntry> {
      try {
        return await handle.executeUpdate(acknowledgeUpdate, { args: [ack] });
      } catch (err) {
        if (err instanceof WorkflowNotFoundError || err instanceof WorkflowUpdateFailedError)
          throw new AlertNotFound(`no alert ${ack.alertId} for ${committeeId}`);
        throw err;
      }
    },
  };
}
