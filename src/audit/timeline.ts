/**
 * The case's timeline rebuilt from its event history alone (never from the
 * workflow's own memory): the registration, each accepted command with its
 * date, form, signer, recorder and resulting stage, each refused-in-workflow
 * update, each timer, each alert sent or closed, each continue-as-new.
 */
import type { LoadedDataConverter } from '@temporalio/common';
import {
  decodeArrayFromPayloads,
  decodeFromPayloadsAtIndex,
  decodeUserMetadata,
} from '@temporalio/common/lib/internal-non-workflow';
import { temporal } from '@temporalio/proto';
import type { Bilingual, Refusal } from '../charter/rule';
import type { Delivery } from '../schemas/alert';
import type { Registration } from '../schemas/candidate';
import type { CommandInput } from '../schemas/commands';
import type { CorrectionInput } from '../schemas/correction';
import type { CommandAccepted } from '../schemas/trail';
import type { CaseRun } from '../temporal/case-runs';
import { timerLabel } from './timer-label';

const T = temporal.api.enums.v1.EventType;

interface Base {
  runId: string;
  eventId: number;
  /** When Temporal recorded the event (ISO instant). */
  at: string;
}
export type TimelineEntry = Base &
  /** clockOffsetMs: how far the run's clock stood from Temporal's (the simulator's; 0 in production). */
  (
    | { kind: 'registered'; registration: Registration; clockOffsetMs: number }
    | { kind: 'continued_from'; previousRunId: string; clockOffsetMs: number }
    | {
        kind: 'command';
        updateId: string;
        /** A step, or the correction of one (type CORRECT_STEP). */
        command: CommandInput | CorrectionInput;
        outcome:
          | { stage: string; irregularities?: Refusal[]; corrected?: CommandAccepted['corrected'] }
          | { failed: string }
          | null;
      }
    | {
        kind: 'timer';
        timerId: string;
        summary: string | null;
        /** The summary in both languages (timer-label.ts). */
        label: Bilingual;
        firesAt: string;
      }
    | { kind: 'timer_fired' | 'timer_canceled'; timerId: string }
    | { kind: 'alert_sent' | 'alert_closed'; payload: Record<string, unknown> }
    | { kind: 'continued_as_new'; nextRunId: string }
    | { kind: 'closed'; status: string; result: unknown }
  );

const instant = (t: temporal.api.history.v1.IHistoryEvent['eventTime']) =>
  new Date(Number(t?.seconds ?? 0) * 1000 + Math.floor((t?.nanos ?? 0) / 1e6)).toISOString();
const ms = (d: { seconds?: unknown; nanos?: number | null } | null | undefined) =>
  Number(d?.seconds ?? 0) * 1000 + Math.floor((d?.nanos ?? 0) / 1e6);

/** An event whose payloads do not decode: edited, or sealed with a key the auditor does not have. */
export class UnreadableEvent extends Error {
  constructor(
    readonly runId: string,
    readonly eventId: number,
    cause: unknown,
  ) {
    super(`event ${eventId}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

export async function timelineOf(runs: CaseRun[], converter: LoadedDataConverter): Promise<TimelineEntry[]> {
  const out: TimelineEntry[] = [];
  for (const { runId, history } of runs) {
    const commands = new Map<string, Extract<TimelineEntry, { kind: 'command' }>>();
    for (const e of history.events ?? []) {
      const base = { runId, eventId: Number(e.eventId), at: instant(e.eventTime) };
      try {
        await readEvent(e, base, out, commands, converter);
      } catch (err) {
        throw new UnreadableEvent(runId, base.eventId, err);
      }
    }
  }
  return out;
}

async function readEvent(
  e: temporal.api.history.v1.IHistoryEvent,
  base: Base,
  out: TimelineEntry[],
  commands: Map<string, Extract<TimelineEntry, { kind: 'command' }>>,
  converter: LoadedDataConverter,
): Promise<void> {
  switch (e.eventType) {
    case T.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED: {
      const a = e.workflowExecutionStartedEventAttributes!;
      const input = await decodeFromPayloadsAtIndex<Record<string, unknown>>(converter, 0, a.input?.payloads);
      const offsetOf = (o: unknown) =>
        typeof o === 'object' && o !== null && 'clockOffsetMs' in o && typeof o.clockOffsetMs === 'number'
          ? o.clockOffsetMs
          : 0;
      if (input && 'registration' in input)
        out.push({
          ...base,
          kind: 'registered',
          registration: input.registration as Registration,
          clockOffsetMs: offsetOf(input),
        });
      else
        out.push({
          ...base,
          kind: 'continued_from',
          previousRunId: a.continuedExecutionRunId ?? '',
          clockOffsetMs: offsetOf(input?.carried),
        });
      break;
    }
    case T.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED: {
      const a = e.workflowExecutionUpdateAcceptedEventAttributes!;
      const [command] = await decodeArrayFromPayloads(converter, a.acceptedRequest?.input?.args?.payloads);
      const entry = {
        ...base,
        kind: 'command' as const,
        updateId: a.acceptedRequest?.meta?.updateId ?? a.protocolInstanceId ?? '',
        command: command as CommandInput | CorrectionInput,
        outcome: null,
      };
      commands.set(entry.updateId, entry);
      out.push(entry);
      break;
    }
    case T.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED: {
      const a = e.workflowExecutionUpdateCompletedEventAttributes!;
      const entry = commands.get(a.meta?.updateId ?? '');
      if (!entry) break;
      if (a.outcome?.success) {
        const r = await decodeFromPayloadsAtIndex<CommandAccepted & { irregularities?: Refusal[] }>(
          converter,
          0,
          a.outcome.success.payloads,
        );
        entry.outcome = {
          stage: r.stage,
          ...(r.irregularities?.length ? { irregularities: r.irregularities } : {}),
          ...(r.corrected ? { corrected: r.corrected } : {}),
        };
      } else entry.outcome = { failed: a.outcome?.failure?.message ?? 'failed' };
      break;
    }
    case T.EVENT_TYPE_TIMER_STARTED: {
      const a = e.timerStartedEventAttributes!;
      const { staticSummary: summary } = await decodeUserMetadata(converter, e.userMetadata);
      out.push({
        ...base,
        kind: 'timer',
        timerId: a.timerId ?? '',
        summary: summary ?? null,
        label: timerLabel(summary ?? null),
        firesAt: new Date(Date.parse(base.at) + ms(a.startToFireTimeout)).toISOString(),
      });
      break;
    }
    case T.EVENT_TYPE_TIMER_FIRED:
      out.push({ ...base, kind: 'timer_fired', timerId: e.timerFiredEventAttributes?.timerId ?? '' });
      break;
    case T.EVENT_TYPE_TIMER_CANCELED:
      out.push({ ...base, kind: 'timer_canceled', timerId: e.timerCanceledEventAttributes?.timerId ?? '' });
      break;
    case T.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED: {
      const a = e.activityTaskScheduledEventAttributes!;
      const [payload] = await decodeArrayFromPayloads(converter, a.input?.payloads);
      // The one delivery activity holds what one activation raised and closed, in order.
      if (a.activityType?.name !== 'deliverBatch') break;
      const deliveries = payload as Delivery[];
      for (const d of deliveries)
        out.push(
          'raise' in d
            ? { ...base, kind: 'alert_sent', payload: d.raise }
            : { ...base, kind: 'alert_closed', payload: d.close },
        );
      break;
    }
    case T.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW:
      out.push({
        ...base,
        kind: 'continued_as_new',
        nextRunId: e.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId ?? '',
      });
      break;
    case T.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED: {
      const [result] = await decodeArrayFromPayloads(
        converter,
        e.workflowExecutionCompletedEventAttributes?.result?.payloads,
      );
      out.push({ ...base, kind: 'closed', status: 'completed', result });
      break;
    }
    case T.EVENT_TYPE_WORKFLOW_EXECUTION_FAILED:
    case T.EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED:
    case T.EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED:
    case T.EVENT_TYPE_WORKFLOW_EXECUTION_TIMED_OUT:
      out.push({
        ...base,
        kind: 'closed',
        status: T[e.eventType!]!.replace('EVENT_TYPE_WORKFLOW_EXECUTION_', '').toLowerCase(),
        result: null,
      });
      break;
  }
}
