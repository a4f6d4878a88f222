/**
 * Policy sets: every number of the charter, by effective date. A step is
 * judged under the set in force on the step's own date, so a case that spans
 * the 1/7/2025 reform follows each set in turn. The data lives in
 * data/policies.json so that a new regulation is a data change, not a code one.
 */
import { z } from 'zod';
import { IsoDate, MonthEndRule, formatVi } from './dates';
import data from './data/policies.json';

const months = z.number().int().positive();
const workingDays = z.number().int().positive();
const fraction = z
  .object({ numerator: z.number().int().positive(), denominator: z.number().int().positive() })
  .refine((f) => f.numerator <= f.denominator, 'numerator must not exceed denominator');

export const BarredReason = z.enum([
  'dropped_out',
  'resigned',
  'serious_disunity',
  'corruption_conviction',
  'serious_crime_conviction',
]);
export type BarredReason = z.infer<typeof BarredReason>;

const extendable = z.object({
  workingDays,
  extensionMaxWorkingDays: workingDays,
  extensionsAllowed: z.number().int().min(0),
});

export const PolicySet = z.object({
  id: z.string().min(1),
  effectiveFrom: IsoDate,
  sources: z.array(z.string().min(1)).min(1),
  age: z.object({ minMonths: months, consentAboveMonths: months }),
  certificateValidityMonths: months,
  introducer: z.object({ overlapMonths: months, youthAgeMaxYears: z.number().int().positive() }),
  papersValidity: z.object({ introductionMonths: months, commentsMonths: months, verificationMonths: months }),
  cellVote: fraction.and(z.object({ minOfficialMembers: z.number().int().positive() })),
  committeeVote: fraction,
  deadlines: z.object({
    committeeDecision: extendable,
    ceremony: z.object({ workingDays }),
    probation: z.object({ months, monthEnd: MonthEndRule }),
    recognitionVote: z.object({ workingDays }),
    recognitionDecision: extendable,
    transferStart: z.object({ workingDays }),
    transferPresent: z.object({ workingDays }),
  }),
  /** The helper's assessments of a probationer, every few months before the final 11-KNĐ. */
  helperAssessments: z.object({ everyMonths: months, count: z.number().int().min(0) }),
  recognition: z.object({ failedVotesBeforeReferral: z.number().int().positive() }),
  readmission: z.object({
    waitMonths: months,
    afterCriminalRecordMonths: months,
    maxReadmissions: z.number().int().min(0),
    barredReasons: z.array(BarredReason),
    resignationHardshipExempt: z.boolean(),
  }),
  /**
   * Working days after the due date at which each escalation level is raised;
   * level 1 (index 0) is raised the day the deadline becomes overdue.
   */
  escalation: z.object({
    levelsAfterWorkingDays: z
      .array(z.number().int().min(0))
      .min(1)
      .refine((a) => a[0] === 0 && a.every((v, i) => i === 0 || v > a[i - 1]!), 'must start at 0 and increase'),
  }),
  /** Paths of values charter.md marks unconfirmed: shown to users as such. */
  unconfirmed: z.array(z.string()),
});
export type PolicySet = z.infer<typeof PolicySet>;

export const PolicyFile = z.object({ sets: z.array(PolicySet).min(1) }).superRefine((f, ctx) => {
  f.sets.forEach((s, i) => {
    if (i > 0 && s.effectiveFrom <= f.sets[i - 1]!.effectiveFrom)
      ctx.addIssue({
        code: 'custom',
        path: ['sets', i, 'effectiveFrom'],
        message: 'sets must be in increasing date order',
      });
  });
});

export function parsePolicies(raw: unknown): PolicySet[] {
  const parsed = PolicyFile.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`policies: ${issue.path.join('.')}: ${issue.message}`);
  }
  return parsed.data.sets;
}

export const POLICY_SETS: readonly PolicySet[] = parsePolicies(data);

export class NoPolicyInForce extends Error {
  constructor(readonly date: IsoDate) {
    super(
      `no policy set in force on ${formatVi(date)} (the earliest starts ${formatVi(POLICY_SETS[0]!.effectiveFrom)})`,
    );
  }
}

/** The set in force on `date`: the latest whose effective date is not after it. */
export function policyOn(date: IsoDate, sets: readonly PolicySet[] = POLICY_SETS): PolicySet {
  let found: PolicySet | undefined;
  for (const s of sets) if (s.effectiveFrom <= date) found = s;
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
