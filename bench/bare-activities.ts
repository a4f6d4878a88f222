/**
 * The shaped baseline's alert activity: what deliverBatch does (activities/alerts.ts), one signal-with-start per
 * committee with its part, to inboxes that only count them, with the default data converter.
 */
import type { Client } from '@temporalio/client';
import { bareDeliveriesSignal, type bareInbox, type InboxSignal } from './workflows/bare';

export const bareInboxId = (committeeId: string) => `bare-inbox-${committeeId}`;

export function createBareActivities(client: Client, taskQueue: string) {
  return {
    async deliverToBareInboxes(signals: InboxSignal[]): Promise<void> {
      for (const { committeeId, part } of signals)
        await client.workflow.signalWithStart<typeof bareInbox, [unknown[]]>('bareInbox', {
          workflowId: bareInboxId(committeeId),
          taskQueue,
          args: [0],
          signal: bareDeliveriesSignal,
          signalArgs: [part],
        });
    },
    /** What the engine's mail activity does without an SMTP server (activities/mail.ts): nothing. */
    async mailNobody(): Promise<Array<{ skipped: string }>> {
      return [{ skipped: 'PIPELINE_SMTP_URL not set' }];
    },
  };
}

export type BareActivities = ReturnType<typeof createBareActivities>;
