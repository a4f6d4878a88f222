/** The candidate workflow's messages, shared by the workflow, the API, the CLI and tests. */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { CommandInput } from '../src/schemas/commands';
import type { Deadline, Stage } from '../src/schemas/case';
import type { PersistedCase } from '../src/machine/advance';
import type { CommandAccepted, DeadlineRecord, TrailEntry } from '../src/schemas/trail';

export const commandUpdate = defineUpdate<CommandAccepted, [CommandInput]>('command');
export const stageQuery = defineQuery<Stage>('stage');
export const snapshotQuery = defineQuery<PersistedCase>('snapshot');
export const deadlinesQuery = defineQuery<{ open: Deadline[]; history: DeadlineRecord[] }>('deadlines');
export const trailQuery = defineQuery<TrailEntry[]>('trail');

/** Failure types a client can rely on. */
export const REFUSED = 'CharterRefusal';
export const INVALID_COMMAND = 'InvalidCommand';

export const candidateWorkflowId = (caseId: string): string => `candidate-${caseId}`;
