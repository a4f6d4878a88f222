/**
 * Correcting a recorded step: who may, and what the case becomes. The case is
 * judged again from its start with the step as it should have been recorded,
 * every later step re-judged as it was taken (a live step by every rule, a
 * paper record keeping its irregularities), so that a correction can neither
 * slip past the charter nor make a later step unlawful.
 */
import { initialTransition } from 'xstate';
import { formatVi, type IsoDate } from '../charter/dates';
import { pass, refuse, type Refusal, type RuleResult, declareRule } from '../charter/rule';
import type { Actor } from '../schemas/common';
import type { CaseContext } from '../schemas/case';
import type { MachineEvent } from '../schemas/commands';
import type { DeadlineRecord, TrailEntry } from '../schemas/trail';
import { advance, stageOf, type CaseSnapshot } from './advance';
import { calendarOf } from './calendar-of';
import { candidateMachine } from './candidate-machine';
import { trackDeadlines } from './deadline-log';
import { openDeadlines, type DeadlineFeatures } from './deadlines';

const CORRECTION_STEP = declareRule({
  id: 'correction.step',
  source: 'Quy trình',
  title: { vi: 'Bước được sửa', en: 'The step corrected' },
  summary:
    'A correction names a step a user recorded (its number in the trail), in a case held in full since its registration; steps of the system (the end of probation) and registrations are not corrected this way.',
  guards: ['CORRECT_STEP'],
  reads: [],
});
const CORRECTION_SAME_TYPE = declareRule({
  id: 'correction.same_type',
  source: 'Quy trình',
  title: { vi: 'Sửa đúng loại bước', en: 'Same kind of step' },
  summary:
    'A correction gives the same kind of step again, every field as it should have been recorded; it cannot turn one step into another.',
  guards: ['CORRECT_STEP'],
  reads: [],
});
const CORRECTION_WHO = declareRule({
  id: 'correction.who',
  source: 'Quy trình',
  title: { vi: 'Người được sửa', en: 'Who may correct' },
  summary:
    'Only the one who recorded the step, or a committee above the cell, may correct it; once a committee has decided on the step (the first admission or recognition decision at or after it), only that committee may.',
  guards: ['CORRECT_STEP'],
  reads: [],
});
const CORRECTION_LATER_STEP = declareRule({
  id: 'correction.later_step',
  source: 'Quy trình',
  title: { vi: 'Không làm sai bước sau', en: 'No later step broken' },
  summary:
    'The case is judged again from its registration with the step as corrected; a correction that would make any later step break a rule (or come before the step that opened its stage) is refused, naming that step and its rule.',
  guards: ['CORRECT_STEP'],
  reads: [],
});

/** The rules declared here, in the order docs/rules.md lists them. */
export const DECLARED = [CORRECTION_STEP, CORRECTION_SAME_TYPE, CORRECTION_WHO, CORRECTION_LATER_STEP];

const DECISIONS = new Set(['RECORD_COMMITTEE_DECISION', 'RECORD_RECOGNITION_DECISION']);

/** The step a trail entry stands for now: its latest correction, else as it was recorded. */
export const currentEvent = (t: TrailEntry): MachineEvent | undefined => t.corrected?.event ?? t.event;

/**
 * The trail entry a correction may name: a command, in a case held in full from its registration (`fromStart`:
 * the workflow knows the case as registered; runs carried over before corrections existed do not).
 */
export function correctable(trail: TrailEntry[], seq: number, type: string, fromStart: boolean): RuleResult {
  const target = trail.find((t) => t.seq === seq);
  if (!target || target.kind !== 'command')
    return refuse(
      CORRECTION_STEP.id,
      { seq },
      {
        vi: `Không có bước số ${seq} do người dùng ghi nhận để sửa.`,
        en: `There is no step number ${seq} recorded by a user to correct.`,
      },
    );
  if (!fromStart || !target.event || trail.some((t) => (t.kind === 'command' || t.kind === 'system') && !t.event))
    return refuse(
      CORRECTION_STEP.id,
      { seq },
      {
        vi: 'Hồ sơ này có bước ghi nhận trước khi có chức năng sửa, nên không thể xét lại từ đầu để sửa.',
        en: 'This case holds steps recorded before corrections existed, so it cannot be judged again from its start.',
      },
    );
  if (target.event.type !== type)
    return refuse(
      CORRECTION_SAME_TYPE.id,
      { seq, recorded: target.event.type, sent: type },
      {
        vi: `Bước số ${seq} là ${target.event.type}; bản sửa phải là cùng loại bước, không phải ${type}.`,
        en: `Step ${seq} is ${target.event.type}; its correction must be the same kind of step, not ${type}.`,
      },
    );
  return pass(CORRECTION_STEP.id);
}

/**
 * Who may correct step `seq`: the one who recorded it, or a committee above the cell; once a committee has
 * decided on the step (the first admission or recognition decision at or after it), only that committee.
 */
export function correctionWho(trail: TrailEntry[], seq: number, actor: Actor, ctx: CaseContext): RuleResult {
  const target = trail.find((t) => t.seq === seq)!;
  const decision = trail
    .filter((t) => t.seq >= seq && t.kind === 'command')
    .map(currentEvent)
    .find((e) => e !== undefined && DECISIONS.has(e.type) && 'decision' in e && e.decision !== 'undecided');
  const decidedBy = decision && 'committeeId' in decision ? decision.committeeId : undefined;
  const isCommittee = (orgId: string | undefined) => actor.role === 'committee' && actor.orgId === orgId;
  const ok = decidedBy
    ? isCommittee(decidedBy)
    : actor.userId === target.recordedBy?.userId ||
      (actor.role === 'committee' && actor.orgId !== undefined && ctx.committeeIds.includes(actor.orgId));
  if (ok) return pass(CORRECTION_WHO.id);
  return refuse(
    CORRECTION_WHO.id,
    { seq, recordedBy: target.recordedBy?.userId ?? null, decidedBy: decidedBy ?? null, actor: actor.userId },
    decidedBy
      ? {
          vi: `Cấp ủy ${decidedBy} đã quyết định trên bước số ${seq}: chỉ cấp ủy ${decidedBy} được sửa bước này.`,
          en: `Committee ${decidedBy} has decided on step ${seq}: only ${decidedBy} may correct it.`,
        }
      : {
          vi: `Chỉ người đã ghi nhận bước số ${seq} (${target.recordedBy?.userId ?? 'không rõ'}) hoặc cấp ủy cấp trên được sửa bước này.`,
          en: `Only the one who recorded step ${seq} (${target.recordedBy?.userId ?? 'unknown'}) or a committee above may correct it.`,
        },
  );
}

function laterStepBroken(entry: TrailEntry, event: MachineEvent, refused: Refusal[]): Refusal {
  const first = refused[0]!;
  return {
    ruleId: CORRECTION_LATER_STEP.id,
    facts: { seq: entry.seq, step: event.type, date: event.date, rules: refused.map((r) => r.ruleId) },
    reason: {
      vi: `Sửa như vậy làm bước số ${entry.seq} (${event.type}, ngày ${formatVi(event.date)}) trái quy định: ${first.reason.vi}`,
      en: `So corrected, step ${entry.seq} (${event.type}, ${formatVi(event.date)}) would break a rule: ${first.reason.en}`,
    },
  };
}

export type Corrected =
  | { ok: true; snapshot: CaseSnapshot; deadlines: DeadlineRecord[]; irregularities: Refusal[] }
  | { ok: false; refusals: Refusal[] };

/**
 * The case from `origin` (its context at registration) through every step of `trail`, with step `seq` as
 * `corrected`. The end of probation is the workflow's own step: it moves with a corrected ceremony, and is
 * refused like any later step if it would now fall after the day it happened.
 */
export function correctCase(
  origin: CaseContext,
  trail: TrailEntry[],
  seq: number,
  corrected: MachineEvent,
  features: DeadlineFeatures = { helperAssessments: true },
): Corrected {
  let snapshot = initialTransition(candidateMachine, origin)[0];
  const deadlines: DeadlineRecord[] = [];
  const track = (on: IsoDate) =>
    trackDeadlines(
      deadlines,
      openDeadlines(stageOf(snapshot), snapshot.context, features),
      on,
      calendarOf(snapshot.context),
    );
  track(origin.registeredOn);
  let irregularities: Refusal[] = [];
  for (const entry of trail) {
    const recorded = currentEvent(entry);
    if ((entry.kind !== 'command' && entry.kind !== 'system') || !recorded) continue;
    let event = entry.seq === seq ? corrected : recorded;
    if (event.type === 'PROBATION_ENDED' && snapshot.context.probationEndsOn)
      event = { ...event, date: snapshot.context.probationEndsOn };
    const result = advance(snapshot, event);
    if (!result.ok)
      return {
        ok: false,
        refusals: entry.seq === seq ? result.refusals : [laterStepBroken(entry, event, result.refusals)],
      };
    snapshot = result.snapshot;
    if (entry.seq === seq) irregularities = result.irregularities;
    track(event.date);
  }
  return { ok: true, snapshot, deadlines, irregularities };
}
