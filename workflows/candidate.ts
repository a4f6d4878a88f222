/**
 * One candidate, one workflow, for years. The case's bookkeeping is the pure
 * core under src/case (the machine judges, the ledger keeps the deadlines,
 * the trail what happened); this file wires it to Temporal: commands arrive
 * as Updates, time as one durable timer for the next wake, alerts leave as
 * one activity per activation, and the case continues as new as it grows.
 */
import {
  allHandlersFinished,
  CancellationScope,
  condition,
  continueAsNew,
  currentUpdateInfo,
  patched,
  proxyActivities,
  setHandler,
  sleep,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import { localDateOf, startOfLocalDay } from '../src/charter/dates';
import { ALERT_GRACE_PATCH, AlertHold, graceMsOn, graceSummary } from '../src/case/alert-hold';
import { answerOf, applyCorrection, judgeCorrection } from '../src/case/correction';
import {
  carry,
  openCase,
  openNow,
  resultOf,
  resume,
  changedSearchAttributes,
  stageOfCase,
  withEntry,
} from '../src/case/state';
import type { CaseState, Clock } from '../src/case/state';
import { takeStep, type StepMeta, type Stepped } from '../src/case/step';
import { nextWake, runWake, type Wake } from '../src/case/wake';
import { advance, persist } from '../src/machine/advance';
import type { Delivery } from '../src/schemas/alert';
import { TERMINAL_STAGES } from '../src/schemas/stages';
import type { MachineEvent } from '../src/schemas/commands';
import { isCorrection } from '../src/schemas/correction-kind';
import { readCorrection, readRegistration, readStep, recordedFor } from '../src/case/requests';
import type { CommandAccepted, TrailEntry } from '../src/schemas/trail';
import type { AlertActivities } from '../activities';
import * as defs from './definitions';
import type { CandidateInput, CandidateResult } from './definitions';
import { invalid, keyReused, refusalFailure } from './failures';

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

const DEFAULT_HISTORY_LIMIT = 5000;

export async function candidate(input: CandidateInput): Promise<CandidateResult> {
  const options = 'carried' in input ? input.carried : input;
  const historyLimit = options.historyLimit ?? DEFAULT_HISTORY_LIMIT;
  const clockOffsetMs = options.clockOffsetMs ?? 0;
  const alertGraceMinutes = options.alertGraceMinutes;
  const now = () => Date.now() + clockOffsetMs;
  const clock = (): Clock => ({ at: new Date(now()).toISOString(), today: localDateOf(now()) });
  const replaying = () => workflowInfo().unsafe.isReplaying;

  let state: CaseState;
  if ('carried' in input) state = resume(input.carried);
  else {
    // The API and the import refuse a bad registration before starting a case; one that bypasses them fails the
    // run cleanly here rather than its task for ever. A run started under laxer rules is replayed as it was.
    const read = readRegistration(input.registration, replaying());
    if (!read.ok) throw 'issues' in read ? invalid(read.issues) : refusalFailure(read.refusals);
    state = openCase(read.value, clock());
  }

  let version = 0;
  let outbox: Delivery[] = [];
  let pendingDeliveries = 0;
  const commit = (r: { state: CaseState; deliveries: Delivery[] }) => {
    state = r.state;
    outbox.push(...r.deliveries);
    version++;
  };
  const send = (deliveries: Delivery[]) => {
    if (!deliveries.length) return;
    pendingDeliveries++;
    // Not awaited: a hanging webhook must not stop the case's timers.
    void deliverBatch(deliveries).finally(() => pendingDeliveries--);
    const raised = deliveries.flatMap((d) => ('raise' in d ? [d.raise] : []));
    if (raised.length && patched(ALERT_MAIL_PATCH)) {
      pendingDeliveries++;
      // The activity decides which committees take mail at once; nothing here waits for it either.
      void mailAlerts(raised).finally(() => pendingDeliveries--);
    }
  };
  // Raises wait out the policy's grace before they are sent, and a closure within it withdraws them. Runs started
  // before the patch sent every raise at once, and replay them so; a grace of 0 sends at once without the patch.
  const hold = new AlertHold();
  const admit = (deliveries: Delivery[]): Delivery[] => {
    const graceMs = graceMsOn(clock().today, alertGraceMinutes);
    const raises = deliveries.some((d) => 'raise' in d);
    if (!(hold.size > 0 || (graceMs > 0 && raises && patched(ALERT_GRACE_PATCH)))) return deliveries;
    const admitted = hold.admit(deliveries, now(), graceMs);
    if (admitted.held.length)
      void sleep(graceMs, { summary: graceSummary(admitted.held, graceMs) }).then(() => send(hold.release(now())));
    return admitted.send;
  };
  /** Sends what the activation gathered, once, just before the workflow waits. */
  const flush = () => {
    if (outbox.length) send(admit(outbox));
    outbox = [];
    const changed = changedSearchAttributes(state, workflowInfo().typedSearchAttributes);
    if (changed.length) upsertSearchAttributes(changed);
  };

  const meta = (request?: defs.CommandRequest): StepMeta => ({ request, updateId: currentUpdateInfo()?.id });
  const answer = (entry: TrailEntry) => answerOf(state, entry);
  const accepted = (r: Stepped): CommandAccepted => {
    if (!r.ok) throw refusalFailure(r.refusals);
    commit(r);
    return answer(r.entry);
  };

  /** The step a retried request already recorded; the same key with another command is refused. */
  const recorded = (request: defs.CommandRequest | undefined): TrailEntry | undefined => {
    const found = recordedFor(state.trail, request);
    if (found?.reused) throw keyReused(request!.key, found.entry);
    return found?.entry;
  };
  const toEvent = (raw: unknown): MachineEvent => {
    const read = readStep(raw, clock().today, replaying());
    if (!read.ok) throw invalid(read.issues);
    return read.value;
  };
  const toCorrection = (raw: unknown) => {
    const read = readCorrection(raw, replaying());
    if (!read.ok) throw invalid(read.issues);
    const judged = judgeCorrection(state, read.value, replaying());
    if (!judged.ok) throw refusalFailure(judged.refusals);
    return judged;
  };

  // The validator judges a new Update once and the handler, in the same activation on the same state, takes
  // that verdict. On replay validators do not run, so the handler judges for itself.
  let validated: { raw: string; version: number; event: MachineEvent; result: ReturnType<typeof advance> } | undefined;
  setHandler(
    defs.commandUpdate,
    (raw, request?: defs.CommandRequest) => {
      const earlier = recorded(request);
      const verdict = validated?.raw === JSON.stringify(raw) && validated.version === version ? validated : undefined;
      validated = undefined;
      if (earlier) return answer(earlier);
      if (isCorrection(raw)) return accepted(applyCorrection(state, toCorrection(raw), clock(), meta(request)));
      const event = verdict?.event ?? toEvent(raw);
      return accepted(takeStep(state, event, 'command', clock(), meta(request), verdict?.result));
    },
    {
      validator: (raw, request?: defs.CommandRequest) => {
        if (recorded(request)) return;
        if (isCorrection(raw)) return void toCorrection(raw);
        const event = toEvent(raw);
        const result = advance(state.snapshot, event);
        if (!result.ok) throw refusalFailure(result.refusals);
        validated = { raw: JSON.stringify(raw), version, event, result };
      },
    },
  );
  setHandler(defs.stageQuery, () => stageOfCase(state));
  setHandler(defs.snapshotQuery, () => persist(state.snapshot));
  setHandler(defs.deadlinesQuery, () => ({ open: openNow(state), history: state.ledger }));
  setHandler(defs.trailQuery, () => state.trail);

  /** The timer of the next wake, kept across steps that do not move it. */
  let timer: { key: string; fired: boolean; scope: CancellationScope } | undefined;
  const waitFor = async (wake: Wake | undefined, seen: number) => {
    const key = wake ? `${wake.on} ${wake.summary}` : '';
    if (timer && timer.key !== key) {
      timer.scope.cancel();
      timer = undefined;
    }
    if (wake && (timer?.fired || startOfLocalDay(wake.on).getTime() <= now())) {
      timer = undefined;
      return commit(runWake(state, wake, clock()));
    }
    if (wake && !timer) {
      const t = { key, fired: false, scope: new CancellationScope() };
      t.scope
        .run(() => sleep(startOfLocalDay(wake.on).getTime() - now(), { summary: wake.summary }))
        .then(
          () => (t.fired = true),
          () => undefined, // cancelled: the wake moved
        );
      timer = t;
    }
    const t = timer;
    flush();
    await condition(() => version !== seen || Boolean(t?.fired));
  };
  /** Waits for every Update and delivery to finish, sending what they add meanwhile. */
  const settle = async () => {
    for (;;) {
      flush();
      await condition(() => (allHandlersFinished() && pendingDeliveries === 0 && hold.size === 0) || outbox.length > 0);
      if (!outbox.length) return;
    }
  };

  // A worker that takes a case up cold, with an Update waiting, may be handed the start and the Update in one
  // activation; the Update then runs inside setHandler above, and without this wait the loop's first flush
  // (an upsert) would go out before the Update's answer. Replay hands the two over in separate activations,
  // answer first, so that case's history could never be replayed again. Waiting for the handlers to finish
  // gives one order in both.
  await condition(allHandlersFinished);
  while (!TERMINAL_STAGES.includes(stageOfCase(state))) {
    if (workflowInfo().continueAsNewSuggested || workflowInfo().historyLength > historyLimit) {
      await settle();
      const grown = { historyLength: workflowInfo().historyLength };
      commit({ state: withEntry(state, { kind: 'continued_as_new', detail: grown }, clock()).state, deliveries: [] });
      await continueAsNew<typeof candidate>({
        carried: { ...carry(state), historyLimit, clockOffsetMs, alertGraceMinutes },
      });
    }
    await waitFor(nextWake(state), version);
  }

  await settle();
  return resultOf(state);
}
