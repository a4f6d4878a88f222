/**
 * The baselines: bare Temporal workflows that take the same Updates as a case, with no machine, no guards,
 * no deadlines, no zod and (on their worker) no codec. `bare` only takes the Updates; `bareShaped` also does,
 * after each, what the engine's case did after it (bench/shape.ts reads that from a case's history).
 */
import {
  allHandlersFinished,
  CancellationScope,
  condition,
  continueAsNew,
  defineSignal,
  defineUpdate,
  patched,
  proxyActivities,
  setHandler,
  sleep,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import { defineSearchAttributeKey, type SearchAttributeType, type SearchAttributeUpdatePair } from '@temporalio/common';
import { SA } from '../../src/schemas/search-attributes';
import type { BareActivities } from '../bare-activities';

export const stepUpdate = defineUpdate<{ n: number }, [unknown]>('step');

/**
 * Closes after its `steps`-th Update, as a case closes after its last command, so both sides take the same
 * number of Updates (a separate "finish" Update would be one more per case). Without `steps` it stays open.
 */
export async function bare(steps?: number): Promise<number> {
  let n = 0;
  setHandler(stepUpdate, () => ({ n: ++n }));
  await condition(() => steps !== undefined && n >= steps && allHandlersFinished());
  return n;
}

/** A search attribute as the shape carries it: JSON, a date as its ISO string, null to unset it. */
export interface ShapeSearchAttribute {
  name: string;
  type: SearchAttributeType;
  value: unknown;
}
/** One thing the engine asked Temporal for, in the order it asked. */
export type ShapeCommand =
  | { kind: 'upsert'; attributes: ShapeSearchAttribute[] }
  /** `timer` numbers the case's timers in the order they were started. */
  | { kind: 'startTimer'; timer: number; ms: number; summary?: string }
  | { kind: 'cancelTimer'; timer: number }
  /** One alert activity: a signal to each committee's inbox with its part of the deliveries. */
  | { kind: 'deliver'; signals: InboxSignal[] }
  /** A patch's marker, where the case first took the patched path (workflows/alert-outbox.ts). */
  | { kind: 'patch'; id: string }
  /** One mail activity for the alerts a step raised; the bench's engine has no SMTP server, so it sends nothing. */
  | { kind: 'mail' };
export interface InboxSignal {
  committeeId: string;
  part: unknown[];
}
export interface Shape {
  start: { searchAttributes: ShapeSearchAttribute[]; staticSummary?: string };
  /** What the case did before it accepted its first Update. */
  atStart: ShapeCommand[];
  /** For each Update in order, what the case did from accepting it until it accepted the next (or closed). */
  afterUpdate: ShapeCommand[][];
}

export const pairOf = (a: ShapeSearchAttribute): SearchAttributeUpdatePair => {
  const value = a.type === 'DATETIME' && typeof a.value === 'string' ? new Date(a.value) : a.value;
  return { key: defineSearchAttributeKey(a.name, a.type), value } as SearchAttributeUpdatePair;
};

// As the engine's alert and mail activities are proxied (workflows/alert-outbox.ts), so a retry costs the same.
const { deliverToBareInboxes } = proxyActivities<BareActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '30 minutes' },
});
const { mailNobody } = proxyActivities<BareActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '30 minutes' },
});

/**
 * Takes one Update per entry of `shape.afterUpdate` and, after each, does what the case did: the same upserts
 * with the same values, the same timers started and cancelled, one activity per alert activity sending the same
 * signals. It closes as the case does: after its last Update, once its activities are done.
 */
export async function bareShaped(shape: Shape): Promise<number> {
  let n = 0;
  setHandler(stepUpdate, () => ({ n: ++n }));
  const timers: CancellationScope[] = [];
  let pendingDeliveries = 0;
  const perform = (commands: ShapeCommand[]) => {
    for (const c of commands)
      if (c.kind === 'upsert') upsertSearchAttributes(c.attributes.map(pairOf));
      else if (c.kind === 'startTimer') {
        const scope = new CancellationScope();
        timers[c.timer] = scope;
        // Cancelled is the only way the bench's timers end: the case closes days before they are due.
        scope.run(() => sleep(c.ms, { summary: c.summary })).catch(() => undefined);
      } else if (c.kind === 'cancelTimer') timers[c.timer]!.cancel();
      else if (c.kind === 'patch') patched(c.id);
      else {
        pendingDeliveries++;
        void (c.kind === 'mail' ? mailNobody() : deliverToBareInboxes(c.signals)).finally(() => pendingDeliveries--);
      }
  };
  perform(shape.atStart);
  for (let i = 0; i < shape.afterUpdate.length; i++) {
    await condition(() => n > i);
    perform(shape.afterUpdate[i]!);
  }
  await condition(() => allHandlersFinished() && pendingDeliveries === 0);
  return n;
}

export const bareDeliveriesSignal = defineSignal<[unknown[]]>('deliveries');

/** A committee's inbox with nothing in it but a count: it takes the shaped cases' signals, as the real inbox does. */
export async function bareInbox(received = 0): Promise<never> {
  setHandler(bareDeliveriesSignal, () => {
    received++;
  });
  // As the real inbox does, so a long run's signals do not reach the server's limit per run.
  await condition(() => workflowInfo().continueAsNewSuggested);
  await condition(allHandlersFinished);
  return continueAsNew<typeof bareInbox>(received);
}

/** The scale baseline: an open workflow that records its due date, as a case does, and waits on one timer. */
export async function bareWaiting(dueAtMs: number): Promise<void> {
  upsertSearchAttributes([{ key: SA.nextDue, value: new Date(dueAtMs) }]);
  await condition(() => false, Math.max(1, dueAtMs - Date.now()));
}
