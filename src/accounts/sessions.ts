/**
 * Server-side sessions: the cookie carries a random secret, the table its SHA-256, the grant the person acts as and
 * the CSRF token. A session ends when it idles past the limit, reaches its absolute end, or is revoked (sign-out,
 * sign-out everywhere, an admin, a password change): each is checked on every request.
 */
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Grant, Principal } from '../auth/principal';
import type { Db } from '../db/open';
import { accounts, sessions } from '../db/schema';
import { randomSecret, sha256 } from './secrets';
import type { AuthSettings } from './settings';

export interface LiveSession {
  idHash: string;
  principal: Principal;
  csrfToken: string;
  mustChangePassword: boolean;
}

export async function createSession(
  db: Db,
  settings: AuthSettings,
  input: { username: string; grant: Grant; method: 'password' | 'oidc'; ip: string | null; userAgent: string | null },
): Promise<{ cookie: string; idHash: string; csrfToken: string }> {
  const cookie = randomSecret();
  const idHash = sha256(cookie);
  const csrfToken = randomSecret(24);
  await db.insert(sessions).values({
    idHash,
    username: input.username,
    role: input.grant.role,
    orgId: input.grant.orgId,
    csrfToken,
    method: input.method,
    expiresAt: new Date(Date.now() + settings.sessionMaxHours * 3_600_000),
    ip: input.ip,
    userAgent: input.userAgent?.slice(0, 300) ?? null,
  });
  return { cookie, idHash, csrfToken };
}

/** Seen-at is written at most this often: a busy page should not cost a write per request. */
const TOUCH_EVERY_MS = 60_000;

/** The session a cookie names, if it is still alive; an idle one is ended here. */
export async function liveSession(db: Db, settings: AuthSettings, cookie: string): Promise<LiveSession | null> {
  const idHash = sha256(cookie);
  const [row] = await db
    .select({ s: sessions, fullName: accounts.fullName, enabled: accounts.enabled, must: accounts.mustChangePassword })
    .from(sessions)
    .innerJoin(accounts, eq(accounts.username, sessions.username))
    .where(eq(sessions.idHash, idHash));
  if (!row || row.s.revokedAt || !row.enabled) return null;
  const now = Date.now();
  if (row.s.expiresAt.getTime() <= now) return null;
  if (row.s.lastSeenAt.getTime() + settings.sessionIdleMinutes * 60_000 <= now) {
    await db
      .update(sessions)
      .set({ revokedAt: new Date(now) })
      .where(eq(sessions.idHash, idHash));
    return null;
  }
  if (now - row.s.lastSeenAt.getTime() > TOUCH_EVERY_MS)
    await db
      .update(sessions)
      .set({ lastSeenAt: new Date(now) })
      .where(eq(sessions.idHash, idHash));
  return {
    idHash,
    principal: { userId: row.s.username, role: row.s.role, orgId: row.s.orgId, name: row.fullName } as Principal,
    csrfToken: row.s.csrfToken,
    // Only a password session must change the password: one through the identity provider uses none of ours.
    mustChangePassword: row.must && row.s.method === 'password',
  };
}

export async function revokeSession(db: Db, idHash: string): Promise<boolean> {
  const rows = await db
    .update(sessions)
    .set({ revokedAt: new Date() })
    .where(and(eq(sessions.idHash, idHash), isNull(sessions.revokedAt)))
    .returning({ u: sessions.username });
  return rows.length > 0;
}

/** Ends every session of the account; returns how many were alive. */
export async function revokeSessionsOf(db: Db, username: string): Promise<number> {
  const rows = await db
    .update(sessions)
    .set({ revokedAt: new Date() })
    .where(and(eq(sessions.username, username), isNull(sessions.revokedAt)))
    .returning({ u: sessions.username });
  return rows.length;
}

export async function actAs(db: Db, idHash: string, grant: Grant): Promise<void> {
  await db.update(sessions).set({ role: grant.role, orgId: grant.orgId }).where(eq(sessions.idHash, idHash));
}

/**
 * The account's sessions still alive, newest first, for the admin page. Each is named by a short prefix of its
 * hash: enough to revoke it, useless to sign in with.
 */
export async function sessionsOf(db: Db, settings: AuthSettings, username: string) {
  const rows = await db
    .select()
    .from(sessions)
    .where(and(eq(sessions.username, username), isNull(sessions.revokedAt)))
    .orderBy(desc(sessions.lastSeenAt));
  const now = Date.now();
  return rows
    .filter((s) => s.expiresAt.getTime() > now && s.lastSeenAt.getTime() + settings.sessionIdleMinutes * 60_000 > now)
    .map((s) => ({
      id: s.idHash.slice(0, 16),
      role: s.role,
      orgId: s.orgId,
      method: s.method,
      createdAt: s.createdAt.toISOString(),
      lastSeenAt: s.lastSeenAt.toISOString(),
      ip: s.ip,
      userAgent: s.userAgent,
    }));
}

/** Revokes the account's session whose hash starts with `id` (sessionsOf's names). */
export async function revokeSessionById(db: Db, username: string, id: string): Promise<boolean> {
  if (!/^[0-9a-f]{16}$/.test(id)) return false;
  const live = await db
    .select({ idHash: sessions.idHash })
    .from(sessions)
    .where(and(eq(sessions.username, username), isNull(sessions.revokedAt)));
  const match = live.find((s) => s.idHash.startsWith(id));
  return match ? revokeSession(db, match.idHash) : false;
}
