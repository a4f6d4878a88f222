/** How the candidate workflow refuses: failures whose types clients rely on (see definitions.ts). */
import { ApplicationFailure } from '@temporalio/workflow';
import type { Refusal } from '../src/charter/rule';
import type { TrailEntry } from '../src/schemas/trail';
import { INVALID_COMMAND, KEY_REUSED, REFUSED } from './definitions';

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
