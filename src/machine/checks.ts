/**
 * Which charter rules each event must pass, evaluated with the policy set in
 * force on the event's own date. The machine's guards, the API's pre-checks
 * and the auditor's re-check all call this one function.
 */
import { NoPolicyInForce, policyOn, type PolicySet } from '../charter/policy';
import { formatVi } from '../charter/dates';
import { refusals, type Refusal, type RuleResult } from '../charter/rule';
import { ageMinimum, ageOver60Consent } from '../charter/rules/age';
import { educationMinimum } from '../charter/rules/education';
import {
  introducerKindAllowed,
  introducerOfficial,
  introducerOverlap,
  introducerPair,
  type ApplicantFacts,
} from '../charter/rules/introducers';
import { certificateValid, paperValid } from '../charter/rules/papers';
import { readmissionBarred, readmissionConsent, readmissionOnce, readmissionWait } from '../charter/rules/readmission';
import {
  ceremonyInTime,
  dateInOrder,
  dateNotFuture,
  extensionAllowed,
  probationDiscipline,
  probationOver,
  required,
} from '../charter/rules/steps';
import { cellMinMembers, cellResolutionMatches, committeeTwoThirds } from '../charter/rules/votes';
import type { MachineEvent } from '../schemas/commands';
import type { CaseContext } from '../schemas/case';
import { deadlineDue } from './deadlines';

/** Events that move the case forward in time: later steps may not be dated before them. */
const MILESTONES = new Set<MachineEvent['type']>([
  'ENROL_COURSE',
  'RECORD_VERIFICATION',
  'RECORD_CELL_VOTE',
  'RECORD_COMMITTEE_DECISION',
  'RECORD_CEREMONY',
  'PROBATION_ENDED',
  'RECORD_RECOGNITION_VOTE',
  'RECORD_RECOGNITION_DECISION',
  'REMOVE_NAME',
  'WITHDRAW',
  'MOVE_CELL',
]);
export const isMilestone = (type: MachineEvent['type']): boolean => MILESTONES.has(type);

export const hasDocument = (ctx: CaseContext, kind: CaseContext['documents'][number]['kind']): boolean =>
  ctx.documents.some((d) => d.kind === kind);

function applicant(ctx: CaseContext): ApplicantFacts {
  return {
    birthDate: ctx.profile.birthDate,
    youthUnionMember: ctx.profile.youthUnionMember,
    tradeUnionMember: ctx.profile.tradeUnionMember,
    youthUnionExists: ctx.youthUnionExists,
  };
}

/** Every admission-eligibility rule, judged on the cell's vote date. */
export function eligibilityOnVote(p: PolicySet, ctx: CaseContext, voteDate: CaseContext['registeredOn']): RuleResult[] {
  const r = ctx.readmission;
  return [
    ageMinimum(p, ctx.profile.birthDate, voteDate),
    ageOver60Consent(p, ctx.profile.birthDate, voteDate, hasDocument(ctx, 'over_60_consent')),
    educationMinimum(p, ctx.profile.education, ctx.profile.educationException),
    certificateValid(p, ctx.certificate?.on, voteDate),
    ...[1, 2].map((slot) =>
      paperValid(p, 'introduction', ctx.introductions.find((i) => i.slot === slot)?.on, voteDate),
    ),
    paperValid(p, 'comments', ctx.comments?.on, voteDate),
    paperValid(p, 'verification', ctx.verification?.on, voteDate),
    ...(r
      ? [
          readmissionBarred(p, r),
          readmissionOnce(p, r),
          readmissionWait(p, r, voteDate),
          readmissionConsent(p, hasDocument(ctx, 'readmission_consent')),
        ]
      : []),
  ];
}

function introductionChecks(
  p: PolicySet,
  ctx: CaseContext,
  e: Extract<MachineEvent, { type: 'RECORD_INTRODUCTION' | 'REPLACE_INTRODUCER' }>,
): RuleResult[] {
  const taken = ctx.introductions.some((i) => i.slot === e.slot);
  const slotRule: RuleResult =
    e.type === 'RECORD_INTRODUCTION' && taken
      ? {
          ok: false,
          refusal: {
            ruleId: 'introducer.slot_taken',
            facts: { slot: e.slot },
            reason: {
              vi: `Đã có người giới thiệu thứ ${e.slot}: dùng thay người giới thiệu.`,
              en: `Introducer ${e.slot} is already recorded: replace the introducer instead.`,
            },
          },
        }
      : e.type === 'REPLACE_INTRODUCER' && !taken
        ? {
            ok: false,
            refusal: {
              ruleId: 'introducer.slot_empty',
              facts: { slot: e.slot },
              reason: {
                vi: `Chưa có người giới thiệu thứ ${e.slot} để thay.`,
                en: `There is no introducer ${e.slot} to replace.`,
              },
            },
          }
        : { ok: true, ruleId: e.type === 'RECORD_INTRODUCTION' ? 'introducer.slot_taken' : 'introducer.slot_empty' };
  const other = ctx.introductions.find((i) => i.slot !== e.slot);
  const a = applicant(ctx);
  return [
    slotRule,
    introducerOfficial(p, e.introducer),
    introducerOverlap(p, e.introducer, e.date),
    introducerKindAllowed(p, a, e.introducer, e.date),
    ...(other ? [introducerPair(p, a, [other.introducer, e.introducer], e.date)] : []),
  ];
}

function stepChecks(ctx: CaseContext, e: MachineEvent): RuleResult[] {
  const p = policyOn(e.date);
  switch (e.type) {
    case 'RECORD_INTRODUCTION':
    case 'REPLACE_INTRODUCER':
      return introductionChecks(p, ctx, e);
    case 'RECORD_CELL_VOTE': {
      const proposes = e.resolution === 'propose_admission';
      return [
        cellMinMembers(p, e.tally),
        ...(proposes ? eligibilityOnVote(p, ctx, e.date) : []),
        cellResolutionMatches(p, 'cell_vote.two_thirds', e.tally, { for: proposes }),
      ];
    }
    case 'RECORD_COMMITTEE_DECISION':
      return e.decision === 'admit' ? [committeeTwoThirds(p, 'committee.two_thirds', e.tally)] : [];
    case 'EXTEND_DEADLINE': {
      const which = e.deadline === 'committee_decision' ? 'committeeDecision' : 'recognitionDecision';
      return [extensionAllowed(p, which, ctx.extensions[e.deadline]?.count ?? 0, e.workingDays)];
    }
    case 'RECORD_CEREMONY': {
      const due = deadlineDue(ctx, 'ceremony');
      return due ? [ceremonyInTime(e.date, due, hasDocument(ctx, 'ceremony_delay_consent'))] : [];
    }
    case 'RECORD_DISCIPLINE':
      return [probationDiscipline(e.discipline)];
    case 'PROBATION_ENDED':
      return [probationOver(e.date, ctx.probationEndsOn ?? e.date)];
    case 'RECORD_RECOGNITION_VOTE': {
      const has = (form: string) => ctx.recognitionPapers.some((x) => x.form === form);
      return [
        cellMinMembers(p, e.tally),
        ...(e.resolution === 'recognise'
          ? [
              required('recognition.papers', has('CN-ĐVM'), {
                vi: 'giấy chứng nhận lớp bồi dưỡng đảng viên mới',
                en: 'the new-member course certificate',
              }),
              required('recognition.papers', has('10-KNĐ'), {
                vi: 'bản tự kiểm điểm (10-KNĐ)',
                en: 'the self-review (10-KNĐ)',
              }),
              required('recognition.papers', has('11-KNĐ'), {
                vi: 'nhận xét của đảng viên giúp đỡ (11-KNĐ)',
                en: "the helper's assessment (11-KNĐ)",
              }),
              required('recognition.papers', has('12-KNĐ'), {
                vi: 'nhận xét của đoàn thể và chi ủy nơi cư trú (12-KNĐ)',
                en: 'the comments (12-KNĐ)',
              }),
            ]
          : []),
        cellResolutionMatches(p, 'recognition_vote.two_thirds', e.tally, {
          for: e.resolution === 'recognise',
          againstReached: e.resolution === 'recognise' ? undefined : e.resolution === 'remove',
        }),
      ];
    }
    case 'RECORD_RECOGNITION_DECISION':
      return [committeeTwoThirds(p, 'recognition_decision.two_thirds', e.tally)];
    case 'MOVE_CELL':
      return [
        required('move.other_cell', e.toCellId !== ctx.cellId, {
          vi: 'một chi bộ khác chi bộ hiện tại',
          en: 'a cell other than the current one',
        }),
      ];
    case 'RECORD_TRANSFER_LETTER':
      return [
        required('transfer.open', Boolean(ctx.transfer) && !ctx.transfer?.letterOn, {
          vi: 'một lần chuyển sinh hoạt đang chờ giấy giới thiệu',
          en: 'a move awaiting its transfer letter',
        }),
      ];
    case 'RECORD_TRANSFER_PRESENTED':
      return [
        required('transfer.letter', Boolean(ctx.transfer?.letterOn) && !ctx.transfer?.presentedOn, {
          vi: 'giấy giới thiệu chuyển sinh hoạt',
          en: 'the transfer letter',
        }),
      ];
    default:
      return [];
  }
}

/** Refusals that stop a step; for a paper record only those about time itself (the rest are irregularities). */
const PAPER_BLOCKING = new Set(['date.not_future', 'policy.none']);
const isPaperRecord = (e: MachineEvent): boolean => 'paperRecord' in e && e.paperRecord === true;
/** A step whose breaches of the charter are kept with it instead of refusing it: a paper record, or a replayed step. */
export const breachesKept = (e: MachineEvent): boolean => isPaperRecord(e) || e.acceptedEarlier === true;

export function blockingRefusals(ctx: CaseContext, e: MachineEvent): Refusal[] {
  const all = checkEvent(ctx, e);
  return breachesKept(e) ? all.filter((r) => PAPER_BLOCKING.has(r.ruleId)) : all;
}

/**
 * Every rule `e` is judged by against the case as it stands, passed or not
 * (a step dated in the future or out of order is judged on its date alone).
 */
export function judgeEvent(ctx: CaseContext, e: MachineEvent): RuleResult[] {
  const dates = [
    dateNotFuture(e.date, e.recordedOn),
    ...(isMilestone(e.type) ? [dateInOrder(e.date, ctx.lastStepOn)] : []),
  ];
  if (refusals(dates).length > 0) return dates;
  try {
    return [...dates, ...stepChecks(ctx, e)];
  } catch (err) {
    if (!(err instanceof NoPolicyInForce)) throw err;
    return [
      {
        ok: false,
        refusal: {
          ruleId: 'policy.none',
          facts: { date: e.date },
          reason: { vi: `Không có bộ quy định nào có hiệu lực vào ngày ${formatVi(e.date)}.`, en: err.message },
        },
      },
    ];
  }
}

/** The refusals of `e` against the case as it stands; empty means the step is allowed. */
export function checkEvent(ctx: CaseContext, e: MachineEvent): Refusal[] {
  return refusals(judgeEvent(ctx, e));
}
