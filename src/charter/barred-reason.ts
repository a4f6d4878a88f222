/**
 * Why a former member left, among the reasons that can bar readmission; each policy set lists those it bars.
 * Apart from policy.ts and policy-schema.ts so that both the schema and the candidate's registration read it
 * without the schema importing the loader.
 */
import { z } from 'zod';

export const BarredReason = z.enum([
  'dropped_out',
  'resigned',
  'serious_disunity',
  'corruption_conviction',
  'serious_crime_conviction',
]);
export type BarredReason = z.infer<typeof BarredReason>;
