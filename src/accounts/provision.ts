/**
 * Accounts and access tokens made by tools rather than by an admin: the test suites, the benchmarks and the cluster
 * harness act as many people at once and need a token for each without a password round trip. Such an account gets
 * no password unless a test gives it one; the token lives a day.
 */
import { eq } from 'drizzle-orm';
import type { Principal } from '../auth/principal';
import type { Db } from '../db/open';
import { accountGrants, accounts } from '../db/schema';
import { createAccessToken } from './access-tokens';
import { hashPassword } from './passwords';

async function provisionAccount(db: Db, p: Principal) {
  await db
    .insert(accounts)
    .values({ username: p.userId, fullName: p.name ?? p.userId, passwordHash: null, createdBy: 'provision' })
    .onConflictDoNothing();
  await db
    .insert(accountGrants)
    .values({ username: p.userId, role: p.role, orgId: p.orgId, grantedBy: 'provision' })
    .onConflictDoNothing();
}

/** The account of p with this password (no change forced): for browser tests that sign in through the page. */
export async function provisionPassword(db: Db, p: Principal, password: string): Promise<void> {
  await provisionAccount(db, p);
  await db
    .update(accounts)
    .set({ passwordHash: await hashPassword(password), mustChangePassword: false })
    .where(eq(accounts.username, p.userId));
}

export async function provisionToken(db: Db, p: Principal, label = 'provisioned by a tool'): Promise<string> {
  await provisionAccount(db, p);
  const { token } = await createAccessToken(db, {
    username: p.userId,
    grant: { role: p.role, orgId: p.orgId },
    label,
    expiresAt: new Date(Date.now() + 86_400_000),
  });
  return token;
}

/** One token per principal, made on first use: `tokens(p)` for every call a tool makes as p. */
export function tokenSource(db: Db): (p: Principal) => Promise<string> {
  const made = new Map<string, Promise<string>>();
  return (p) => {
    const key = `${p.userId}\u0000${p.role}\u0000${p.orgId}`;
    let token = made.get(key);
    if (!token) made.set(key, (token = provisionToken(db, p)));
    return token;
  };
}
