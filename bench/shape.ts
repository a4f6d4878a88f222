/**
 * The shape of one engine case, read from its event history: what the workflow asked Temporal to do after each
 * Update it accepted (search attributes upserted, timers started and cancelled, patch markers, alert and mail
 * activities scheduled, and the inbox signals each delivery sends), so that `bareShaped` can ask for exactly the
 * same with no machine, no
 * rules and no codec. Anything in the history this file does not know how to reproduce is an error: a shape
 * that silently leaves something out would make the baseline cheaper than the engine for the wrong reason.
 */
import { TypedSearchAttributes, type LoadedDataConverter, type SearchAttributeType } from '@temporalio/common';
import { decodeArrayFromPayloads, decodeUserMetadata } from '@temporalio/common/lib/internal-non-workflow';
import { temporal } from '@temporalio/proto';
import { recipientsOf } from '../src/case/alerts';
import type { Delivery } from '../src/schemas/alert';
import type { CaseRun } from '../src/temporal/case-runs';
import type { Shape, ShapeCommand, ShapeSearchAttribute } from './workflows/bare';

type Event = temporal.api.history.v1.IHistoryEvent;
type Payload = temporal.api.common.v1.IPayload;

/** A history event's type as the server names it, shortened: `EVENT_TYPE_TIMER_STARTED` → `TimerStarted`. */
export function eventTypeName(e: Event): string {
  const t = e.eventType ?? 0;
  const name = typeof t === 'string' ? t : (temporal.api.enums.v1.EventType[t] ?? String(t));
  return name
    .replace(/^EVENT_TYPE_/, '')
    .toLowerCase()
    .replace(/(^|_)([a-z])/g, (_, __, c: string) => c.toUpperCase());
}

/** Events of each type in one case's history (all its runs), sorted by type. */
export function eventsByType(runs: Array<{ history: { events?: Event[] | null } }>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const run of runs)
    for (const e of run.history.events ?? []) {
      const t = eventTypeName(e);
      counts[t] = (counts[t] ?? 0) + 1;
    }
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}

/** The mean of each event type over many cases' counts. */
export function meanByType(cases: Array<Record<string, number>>): Record<string, number> {
  const sum: Record<string, number> = {};
  for (const c of cases) for (const [t, n] of Object.entries(c)) sum[t] = (sum[t] ?? 0) + n;
  return Object.fromEntries(
    Object.entries(sum)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([t, n]) => [t, Number((n / cases.length).toFixed(2))]),
  );
}

/** Search attributes as JSON: a date as its ISO string, and null where the workflow unsets one. */
function searchAttributesOf(indexedFields: Record<string, Payload> | null | undefined): ShapeSearchAttribute[] {
  return Object.entries(indexedFields ?? {}).map(([name, p]) => {
    const typeName = p.metadata?.type ? Buffer.from(p.metadata.type).toString() : undefined;
    const type = typeName ? TypedSearchAttributes.toSearchAttributeType(typeName) : undefined;
    if (!type) throw new Error(`shape: search attribute ${name} has no type the SDK knows (${typeName})`);
    const value: unknown = p.data?.length ? JSON.parse(Buffer.from(p.data).toString()) : null;
    return { name, type: type as SearchAttributeType, value };
  });
}

/** Events that only record the outcome of something already asked for, or the server's own bookkeeping. */
const NOT_COMMANDS = new Set([
  'WorkflowTaskScheduled',
  'WorkflowTaskStarted',
  'WorkflowTaskCompleted',
  'ActivityTaskStarted',
  'ActivityTaskCompleted',
  'WorkflowExecutionUpdateCompleted',
]);

/**
 * The shape of one case. `converter` decodes what the engine encrypted (the activities' input, the timers'
 * summaries): the bare side sends the same data, in plain JSON.
 */
export async function shapeOf(runs: CaseRun[], converter: LoadedDataConverter): Promise<Shape> {
  // One run is what the bench's cases make; a case that continued as new would need the crossing reproduced too.
  if (runs.length !== 1) throw new Error(`shape: the case has ${runs.length} runs; only one is reproduced`);
  const events = runs[0]!.history.events ?? [];
  const started = events[0]?.workflowExecutionStartedEventAttributes;
  if (!started) throw new Error('shape: the history does not begin with the workflow start');
  const { staticSummary } = await decodeUserMetadata(converter, events[0]!.userMetadata);

  const atStart: ShapeCommand[] = [];
  const afterUpdate: ShapeCommand[][] = [];
  const current = () => afterUpdate[afterUpdate.length - 1] ?? atStart;
  /** The engine's timer ids (its command sequence numbers) as the shape's own: the n-th timer started. */
  const timers = new Map<string, number>();
  let completed = false;
  for (const e of events.slice(1)) {
    const type = eventTypeName(e);
    if (NOT_COMMANDS.has(type)) continue;
    if (completed) throw new Error(`shape: ${type} after the workflow completed`);
    switch (type) {
      case 'WorkflowExecutionUpdateAccepted':
        afterUpdate.push([]);
        break;
      case 'UpsertWorkflowSearchAttributes': {
        const attributes = searchAttributesOf(
          e.upsertWorkflowSearchAttributesEventAttributes?.searchAttributes?.indexedFields,
        );
        // The SDK's own upsert for a patch marker: bareShaped's patched() makes it again.
        if (attributes.length === 1 && attributes[0]!.name === 'TemporalChangeVersion') {
          if (current().at(-1)?.kind !== 'patch')
            throw new Error('shape: TemporalChangeVersion upserted without a patch');
          break;
        }
        current().push({ kind: 'upsert', attributes });
        break;
      }
      case 'TimerStarted': {
        const a = e.timerStartedEventAttributes!;
        const ms =
          Number(a.startToFireTimeout?.seconds ?? 0) * 1000 + Math.round((a.startToFireTimeout?.nanos ?? 0) / 1e6);
        const { staticSummary: summary } = await decodeUserMetadata(converter, e.userMetadata);
        timers.set(a.timerId!, timers.size);
        current().push({ kind: 'startTimer', timer: timers.get(a.timerId!)!, ms, summary });
        break;
      }
      case 'TimerCanceled': {
        const timer = timers.get(e.timerCanceledEventAttributes!.timerId!);
        if (timer === undefined) throw new Error('shape: a timer cancelled that was never started');
        current().push({ kind: 'cancelTimer', timer });
        break;
      }
      case 'MarkerRecorded': {
        const a = e.markerRecordedEventAttributes!;
        const [data] = a.details?.['patch-data']?.payloads ?? [];
        if (a.markerName !== 'core_patch' || !data?.data)
          throw new Error(`shape: marker ${a.markerName} is not reproduced`);
        const { id } = JSON.parse(Buffer.from(data.data).toString()) as { id: string };
        current().push({ kind: 'patch', id });
        break;
      }
      case 'ActivityTaskScheduled': {
        const a = e.activityTaskScheduledEventAttributes!;
        if (a.activityType?.name === 'mailAlerts') {
          current().push({ kind: 'mail' });
          break;
        }
        if (a.activityType?.name !== 'deliverBatch')
          throw new Error(`shape: activity ${a.activityType?.name} is not reproduced`);
        const [deliveries] = (await decodeArrayFromPayloads(converter, a.input?.payloads)) as [Delivery[]];
        // As deliverBatch sends them (activities/alerts.ts): one signal per committee, with its part, in order.
        const parts = new Map<string, Delivery[]>();
        for (const d of deliveries) for (const id of recipientsOf(d)) parts.set(id, [...(parts.get(id) ?? []), d]);
        current().push({
          kind: 'deliver',
          signals: [...parts].map(([committeeId, part]) => ({ committeeId, part })),
        });
        break;
      }
      case 'WorkflowExecutionCompleted':
        completed = true;
        break;
      default:
        // A fired timer, a signal, a failure: none happens in the bench's case, and none is reproduced.
        throw new Error(`shape: ${type} is not reproduced by the bare workflow`);
    }
  }
  if (!completed) throw new Error('shape: the case had not completed');
  return {
    start: { searchAttributes: searchAttributesOf(started.searchAttributes?.indexedFields), staticSummary },
    atStart,
    afterUpdate,
  };
}

/** The counts of each event type where two sides differ, as { type: [a, b] }; empty when they agree. */
export function differences(a: Record<string, number>, b: Record<string, number>): Record<string, [number, number]> {
  const types = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return Object.fromEntries(
    types.filter((t) => (a[t] ?? 0) !== (b[t] ?? 0)).map((t) => [t, [a[t] ?? 0, b[t] ?? 0] as [number, number]]),
  );
}
