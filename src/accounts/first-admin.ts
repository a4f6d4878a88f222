/**
 * A new province's first admin: with no account at all, nobody could sign in to create one. The first start of a
 * cluster (and `npm run accounts -- create-admin`) makes one with a one-time password, acting for the province's
 * committee at the top of the registry.
 */
import { count } from 'drizzle-orm';
import type { Db } from '../db/open';
import { accounts } from '../db/schema';
import { createAccount } from './store';

export const FIRST_ADMIN = 'quan-tri';

/** The admin's one-time password, or null when the province has accounts already. */
export async function ensureFirstAdmin(db: Db, provinceOrgId: string): Promise<string | null> {
  const [row] = await db.select({ n: count() }).from(accounts);
  if (row!.n > 0) return null;
  const { oneTimePassword } = await createAccount(db, {
    username: FIRST_ADMIN,
    fullName: 'Quản trị viên',
    grants: [{ role: 'admin', orgId: provinceOrgId }],
    createdBy: null,
  });
  return oneTimePassword;
}
