/**
 * The baseline: a bare Temporal workflow that takes the same Updates as a
 * case, with no machine, no guards, no deadlines and (on its worker) no codec.
 */
import { condition, defineUpdate, setHandler, upsertSearchAttributes } from '@temporalio/workflow';
import { SA } from '../../src/schemas/search-attributes';

export const stepUpdate = defineUpdate<{ n: number }, [unknown]>('step');
export const finishUpdate = defineUpdate<number>('finish');

export async function bare(): Promise<number> {
  let n = 0;
  let finished = false;
  setHandler(stepUpdate, () => ({ n: ++n }));
  setHandler(finishUpdate, () => {
    finished = true;
    return n;
  });
  await condition(() => finished);
  return n;
}

/** The scale baseline: an open workflow that records its due date, as a case does, and waits on one timer. */
export async function bareWaiting(dueAtMs: number): Promise<void> {
  upsertSearchAttributes([{ key: SA.nextDue, value: new Date(dueAtMs) }]);
  await condition(() => false, Math.max(1, dueAtMs - Date.now()));
}
