/**
 * Alert delivery. Each committee's inbox is a Temporal entity workflow
 * (signal-with-start, deduplicated by alert id); a committee with a webhook
 * also gets a signed POST carrying the alert id as idempotency key. Failures
 * throw so Temporal retries with backoff; the case never waits on them.
 */
import { ApplicationFailure } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import type { Alert, AlertClosure } from '../src/schemas/alert';
import { inboxWorkflowId } from '../src/schemas/inbox';
import { signBody, type WebhookConfig } from '../src/alerts/webhook';
import type { committeeInbox } from '../workflows/committee-inbox';
import { closeAlertSignal, raiseAlertSignal } from '../workflows/definitions';

export interface AlertDeps {
  client: Client;
  taskQueue: string;
  webhooks: WebhookConfig;
}

async function post(url: string, body: string, idempotencyKey: string, secret: string) {
  const timestamp = new Date().toISOString();
  const res = await fetch(url, {
    method: 'POST',
    body,
    signal: AbortSignal.timeout(10_000),
    headers: {
      'content-type': 'application/json',
      'x-pipeline-timestamp': timestamp,
      'x-pipeline-signature': signBody(body, timestamp, secret),
      'idempotency-key': idempotencyKey,
    },
  });
  if (res.ok) return;
  const permanent = res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429;
  const message = `webhook ${url} answered ${res.status}`;
  throw permanent ? ApplicationFailure.nonRetryable(message, 'WebhookRejected') : new Error(message);
}

export function createAlertActivities({ client, taskQueue, webhooks }: AlertDeps) {
  const toInbox = (
    committeeId: string,
    signal: typeof raiseAlertSignal | typeof closeAlertSignal,
    arg: Alert | AlertClosure,
  ) =>
    client.workflow.signalWithStart<typeof committeeInbox, [Alert | AlertClosure]>('committeeInbox', {
      workflowId: inboxWorkflowId(committeeId),
      taskQueue,
      args: [{ committeeId, entries: [] }],
      signal,
      signalArgs: [arg],
    });

  return {
    async deliverAlert(alert: Alert): Promise<void> {
      for (const committeeId of alert.recipients) {
        await toInbox(committeeId, raiseAlertSignal, alert);
        const url = webhooks.urls[committeeId];
        if (url)
          await post(
            url,
            JSON.stringify({ type: 'alert.raised', alert }),
            `${alert.alertId}@${committeeId}`,
            webhooks.secret,
          );
      }
    },
    async deliverClosure(closure: AlertClosure): Promise<void> {
      for (const committeeId of closure.recipients) {
        await toInbox(committeeId, closeAlertSignal, closure);
        const url = webhooks.urls[committeeId];
        const key = `${closure.caseId}/${closure.deadlineId}/closed@${committeeId}`;
        if (url) await post(url, JSON.stringify({ type: 'alert.closed', closure }), key, webhooks.secret);
      }
    },
  };
}

export type AlertActivities = ReturnType<typeof createAlertActivities>;
