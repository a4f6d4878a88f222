/**
 * A case's one durable timer: it waits for the case's next wake (a deadline's day, the end of probation), is
 * kept while the wake stays the same, and is cancelled and started again when a step moves it. Keeping it
 * saves two events per step, and its summary names the wake in the Temporal UI and the audit's timeline.
 */
import { CancellationScope, sleep } from '@temporalio/workflow';
import { startOfLocalDay } from '../src/charter/dates';
import type { Wake } from '../src/case/wake';

export class WakeTimer {
  #timer: { key: string; fired: boolean; scope: CancellationScope } | undefined;

  /** Whether `wake` is due at `now`: its timer fired, or its day has begun. A timer for another wake is cancelled. */
  due(wake: Wake | undefined, now: number): wake is Wake {
    const key = wake ? `${wake.on} ${wake.summary}` : '';
    if (this.#timer && this.#timer.key !== key) {
      this.#timer.scope.cancel();
      this.#timer = undefined;
    }
    if (!wake || !(this.#timer?.fired || startOfLocalDay(wake.on).getTime() <= now)) return false;
    this.#timer = undefined;
    return true;
  }

  /** Starts the timer for `wake`, unless it runs already. */
  arm(wake: Wake | undefined, now: number): void {
    if (!wake || this.#timer) return;
    const t = { key: `${wake.on} ${wake.summary}`, fired: false, scope: new CancellationScope() };
    t.scope
      .run(() => sleep(startOfLocalDay(wake.on).getTime() - now, { summary: wake.summary }))
      .then(
        () => (t.fired = true),
        () => undefined, // cancelled: the wake moved
      );
    this.#timer = t;
  }

  get fired(): boolean {
    return this.#timer?.fired ?? false;
  }
}
