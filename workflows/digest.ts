/**
 * The committees' daily digest. A Temporal Schedule (src/temporal/digest-schedule.ts) starts dailyDigest at 07:00
 * Asia/Ho_Chi_Minh every day; on a day that is not a working day in Vietnam's calendar (holidays, weekends, make-up
 * Saturdays) it does nothing. On a working day it starts one committeeDigest per committee that takes the digest,
 * with the workflow id digest-<committee>-<yyyy-MM-dd> that Temporal refuses to start twice: a second run of the
 * same day (a catch-up, a manual trigger) sends nothing again, and a worker that dies mid-send leaves the sends
 * already completed recorded in their workflows' histories, so only the one in flight is retried, with its stable
 * Message-ID.
 */
import {
  ParentClosePolicy,
  proxyActivities,
  startChild,
  WorkflowIdReusePolicy,
  workflowInfo,
} from '@temporalio/workflow';
import {
  defineSearchAttributeKey,
  SearchAttributeType,
  WorkflowExecutionAlreadyStartedError,
} from '@temporalio/common';
import { vnCalendar } from '../src/charter/calendar';
import { localDateOf, type IsoDate } from '../src/charter/dates';
import type { MailActivities, MailOutcome } from '../activities/mail';
import { digestWorkflowId } from './definitions';

const { digestRecipients } = proxyActivities<MailActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', maximumInterval: '10 minutes' },
});
const { sendDigest } = proxyActivities<MailActivities>({
  startToCloseTimeout: '2 minutes',
  // Until it goes: a digest refused at 07:00 is still worth reading at 09:00.
  retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

/** The time the Schedule meant to start this run: a run caught up late is still that day's digest. */
const SCHEDULED_START = defineSearchAttributeKey('TemporalScheduledStartTime', SearchAttributeType.DATETIME);

export interface DigestRun {
  day: IsoDate;
  skipped?: string;
  /** Per committee: sent, skipped with why, or already sent by an earlier run of the day. */
  committees: Record<string, MailOutcome | { already: string }>;
}

export async function dailyDigest(input: { day?: IsoDate } = {}): Promise<DigestRun> {
  const scheduled = workflowInfo().typedSearchAttributes.get(SCHEDULED_START);
  const day = input.day ?? localDateOf(scheduled ? scheduled.getTime() : Date.now());
  if (!vnCalendar.isWorkingDay(day)) return { day, skipped: 'not a working day', committees: {} };
  const ids = await digestRecipients(day);
  const outcomes = await Promise.all(
    ids.map(async (committeeId) => {
      const workflowId = digestWorkflowId(committeeId, day);
      try {
        const child = await startChild(committeeDigest, {
          workflowId,
          args: [{ committeeId, day }],
          workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
          // A digest already under way goes on if this run is terminated.
          parentClosePolicy: ParentClosePolicy.ABANDON,
        });
        return [committeeId, await child.result()] as const;
      } catch (err) {
        if (err instanceof WorkflowExecutionAlreadyStartedError) return [committeeId, { already: workflowId }] as const;
        throw err;
      }
    }),
  );
  return { day, committees: Object.fromEntries(outcomes) };
}

/** One committee's digest of one day: built when it is sent, so it lists only what is open then. */
export async function committeeDigest(input: { committeeId: string; day: IsoDate }): Promise<MailOutcome> {
  return sendDigest(input);
}
