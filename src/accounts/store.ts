/**
 * Accounts and their grants in the app's database. An account is never deleted (its username is in cases'
 * histories): it is disabled. Changing a password, a reset or disabling ends the account's sessions.
 */
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Grant } from '../auth/principal';
import type { Db } from '../db/open';
import { accessTokens, accountGrants, accounts, sessions } from '../db/schema';
import { hashPassword } from './passwords';
import { oneTimePassword } from './secrets';

export type AccountRow = typeof accounts.$inferSelect;

export interface AccountView {
  username: string;
  fullName: string;
  enabled: boolean;
  mustChangePassword: boolean;
  lockedUntil: string | null;
  failedAttempts: number;
  hasPassword: boolean;
  oidc: boolean;
  createdAt: string;
  grants: Grant[];
}

export class AccountExists extends Error {}
export class AccountNotFound extends Error {}

export async function findAccount(db: Db, username: string): Promise<AccountRow | null> {
  const [row] = await db.select().from(accounts).where(eq(accounts.username, username));
  return row ?? null;
}

/**
 * The full names of these accounts, for pages that show people: steps recorded before the trail carried names (and
 * tokens made by tools) are named from the accounts table, in one query.
 */
export async function namesOf(db: Db, usernames: Iterable<string>): Promise<Map<string, string>> {
  const wanted = [...new Set(usernames)];
  if (!wanted.length) return new Map();
  const rows = await db
    .select({ username: accounts.username, fullName: accounts.fullName })
    .from(accounts)
    .where(inArray(accounts.username, wanted));
  return new Map(rows.map((r) => [r.username, r.fullName]));
}

export async function grantsOf(db: Db, username: string): Promise<Grant[]> {
  const rows = await db
    .select({ role: accountGrants.role, orgId: accountGrants.orgId })
    .from(accountGrants)
    .where(eq(accountGrants.username, username))
    .orderBy(asc(accountGrants.role), asc(accountGrants.orgId));
  return rows as Grant[];
}

export async function listAccounts(db: Db): Promise<AccountView[]> {
  const rows = await db.select().from(accounts).orderBy(asc(accounts.username));
  const grants = await db.select().from(accountGrants).orderBy(asc(accountGrants.role), asc(accountGrants.orgId));
  return rows.map((a) =>
    view(
      a,
      grants.filter((g) => g.username === a.username).map((g) => ({ role: g.role, orgId: g.orgId }) as Grant),
    ),
  );
}

export async function accountView(db: Db, username: string): Promise<AccountView> {
  const a = await findAccount(db, username);
  if (!a) throw new AccountNotFound(username);
  return view(a, await grantsOf(db, username));
}

function view(a: AccountRow, grants: Grant[]): AccountView {
  return {
    username: a.username,
    fullName: a.fullName,
    enabled: a.enabled,
    mustChangePassword: a.mustChangePassword,
    lockedUntil: a.lockedUntil && a.lockedUntil > new Date() ? a.lockedUntil.toISOString() : null,
    failedAttempts: a.failedAttempts,
    hasPassword: a.passwordHash !== null,
    oidc: a.oidcSubject !== null,
    createdAt: a.createdAt.toISOString(),
    grants,
  };
}

/**
 * A new account with a one-time password (returned once, never stored in clear), or a chosen password for
 * tests and tools that set one (then no change is forced).
 */
export async function createAccount(
  db: Db,
  input: { username: string; fullName: string; grants: Grant[]; password?: string | null; createdBy: string | null },
): Promise<{ oneTimePassword: string | null }> {
  const otp = input.password === undefined ? oneTimePassword() : null;
  const password = input.password === undefined ? otp : input.password;
  const passwordHash = password === null ? null : await hashPassword(password);
  await db.transaction(async (tx) => {
    const inserted = await tx
      .insert(accounts)
      .values({
        username: input.username,
        fullName: input.fullName,
        passwordHash,
        mustChangePassword: otp !== null,
        createdBy: input.createdBy,
      })
      .onConflictDoNothing()
      .returning({ username: accounts.username });
    if (!inserted.length) throw new AccountExists(input.username);
    if (input.grants.length)
      await tx
        .insert(accountGrants)
        .values(input.grants.map((g) => ({ ...g, username: input.username, grantedBy: input.createdBy })));
  });
  return { oneTimePassword: otp };
}

export async function replaceGrants(db: Db, username: string, grants: Grant[], by: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.delete(accountGrants).where(eq(accountGrants.username, username));
    if (grants.length) await tx.insert(accountGrants).values(grants.map((g) => ({ ...g, username, grantedBy: by })));
    // A session acting as a grant the account no longer holds ends now, not at its expiry.
    const kept = grants.map((g) => `${g.role}\u0000${g.orgId}`);
    const live = await tx
      .select({ idHash: sessions.idHash, role: sessions.role, orgId: sessions.orgId })
      .from(sessions)
      .where(and(eq(sessions.username, username), isNull(sessions.revokedAt)));
    for (const s of live)
      if (!kept.includes(`${s.role}\u0000${s.orgId}`))
        await tx.update(sessions).set({ revokedAt: new Date() }).where(eq(sessions.idHash, s.idHash));
    const tokens = await tx
      .select({ id: accessTokens.id, role: accessTokens.role, orgId: accessTokens.orgId })
      .from(accessTokens)
      .where(and(eq(accessTokens.username, username), isNull(accessTokens.revokedAt)));
    for (const t of tokens)
      if (!kept.includes(`${t.role}\u0000${t.orgId}`))
        await tx.update(accessTokens).set({ revokedAt: new Date() }).where(eq(accessTokens.id, t.id));
  });
}

export async function updateAccount(
  db: Db,
  username: string,
  change: { fullName?: string; enabled?: boolean },
): Promise<void> {
  await db.transaction(async (tx) => {
    const updated = await tx
      .update(accounts)
      .set(change)
      .where(eq(accounts.username, username))
      .returning({ u: accounts.username });
    if (!updated.length) throw new AccountNotFound(username);
    if (change.enabled === false) await endEverything(tx as unknown as Db, username);
  });
}

export async function unlockAccount(db: Db, username: string): Promise<void> {
  const updated = await db
    .update(accounts)
    .set({ failedAttempts: 0, lockedUntil: null })
    .where(eq(accounts.username, username))
    .returning({ u: accounts.username });
  if (!updated.length) throw new AccountNotFound(username);
}

/** An admin's reset: a one-time password, every session ended, the next sign-in forced to choose a password. */
export async function resetPassword(db: Db, username: string): Promise<string> {
  const otp = oneTimePassword();
  const passwordHash = await hashPassword(otp);
  await db.transaction(async (tx) => {
    const updated = await tx
      .update(accounts)
      .set({ passwordHash, mustChangePassword: true, failedAttempts: 0, lockedUntil: null })
      .where(eq(accounts.username, username))
      .returning({ u: accounts.username });
    if (!updated.length) throw new AccountNotFound(username);
    await tx
      .update(sessions)
      .set({ revokedAt: new Date() })
      .where(and(eq(sessions.username, username), isNull(sessions.revokedAt)));
  });
  return otp;
}

/** The person's own change: other sessions end, the one they changed it from goes on. */
export async function changePassword(db: Db, username: string, password: string, keepSession: string | null) {
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    await tx
      .update(accounts)
      .set({ passwordHash, mustChangePassword: false, passwordChangedAt: new Date() })
      .where(eq(accounts.username, username));
    await tx
      .update(sessions)
      .set({ revokedAt: new Date() })
      .where(
        and(
          eq(sessions.username, username),
          isNull(sessions.revokedAt),
          keepSession ? sql`${sessions.idHash} <> ${keepSession}` : undefined,
        ),
      );
  });
}

async function endEverything(db: Db, username: string) {
  const now = new Date();
  await db
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(eq(sessions.username, username), isNull(sessions.revokedAt)));
  await db
    .update(accessTokens)
    .set({ revokedAt: now })
    .where(and(eq(accessTokens.username, username), isNull(accessTokens.revokedAt)));
}
