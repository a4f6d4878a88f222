/**
 * What a case is asked: the raw input of an Update read as a step or a
 * correction, and a request matched with the step it already recorded. Inputs
 * are read with the compiled schemas (src/schemas/compiled), which give zod's
 * verdicts without zod in the workflow bundle.
 */
import type { IsoDate } from '../charter/dates';
import { refusals, type Refusal } from '../charter/rule';
import { registrationDates } from '../charter/rules/steps';
import type { RegistrationParsed } from '../schemas/candidate';
import type { Command, MachineEvent } from '../schemas/commands';
import { parseCommand, parseCorrection, parseRegistration } from '../schemas/compiled/parse';
import type { Correction } from '../schemas/correction';
import type { TrailEntry } from '../schemas/trail';

type Issues = Array<{ path: PropertyKey[]; message: string }>;
export type Read<T> = { ok: true; value: T } | { ok: false; issues: Issues };

/**
 * The step `raw` stands for, recorded on `today`. A step the history shows was accepted (`replayed`) is read as
 * it was: the code replaying it may check its fields more strictly than the code that accepted it, and it is
 * marked so that its breaches of today's rules are kept, never refused.
 */
export function readStep(raw: unknown, today: IsoDate, replayed: boolean): Read<MachineEvent> {
  const parsed = parseCommand(raw);
  if (replayed)
    return {
      ok: true,
      value: { ...(parsed.success ? parsed.data : (raw as Command)), recordedOn: today, acceptedEarlier: true },
    };
  return parsed.success
    ? { ok: true, value: { ...parsed.data, recordedOn: today } }
    : { ok: false, issues: parsed.issues };
}

export function readCorrection(raw: unknown, replayed: boolean): Read<Correction> {
  const parsed = parseCorrection(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  return replayed ? { ok: true, value: raw as Correction } : { ok: false, issues: parsed.issues };
}

/**
 * The trail entry a keyed request already recorded: the same key and fingerprint is a retry, answered from it;
 * the same key with another fingerprint is `reused`, refused.
 */
export function recordedFor(
  trail: TrailEntry[],
  request: { key: string; fingerprint: string } | undefined,
): { entry: TrailEntry; reused: boolean } | undefined {
  const entry = request && trail.find((t) => t.request?.key === request.key);
  return entry && { entry, reused: entry.request!.fingerprint !== request!.fingerprint };
}

/**
 * A registration the case can start from: well-formed, and with dates that can be (no policy set in force, a
 * birth after the listing). A run that started under laxer rules is replayed as it was: it did start.
 */
export function readRegistration(
  raw: unknown,
  replayed: boolean,
): { ok: true; value: RegistrationParsed } | { ok: false; issues: Issues } | { ok: false; refusals: Refusal[] } {
  const parsed = parseRegistration(raw);
  if (!parsed.success)
    return { ok: false, issues: parsed.issues.map((i) => ({ ...i, path: ['registration', ...i.path] })) };
  const { registeredOn, profile } = parsed.data;
  const refused = refusals(registrationDates({ registeredOn, birthDate: profile.birthDate }));
  return refused.length && !replayed ? { ok: false, refusals: refused } : { ok: true, value: parsed.data };
}
