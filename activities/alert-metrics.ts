/**
 * Counters of alerts raised, delivered and failed, on the activity's metric meter: the worker's runtime exports
 * them beside the SDK's own metrics (PIPELINE_WORKER_METRICS_ADDRESS), tagged by the SDK with namespace, task queue
 * and activity type. They live here, not in the workflow, because the workflow must replay every release's
 * histories unchanged and an activity is where delivery happens.
 */
import { Context } from '@temporalio/activity';
import type { MetricMeter } from '@temporalio/common';
import type { Delivery } from '../src/schemas/alert';

export type Channel = 'inbox' | 'webhook';

export interface AlertMetrics {
  /** Alerts a case raised, counted on the activity's first attempt only, so that retries do not count them again. */
  raised(deliveries: Delivery[]): void;
  /** Deliveries (an alert raised or closed, to one committee) that reached a channel. */
  delivered(channel: Channel, deliveries: Delivery[]): void;
  /** Deliveries that did not (retried later unless the webhook rejected them). */
  failed(channel: Channel, deliveries: Delivery[]): void;
}

const kindOf = (d: Delivery) => ('raise' in d ? 'raise' : 'close');

function countByKind(
  counter: { add(n: number, tags: Record<string, string>): void },
  tags: Record<string, string>,
  ds: Delivery[],
) {
  for (const kind of ['raise', 'close'] as const) {
    const n = ds.filter((d) => kindOf(d) === kind).length;
    if (n) counter.add(n, { ...tags, kind });
  }
}

/** The current activity's counters; none when called outside an activity (tests call the functions directly). */
export function alertMetrics(): AlertMetrics {
  let ctx: Context | undefined;
  try {
    ctx = Context.current();
  } catch {
    ctx = undefined;
  }
  if (!ctx) return { raised: () => {}, delivered: () => {}, failed: () => {} };
  const meter: MetricMeter = ctx.metricMeter;
  const firstAttempt = ctx.info.attempt === 1;
  const raised = meter.createCounter('pipeline_alerts_raised', undefined, 'Overdue alerts raised by cases');
  const delivered = meter.createCounter(
    'pipeline_alerts_delivered',
    undefined,
    'Alerts raised or closed delivered to a committee, by channel (inbox, webhook) and kind (raise, close)',
  );
  const failed = meter.createCounter(
    'pipeline_alerts_failed',
    undefined,
    'Deliveries of alerts raised or closed that failed, by channel and kind (retried with backoff unless rejected)',
  );
  return {
    raised: (ds) => {
      const n = ds.filter((d) => 'raise' in d).length;
      if (firstAttempt && n) raised.add(n);
    },
    delivered: (channel, ds) => countByKind(delivered, { channel }, ds),
    failed: (channel, ds) => countByKind(failed, { channel }, ds),
  };
}
