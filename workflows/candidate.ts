/**
 * One candidate, one workflow, for years. The case's bookkeeping is the pure
 * core under src/case (the machine judges, the ledger keeps the deadlines,
 * the trail what happened); this file wires it to Temporal: commands arrive
 * as Updates, time as one durable timer for the next wake, alerts leave as
 * one activity per activation, and the case continues as new as it grows.
 */
import {
  allHandlersFinished,
  condition,
  continueAsNew,
  currentUpdateInfo,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import { localDateOf } from '../src/charter/dates';
import { answerOf, applyCorrection, judgeCorrection } from '../src/case/correction';
import {
  carry,
  contextOf,
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
import { nextWake, runWake } from '../src/case/wake';
import { advance, persist } from '../src/machine/advance';
import type { Delivery } from '../src/schemas/alert';
import { TERMINAL_STAGES } from '../src/schemas/stages';
import type { MachineEvent } from '../src/schemas/commands';
import { isCorrection } from '../src/schemas/correction-kind';
import { readCorrection, readRegistration, readStep, recordedFor } from '../src/case/requests';
import type { CommandAccepted, TrailEntry } from '../src/schemas/trail';
import { AlertOutbox } from './alert-outbox';
import * as defs from './definitions';
import type { CandidateInput, CandidateResult } from './definitions';
import { cellChanged, invalid, keyReused, refusalFailure } from './failures';
import { WakeTimer } from './wake-timer';

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
  const outbox = new AlertOutbox(alertGraceMinutes, now);
  const commit = (r: { state: CaseState; deliveries: Delivery[] }) => {
    state = r.state;
    outbox.add(r.deliveries);
    version++;
  };
  /** Sends what the activation gathered, once, just before the workflow waits. */
  const flush = () => {
    outbox.send();
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
      validator: (raw, request?: defs.CommandRequest, assumed?: defs.CommandAssumptions) => {
        // A retry of a step already recorded is answered as it was, even if that step moved the case.
        if (recorded(request)) return;
        if (assumed && assumed.cellId !== contextOf(state).cellId) throw cellChanged(assumed.cellId);
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

  /** Waits for every Update and delivery to finish, sending what they add meanwhile. */
  const settle = async () => {
    for (;;) {
      flush();
      await condition(() => (allHandlersFinished() && outbox.idle) || outbox.queued);
      if (!outbox.queued) return;
    }
  };

  // A worker that takes a case up cold, with an Update waiting, may be handed the start and the Update in one
  // activation; the Update then runs inside setHandler above, and without this wait the loop's first flush
  // (an upsert) would go out before the Update's answer. Replay hands the two over in separate activations,
  // answer first, so that case's history could never be replayed again. Waiting for the handlers to finish
  // gives one order in both.
  await condition(allHandlersFinished);
  const timer = new WakeTimer();
  /**
   * Takes the next wake if it is due, else starts its timer (before the activation's deliveries and upserts go
   * out, as it always has) and waits for it or for the next command. Async even when the wake is due: the loop
   * then yields once before its next flush, which lets an Update whose handler completes a few microtasks later
   * (as it does under the tracing interceptors) answer first. Recorded histories depend on that order.
   */
  const takeNextWake = async (seen: number) => {
    const wake = nextWake(state);
    if (timer.due(wake, now())) return commit(runWake(state, wake, clock()));
    timer.arm(wake, now());
    flush();
    await condition(() => version !== seen || timer.fired);
  };
  while (!TERMINAL_STAGES.includes(stageOfCase(state))) {
    if (workflowInfo().continueAsNewSuggested || workflowInfo().historyLength > historyLimit) {
      await settle();
      const grown = { historyLength: workflowInfo().historyLength };
      commit({ state: withEntry(state, { kind: 'continued_as_new', detail: grown }, clock()).state, deliveries: [] });
      await continueAsNew<typeof candidate>({
        carried: { ...carry(state), historyLimit, clockOffsetMs, alertGraceMinutes },
      });
    }
    await takeNextWake(version);
  }

  await settle();
  return resultOf(state);
}
