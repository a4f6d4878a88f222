/**
 * The client side of a case: start it, send it commands, read it. Turns
 * Temporal's failures into the errors the API and CLI speak (refusal,
 * invalid, not found, conflict).
 */
import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowIdConflictPolicy,
  WorkflowIdReusePolicy,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  ApplicationFailure,
  ServiceError,
  type Client,
} from '@temporalio/client';
import type { Refusal } from '../charter/rule';
import { SA } from '../schemas/search-attributes';
import type { Registration } from '../schemas/candidate';
import type { CommandInput } from '../schemas/commands';
import type { CommandAccepted } from '../schemas/trail';
import type { candidate, CandidateInput } from '../../workflows/candidate';
import {
  candidateWorkflowId,
  commandUpdate,
  deadlinesQuery,
  INVALID_COMMAND,
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
      args: [{ registration, ...extra }],
      // A candidate is registered once, ever: a second registration is a conflict, not a new case.
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      workflowIdConflictPolicy: WorkflowIdConflictPolicy.FAIL,
      staticSummary: `Hồ sơ kết nạp Đảng ${registration.caseId}`,
      // Listed at once, before a worker has run the case's first task (which keeps them current from then on).
      typedSearchAttributes: [
        { key: SA.stage, value: 'source' },
        { key: SA.cell, value: registration.cellId },
        { key: SA.committees, value: registration.committeeIds },
        { key: SA.overdueLevel, value: 0 },
      ],
    });
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) throw new CaseConflict(registration.caseId);
    throw err;
  }
  return workflowId;
}

const GRPC_DEADLINE_EXCEEDED = 4;
const GRPC_UNAVAILABLE = 14;

async function mapErrors<T>(caseId: string, f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) throw new CaseNotFound(caseId);
    if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
      if (err.cause.type === REFUSED)
        throw new CommandRefused((err.cause.details?.[0] as { refusals: Refusal[] }).refusals);
      if (err.cause.type === INVALID_COMMAND) throw new InvalidCommand(err.cause.message);
    }
    if (err instanceof Error && /not found/i.test(err.message) && /workflow/i.test(err.message))
      throw new CaseNotFound(caseId);
    const grpcCode = err instanceof ServiceError ? (err.cause as { code?: number } | undefined)?.code : undefined;
    if (grpcCode === GRPC_DEADLINE_EXCEEDED || grpcCode === GRPC_UNAVAILABLE) throw new CaseUnavailable(caseId);
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

export function caseHandle(client: Client, caseId: string) {
  const handle = client.workflow.getHandle<typeof candidate>(candidateWorkflowId(caseId));
  return {
    handle,
    send: (command: CommandInput): Promise<CommandAccepted> =>
      mapErrors(caseId, () => handle.executeUpdate(commandUpdate, { args: [command] })),
    stage: () => mapErrors(caseId, () => handle.query(stageQuery)),
    snapshot: () => mapErrors(caseId, () => handle.query(snapshotQuery)),
    deadlines: () => mapErrors(caseId, () => handle.query(deadlinesQuery)),
    trail: () => mapErrors(caseId, () => handle.query(trailQuery)),
  };
}
