/**
 * Policy sets: every number of the charter, by effective date. A step is
 * judged under the set in force on the step's own date, so a case that spans
 * the 1/7/2025 reform follows each set in turn. The data lives in
 * data/policies.json so that a new regulation is a data change, not a code one.
 *
 * The file is checked against its schema (policy-schema.ts) when a worker or
 * the API starts and in the tests, not here: every workflow evaluates this
 * module afresh, and re-validating the same file in each one was a tenth of
 * what creating a workflow cost (docs/benchmarks.md).
 */
import { type IsoDate, formatVi } from './dates';
import type { PolicySet } from './policy-schema';
import data from './data/policies.json';

export type { PolicySet } from './policy-schema';

/** Trusted as it is: checkCharterData() has validated the same file before any case runs. */
export const POLICY_SETS = data.sets as unknown as readonly PolicySet[];

export class NoPolicyInForce extends Error {
  constructor(readonly date: IsoDate) {
    super(
      `no policy set in force on ${formatVi(date)} (the earliest starts ${formatVi(POLICY_SETS[0]!.effectiveFrom)})`,
    );
  }
}

/**
 * The set in force on `date`, or undefined before the earliest one. Workflow code asks this, never policyOn(): a
 * date with no set is a refusal (rule policy.none), and an exception there would fail the workflow task for ever.
 */
export function policyInForce(date: IsoDate, sets: readonly PolicySet[] = POLICY_SETS): PolicySet | undefined {
  let found: PolicySet | undefined;
  for (const s of sets) if (s.effectiveFrom <= date) found = s;
  return found;
}

/** The set in force on `date`: the latest whose effective date is not after it. */
export function policyOn(date: IsoDate, sets: readonly PolicySet[] = POLICY_SETS): PolicySet {
  const found = policyInForce(date, sets);
  if (!found) throw new NoPolicyInForce(date);
  return found;
}

export function policyById(id: string): PolicySet {
  const found = POLICY_SETS.find((s) => s.id === id);
  if (!found) throw new Error(`unknown policy set '${id}'`);
  return found;
}

/** Smallest whole number of votes that reaches `fraction` of `of` (two thirds of 20 is 14). */
export function threshold(fraction: { numerator: number; denominator: number }, of: number): number {
  return Math.ceil((of * fraction.numerator) / fraction.denominator);
}
