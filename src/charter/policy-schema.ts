/**
 * The schema of data/policies.json. Kept out of policy.ts so that workflows,
 * which evaluate their modules each, do not build it; checkCharterData() and
 * the tests validate the file with it.
 */
import { z } from 'zod';
import { IsoDate } from '../schemas/iso-date';
import { MONTH_END_RULES } from './dates';
import { BarredReason } from './barred-reason';

const months = z.number().int().positive();
const workingDays = z.number().int().positive();
const fraction = z
  .object({ numerator: z.number().int().positive(), denominator: z.number().int().positive() })
  .refine((f) => f.numerator <= f.denominator, 'numerator must not exceed denominator');

const extendable = z.object({
  workingDays,
  extensionMaxWorkingDays: workingDays,
  extensionsAllowed: z.number().int().min(0),
});

export const PolicySet = z.object({
  id: z.string().min(1),
  effectiveFrom: IsoDate,
  sources: z.array(z.string().min(1)).min(1),
  /**
   * The regulations an official document cites in its "Căn cứ …" lines (src/documents) while this set is in force,
   * worded as the document prints them; `from`/`until` where one replaced another within the set (232-QĐ/TW took
   * 24-QĐ/TW's place on 20/1/2025 with the same numbers), so a document cites what was in force on its own date.
   */
  documentGrounds: z
    .array(z.object({ text: z.string().min(1), from: IsoDate.optional(), until: IsoDate.optional() }))
    .min(1),
  age: z.object({ minMonths: months, consentAboveMonths: months }),
  certificateValidityMonths: months,
  introducer: z.object({
    overlapMonths: months,
    youthAgeMaxYears: z.number().int().positive(),
    /**
     * Whether a trade-union member, where the trade-union route is open (no Youth Union), must take it instead of
     * two official members. Unconfirmed in the texts; false keeps both routes open (see the catalogue's
     * introducer.pair).
     */
    tradeUnionRouteRequired: z.boolean(),
  }),
  papersValidity: z.object({ introductionMonths: months, commentsMonths: months, verificationMonths: months }),
  cellVote: fraction.and(z.object({ minOfficialMembers: z.number().int().positive() })),
  committeeVote: fraction,
  deadlines: z.object({
    committeeDecision: extendable,
    ceremony: z.object({ workingDays }),
    probation: z.object({ months, monthEnd: z.enum(MONTH_END_RULES) }),
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
    /**
     * How long a raised alert waits before it reaches anyone: one closed within it (a secretary entering an old
     * case step by step, each step meeting the deadline the last one made overdue for a moment) is never sent.
     * Not a charter rule but the engine's practice; optional so that a set without it sends at once.
     */
    grace: z
      .object({
        minutes: z.number().int().min(0),
        reason: z.object({ vi: z.string().min(1), en: z.string().min(1) }),
      })
      .optional(),
  }),
  /** Paths of values charter.md marks unconfirmed: shown to users as such. */
  unconfirmed: z.array(z.string()),
});
export type PolicySet = z.infer<typeof PolicySet>;

const PolicyFile = z.object({ sets: z.array(PolicySet).min(1) }).superRefine((f, ctx) => {
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
