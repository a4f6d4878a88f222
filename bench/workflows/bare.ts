/**
 * The baseline: a bare Temporal workflow that takes the same Updates as a
 * case, with no machine, no guards, no deadlines and (on its worker) no codec.
 */
import { allHandlersFinished, condition, defineUpdate, setHandler, upsertSearchAttributes } from '@temporalio/workflow';
import { SA } from '../../src/schemas/search-attributes';

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

/** The scale baseline: an open workflow that records its due date, as a case does, and waits on one timer. */
export async function bareWaiting(dueAtMs: number): Promise<void> {
  upsertSearchAttributes([{ key: SA.nextDue, value: new Date(dueAtMs) }]);
  await condition(() => false, Math.max(1, dueAtMs - Date.now()));
}
