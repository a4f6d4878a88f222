/**
 * How an accepted event changes the case's facts. Pure: the machine's one
 * `record` action calls it, the auditor's rebuild calls it too.
 */
import { addDays, addMonths, daysBetween } from '../charter/dates';
import { policyOn } from '../charter/policy';
import type { MachineEvent } from '../schemas/commands';
import type { CaseContext } from '../schemas/case';
import type { RegistrationParsed } from '../schemas/candidate';
import { isMilestone } from './checks';

export function initialContext(r: RegistrationParsed): CaseContext {
  return {
    caseId: r.caseId,
    profile: r.profile,
    cellId: r.cellId,
    committeeIds: r.committeeIds,
    competentCommitteeId: r.competentCommitteeId ?? r.committeeIds[0]!,
    youthUnionExists: r.youthUnionExists,
    registeredOn: r.registeredOn,
    readmission: r.readmission,
    calendar: r.calendar,
    lastStepOn: r.registeredOn,
    introductions: [],
    documents: [],
    appraisals: [],
    extensions: {},
    helpers: [],
    recognitionPapers: [],
    disciplines: [],
    recognitionVotes: [],
    referredToSuperior: false,
  };
}

/** Party age runs from the (first) admission decision, minus any time outside the Party. */
function partyAgeFrom(ctx: CaseContext, decisionOn: CaseContext['registeredOn']) {
  const r = ctx.readmission;
  return r ? addDays(r.firstAdmissionDecisionOn, daysBetween(r.leftOn, decisionOn)) : decisionOn;
}

function record(ctx: CaseContext, e: MachineEvent): CaseContext {
  const signed = { on: e.date, signedBy: 'signedBy' in e ? e.signedBy : 'system' };
  switch (e.type) {
    case 'ENROL_COURSE':
      return { ...ctx, mentor: e.mentor };
    case 'RECORD_CERTIFICATE':
      return { ...ctx, certificate: { ...signed, no: e.certificateNo } };
    case 'RECORD_APPLICATION':
      return { ...ctx, application: signed };
    case 'RECORD_PERSONAL_HISTORY':
      return { ...ctx, personalHistory: signed };
    case 'RECORD_INTRODUCTION':
    case 'REPLACE_INTRODUCER':
      return {
        ...ctx,
        introductions: [
          ...ctx.introductions.filter((i) => i.slot !== e.slot),
          { ...signed, slot: e.slot, form: e.form, introducer: e.introducer },
        ].sort((a, b) => a.slot - b.slot),
      };
    case 'RECORD_COMMENTS':
      return { ...ctx, comments: signed };
    case 'RECORD_VERIFICATION':
      return {
        ...ctx,
        verification: { ...signed, outcome: e.outcome },
        ended: e.outcome === 'fail' ? { on: e.date, reason: 'verification_failed' } : ctx.ended,
      };
    case 'RECORD_CELL_VOTE':
      return {
        ...ctx,
        cellVote: { ...signed, policyId: policyOn(e.date).id, resolution: e.resolution, tally: e.tally },
        ended: e.resolution === 'not_proposed' ? { on: e.date, reason: 'cell_not_proposed' } : ctx.ended,
      };
    case 'RECORD_APPRAISAL':
      return { ...ctx, appraisals: [...ctx.appraisals, { ...signed, form: e.form }] };
    case 'RECORD_COMMITTEE_DECISION':
      return {
        ...ctx,
        admission: {
          ...signed,
          committeeId: e.committeeId,
          decision: e.decision,
          receivedOn: e.receivedOn ?? e.date,
          policyId: policyOn(e.date).id,
          tally: e.tally,
        },
        partyAgeFrom: e.decision === 'admit' ? partyAgeFrom(ctx, e.date) : undefined,
        ended: e.decision === 'refuse' ? { on: e.date, reason: 'committee_refused' } : ctx.ended,
      };
    case 'EXTEND_DEADLINE': {
      const prev = ctx.extensions[e.deadline] ?? { count: 0, workingDays: 0 };
      return {
        ...ctx,
        extensions: {
          ...ctx.extensions,
          [e.deadline]: { count: prev.count + 1, workingDays: prev.workingDays + e.workingDays },
        },
      };
    }
    case 'RECORD_DOCUMENT':
      return { ...ctx, documents: [...ctx.documents, { ...signed, kind: e.kind, no: e.documentNo }] };
    case 'RECORD_CEREMONY': {
      const probation = policyOn(e.date).deadlines.probation;
      return { ...ctx, ceremonyOn: e.date, probationEndsOn: addMonths(e.date, probation.months, probation.monthEnd) };
    }
    case 'ASSIGN_HELPER':
      return { ...ctx, helpers: [...ctx.helpers, { ...signed, helper: e.helper }] };
    case 'RECORD_HELPER_ASSESSMENT':
      return { ...ctx, helperAssessments: [...(ctx.helperAssessments ?? []), { ...signed, helper: e.helper }] };
    case 'RECORD_RECOGNITION_PAPER':
      return { ...ctx, recognitionPapers: [...ctx.recognitionPapers, { ...signed, form: e.form }] };
    case 'RECORD_DISCIPLINE':
      return { ...ctx, disciplines: [...ctx.disciplines, { ...signed, discipline: e.discipline }] };
    case 'REMOVE_NAME':
      return { ...ctx, ended: { on: e.date, reason: 'name_removed' } };
    case 'PROBATION_ENDED':
      return ctx;
    case 'RECORD_RECOGNITION_VOTE': {
      const votes = [...ctx.recognitionVotes, { ...signed, resolution: e.resolution, tally: e.tally }];
      const failed = votes.filter((v) => v.resolution === 'undecided').length;
      const limit = policyOn(e.date).recognition.failedVotesBeforeReferral;
      return { ...ctx, recognitionVotes: votes, referredToSuperior: ctx.referredToSuperior || failed >= limit };
    }
    case 'RECORD_RECOGNITION_DECISION': {
      if (e.decision === 'undecided') {
        // Only the competent committee's own deadlocks send the case up (4.2c); the superior's do not go further.
        const own = ctx.referredToSuperior ? [] : [{ ...signed, committeeId: e.committeeId, tally: e.tally }];
        const failed = [...(ctx.failedCommitteeVotes ?? []), ...own];
        const limit = policyOn(e.date).recognition.failedVotesBeforeReferral;
        return {
          ...ctx,
          failedCommitteeVotes: failed,
          referredToSuperior: ctx.referredToSuperior || failed.length >= limit,
        };
      }
      return {
        ...ctx,
        recognition: { ...signed, decision: e.decision, committeeId: e.committeeId },
        // Backdated: official from the day probation ended, however late the decision.
        officialSince: e.decision === 'recognise' ? ctx.probationEndsOn : undefined,
        ended: e.decision === 'remove' ? { on: e.date, reason: 'name_removed' } : ctx.ended,
      };
    }
    case 'MOVE_CELL':
      return {
        ...ctx,
        cellId: e.toCellId,
        committeeIds: e.toCommitteeIds,
        competentCommitteeId: e.toCompetentCommitteeId ?? e.toCommitteeIds[0]!,
        transfer: ctx.ceremonyOn ? { movedOn: e.date, fromCellId: ctx.cellId } : undefined,
      };
    case 'RECORD_TRANSFER_LETTER':
      return ctx.transfer ? { ...ctx, transfer: { ...ctx.transfer, letterOn: e.date } } : ctx;
    case 'RECORD_TRANSFER_PRESENTED':
      return ctx.transfer ? { ...ctx, transfer: { ...ctx.transfer, presentedOn: e.date } } : ctx;
    case 'WITHDRAW':
      return { ...ctx, ended: { on: e.date, reason: 'withdrawn' } };
  }
}

export function applyEvent(ctx: CaseContext, e: MachineEvent): CaseContext {
  const next = record(ctx, e);
  return isMilestone(e.type) ? { ...next, lastStepOn: e.date } : next;
}
