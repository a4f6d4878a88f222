/**
 * Personal access tokens (`pipeline login`, scripts, webhooks' callers): `ppat_<id>_<secret>`, one role in one
 * organisation, an expiry, revocable. Only the secret's SHA-256 is kept; the id names the token in lists.
 */
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Grant, Principal } from '../auth/principal';
import type { Db } from '../db/open';
import { accessTokens, accounts } from '../db/schema';
import { randomSecret, sameSecret, sha256 } from './secrets';

const FORMAT = /^ppat_([A-Za-z0-9_-]{16})_([A-Za-z0-9_-]{43})$/;
const TOUCH_EVERY_MS = 60_000;

export async function createAccessToken(
  db: Db,
  input: { username: string; grant: Grant; label: string; expiresAt: Date },
): Promise<{ token: string; id: string }> {
  const id = randomSecret(12);
  const secret = randomSecret(32);
  await db.insert(accessTokens).values({
    id,
    secretHash: sha256(secret),
    username: input.username,
    role: input.grant.role,
    orgId: input.grant.orgId,
    label: input.label,
    expiresAt: input.expiresAt,
  });
  return { token: `ppat_${id}_${secret}`, id };
}

/** The principal a bearer token acts as, or null (malformed, unknown, wrong secret, expired, revoked, disabled). */
export async function principalOfToken(db: Db, token: string): Promise<Principal | null> {
  const m = FORMAT.exec(token);
  if (!m) return null;
  const [row] = await db
    .select({ t: accessTokens, fullName: accounts.fullName, enabled: accounts.enabled })
    .from(accessTokens)
    .innerJoin(accounts, eq(accounts.username, accessTokens.username))
    .where(eq(accessTokens.id, m[1]!));
  if (!row || !sameSecret(row.t.secretHash, sha256(m[2]!))) return null;
  const now = Date.now();
  if (row.t.revokedAt || row.t.expiresAt.getTime() <= now || !row.enabled) return null;
  if (!row.t.lastUsedAt || now - row.t.lastUsedAt.getTime() > TOUCH_EVERY_MS)
    await db
      .update(accessTokens)
      .set({ lastUsedAt: new Date(now) })
      .where(eq(accessTokens.id, row.t.id));
  return { userId: row.t.username, role: row.t.role, orgId: row.t.orgId, name: row.fullName } as Principal;
}

export async function tokensOf(db: Db, username: string) {
  const rows = await db
    .select()
    .from(accessTokens)
    .where(and(eq(accessTokens.username, username), isNull(accessTokens.revokedAt)))
    .orderBy(desc(accessTokens.createdAt));
  return rows.map((t) => ({
    id: t.id,
    label: t.label,
    role: t.role,
    orgId: t.orgId,
    createdAt: t.createdAt.toISOString(),
    expiresAt: t.expiresAt.toISOString(),
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
  }));
}

/** Revokes a token of `username` (anyone's when username is null: an admin). */
export async function revokeAccessToken(db: Db, id: string, username: string | null): Promise<string | null> {
  const rows = await db
    .update(accessTokens)
    .set({ revokedAt: new Date() })
    .where(
      and(
        eq(accessTokens.id, id),
        isNull(accessTokens.revokedAt),
        username ? eq(accessTokens.username, username) : undefined,
      ),
    )
    .returning({ username: accessTokens.username });
  return rows[0]?.username ?? null;
}
