/**
 * Alert delivery. Each committee's inbox is a Temporal entity workflow
 * (signal-with-start, deduplicated by alert id); a committee with a webhook
 * also gets a signed POST of each alert and closure, with an idempotency key
 * per delivery and committee. Failures throw so Temporal retries with backoff;
 * the case never waits on them.
 */
import { ApplicationFailure } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import { recipientsOf } from '../src/case/alerts';
import type { Delivery } from '../src/schemas/alert';
import { signBody, type WebhookConfig } from '../src/alerts/webhook';
import type { committeeInbox } from '../workflows/committee-inbox';
import { deliveriesSignal, inboxWorkflowId } from '../workflows/definitions';
import { alertMetrics } from './alert-metrics';
import { createMailActivities, type MailDeps } from './mail';

export interface AlertDeps {
  client: Client;
  taskQueue: string;
  webhooks: WebhookConfig;
  /** Escalations by mail (activities/mail.ts); absent, mailAlerts sends nothing. */
  mail?: MailDeps['mail'];
  registry?: MailDeps['registry'];
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
  throw webhookFailure(`webhook ${url} answered ${res.status}`, permanent);
}

/** A rejection (4xx other than 408/429) is not retried; anything else is. */
const webhookFailure = (message: string, permanent: boolean): Error =>
  permanent ? ApplicationFailure.nonRetryable(message, 'WebhookRejected') : new Error(message);

/** The webhook body and idempotency key of one delivery to one committee. */
function webhookMessage(d: Delivery, committeeId: string): { body: string; key: string } {
  if ('raise' in d)
    return { body: JSON.stringify({ type: 'alert.raised', alert: d.raise }), key: `${d.raise.alertId}@${committeeId}` };
  const c = d.close;
  return {
    body: JSON.stringify({ type: 'alert.closed', closure: c }),
    key: `${c.caseId}/${c.deadlineId}/closed@${committeeId}`,
  };
}

export function createAlertActivities({ client, taskQueue, webhooks, mail = null, registry }: AlertDeps) {
  /**
   * Each committee gets its part of the deliveries as one signal to its inbox, then one POST per delivery to
   * its webhook. Every committee is tried before a failure is thrown (a committee whose webhook is down must
   * not hold up the others' deliveries); the retry repeats all of it, which inbox ids and idempotency keys make
   * harmless.
   */
  const deliver = async (deliveries: Delivery[]): Promise<void> => {
    const byCommittee = new Map<string, Delivery[]>();
    for (const d of deliveries)
      for (const id of recipientsOf(d)) byCommittee.set(id, [...(byCommittee.get(id) ?? []), d]);
    const metrics = alertMetrics();
    metrics.raised(deliveries);
    const failures: unknown[] = [];
    for (const [committeeId, part] of byCommittee) {
      await client.workflow
        .signalWithStart<typeof committeeInbox, [Delivery[]]>('committeeInbox', {
          workflowId: inboxWorkflowId(committeeId),
          taskQueue,
          args: [{ committeeId, entries: [] }],
          signal: deliveriesSignal,
          signalArgs: [part],
        })
        .catch((err: unknown) => {
          metrics.failed('inbox', part);
          throw err;
        });
      metrics.delivered('inbox', part);
      const url = webhooks.urls[committeeId];
      if (url)
        for (const d of part) {
          const { body, key } = webhookMessage(d, committeeId);
          await post(url, body, key, webhooks.secret).then(
            () => metrics.delivered('webhook', [d]),
            (err: unknown) => {
              metrics.failed('webhook', [d]);
              failures.push(err);
            },
          );
        }
    }
    if (failures.length === 1) throw failures[0];
    if (failures.length > 1) {
      const message = failures.map((f) => (f instanceof Error ? f.message : String(f))).join('; ');
      throw webhookFailure(
        message,
        failures.every((f) => f instanceof ApplicationFailure && f.nonRetryable),
      );
    }
  };

  return {
    /** What an activation of a case raised and closed, in order. */
    deliverBatch: deliver,
    /** What an activation raised, mailed to the recipients that asked for escalations at once. */
    mailAlerts: createMailActivities({ client, mail, registry }).mailAlerts,
  };
}

export type AlertActivities = ReturnType<typeof createAlertActivities>;
