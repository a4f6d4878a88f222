/** Small shared pieces of the command and case schemas. */
import { z } from 'zod';
import { IsoDate } from '../charter/dates';

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

export const OrgId = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'expected a lower-case id such as cb-thpt-a');
export const CaseId = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'expected letters, digits, dot, dash or underscore');

/** SHA-256 of the minutes, so an auditor can match the paper minutes with the record. */
export const MinutesHash = z.string().regex(/^[0-9a-f]{64}$/, 'expected a SHA-256 hex digest of the minutes');

/**
 * Who recorded a step, stamped by the API from the caller's token. The organisation they acted for is kept
 * since corrections (who may correct a step depends on it); steps recorded before have none.
 */
export const Actor = z.object({
  userId: z.string().min(1).max(200),
  role: z.string().min(1).max(50),
  orgId: z.string().min(1).max(100).optional(),
});
export type Actor = z.infer<typeof Actor>;
