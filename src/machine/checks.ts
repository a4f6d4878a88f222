/**
 * Which charter rules each event must pass, evaluated with the policy set in
 * force on the event's own date. advance(), the machine's guard (for an event
 * advance() has not judged) and the auditor's re-check all call this one
 * function, judgeEvent(); the dossier checklist runs the vote's part of it.
 */
import { policyInForce, type PolicySet } from '../charter/policy';
import { refusals, type Refusal, type RuleResult } from '../charter/rule';
import { ageMinimum, ageOver60Consent } from '../charter/rules/age';
import { educationMinimum } from '../charter/rules/education';
import {
  introducerKindAllowed,
  introducerOfficial,
  introducerOverlap,
  introducerPair,
  introducerSlot,
  youthUnionMember,
  type ApplicantFacts,
} from '../charter/rules/introducers';
import { certificateExpiresOn, certificateValid, paperExpiresOn, paperValid } from '../charter/rules/papers';
import { readmissionBarred, readmissionConsent, readmissionOnce, readmissionWait } from '../charter/rules/readmission';
import { dossierApplication, dossierPersonalHistory, recognitionPapers } from '../charter/rules/dossier';
import { moveToOtherCell, transferLetterIssued, transferOpen } from '../charter/rules/transfer';
import {
  DATE_NOT_FUTURE,
  DECISION_RECEIVED_ON,
  POLICY_NONE,
  ceremonyInTime,
  dateAfterRegistration,
  dateInOrder,
  dateNotFuture,
  decisionReceivedOn,
  policyCovers,
  extensionAllowed,
  probationDiscipline,
  probationOver,
} from '../charter/rules/steps';
import {
  CELL_VOTE_MEMBERS_UNVERIFIED,
  CELL_VOTE_TWO_THIRDS,
  COMMITTEE_MEMBERS_UNVERIFIED,
  COMMITTEE_TWO_THIRDS,
  RECOGNITION_DECISION_TWO_THIRDS,
  RECOGNITION_VOTE_TWO_THIRDS,
  cellMembersMatchRegistry,
  cellMinMembers,
  cellResolutionMatches,
  committeeCompetent,
  committeeMembersMatchRegistry,
  committeeResolutionMatches,
  committeeTwoThirds,
  type DecidingFacts,
} from '../charter/rules/votes';
import type { MachineEvent } from '../schemas/commands';
import type { CaseContext } from '../schemas/case';
import { deadlineDue } from './deadlines';

/** Events that move the case forward in time: later steps may not be dated before them. */
const MILESTONES = new Set<MachineEvent['type']>([
  'ENROL_COURSE',
  // Opens the dossier: an application or an introduction dated before the certificate was accepted (issue 16).
  'RECORD_CERTIFICATE',
  'RECORD_VERIFICATION',
  'RECORD_CELL_VOTE',
  'RECORD_COMMITTEE_DECISION',
  'RECORD_CEREMONY',
  // Not PROBATION_ENDED: the timer ends probation of a back-dated case at once, before the cell has entered the
  // helper's assessments and papers dated within it; the recognition steps wait for it through probation.over.
  'RECORD_RECOGNITION_VOTE',
  'RECORD_RECOGNITION_DECISION',
  'REMOVE_NAME',
  'WITHDRAW',
  'MOVE_CELL',
]);
export const isMilestone = (type: MachineEvent['type']): boolean => MILESTONES.has(type);

const hasDocument = (ctx: CaseContext, kind: CaseContext['documents'][number]['kind']): boolean =>
  ctx.documents.some((d) => d.kind === kind);

function applicant(ctx: CaseContext): ApplicantFacts {
  return {
    birthDate: ctx.profile.birthDate,
    youthUnionMember: ctx.profile.youthUnionMember,
    tradeUnionMember: ctx.profile.tradeUnionMember,
    youthUnionExists: ctx.youthUnionExists,
  };
}

/** A paper the cell's vote to propose admission needs on the dossier. */
export type VotePaper =
  | 'certificate'
  | 'application'
  | 'personal_history'
  | 'introduction_1'
  | 'introduction_2'
  | 'comments'
  | 'verification';

/** One rule of the vote's eligibility, with the paper it is about (none for facts of the person). */
export interface VoteCheck {
  paper?: VotePaper;
  /** When the paper stops counting for a vote, under the policy the vote is judged by. */
  expiresOn?: CaseContext['registeredOn'];
  result: RuleResult;
}

/**
 * Every admission-eligibility rule, judged on the cell's vote date, paper by
 * paper: the vote's guard and the dossier checklist both read this, so a paper
 * the checklist shows as missing or expired is a rule the vote would fail.
 */
export function voteEligibility(p: PolicySet, ctx: CaseContext, voteDate: CaseContext['registeredOn']): VoteCheck[] {
  const r = ctx.readmission;
  const intro = (slot: 1 | 2): VoteCheck => {
    const on = ctx.introductions.find((i) => i.slot === slot)?.on;
    return {
      paper: `introduction_${slot}`,
      expiresOn: on && paperExpiresOn(p, 'introduction', on),
      result: paperValid(p, 'introduction', on, voteDate),
    };
  };
  return [
    { result: ageMinimum(p, ctx.profile.birthDate, voteDate) },
    // The over-60 consent is not a condition of the vote: it is due before the decision (01-HD/TW 1.1).
    { result: educationMinimum(p, ctx.profile.education, ctx.profile.educationException) },
    {
      paper: 'certificate',
      expiresOn: ctx.certificate && certificateExpiresOn(p, ctx.certificate.on),
      result: certificateValid(p, ctx.certificate?.on, voteDate),
    },
    {
      paper: 'application',
      result: dossierApplication(Boolean(ctx.application)),
    },
    {
      paper: 'personal_history',
      result: dossierPersonalHistory(Boolean(ctx.personalHistory)),
    },
    intro(1),
    intro(2),
    {
      paper: 'comments',
      expiresOn: ctx.comments && paperExpiresOn(p, 'comments', ctx.comments.on),
      result: paperValid(p, 'comments', ctx.comments?.on, voteDate),
    },
    {
      paper: 'verification',
      expiresOn: ctx.verification && paperExpiresOn(p, 'verification', ctx.verification.on),
      result: paperValid(p, 'verification', ctx.verification?.on, voteDate),
    },
    ...(r
      ? [
          readmissionBarred(p, r),
          readmissionOnce(p, r),
          readmissionWait(p, r, voteDate),
          readmissionConsent(p, hasDocument(ctx, 'readmission_consent')),
        ].map((result) => ({ result }))
      : []),
  ];
}

/** The vote's eligibility rules alone, as its guard runs them. */
const eligibilityOnVote = (p: PolicySet, ctx: CaseContext, voteDate: CaseContext['registeredOn']): RuleResult[] =>
  voteEligibility(p, ctx, voteDate).map((c) => c.result);

function introductionChecks(
  p: PolicySet,
  ctx: CaseContext,
  e: Extract<MachineEvent, { type: 'RECORD_INTRODUCTION' | 'REPLACE_INTRODUCER' }>,
): RuleResult[] {
  const taken = ctx.introductions.some((i) => i.slot === e.slot);
  const other = ctx.introductions.find((i) => i.slot !== e.slot);
  const a = applicant(ctx);
  return [
    introducerSlot(e.type === 'REPLACE_INTRODUCER', e.slot, taken),
    introducerOfficial(p, e.introducer),
    introducerOverlap(p, e.introducer, e.date, e.type === 'REPLACE_INTRODUCER'),
    youthUnionMember(p, a, e.date),
    introducerKindAllowed(p, a, e.introducer, e.date),
    ...(other ? [introducerPair(p, a, [other.introducer, e.introducer], e.date)] : []),
  ];
}

/**
 * Who may decide: the registry's competent committee on the decision's date where the API read it, else the
 * case's own chain as registered (steps recorded before the registry was consulted, the simulator).
 */
function decidingFacts(
  ctx: CaseContext,
  e: Extract<MachineEvent, { type: 'RECORD_COMMITTEE_DECISION' | 'RECORD_RECOGNITION_DECISION' }>,
): DecidingFacts {
  const r = e.registry;
  const chainSuperior = ctx.committeeIds[ctx.committeeIds.indexOf(ctx.competentCommitteeId) + 1] ?? null;
  return {
    committeeId: e.committeeId,
    competentCommitteeId: r?.competentCommitteeId ?? ctx.competentCommitteeId,
    superiorCommitteeId: r?.competentCommitteeId ? r.superiorCommitteeId : chainSuperior,
    referredToSuperior: ctx.referredToSuperior,
    date: e.date,
  };
}

function stepChecks(p: PolicySet, ctx: CaseContext, e: MachineEvent): RuleResult[] {
  switch (e.type) {
    case 'RECORD_INTRODUCTION':
    case 'REPLACE_INTRODUCER':
      return introductionChecks(p, ctx, e);
    case 'RECORD_CELL_VOTE': {
      const proposes = e.resolution === 'propose_admission';
      return [
        cellMembersMatchRegistry(e.tally, e.registry),
        cellMinMembers(p, e.tally),
        ...(proposes ? eligibilityOnVote(p, ctx, e.date) : []),
        cellResolutionMatches(p, CELL_VOTE_TWO_THIRDS.id, e.tally, { for: proposes }),
      ];
    }
    case 'RECORD_COMMITTEE_DECISION':
      return [
        committeeCompetent(decidingFacts(ctx, e)),
        committeeMembersMatchRegistry(e.tally, e.committeeId, e.registry),
        ...(e.decision === 'admit'
          ? [
              committeeTwoThirds(p, COMMITTEE_TWO_THIRDS.id, e.tally),
              // Age is judged on the vote date, but the consent is due only before this decision (01-HD/TW 1.1).
              ageOver60Consent(
                p,
                ctx.profile.birthDate,
                ctx.cellVote?.on ?? e.date,
                hasDocument(ctx, 'over_60_consent'),
                e.date,
              ),
            ]
          : []),
      ];
    case 'EXTEND_DEADLINE': {
      const which = e.deadline === 'committee_decision' ? 'committeeDecision' : 'recognitionDecision';
      return [extensionAllowed(p, which, ctx.extensions[e.deadline]?.count ?? 0, e.workingDays)];
    }
    case 'RECORD_CEREMONY': {
      const due = deadlineDue(ctx, 'ceremony');
      return due ? [ceremonyInTime(p, e.date, due, hasDocument(ctx, 'ceremony_delay_consent'))] : [];
    }
    case 'RECORD_DISCIPLINE':
      return [probationDiscipline(e.discipline)];
    case 'PROBATION_ENDED':
      return [probationOver(e.date, ctx.probationEndsOn ?? e.date)];
    case 'RECORD_RECOGNITION_VOTE': {
      return [
        cellMembersMatchRegistry(e.tally, e.registry),
        cellMinMembers(p, e.tally),
        ...(e.resolution === 'recognise'
          ? recognitionPapers((form) => ctx.recognitionPapers.some((x) => x.form === form))
          : []),
        cellResolutionMatches(p, RECOGNITION_VOTE_TWO_THIRDS.id, e.tally, {
          for: e.resolution === 'recognise',
          againstReached: e.resolution === 'recognise' ? undefined : e.resolution === 'remove',
        }),
      ];
    }
    case 'RECORD_RECOGNITION_DECISION':
      return [
        committeeCompetent(decidingFacts(ctx, e)),
        committeeMembersMatchRegistry(e.tally, e.committeeId, e.registry),
        committeeResolutionMatches(p, RECOGNITION_DECISION_TWO_THIRDS.id, e.tally, e.decision),
      ];
    case 'MOVE_CELL':
      return [moveToOtherCell(e.toCellId, ctx.cellId)];
    case 'RECORD_TRANSFER_LETTER':
      return [transferOpen(ctx.transfer)];
    case 'RECORD_TRANSFER_PRESENTED':
      return [transferLetterIssued(ctx.transfer)];
    default:
      return [];
  }
}

/** Refusals that stop a step; for a paper record only those about time itself (the rest are irregularities). */
const PAPER_BLOCKING = new Set([DATE_NOT_FUTURE.id, POLICY_NONE.id, DECISION_RECEIVED_ON.id]);
const isPaperRecord = (e: MachineEvent): boolean => 'paperRecord' in e && e.paperRecord === true;
/** A step whose breaches of the charter are kept with it instead of refusing it: a paper record, or a replayed step. */
export const breachesKept = (e: MachineEvent): boolean => isPaperRecord(e) || e.acceptedEarlier === true;

/** Of the refusals `refused` of `e`, those that stop it: all for a live step, only time's for one whose breaches are kept. */
export const blocking = (e: MachineEvent, refused: Refusal[]): Refusal[] =>
  breachesKept(e) ? refused.filter((r) => PAPER_BLOCKING.has(r.ruleId)) : refused;

export function blockingRefusals(ctx: CaseContext, e: MachineEvent): Refusal[] {
  return blocking(e, checkEvent(ctx, e));
}

/**
 * Every rule `e` is judged by against the case as it stands, passed or not
 * (a step dated in the future or out of order is judged on its date alone).
 */
export function judgeEvent(ctx: CaseContext, e: MachineEvent): RuleResult[] {
  // Probation's end is derived from the ceremony, not reported: it happened on its date whatever was recorded since.
  const ordered = e.type !== 'PROBATION_ENDED';
  const afterRegistration = dateAfterRegistration(e.date, ctx.registeredOn);
  const dates = [
    dateNotFuture(e.date, e.recordedOn),
    policyCovers(e.date),
    ...(e.type === 'RECORD_COMMITTEE_DECISION' ? [decisionReceivedOn(e.receivedOn, e.date, e.recordedOn)] : []),
    ...(ordered ? [afterRegistration] : []),
    ...(ordered && afterRegistration.ok ? [dateInOrder(e.date, ctx.lastStepOn)] : []),
  ];
  // Only a date some set covers reaches the rules that need one; policyOn() is not called here, so cannot throw.
  const p = policyInForce(e.date);
  if (refusals(dates).length > 0 || !p) return dates;
  return [...dates, ...stepChecks(p, ctx, e)];
}

/** The refusals of `e` against the case as it stands; empty means the step is allowed. */
export function checkEvent(ctx: CaseContext, e: MachineEvent): Refusal[] {
  return refusals(judgeEvent(ctx, e));
}

/** Passing results that say a figure was taken on trust: the registry had none for the step's date, or was not read. */
const UNVERIFIED = new Set([CELL_VOTE_MEMBERS_UNVERIFIED.id, COMMITTEE_MEMBERS_UNVERIFIED.id]);

/** Of the results `judged`, the registry checks that could not be made, for the trail to say so beside the step. */
export const unverifiedOf = (judged: RuleResult[]): string[] =>
  judged.flatMap((r) => (r.ok && r.ruleId && UNVERIFIED.has(r.ruleId) ? [r.ruleId] : []));
