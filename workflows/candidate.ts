/**
 * One candidate, one workflow, for years. The XState machine decides what
 * may happen; this workflow keeps its snapshot, keeps time (probation's end
 * and every deadline are durable timers), raises and closes escalation
 * alerts, and keeps the case searchable.
 */
import {
  ApplicationFailure,
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
import type { SearchAttributeUpdatePair } from '@temporalio/common';
import { formatVi, localDateOf, startOfLocalDay, type IsoDate } from '../src/charter/dates';
import { policyInForce } from '../src/charter/policy';
import { refusals as refusalsOf, type Refusal, type RuleResult } from '../src/charter/rule';
import { registrationDates } from '../src/charter/rules/steps';
import {
  advance,
  persist,
  restoreCase,
  stageOf,
  startCase,
  type CaseSnapshot,
  type PersistedCase,
} from '../src/machine/advance';
import { unverifiedChecks } from '../src/machine/checks';
import { calendarOf } from '../src/machine/calendar-of';
import { correctable, correctCase, correctionWho } from '../src/machine/correct';
import { trackDeadlines } from '../src/machine/deadline-log';
import { openDeadlines } from '../src/machine/deadlines';
import { levelRaisedOn, recipientsAt } from '../src/machine/escalation';
import { alertIdOf, type Alert, type AlertClosure, type Delivery } from '../src/schemas/alert';
import { Registration, type RegistrationParsed } from '../src/schemas/candidate';
import { TERMINAL_STAGES, type CaseContext } from '../src/schemas/case';
import { Command, type MachineEvent } from '../src/schemas/commands';
import { Correction, isCorrection } from '../src/schemas/correction';
import { SA } from '../src/schemas/search-attributes';
import type { DeadlineRecord, TrailEntry } from '../src/schemas/trail';
import type { AlertActivities } from '../activities';
import {
  commandUpdate,
  deadlinesQuery,
  INVALID_COMMAND,
  KEY_REUSED,
  REFUSED,
  type CommandRequest,
  snapshotQuery,
  stageQuery,
  trailQuery,
} from './definitions';

const { deliverAlert, deliverClosure, deliverBatch } = proxyActivities<AlertActivities>({
  startToCloseTimeout: '30 seconds',
  // Never give up: an alert that cannot be delivered today must arrive tomorrow, not vanish.
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '30 minutes' },
});

/** What survives continue-as-new. */
export interface CarriedState {
  persisted: PersistedCase;
  /** The case as registered, from which a correction judges it again (absent in runs carried before corrections). */
  origin?: CaseContext;
  trail: TrailEntry[];
  deadlines: DeadlineRecord[];
  /** History length at which to continue as new; tests lower it. */
  historyLimit?: number;

  /**
   * Simulation only: the case's clock runs this many ms from the server's, so
   * the simulator can replay dated scenarios from the past on a time-skipping
   * server whose clock starts today. Timers still run on real server time.
   */
  clockOffsetMs?: number;
}

export type CandidateInput =
  { registration: Registration; historyLimit?: number; clockOffsetMs?: number } | { carried: CarriedState };

export interface CandidateResult {
  caseId: string;
  stage: string;
  officialSince: string | null;
  partyAgeFrom: string | null;
  ended: { on: string; reason: string } | null;
}

const DEFAULT_HISTORY_LIMIT = 5000;

function refusalFailure(refusals: Refusal[]): ApplicationFailure {
  const first = refusals[0]!;
  return ApplicationFailure.create({
    type: REFUSED,
    message: `${first.ruleId}: ${first.reason.vi}`,
    details: [{ refusals }],
    nonRetryable: true,
  });
}

export async function candidate(input: CandidateInput): Promise<CandidateResult> {
  let snapshot: CaseSnapshot;
  let trail: TrailEntry[];
  let deadlineLog: DeadlineRecord[];
  let origin: CaseContext | undefined;
  let pendingDeliveries = 0;
  const options = 'carried' in input ? input.carried : input;
  const historyLimit = options.historyLimit ?? DEFAULT_HISTORY_LIMIT;
  const clockOffsetMs = options.clockOffsetMs ?? 0;
  const now = () => Date.now() + clockOffsetMs;
  const today = (): IsoDate => localDateOf(now());

  const addTrail = (e: Omit<TrailEntry, 'seq' | 'at'>): TrailEntry => {
    const entry = { seq: trail.length + 1, at: new Date(now()).toISOString(), ...e };
    trail.push(entry);
    return entry;
  };

  if ('carried' in input) {
    snapshot = restoreCase(input.carried.persisted);
    trail = input.carried.trail;
    deadlineLog = input.carried.deadlines;
    origin = input.carried.origin;
  } else {
    const parsed = Registration.safeParse(input.registration);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw ApplicationFailure.nonRetryable(`registration.${issue.path.join('.')}: ${issue.message}`, INVALID_COMMAND);
    }
    const reg: RegistrationParsed = parsed.data;
    // The API and the import refuse these before starting a case; a start that bypasses them fails the run
    // cleanly here rather than its task for ever (no policy set to judge by). "Today" is not asked: the run's
    // clock may be offset (simulator), and a start must not depend on the day it is replayed. A run that started
    // under laxer rules is replayed as it was: it did start.
    const refused = refusalsOf(registrationDates({ registeredOn: reg.registeredOn, birthDate: reg.profile.birthDate }));
    if (refused.length && !workflowInfo().unsafe.isReplaying) throw refusalFailure(refused);
    snapshot = startCase(reg);
    origin = snapshot.context;
    trail = [];
    deadlineLog = [];
    addTrail({
      kind: 'registered',
      date: reg.registeredOn,
      stageAfter: 'source',
      policyId: policyInForce(reg.registeredOn)?.id,
    });
  }
  const ctx = () => snapshot.context;
  let version = 0;
  // Runs started before helper assessments existed must not grow new timers on replay.
  const features = { helperAssessments: patched('helper-assessments') };
  // Fewer events per case (bench/run.ts): search attributes are upserted only when one changes, and the
  // deadline timer is kept while the next wake stays the same instead of being cancelled and restarted on
  // every step. Runs started before keep their histories' shape.
  const lean = patched('lean-history');
  // What one activation raises and closes goes out as one activity (one signal per committee), and its search
  // attributes as one upsert: a case found overdue by two levels at once, or whose step closes one deadline and
  // opens another already overdue, used to schedule an activity and an upsert for each. Decided at the case's
  // first delivery, so a case that never raises an alert records no patch marker for it.
  let batched: boolean | undefined;
  const batching = () => (batched ??= patched('batched-effects'));
  let outbox: Delivery[] = [];
  let attributesStale = false;
  const openNow = () => openDeadlines(stageOf(snapshot), ctx(), features);

  /** Runs an alert activity without blocking the case: a hanging webhook must not stop its timers. */
  const deliver = (p: Promise<void>) => {
    pendingDeliveries++;
    void p.finally(() => pendingDeliveries--);
  };
  const sendAlert = (alert: Alert) => (batching() ? outbox.push({ raise: alert }) : deliver(deliverAlert(alert)));
  const sendClosure = (close: AlertClosure) => (batching() ? outbox.push({ close }) : deliver(deliverClosure(close)));

  /** Closes the alerts of a deadline met while they were raised, with everyone they reached. */
  const closeAlerts = (rec: DeadlineRecord) => {
    if (rec.level === 0 || rec.metOn === null) return;
    const recipients = [
      ...new Set(Array.from({ length: rec.level }, (_, i) => recipientsAt(ctx(), rec, i + 1)).flat()),
    ];
    sendClosure({
      caseId: ctx().caseId,
      deadlineId: rec.id,
      closedOn: rec.metOn,
      workingDaysLate: rec.workingDaysLate!,
      recipients,
    });
    addTrail({
      kind: 'alert_closed',
      date: rec.metOn,
      detail: { deadlineId: rec.id, workingDaysLate: rec.workingDaysLate },
    });
  };
  const syncDeadlines = (metOn: IsoDate | undefined) => {
    for (const rec of trackDeadlines(deadlineLog, openNow(), metOn ?? today(), calendarOf(ctx()))) closeAlerts(rec);
  };

  const syncSearchAttributes = () => {
    if (batched) attributesStale = true;
    else upsertAttributes();
  };
  const upsertAttributes = () => {
    const c = ctx();
    const open = deadlineLog.filter((r) => r.metOn === null);
    const nextDue = open.map((r) => r.dueDate).sort()[0];
    const pairs: SearchAttributeUpdatePair[] = [
      { key: SA.stage, value: stageOf(snapshot) },
      { key: SA.cell, value: c.cellId },
      { key: SA.committees, value: c.committeeIds },
      { key: SA.nextDue, value: nextDue ? startOfLocalDay(nextDue) : null },
      { key: SA.overdueLevel, value: Math.max(0, ...open.map((r) => r.level)) },
      { key: SA.admissionYear, value: c.admission?.decision === 'admit' ? Number(c.admission.on.slice(0, 4)) : null },
    ];
    const current = workflowInfo().typedSearchAttributes;
    const changed = lean
      ? pairs.filter((p) => JSON.stringify(p.value ?? null) !== JSON.stringify(current.get(p.key) ?? null))
      : pairs;
    if (changed.length) upsertSearchAttributes(changed);
  };

  const apply = (
    event: MachineEvent,
    kind: 'command' | 'system',
    judged?: ReturnType<typeof advance>,
    request?: CommandRequest,
  ) => {
    const before = stageOf(snapshot);
    const result = judged ?? advance(snapshot, event);
    if (!result.ok) return result;
    // A vote whose denominator the registry could not confirm on its date says so in the trail.
    const unverified = 'tally' in event ? unverifiedChecks(snapshot.context, event) : [];
    snapshot = result.snapshot;
    syncDeadlines(event.date);
    const entry = addTrail({
      kind,
      type: event.type,
      date: event.date,
      form: 'form' in event ? event.form : undefined,
      signedBy: 'signedBy' in event ? event.signedBy : undefined,
      recordedBy: 'recordedBy' in event ? event.recordedBy : undefined,
      policyId: policyInForce(event.date)?.id,
      stageBefore: before,
      stageAfter: stageOf(snapshot),
      ...(result.irregularities.length ? { irregularities: result.irregularities } : {}),
      ...(request ? { request } : {}),
      ...(unverified.length ? { detail: { unverified } } : {}),
      event,
      ...(currentUpdateInfo() ? { updateId: currentUpdateInfo()!.id } : {}),
    });
    syncSearchAttributes();
    version++;
    return { ok: true as const, entry };
  };

  const invalid = (issues: Array<{ path: PropertyKey[]; message: string }>) => {
    const issue = issues[0]!;
    return ApplicationFailure.nonRetryable(`${issue.path.join('.') || 'command'}: ${issue.message}`, INVALID_COMMAND);
  };

  const toEvent = (raw: unknown): MachineEvent => {
    const parsed = Command.safeParse(raw);
    if (!parsed.success) throw invalid(parsed.error.issues);
    return { ...parsed.data, recordedOn: today() };
  };

  /**
   * The step a retried request already recorded. Temporal answers a retry with the same Update id itself while
   * the run that applied it lasts; this also covers a retry that arrives after continue-as-new, and refuses an
   * Idempotency-Key reused for a different command.
   */
  const recordedBy = (request: CommandRequest | undefined): TrailEntry | undefined => {
    const entry = request && trail.find((t) => t.request?.key === request.key);
    if (entry && entry.request!.fingerprint !== request!.fingerprint)
      throw ApplicationFailure.create({
        type: KEY_REUSED,
        message: `Idempotency-Key '${request!.key}' already recorded step ${entry.seq} (${entry.type}) with another command`,
        details: [{ seq: entry.seq }],
        nonRetryable: true,
      });
    return entry;
  };

  /**
   * A step the history shows was accepted, as this code replays it. The code may be newer than the code that
   * accepted it (a rule added or tightened since, a text field checked more strictly): refusing it now would
   * leave the replayed case without a step it took, so it is applied with its breaches kept as irregularities.
   */
  const replayedEvent = (raw: unknown): MachineEvent => {
    const parsed = Command.safeParse(raw);
    return { ...(parsed.success ? parsed.data : (raw as Command)), recordedOn: today(), acceptedEarlier: true };
  };

  /**
   * A correction judged against the case as it stands: may this caller correct that step, and what the case
   * becomes with it. On replay it was accepted once: who sent it is not asked again, and the corrected step
   * keeps its breaches as a replayed step does.
   */
  const judgeCorrection = (raw: unknown) => {
    const replaying = workflowInfo().unsafe.isReplaying;
    const parsed = Correction.safeParse(raw);
    if (!parsed.success && !replaying) throw invalid(parsed.error.issues);
    const c = parsed.success ? parsed.data : (raw as Correction);
    const rules: RuleResult[] = [correctable(trail, c.seq, c.step.type, origin !== undefined)];
    if (refusalsOf(rules).length === 0 && !replaying) rules.push(correctionWho(trail, c.seq, c.recordedBy, ctx()));
    const refused = refusalsOf(rules);
    if (refused.length) throw refusalFailure(refused);
    const target = trail.find((t) => t.seq === c.seq)!;
    const { acceptedEarlier: _, ...was } = target.event!;
    const step: MachineEvent = {
      ...c.step,
      // Who recorded the step stays: the correction names its own author beside it.
      recordedBy: 'recordedBy' in was ? was.recordedBy : c.recordedBy,
      recordedOn: was.recordedOn,
      ...(replaying ? { acceptedEarlier: true as const } : {}),
    } as MachineEvent;
    const result = correctCase(origin!, trail, c.seq, step, features);
    if (!result.ok) throw refusalFailure(result.refusals);
    return { correction: c, target, step, result };
  };

  /** A correction's answer names the step it corrected, as the trail and the Update that recorded it know it. */
  const correctedOf = (correction: TrailEntry) => {
    const seq = (correction.detail as { seq: number }).seq;
    return { seq, updateId: trail.find((t) => t.seq === seq)?.updateId ?? null };
  };

  const applyCorrection = (judged: ReturnType<typeof judgeCorrection>, request?: CommandRequest) => {
    const { correction, target, step, result } = judged;
    const before = stageOf(snapshot);
    const previous = deadlineLog;
    // Alerts already raised stay raised: each rebuilt deadline keeps its escalation level, the n-th of an id
    // taking the n-th's, and an alerted deadline the correction shows as met has its alerts closed.
    const seen = new Map<string, number>();
    const met: DeadlineRecord[] = [];
    const kept = new Set<DeadlineRecord>();
    for (const rec of result.deadlines) {
      const n = seen.get(rec.id) ?? 0;
      seen.set(rec.id, n + 1);
      const was = previous.filter((r) => r.id === rec.id)[n];
      if (was) kept.add(was);
      rec.level = was?.level ?? 0;
      if (was && was.metOn === null && rec.metOn !== null) met.push(rec);
    }
    snapshot = result.snapshot;
    deadlineLog = result.deadlines;
    // A deadline the corrected case never had (a vote corrected to "not proposed" opens no decision deadline)
    // ends today; if it was alerted, the committees are told it is closed.
    const cal = calendarOf(ctx());
    for (const was of previous.filter((r) => r.metOn === null && r.level > 0 && !kept.has(r))) {
      const rec = { ...was, metOn: today(), workingDaysLate: cal.workingDaysBetween(was.dueDate, today()) };
      deadlineLog.push(rec);
      met.push(rec);
    }
    const entry = addTrail({
      kind: 'correction',
      type: 'CORRECT_STEP',
      date: today(),
      recordedBy: correction.recordedBy,
      policyId: policyInForce(step.date)?.id,
      stageBefore: before,
      stageAfter: stageOf(snapshot),
      detail: {
        seq: target.seq,
        reason: correction.reason,
        before: target.corrected?.event ?? target.event,
        after: step,
      },
      ...(result.irregularities.length ? { irregularities: result.irregularities } : {}),
      ...(request ? { request } : {}),
      ...(currentUpdateInfo() ? { updateId: currentUpdateInfo()!.id } : {}),
    });
    target.corrected = { bySeq: entry.seq, event: step };
    for (const rec of met) closeAlerts(rec);
    syncSearchAttributes();
    version++;
    return {
      stage: stageOf(snapshot),
      openDeadlines: openNow(),
      seq: entry.seq,
      corrected: correctedOf(entry),
      ...(entry.irregularities ? { irregularities: entry.irregularities } : {}),
    };
  };

  // A new Update is judged by its validator and then applied in the same activation, on the same snapshot:
  // the handler reuses that judgement instead of parsing and running the machine a second time. (On replay
  // validators do not run, so the handler judges for itself.)
  let validated:
    { input: string; version: number; event: MachineEvent; result: ReturnType<typeof advance> } | undefined;
  setHandler(
    commandUpdate,
    (raw, request?: CommandRequest) => {
      const earlier = recordedBy(request);
      if (earlier) {
        validated = undefined;
        return {
          stage: earlier.stageAfter!,
          openDeadlines: openNow(),
          seq: earlier.seq,
          ...(earlier.irregularities ? { irregularities: earlier.irregularities } : {}),
          ...(earlier.kind === 'correction' ? { corrected: correctedOf(earlier) } : {}),
        };
      }
      if (isCorrection(raw)) {
        validated = undefined;
        return applyCorrection(judgeCorrection(raw), request);
      }
      const same = validated && validated.version === version && validated.input === JSON.stringify(raw);
      const result = same
        ? apply(validated!.event, 'command', validated!.result, request)
        : apply(workflowInfo().unsafe.isReplaying ? replayedEvent(raw) : toEvent(raw), 'command', undefined, request);
      validated = undefined;
      // Only reachable if the case changed between validation and execution.
      if (!result.ok) throw refusalFailure(result.refusals);
      return {
        stage: stageOf(snapshot),
        openDeadlines: openNow(),
        seq: result.entry.seq,
        ...(result.entry.irregularities ? { irregularities: result.entry.irregularities } : {}),
      };
    },
    {
      validator: (raw, request?: CommandRequest) => {
        if (recordedBy(request)) return;
        if (isCorrection(raw)) {
          judgeCorrection(raw);
          return;
        }
        const event = toEvent(raw);
        const r = advance(snapshot, event);
        if (!r.ok) throw refusalFailure(r.refusals);
        validated = { input: JSON.stringify(raw), version, event, result: r };
      },
    },
  );
  setHandler(stageQuery, () => stageOf(snapshot));
  setHandler(snapshotQuery, () => persist(snapshot));
  setHandler(deadlinesQuery, () => ({ open: openNow(), history: deadlineLog }));
  setHandler(trailQuery, () => trail);

  syncDeadlines(undefined);
  syncSearchAttributes();

  /** The next thing time will do to this case, if nothing else happens first. */
  const nextWake = (): { on: IsoDate; summary: string; run: () => void } | undefined => {
    const c = ctx();
    const wakes: Array<{ on: IsoDate; summary: string; run: () => void }> = [];
    if (stageOf(snapshot) === 'probation' && c.probationEndsOn) {
      const on = c.probationEndsOn;
      wakes.push({
        on,
        summary: `probation ends ${formatVi(on)}`,
        run: () => {
          const r = apply({ type: 'PROBATION_ENDED', date: on, recordedOn: today() }, 'system');
          // Failing the task (retried, visible in the UI) beats spinning on a wake that cannot happen.
          if (!r.ok) throw new Error(`probation end refused: ${JSON.stringify(r.refusals)}`);
        },
      });
    }
    for (const rec of deadlineLog.filter((r) => r.metOn === null)) {
      const level = rec.level + 1;
      const on = levelRaisedOn(c, rec, level);
      if (!on) continue;
      const d = openNow().find((x) => x.id === rec.id);
      wakes.push({
        on,
        summary: `${d?.label.en ?? rec.kind}: alert level ${level}`,
        run: () => {
          rec.level = level;
          const alert: Alert = {
            alertId: alertIdOf(c.caseId, rec.id, level),
            caseId: c.caseId,
            deadlineId: rec.id,
            deadlineKind: rec.kind,
            dueDate: rec.dueDate,
            level,
            answerBy: rec.answerBy,
            recipients: recipientsAt(c, rec, level),
            raisedOn: today(),
            summary: d?.label ?? { vi: rec.kind, en: rec.kind },
          };
          sendAlert(alert);
          addTrail({
            kind: 'alert',
            date: alert.raisedOn,
            detail: { deadlineId: rec.id, level, recipients: alert.recipients },
          });
          syncSearchAttributes();
        },
      });
    }
    return wakes.sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0))[0];
  };

  /** The timer of the next wake, kept across steps that do not move it. */
  let timer: { key: string; fired: boolean; scope: CancellationScope } | undefined;
  const waitLean = async (wake: ReturnType<typeof nextWake>, seen: number) => {
    const key = wake ? `${wake.on} ${wake.summary}` : '';
    if (timer && timer.key !== key) {
      timer.scope.cancel();
      timer = undefined;
    }
    if (!wake) {
      flush();
      return condition(() => version !== seen);
    }
    if (timer?.fired || startOfLocalDay(wake.on).getTime() <= now()) {
      timer = undefined;
      return wake.run();
    }
    if (!timer) {
      const t = { key, fired: false, scope: new CancellationScope() };
      const ms = startOfLocalDay(wake.on).getTime() - now();
      t.scope
        .run(() => sleep(ms, { summary: wake.summary }))
        .then(
          () => (t.fired = true),
          () => undefined, // cancelled: the wake moved
        );
      timer = t;
    }
    const t = timer;
    flush();
    await condition(() => version !== seen || t.fired);
  };

  /** Sends what the activation has gathered; called just before the workflow waits, so once per activation. */
  const flush = () => {
    if (outbox.length) deliver(deliverBatch(outbox));
    outbox = [];
    if (attributesStale) upsertAttributes();
    attributesStale = false;
  };
  /** Waits for every Update to finish and every delivery to be done, sending what they add meanwhile. */
  const settle = async () => {
    for (;;) {
      flush();
      await condition(() => (allHandlersFinished() && pendingDeliveries === 0) || outbox.length > 0 || attributesStale);
      if (!outbox.length && !attributesStale) return;
    }
  };

  while (!TERMINAL_STAGES.includes(stageOf(snapshot))) {
    if (workflowInfo().continueAsNewSuggested || workflowInfo().historyLength > historyLimit) {
      await settle();
      addTrail({ kind: 'continued_as_new', detail: { historyLength: workflowInfo().historyLength } });
      await continueAsNew<typeof candidate>({
        carried: { persisted: persist(snapshot), origin, trail, deadlines: deadlineLog, historyLimit, clockOffsetMs },
      });
    }
    const seen = version;
    const wake = nextWake();
    if (lean) {
      await waitLean(wake, seen);
      continue;
    }
    // A run started before lean histories batches too if its first alert comes after batching was deployed.
    flush();
    if (!wake) {
      await condition(() => version !== seen);
      continue;
    }
    const ms = startOfLocalDay(wake.on).getTime() - now();
    const changed = ms > 0 ? await condition(() => version !== seen, ms, { summary: wake.summary }) : false;
    if (!changed) wake.run();
  }

  await settle();
  const c = ctx();
  return {
    caseId: c.caseId,
    stage: stageOf(snapshot),
    officialSince: c.officialSince ?? null,
    partyAgeFrom: c.partyAgeFrom ?? null,
    ended: c.ended ?? null,
  };
}
