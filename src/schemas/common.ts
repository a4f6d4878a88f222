/** Small shared pieces of the command and case schemas. */
import { z } from 'zod';
import { IsoDate } from './iso-date';

export { IsoDate };
export { BilingualText } from './alert';

/** Forms of Hướng dẫn 12-HD/BTCTW; 'CN-ĐVM' is the new-member course certificate, 'VB' any other document. */
export const FormCode = z.enum([
  'CN-NTVĐ',
  '1-KNĐ',
  '2-KNĐ',
  '3-KNĐ',
  '4-KNĐ',
  '5-KNĐ',
  '6-KNĐ',
  '7-KNĐ',
  '8-KNĐ',
  '9-KNĐ',
  'CN-ĐVM',
  '10-KNĐ',
  '11-KNĐ',
  '12-KNĐ',
  '13-KNĐ',
  '14-KNĐ',
  '15-KNĐ',
  '16-KNĐ',
  'VB',
]);
export type FormCode = z.infer<typeof FormCode>;

/** The patterns below, exported so error messages recognise their failures (src/schemas/field-errors.ts). */
export const ORG_ID_PATTERN = /^[a-z0-9][a-z0-9-]*$/;
export const CASE_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
export const MINUTES_HASH_PATTERN = /^[0-9a-f]{64}$/;

export const OrgId = z.string().min(1).max(100).regex(ORG_ID_PATTERN, 'expected a lower-case id such as cb-thpt-a');
export const CaseId = z
  .string()
  .min(1)
  .max(100)
  .regex(CASE_ID_PATTERN, 'expected letters, digits, dot, dash or underscore');

/** SHA-256 of the minutes, so an auditor can match the paper minutes with the record. */
export const MinutesHash = z.string().regex(MINUTES_HASH_PATTERN, 'expected a SHA-256 hex digest of the minutes');

/**
 * Who recorded a step, stamped by the API from the caller's token. The organisation they acted for is kept
 * since corrections (who may correct a step depends on it); steps recorded before have none.
 */
export const Actor = z.object({
  userId: z.string().min(1).max(200),
  role: z.string().min(1).max(50),
  orgId: z.string().min(1).max(100).optional(),
  /**
   * The person's full name when they recorded it, from their account: the trail names people, not ids. Absent in
   * steps recorded before accounts existed.
   */
  name: z.string().min(1).max(200).optional(),
});
export type Actor = z.infer<typeof Actor>;
