/**
 * What a case tells committees, on its way out: the alerts and closures an activation gathered go out once,
 * just before the case waits, as one delivery activity (and, for raised alerts, one mail activity beside it).
 * Raises first wait out the policy's grace, and a closure within it withdraws them. The case never waits for
 * any of it: a hanging webhook or a refusing mail server must not stop its timers.
 */
import { patched, proxyActivities, sleep } from '@temporalio/workflow';
import { ALERT_GRACE_PATCH, AlertHold, graceMsOn, graceSummary } from '../src/case/alert-hold';
import { localDateOf } from '../src/charter/dates';
import type { Delivery } from '../src/schemas/alert';
import type { AlertActivities } from '../activities';

const { deliverBatch } = proxyActivities<AlertActivities>({
  startToCloseTimeout: '30 seconds',
  // Never give up: an alert that cannot be delivered today must arrive tomorrow, not vanish.
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '30 minutes' },
});

// Mail has its own activity per step, beside the delivery: a refusing SMTP server retries the mail, not the inboxes.
const { mailAlerts } = proxyActivities<AlertActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '30 minutes' },
});
/** The patch under which raised alerts are also mailed (docs/versioning.md). */
const ALERT_MAIL_PATCH = 'alert-mail';

export class AlertOutbox {
  #queued: Delivery[] = [];
  #inFlight = 0;
  readonly #hold = new AlertHold();

  /** `graceMinutes`: the case's own grace, if it was registered with one (else the policy's). */
  constructor(
    private readonly graceMinutes: number | undefined,
    private readonly now: () => number,
  ) {}

  add(deliveries: Delivery[]): void {
    this.#queued.push(...deliveries);
  }

  /** Whether something was added since the last send. */
  get queued(): boolean {
    return this.#queued.length > 0;
  }

  /** Whether every delivery has finished and no raise is held. */
  get idle(): boolean {
    return this.#inFlight === 0 && this.#hold.size === 0;
  }

  /** Sends what was added, once. */
  send(): void {
    if (this.#queued.length) this.#dispatch(this.#admit(this.#queued));
    this.#queued = [];
  }

  // Runs started before the grace's patch sent every raise at once, and replay them so; a grace of 0 sends at
  // once without the patch.
  #admit(deliveries: Delivery[]): Delivery[] {
    const graceMs = graceMsOn(localDateOf(this.now()), this.graceMinutes);
    const raises = deliveries.some((d) => 'raise' in d);
    if (!(this.#hold.size > 0 || (graceMs > 0 && raises && patched(ALERT_GRACE_PATCH)))) return deliveries;
    const admitted = this.#hold.admit(deliveries, this.now(), graceMs);
    if (admitted.held.length)
      void sleep(graceMs, { summary: graceSummary(admitted.held, graceMs) }).then(() =>
        this.#dispatch(this.#hold.release(this.now())),
      );
    return admitted.send;
  }

  #dispatch(deliveries: Delivery[]): void {
    if (!deliveries.length) return;
    this.#inFlight++;
    void deliverBatch(deliveries).finally(() => this.#inFlight--);
    const raised = deliveries.flatMap((d) => ('raise' in d ? [d.raise] : []));
    if (raised.length && patched(ALERT_MAIL_PATCH)) {
      this.#inFlight++;
      // The activity decides which committees take mail at once; nothing here waits for it either.
      void mailAlerts(raised).finally(() => this.#inFlight--);
    }
  }
}
