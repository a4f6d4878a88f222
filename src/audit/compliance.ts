/**
 * The compliance re-check: every accepted step judged again, from the
 * history's own record of it, by the charter rules in force on the step's
 * date — independently of whatever guard admitted it then — and every
 * deadline recomputed and measured against when it was met.
 */
import { z } from 'zod';
import { addDays, formatVi, localDateOf, type IsoDate } from '../charter/dates';
import { policyOn } from '../charter/policy';
import { refusals, type Refusal, declareRule } from '../charter/rule';
import { CERTIFICATE_VALID } from '../charter/rules/papers';
import { registrationDates } from '../charter/rules/steps';
import { applyEvent, initialContext } from '../machine/apply';
import { calendarOf } from '../machine/calendar-of';
import { acceptedEvents, advance, restoreCase, stageOf } from '../machine/advance';
import { judgeEvent } from '../machine/checks';
import { trackDeadlines } from '../machine/deadline-log';
import { deadlineLabel, openDeadlines } from '../machine/deadlines';
import { Registration } from '../schemas/candidate';
import { Command, type MachineEvent } from '../schemas/commands';
import { Correction } from '../schemas/correction';
import { isCorrection } from '../schemas/correction-kind';
import { BilingualText } from '../schemas/common';
import type { CaseContext, Deadline, Stage } from '../schemas/case';
import type { DeadlineRecord } from '../schemas/trail';
import type { TimelineEntry } from './timeline';

const COMMAND_WELL_FORMED = declareRule({
  id: 'command.well_formed',
  source: 'Quy trình',
  title: { vi: 'Dữ liệu nhập hợp lệ', en: 'Well-formed input' },
  summary:
    "Found by the audit only: a step the workflow accepted whose fields today's input rules refuse (a name with a control character, say, before such text was checked). The step happened and is kept; its field is named.",
  guards: ['AUDIT'],
  reads: [],
});

/** The rules declared here, in the order docs/rules.md lists them. */
export const DECLARED = [COMMAND_WELL_FORMED];

const FindingKind = z.enum([
  'should_have_been_refused',
  'paper_expired',
  'vote_below_two_thirds',
  'deadline_met_late',
  'deadline_overdue',
]);
export type FindingKind = z.infer<typeof FindingKind>;

export const Finding = z.object({
  kind: FindingKind,
  date: z.string(),
  /** The step it concerns (absent for a deadline still open). */
  step: z.string().optional(),
  eventId: z.number().int().optional(),
  ruleId: z.string().optional(),
  deadlineId: z.string().optional(),
  policyId: z.string(),
  reason: BilingualText,
  facts: z.record(z.string(), z.unknown()),
});
export type Finding = z.infer<typeof Finding>;

/** One accepted step as the auditor reads it. */
export const StepReview = z.object({
  eventId: z.number().int(),
  date: z.string(),
  type: z.string(),
  form: z.string().optional(),
  signedBy: z.string().optional(),
  /** The account that recorded the step, and the person's name (as the step carried it, or from the accounts). */
  recordedBy: z.string().optional(),
  recordedByName: z.string().optional(),
  paperRecord: z.boolean(),
  policyId: z.string(),
  stageAfter: z.string().nullable(),
  findings: z.number().int(),
  /** Every rule the step was judged by and whether it held (absent in exports made before it was kept). */
  rules: z.array(z.object({ ruleId: z.string(), ok: z.boolean() })).optional(),
  /**
   * The step was corrected after it was recorded: it is judged as corrected, and here is the latest correction
   * (its event, day, author and reason) with each field it changed, as recorded and as corrected.
   */
  correction: z
    .object({
      eventId: z.number().int(),
      on: z.string(),
      recordedBy: z.string(),
      reason: z.string(),
      changed: z.array(z.object({ field: z.string(), before: z.unknown(), after: z.unknown() })),
    })
    .optional(),
});
export type StepReview = z.infer<typeof StepReview>;

export interface CaseState {
  stage: Stage;
  context: CaseContext;
  open: Deadline[];
}

/** A deadline the case had, and when the step it waited for was done. */
export const DeadlineMet = z.object({
  id: z.string(),
  kind: z.string(),
  label: BilingualText,
  startedOn: z.string(),
  dueDate: z.string(),
  answerBy: z.string(),
  policyId: z.string(),
  metOn: z.string().nullable(),
  /** Working days after the due date (0 when in time), null while still open. */
  workingDaysLate: z.number().int().nullable(),
});
export type DeadlineMet = z.infer<typeof DeadlineMet>;

/** The case as it stood after each step, rebuilt from the history alone. */
export interface Replayed {
  steps: Array<{ review: StepReview; after: CaseState; refusals: Refusal[] }>;
  initial: CaseState | null;
  findings: Finding[];
  deadlines: DeadlineMet[];
}

function kindOf(ruleId: string): FindingKind {
  if (ruleId.startsWith('papers.') || ruleId === CERTIFICATE_VALID.id) return 'paper_expired';
  if (ruleId.endsWith('two_thirds')) return 'vote_below_two_thirds';
  return 'should_have_been_refused';
}

/**
 * Probation ends by the workflow's own timer, not by a command: the re-check
 * puts that system step back where the history shows it had happened. Before
 * a step the stage's history says followed it (the step left probation, or
 * could not be taken during it), and after the last step once `today` has
 * reached the end of probation, as the workflow's timer would have.
 */
function probationEnded(
  stage: Stage,
  ctx: CaseContext,
  next: { event: MachineEvent; stageAfter: Stage } | { today: IsoDate },
): boolean {
  if (stage !== 'probation' || !ctx.probationEndsOn) return false;
  if ('today' in next) return next.today >= ctx.probationEndsOn;
  const { event, stageAfter } = next;
  if (!acceptedEvents('probation').includes(event.type)) return true;
  if (stageAfter === 'probation') return false;
  // Removing the name leaves probation by itself: the timer went first only if the step came after its day.
  return event.type !== 'REMOVE_NAME' || event.recordedOn >= ctx.probationEndsOn;
}

/** Where the history holds the firing of the probation timer: the system step's own event and instant. */
function probationTimerOf(timeline: TimelineEntry[]): TimelineEntry | undefined {
  const timers = new Set(
    timeline.flatMap((e) =>
      e.kind === 'timer' && e.summary?.startsWith('probation ends') ? [`${e.runId} ${e.timerId}`] : [],
    ),
  );
  return timeline.find((e) => e.kind === 'timer_fired' && timers.has(`${e.runId} ${e.timerId}`));
}

const policyIdOn = (date: IsoDate): string => {
  try {
    return policyOn(date).id;
  } catch {
    return 'none';
  }
};

type Correcting = { step: Command; review: Omit<NonNullable<StepReview['correction']>, 'changed'> };

/** The latest accepted correction of each step, by the Update that recorded the step. */
function correctionsOf(timeline: TimelineEntry[], dayOf: (e: TimelineEntry) => IsoDate): Map<string, Correcting> {
  const out = new Map<string, Correcting>();
  for (const e of timeline) {
    if (e.kind !== 'command' || !e.outcome || 'failed' in e.outcome || !e.outcome.corrected?.updateId) continue;
    const parsed = Correction.safeParse(e.command);
    if (!parsed.success) continue;
    const c = parsed.data;
    out.set(e.outcome.corrected.updateId, {
      step: c.step,
      review: { eventId: e.eventId, on: dayOf(e), recordedBy: c.recordedBy.userId, reason: c.reason },
    });
  }
  return out;
}

/** The stage a corrected step leads to: the machine's, as the correction rebuilt the case. */
function stageTaken(stage: Stage, context: CaseContext, event: MachineEvent, recorded: string): Stage {
  const r = advance(restoreCase({ stage, context }), { ...event, acceptedEarlier: true });
  return r.ok ? stageOf(r.snapshot) : (recorded as Stage);
}

/** Each top-level field a correction changed (the server-filled recorder and registry figures aside). */
function changes(before: Command, after: Command): Array<{ field: string; before: unknown; after: unknown }> {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
    (k) => k !== 'recordedBy' && k !== 'registry',
  );
  const b = before as Record<string, unknown>;
  const a = after as Record<string, unknown>;
  return keys
    .filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k]))
    .map((field) => ({ field, before: b[field] ?? null, after: a[field] ?? null }));
}

export function recheck(timeline: TimelineEntry[], today: IsoDate): Replayed {
  const registered = timeline.find((e) => e.kind === 'registered');
  if (!registered) return { steps: [], initial: null, findings: [], deadlines: [] };
  const registration = Registration.parse(registered.registration);
  // The workflow's "today" is Temporal's time moved by its run's clock offset (the simulator's; 0 in production).
  const offsets = new Map(
    timeline.flatMap((e) =>
      e.kind === 'registered' || e.kind === 'continued_from' ? [[e.runId, e.clockOffsetMs ?? 0] as const] : [],
    ),
  );
  const dayOf = (e: TimelineEntry): IsoDate => localDateOf(Date.parse(e.at) + (offsets.get(e.runId) ?? 0));
  let context = initialContext(registration);
  let stage: Stage = 'source';
  const state = (): CaseState => ({ stage, context, open: openDeadlines(stage, context) });
  const initial = state();
  const findings: Finding[] = [];
  const steps: Replayed['steps'] = [];
  // The same ledger the workflow keeps (src/machine/deadline-log.ts), kept here from the history alone.
  const ledger: DeadlineRecord[] = [];
  const track = (on: IsoDate) => trackDeadlines(ledger, openDeadlines(stage, context), on, calendarOf(context));
  track(registration.registeredOn);

  // The registration is a step too: judged by the rule the API, the import and the workflow run on it, against
  // the day it was started (a history from before that rule may hold a birth date after it, or a future date).
  const registeredOn = registration.registeredOn;
  for (const r of refusals(
    registrationDates({ registeredOn, birthDate: registration.profile.birthDate }, dayOf(registered)),
  ))
    findings.push({
      kind: kindOf(r.ruleId),
      date: registeredOn,
      step: 'REGISTER',
      eventId: registered.eventId,
      ruleId: r.ruleId,
      policyId: policyIdOn(registeredOn),
      reason: r.reason,
      facts: r.facts,
    });

  const closeDeadlines = (on: IsoDate, step: string, eventId: number) => {
    for (const d of track(on)) {
      const late = d.workingDaysLate!;
      if (late <= 0) continue;
      const label = deadlineLabel(d.kind, d.dueDate);
      findings.push({
        kind: 'deadline_met_late',
        date: on,
        step,
        eventId,
        deadlineId: d.id,
        policyId: d.policyId,
        reason: {
          vi: `${label.vi}: thực hiện ngày ${formatVi(on)}, trễ ${late} ngày làm việc`,
          en: `${label.en}: done ${formatVi(on)}, ${late} working days late`,
        },
        facts: { dueDate: d.dueDate, metOn: on, workingDaysLate: late, answerBy: d.answerBy },
      });
    }
  };

  /** Judge one step by the rules the guards run today, record what it breaks, apply it, measure the deadlines. */
  const review = (event: MachineEvent, eventId: number, stageAfter: Stage) => {
    const judged = judgeEvent(context, event);
    const refused = refusals(judged);
    const policyId = policyIdOn(event.date);
    for (const r of refused)
      findings.push({
        kind: kindOf(r.ruleId),
        date: event.date,
        step: event.type,
        eventId,
        ruleId: r.ruleId,
        policyId,
        reason: r.reason,
        facts: r.facts,
      });
    context = applyEvent(context, event);
    stage = stageAfter;
    closeDeadlines(event.date, event.type, eventId);
    steps.push({
      review: {
        eventId,
        date: event.date,
        type: event.type,
        form: 'form' in event ? event.form : undefined,
        signedBy: 'signedBy' in event ? event.signedBy : undefined,
        recordedBy: 'recordedBy' in event ? event.recordedBy.userId : undefined,
        recordedByName: 'recordedBy' in event ? event.recordedBy.name : undefined,
        paperRecord: 'paperRecord' in event && event.paperRecord === true,
        policyId,
        stageAfter: stage,
        findings: refused.length,
        rules: judged.flatMap((r): Array<{ ruleId: string; ok: boolean }> =>
          r.ok ? (r.ruleId ? [{ ruleId: r.ruleId, ok: true }] : []) : [{ ruleId: r.refusal.ruleId, ok: false }],
        ),
      },
      after: state(),
      refusals: refused,
    });
  };
  const malformed = (event: MachineEvent, eventId: number, issue: { path: PropertyKey[]; message: string }) => {
    const field = issue.path.map(String).join('.') || 'command';
    findings.push({
      kind: 'should_have_been_refused',
      date: event.date,
      step: event.type,
      eventId,
      ruleId: COMMAND_WELL_FORMED.id,
      policyId: policyIdOn(event.date),
      reason: {
        vi: `Trường ${field} không hợp lệ theo quy tắc nhập liệu hiện hành: ${issue.message}`,
        en: `The field ${field} breaks today's input rules: ${issue.message}`,
      },
      facts: { field, message: issue.message },
    });
    steps.at(-1)!.review.findings++;
  };
  const timer = probationTimerOf(timeline);
  /** The system step that ends probation, at the timer's event where the history holds it, else at `eventId`. */
  const endProbation = (eventId: number) => {
    const on = context.probationEndsOn!;
    const recordedOn = timer ? dayOf(timer) : on;
    review(
      { type: 'PROBATION_ENDED', date: on, recordedOn: recordedOn > on ? recordedOn : on },
      timer?.eventId ?? eventId,
      'recognition_vote',
    );
  };

  const corrections = correctionsOf(timeline, dayOf);
  for (const entry of timeline) {
    if (entry.kind !== 'command' || !entry.outcome || 'failed' in entry.outcome) continue;
    if (isCorrection(entry.command)) continue; // applied where the step it corrects stands
    // A step the workflow accepted but today's schema refuses (a text rule tightened since) still happened: it is
    // applied as recorded, as the workflow replays it, and its malformed field is a finding of its own.
    const parsed = Command.safeParse(entry.command);
    const recorded = parsed.success ? parsed.data : (entry.command as Command);
    const corrected = corrections.get(entry.updateId);
    // "No future dates" is judged against the day the workflow accepted the step, in Vietnam.
    const event: MachineEvent = { ...(corrected?.step ?? recorded), recordedOn: dayOf(entry) };
    const stageAfter = corrected
      ? stageTaken(stage, context, event, entry.outcome.stage)
      : (entry.outcome.stage as Stage);
    if (probationEnded(stage, context, { event, stageAfter })) endProbation(entry.eventId);
    review(event, entry.eventId, stageAfter);
    if (!parsed.success && !corrected) malformed(event, entry.eventId, parsed.error.issues[0]!);
    if (corrected)
      steps.at(-1)!.review.correction = { ...corrected.review, changed: changes(recorded, corrected.step) };
  }
  // The timer also ends a probation no step followed: the recognition vote's clock runs from that day.
  if (probationEnded(stage, context, { today })) endProbation(timeline.at(-1)!.eventId);
  for (const d of ledger)
    if (d.metOn === null && today > d.dueDate) {
      const label = deadlineLabel(d.kind, d.dueDate);
      findings.push({
        kind: 'deadline_overdue',
        date: addDays(d.dueDate, 1),
        deadlineId: d.id,
        policyId: d.policyId,
        reason: { vi: `${label.vi}: chưa thực hiện`, en: `${label.en}: not done` },
        facts: { dueDate: d.dueDate, answerBy: d.answerBy },
      });
    }
  const deadlines = ledger.map(
    ({ id, kind, startedOn, dueDate, answerBy, policyId, metOn, workingDaysLate }): DeadlineMet => ({
      id,
      kind,
      label: deadlineLabel(kind, dueDate),
      startedOn,
      dueDate,
      answerBy,
      policyId,
      metOn,
      workingDaysLate,
    }),
  );
  return { steps, initial, findings, deadlines };
}
