/** How the candidate workflow refuses: failures whose types clients rely on (see definitions.ts). */
import { ApplicationFailure } from '@temporalio/workflow';
import type { Refusal } from '../src/charter/rule';
import type { TrailEntry } from '../src/schemas/trail';
import { CELL_CHANGED, INVALID_COMMAND, KEY_REUSED, REFUSED } from './definitions';

export const refusalFailure = (refusals: Refusal[]) =>
  ApplicationFailure.create({
    type: REFUSED,
    message: `${refusals[0]!.ruleId}: ${refusals[0]!.reason.vi}`,
    details: [{ refusals }],
    nonRetryable: true,
  });

export const invalid = (issues: Array<{ path: PropertyKey[]; message: string }>) =>
  ApplicationFailure.nonRetryable(`${issues[0]!.path.join('.') || 'command'}: ${issues[0]!.message}`, INVALID_COMMAND);

export const keyReused = (key: string, entry: TrailEntry) =>
  ApplicationFailure.create({
    type: KEY_REUSED,
    message: `Idempotency-Key '${key}' already recorded step ${entry.seq} (${entry.type}) with another command`,
    details: [{ seq: entry.seq }],
    nonRetryable: true,
  });

/** The caller judged the command against another cell than the case's: nothing is recorded, and it may ask again. */
export const cellChanged = (assumed: string) =>
  ApplicationFailure.create({
    type: CELL_CHANGED,
    message: `the case is no longer in cell ${assumed}`,
    nonRetryable: true,
  });
