/**
 * Who a request acts for: the account, the person's name, and the one grant (role in an organisation) they act as.
 * Every step recorded carries it (the workflow's recordedBy), so an auditor reads who did what, as what.
 */
import { z } from 'zod';
import { OrgId } from '../schemas/common';

export const Role = z.enum(['cell_secretary', 'committee', 'auditor', 'admin']);
export type Role = z.infer<typeof Role>;

export const Grant = z.strictObject({ role: Role, orgId: OrgId });
export type Grant = z.infer<typeof Grant>;

export const Principal = z.object({
  userId: z.string().min(1).max(200),
  role: Role,
  /** The cell of a secretary, the committee of a committee user; the province for auditors and admins. */
  orgId: OrgId,
  /** The person's full name as their account holds it; absent only where none is known. */
  name: z.string().min(1).max(200).optional(),
});
export type Principal = z.infer<typeof Principal>;

/** No valid session or token: a 401, whose message says which, never why a secret failed to match. */
export class Unauthenticated extends Error {}
