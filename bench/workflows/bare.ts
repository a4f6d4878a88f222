/**
 * The baseline: a bare Temporal workflow that takes the same Updates as a
 * case, with no machine, no guards, no deadlines and (on its worker) no codec.
 */
import { condition, defineUpdate, setHandler } from '@temporalio/workflow';

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
