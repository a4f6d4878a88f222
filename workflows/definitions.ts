/** The workflows' messages, shared by the workflows, the activities, their callers (src/temporal, the audit) and tests. */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { Acknowledgement, Delivery, InboxEntry, ListFilter } from '../src/schemas/inbox';
import type { CommandInput } from '../src/schemas/commands';
import type { CorrectionInput } from '../src/schemas/correction';
import type { Deadline, Stage } from '../src/schemas/case';
import type { PersistedCase } from '../src/machine/advance';
import type { CommandAccepted, DeadlineRecord, TrailEntry } from '../src/schemas/trail';
import type { CarriedCase } from '../src/case/state';
import type { Registration } from '../src/schemas/candidate';

/** What survives continue-as-new. */
export interface CarriedState extends CarriedCase {
  /** History length at which to continue as new; tests lower it. */
  historyLimit?: number;
  /**
   * Simulation only: the case's clock runs this many ms from the server's, so the simulator can replay dated
   * scenarios from the past on a time-skipping server whose clock starts today. Timers run on server time.
   */
  clockOffsetMs?: number;
  /**
   * Minutes a raised alert waits before it is sent, instead of the policy set's grace (src/case/alert-hold.ts):
   * PIPELINE_ALERT_GRACE_MINUTES at registration; the tests set 0.
   */
  alertGraceMinutes?: number;
}

export type CandidateInput =
  | { registration: Registration; historyLimit?: number; clockOffsetMs?: number; alertGraceMinutes?: number }
  | { carried: CarriedState };

export interface CandidateResult {
  caseId: string;
  stage: string;
  officialSince: string | null;
  partyAgeFrom: string | null;
  ended: { on: string; reason: string } | null;
}

/**
 * Who is asking, for a retried request: the caller's Idempotency-Key and a fingerprint of the command it
 * stands for. Absent from callers that do not retry, and from every Update recorded before it existed.
 */
export interface CommandRequest {
  key: string;
  fingerprint: string;
}
/**
 * What the caller took as true of the case when it authorised the command (the API judged the caller against the
 * cell it believed the case to be in): the case refuses the command, as CELL_CHANGED, when it is no longer so.
 * Absent from callers that do not assume, and from every Update recorded before it existed.
 */
export interface CommandAssumptions {
  cellId: string;
}
/** A command's Update: the command, then who asks (for retries) and what they assumed, when they say. */
export type CommandArgs = [CommandInput | CorrectionInput, CommandRequest?, CommandAssumptions?];
export const commandUpdate = defineUpdate<CommandAccepted, CommandArgs>('command');
export const stageQuery = defineQuery<Stage>('stage');
export const snapshotQuery = defineQuery<PersistedCase>('snapshot');
export const deadlinesQuery = defineQuery<{ open: Deadline[]; history: DeadlineRecord[] }>('deadlines');
export const trailQuery = defineQuery<TrailEntry[]>('trail');

/** Failure types a client can rely on. */
export const REFUSED = 'CharterRefusal';
export const INVALID_COMMAND = 'InvalidCommand';
/** An Idempotency-Key already used for a different command on this case. */
export const KEY_REUSED = 'IdempotencyKeyReused';
/** The case is not in the cell the command was authorised for (it moved since the caller learnt its cell). */
export const CELL_CHANGED = 'CaseCellChanged';

// Every workflow id is made here and nowhere else: a workflow is found by its id for as long as it lives.
/** What a case's workflow id starts with; the case id is the rest, as listing cases reads it back. */
export const CASE_WORKFLOW_PREFIX = 'candidate-';
/** The id of a case's workflow: one per case, ever (a second registration of it is a conflict). */
export const candidateWorkflowId = (caseId: string): string => `${CASE_WORKFLOW_PREFIX}${caseId}`;
/** A committee's digest of one day: Temporal refuses a second workflow of that id, so it is sent once. */
export const digestWorkflowId = (committeeId: string, day: string): string => `digest-${committeeId}-${day}`;
/** The id of a committee's alert inbox, started by the first delivery to it. */
export const inboxWorkflowId = (committeeId: string): string => `inbox-${committeeId}`;

/** A committee's part of what one activation of a case raised and closed, in order. */
export const deliveriesSignal = defineSignal<[Delivery[]]>('deliveries');
export const acknowledgeUpdate = defineUpdate<InboxEntry, [Acknowledgement]>('acknowledge');
export const listAlertsQuery = defineQuery<InboxEntry[], [ListFilter?]>('listAlerts');
