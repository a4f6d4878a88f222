/**
 * The candidate's stages as an XState machine. Guards are the charter rules
 * (advance()'s verdict, or checkEvent for an event it has not judged) plus the
 * outcome each record states; the one action records the event's facts. Time
 * lives outside: the case's one timer takes PROBATION_ENDED on its day
 * (src/case/wake.ts).
 */
import { and, assign, setup } from 'xstate';
import type { MachineEvent } from '../schemas/commands';
import type { CaseContext } from '../schemas/case';
import { applyEvent } from './apply';
import { blockingRefusals } from './checks';

type E<T extends MachineEvent['type']> = Extract<MachineEvent, { type: T }>;

const dossierComplete = (c: CaseContext) =>
  Boolean(c.certificate && c.application && c.personalHistory) && c.introductions.length === 2;

export const candidateMachine = setup({
  types: {
    context: {} as CaseContext,
    events: {} as MachineEvent,
    input: {} as CaseContext,
  },
  guards: {
    // advance() judges every event once before the machine sees it; an event not judged so is judged here.
    allowed: ({ context, event }) => event.judged === true || blockingRefusals(context, event).length === 0,
    dossierComplete: ({ context }) => dossierComplete(context),
    verificationPassed: ({ event }) => (event as E<'RECORD_VERIFICATION'>).outcome === 'pass',
    cellProposes: ({ event }) => (event as E<'RECORD_CELL_VOTE'>).resolution === 'propose_admission',
    committeeAdmits: ({ event }) => (event as E<'RECORD_COMMITTEE_DECISION'>).decision === 'admit',
    cellResolved: ({ event }) => (event as E<'RECORD_RECOGNITION_VOTE'>).resolution !== 'undecided',
    referredAfterThis: ({ context, event }) => applyEvent(context, event).referredToSuperior,
    recognised: ({ event }) => (event as E<'RECORD_RECOGNITION_DECISION'>).decision === 'recognise',
    committeeUndecided: ({ event }) => (event as E<'RECORD_RECOGNITION_DECISION'>).decision === 'undecided',
    extendsCommitteeDecision: ({ event }) => (event as E<'EXTEND_DEADLINE'>).deadline === 'committee_decision',
    extendsRecognitionDecision: ({ event }) => (event as E<'EXTEND_DEADLINE'>).deadline === 'recognition_decision',
  },
  actions: {
    record: assign(({ context, event }) => applyEvent(context, event)),
  },
}).createMachine({
  id: 'candidate',
  context: ({ input }) => input,
  initial: 'source',
  // Steps that may happen at any living stage.
  on: {
    RECORD_DOCUMENT: { guard: 'allowed', actions: 'record' },
    MOVE_CELL: { guard: 'allowed', actions: 'record' },
    RECORD_TRANSFER_LETTER: { guard: 'allowed', actions: 'record' },
    RECORD_TRANSFER_PRESENTED: { guard: 'allowed', actions: 'record' },
  },
  states: {
    source: {
      on: {
        ENROL_COURSE: { guard: 'allowed', target: 'training', actions: 'record' },
        WITHDRAW: { guard: 'allowed', target: 'withdrawn', actions: 'record' },
      },
    },
    training: {
      on: {
        RECORD_CERTIFICATE: { guard: 'allowed', target: 'dossier', actions: 'record' },
        WITHDRAW: { guard: 'allowed', target: 'withdrawn', actions: 'record' },
      },
    },
    dossier: {
      always: { guard: 'dossierComplete', target: 'verification' },
      on: {
        RECORD_APPLICATION: { guard: 'allowed', actions: 'record' },
        RECORD_PERSONAL_HISTORY: { guard: 'allowed', actions: 'record' },
        RECORD_INTRODUCTION: { guard: 'allowed', actions: 'record' },
        REPLACE_INTRODUCER: { guard: 'allowed', actions: 'record' },
        RECORD_COMMENTS: { guard: 'allowed', actions: 'record' },
        RECORD_CERTIFICATE: { guard: 'allowed', actions: 'record' },
        WITHDRAW: { guard: 'allowed', target: 'withdrawn', actions: 'record' },
      },
    },
    verification: {
      on: {
        RECORD_VERIFICATION: [
          { guard: and(['allowed', 'verificationPassed']), target: 'cell_vote', actions: 'record' },
          { guard: 'allowed', target: 'rejected', actions: 'record' },
        ],
        REPLACE_INTRODUCER: { guard: 'allowed', actions: 'record' },
        RECORD_COMMENTS: { guard: 'allowed', actions: 'record' },
        RECORD_CERTIFICATE: { guard: 'allowed', actions: 'record' },
        WITHDRAW: { guard: 'allowed', target: 'withdrawn', actions: 'record' },
      },
    },
    cell_vote: {
      on: {
        RECORD_CELL_VOTE: [
          { guard: and(['allowed', 'cellProposes']), target: 'committee_review', actions: 'record' },
          { guard: 'allowed', target: 'rejected', actions: 'record' },
        ],
        // Papers that expired while waiting are renewed here before the vote.
        REPLACE_INTRODUCER: { guard: 'allowed', actions: 'record' },
        RECORD_COMMENTS: { guard: 'allowed', actions: 'record' },
        RECORD_CERTIFICATE: { guard: 'allowed', actions: 'record' },
        RECORD_VERIFICATION: [
          { guard: and(['allowed', 'verificationPassed']), actions: 'record' },
          { guard: 'allowed', target: 'rejected', actions: 'record' },
        ],
        WITHDRAW: { guard: 'allowed', target: 'withdrawn', actions: 'record' },
      },
    },
    committee_review: {
      on: {
        RECORD_APPRAISAL: { guard: 'allowed', actions: 'record' },
        EXTEND_DEADLINE: { guard: and(['allowed', 'extendsCommitteeDecision']), actions: 'record' },
        RECORD_COMMITTEE_DECISION: [
          { guard: and(['allowed', 'committeeAdmits']), target: 'ceremony', actions: 'record' },
          { guard: 'allowed', target: 'rejected', actions: 'record' },
        ],
        WITHDRAW: { guard: 'allowed', target: 'withdrawn', actions: 'record' },
      },
    },
    ceremony: {
      on: {
        RECORD_CEREMONY: { guard: 'allowed', target: 'probation', actions: 'record' },
        WITHDRAW: { guard: 'allowed', target: 'withdrawn', actions: 'record' },
      },
    },
    probation: {
      on: {
        PROBATION_ENDED: { guard: 'allowed', target: 'recognition_vote', actions: 'record' },
        ASSIGN_HELPER: { guard: 'allowed', actions: 'record' },
        RECORD_HELPER_ASSESSMENT: { guard: 'allowed', actions: 'record' },
        RECORD_RECOGNITION_PAPER: { guard: 'allowed', actions: 'record' },
        RECORD_DISCIPLINE: { guard: 'allowed', actions: 'record' },
        REMOVE_NAME: { guard: 'allowed', target: 'removed', actions: 'record' },
      },
    },
    recognition_vote: {
      on: {
        RECORD_RECOGNITION_VOTE: [
          { guard: and(['allowed', 'cellResolved']), target: 'recognition_review', actions: 'record' },
          { guard: and(['allowed', 'referredAfterThis']), target: 'recognition_review', actions: 'record' },
          { guard: 'allowed', actions: 'record' },
        ],
        ASSIGN_HELPER: { guard: 'allowed', actions: 'record' },
        // An assessment made during probation is often written up after it ended.
        RECORD_HELPER_ASSESSMENT: { guard: 'allowed', actions: 'record' },
        RECORD_RECOGNITION_PAPER: { guard: 'allowed', actions: 'record' },
        RECORD_DISCIPLINE: { guard: 'allowed', actions: 'record' },
        REMOVE_NAME: { guard: 'allowed', target: 'removed', actions: 'record' },
      },
    },
    recognition_review: {
      on: {
        RECORD_APPRAISAL: { guard: 'allowed', actions: 'record' },
        EXTEND_DEADLINE: { guard: and(['allowed', 'extendsRecognitionDecision']), actions: 'record' },
        RECORD_RECOGNITION_DECISION: [
          { guard: and(['allowed', 'recognised']), target: 'official', actions: 'record' },
          // A failed vote of the committee keeps the case waiting; the third sends it to the superior (4.2c).
          { guard: and(['allowed', 'committeeUndecided']), actions: 'record' },
          { guard: 'allowed', target: 'removed', actions: 'record' },
        ],
      },
    },
    official: { type: 'final' },
    rejected: { type: 'final' },
    withdrawn: { type: 'final' },
    removed: { type: 'final' },
  },
});
export type CandidateMachine = typeof candidateMachine;
