/**
 * The client side of a case: start it, send it commands, read it. Turns
 * Temporal's failures into the errors the API answers with (refusal, invalid,
 * key reused, not found, unavailable, conflict).
 */
import { status } from '@grpc/grpc-js';
import { createHash } from 'node:crypto';
import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowIdConflictPolicy,
  WorkflowIdReusePolicy,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
  ApplicationFailure,
  ServiceError,
  type Client,
} from '@temporalio/client';
import type { Refusal } from '../charter/rule';
import { SA } from '../schemas/search-attributes';
import type { SearchAttributePair } from '@temporalio/common';
import { localDateOf } from '../charter/dates';
import { openCase, searchAttributesOf } from '../case/state';
import { caseMemo } from './case-memo';
import { alertGraceOverride } from './alert-grace';
import { Registration } from '../schemas/candidate';
import type { CorrectionInput } from '../schemas/correction';
import type { CommandInput } from '../schemas/commands';
import type { CommandAccepted } from '../schemas/trail';
import canonicalize from 'canonicalize';
import type { candidate } from '../../workflows/candidate';
import type { CandidateInput, CommandArgs } from '../../workflows/definitions';
import {
  candidateWorkflowId,
  CELL_CHANGED,
  commandUpdate,
  deadlinesQuery,
  INVALID_COMMAND,
  KEY_REUSED,
  REFUSED,
  snapshotQuery,
  stageQuery,
  trailQuery,
} from '../../workflows/definitions';

export class CommandRefused extends Error {
  constructor(readonly refusals: Refusal[]) {
    super(refusals.map((r) => `${r.ruleId}: ${r.reason.vi}`).join('; '));
  }
}
export class InvalidCommand extends Error {}
/** The Idempotency-Key was already used on this case for a different command. */
export class KeyReused extends Error {}
/** The case is no longer in the cell the command was judged against: nothing was recorded; judge it again. */
export class CaseCellChanged extends Error {}
export class CaseNotFound extends Error {
  constructor(readonly caseId: string) {
    super(`case ${caseId} not found`);
  }
}
/** No worker answered in time (all busy or none running): try again shortly. */
export class CaseUnavailable extends Error {
  constructor(readonly caseId: string) {
    super(`case ${caseId} did not answer in time; try again shortly`);
  }
}
export class CaseConflict extends Error {
  constructor(readonly caseId: string) {
    super(`case ${caseId} is already registered`);
  }
}

/**
 * The search attributes a case starts with: those of the case just opened, as the workflow will keep them. A
 * registration the workflow will refuse still gets its cell and chain, so it can be found with its failure.
 */
function registrationAttributes(registration: Registration): SearchAttributePair[] {
  const parsed = Registration.safeParse(registration);
  const opened = parsed.success
    ? searchAttributesOf(openCase(parsed.data, { at: new Date().toISOString(), today: localDateOf(Date.now()) }))
    : [
        { key: SA.stage, value: 'source' },
        { key: SA.cell, value: registration.cellId },
        { key: SA.committees, value: registration.committeeIds },
        { key: SA.overdueLevel, value: 0 },
      ];
  return opened.filter((p): p is SearchAttributePair => p.value !== null && p.value !== undefined);
}

export async function registerCase(
  client: Client,
  taskQueue: string,
  registration: Registration,
  extra: Omit<Extract<CandidateInput, { registration: Registration }>, 'registration'> = {},
): Promise<string> {
  const workflowId = candidateWorkflowId(registration.caseId);
  try {
    await client.workflow.start<typeof candidate>('candidate', {
      workflowId,
      taskQueue,
      args: [{ registration, ...alertGraceOverride(), ...extra }],
      // A candidate is registered once, ever: a second registration is a conflict, not a new case.
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      workflowIdConflictPolicy: WorkflowIdConflictPolicy.FAIL,
      staticSummary: `Hồ sơ kết nạp Đảng ${registration.caseId}`,
      // The name for lists, sealed by the codec: see case-memo.ts.
      memo: caseMemo(registration),
      // Listed at once, before a worker has run the case's first task (which keeps them current from then on).
      typedSearchAttributes: registrationAttributes(registration),
    });
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) throw new CaseConflict(registration.caseId);
    throw err;
  }
  return workflowId;
}

/** Temporal's "no such workflow" as CaseNotFound: the one place it is told apart, for every call on a case. */
async function mapNotFound<T>(caseId: string, f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) throw new CaseNotFound(caseId);
    throw err;
  }
}

async function mapErrors<T>(caseId: string, f: () => Promise<T>): Promise<T> {
  try {
    return await mapNotFound(caseId, f);
  } catch (err) {
    // The Update may still be applied when a worker takes it: a retry with the same Idempotency-Key finds it.
    if (err instanceof WorkflowUpdateRPCTimeoutOrCancelledError) throw new CaseUnavailable(caseId);
    if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
      if (err.cause.type === REFUSED)
        throw new CommandRefused((err.cause.details?.[0] as { refusals: Refusal[] }).refusals);
      if (err.cause.type === INVALID_COMMAND) throw new InvalidCommand(err.cause.message);
      if (err.cause.type === KEY_REUSED) throw new KeyReused(err.cause.message);
      if (err.cause.type === CELL_CHANGED) throw new CaseCellChanged(err.cause.message);
    }
    if (err instanceof Error && /not found/i.test(err.message) && /workflow/i.test(err.message))
      throw new CaseNotFound(caseId);
    if (unavailable(err)) throw new CaseUnavailable(caseId);
    throw err;
  }
}

/** Whether a failed call left the case as it was, for a later retry to go through: the API's 503. */
export function unavailable(err: unknown): boolean {
  if (!(err instanceof ServiceError)) return false;
  // The client wraps the server's gRPC error: its code and text are the cause's, not the ServiceError's own.
  const cause = err.cause as { code?: number; message?: string } | undefined;
  if (cause?.code === status.DEADLINE_EXCEEDED || cause?.code === status.UNAVAILABLE) return true;
  // The server refuses Updates while the case's workflow task is being retried (its worker died or timed out):
  // nothing was recorded, and the same command goes through once a worker has the case again.
  return cause?.code === status.FAILED_PRECONDITION && /workflow task in failed state/i.test(cause.message ?? '');
}

/** The case's workflow as the server describes its latest run; CaseNotFound if the case was never registered. */
export function describeCase(client: Client, caseId: string) {
  return mapNotFound(caseId, () => client.workflow.getHandle(candidateWorkflowId(caseId)).describe());
}

/** Whether a case of that id was ever registered. */
export async function caseExists(client: Client, caseId: string): Promise<boolean> {
  try {
    await describeCase(client, caseId);
    return true;
  } catch (err) {
    if (err instanceof CaseNotFound) return false;
    throw err;
  }
}

/** The case's current cell from its search attributes: no worker needed to answer. */
export async function caseCellId(client: Client, caseId: string): Promise<string> {
  const d = await mapErrors(caseId, () => client.workflow.getHandle(candidateWorkflowId(caseId)).describe());
  const cell = d.typedSearchAttributes.get(SA.cell);
  if (!cell) throw new CaseNotFound(caseId);
  return cell;
}

/** How long a command waits for the case's worker before the caller is told to try again (503). */
export const DEFAULT_COMMAND_TIMEOUT_MS = 20_000;

export interface SendOptions {
  /**
   * The caller's Idempotency-Key. A retry with the same key and the same command is answered with the first
   * outcome instead of being applied again; with another command it is refused (KeyReused).
   */
  idempotencyKey?: string;
  /**
   * What the caller sent, when the server filled parts of the command in (the recorder, the registry's figures,
   * a move's committees): a retry is the same request even if the registry changed in between.
   */
  requestBody?: unknown;
  timeoutMs?: number;
  /**
   * The cell the caller was authorised for: the case refuses the command (CaseCellChanged) if it is in another,
   * so a caller may authorise against a cell it remembers instead of asking the server first.
   */
  assumedCellId?: string;
}

/** The Update id of a keyed request: the same key and command always give the same id, another command another. */
export function commandRequest(request: unknown, key: string) {
  const fingerprint = createHash('sha256').update(canonicalize(request)!).digest('hex');
  return { updateId: `${key}#${fingerprint}`, request: { key, fingerprint } };
}

export function caseHandle(client: Client, caseId: string) {
  const handle = client.workflow.getHandle<typeof candidate>(candidateWorkflowId(caseId));
  return {
    handle,
    send: (command: CommandInput | CorrectionInput, options: SendOptions = {}): Promise<CommandAccepted> => {
      const keyed = options.idempotencyKey
        ? commandRequest(options.requestBody ?? command, options.idempotencyKey)
        : undefined;
      const deadline = Date.now() + (options.timeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS);
      const assumed = options.assumedCellId === undefined ? undefined : { cellId: options.assumedCellId };
      // Trailing arguments are left out when unused, as Updates recorded before them were sent.
      const args: CommandArgs = assumed
        ? [command, keyed?.request, assumed]
        : keyed
          ? [command, keyed.request]
          : [command];
      return mapErrors(caseId, () =>
        client.withDeadline(deadline, () =>
          handle.executeUpdate(commandUpdate, { args, ...(keyed ? { updateId: keyed.updateId } : {}) }),
        ),
      );
    },
    stage: () => mapErrors(caseId, () => handle.query(stageQuery)),
    snapshot: () => mapErrors(caseId, () => handle.query(snapshotQuery)),
    deadlines: () => mapErrors(caseId, () => handle.query(deadlinesQuery)),
    trail: () => mapErrors(caseId, () => handle.query(trailQuery)),
  };
}
