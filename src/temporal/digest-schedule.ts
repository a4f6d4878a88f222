/**
 * The Schedule that runs the committees' daily digest (workflows/digest.ts): every day at 07:00 in Asia/Ho_Chi_Minh;
 * the workflow itself skips the days that are not working days, since Vietnam's calendar (moved holidays, make-up
 * Saturdays) is not a cron expression. Made sure of by every worker at start: created when missing, brought back to
 * this spec when someone changed it, left alone otherwise, so several workers starting at once are harmless.
 */
import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Client, type ScheduleSpec } from '@temporalio/client';

export const DIGEST_SCHEDULE_ID = 'committee-daily-digest';
export const DIGEST_TIME_ZONE = 'Asia/Ho_Chi_Minh';
const HOUR = 7;

const spec: ScheduleSpec = {
  calendars: [{ hour: HOUR, minute: 0, comment: '07:00 every day; the digest skips days that are not working days' }],
  timezone: DIGEST_TIME_ZONE,
};

const action = (taskQueue: string) => ({
  type: 'startWorkflow' as const,
  workflowType: 'dailyDigest',
  workflowId: 'daily-digest',
  taskQueue,
  args: [{}],
});

/** Whether a described schedule still fires at 07:00 Vietnam time and starts the digest on this task queue. */
function matches(
  described: Awaited<ReturnType<ReturnType<Client['schedule']['getHandle']>['describe']>>,
  taskQueue: string,
) {
  const cals = described.spec.calendars ?? [];
  const at = (r: unknown) => JSON.stringify(r);
  return (
    described.spec.timezone === DIGEST_TIME_ZONE &&
    cals.length === 1 &&
    at(cals[0]!.hour) === at([{ start: HOUR, end: HOUR, step: 1 }]) &&
    at(cals[0]!.minute) === at([{ start: 0, end: 0, step: 1 }]) &&
    (described.spec.intervals ?? []).length === 0 &&
    described.action.type === 'startWorkflow' &&
    described.action.workflowType === 'dailyDigest' &&
    described.action.taskQueue === taskQueue
  );
}

export async function ensureDigestSchedule(client: Client, taskQueue: string): Promise<'created' | 'updated' | 'kept'> {
  try {
    await client.schedule.create({
      scheduleId: DIGEST_SCHEDULE_ID,
      spec,
      action: action(taskQueue),
      // A run still sending when the next fires is left to finish; a day missed while the cluster was down is
      // caught up within the day, not a week later.
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '12 hours' },
    });
    return 'created';
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
  }
  const handle = client.schedule.getHandle(DIGEST_SCHEDULE_ID);
  if (matches(await handle.describe(), taskQueue)) return 'kept';
  await handle.update((previous) => ({ ...previous, spec, action: action(taskQueue) }));
  return 'updated';
}
