/**
 * Who a person signing in through the identity provider is here: the account linked to their (issuer, subject);
 * else, once, the account whose username is their preferred_username and that no one has linked yet; else a new
 * account with no password. Their grants come from the roles claim when the province configures one (the provider
 * is then the authority, and an admin's changes are replaced at the next sign-in), each checked against the
 * registry in force; otherwise an admin assigns them here.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { Grant } from '../auth/principal';
import type { Db } from '../db/open';
import { accounts } from '../db/schema';
import type { OrgTree } from '../org/registry';
import { grantProblem } from './grant-fits';
import { sha256 } from './secrets';
import { grantsOf, replaceGrants, type AccountRow } from './store';

export interface OidcIdentity {
  issuer: string;
  subject: string;
  preferredUsername: string | null;
  fullName: string | null;
}

export interface IgnoredGrant {
  value: string;
  reason: { vi: string; en: string };
}

/** The username pattern admins create accounts with (routes/accounts.ts's Username). */
const USERNAME = /^[a-z0-9][a-z0-9._-]{1,62}$/;

/**
 * The grants a roles claim names, as `role:orgId` strings in an array (or one string, space- or comma-separated);
 * anything else, an unknown role, or one the registry in force does not fit is ignored with its reason.
 */
export function grantsFromClaim(value: unknown, tree: OrgTree): { grants: Grant[]; ignored: IgnoredGrant[] } {
  const items: unknown[] =
    value === undefined || value === null
      ? []
      : typeof value === 'string'
        ? value.split(/[\s,]+/).filter(Boolean)
        : Array.isArray(value)
          ? value
          : [value];
  const grants: Grant[] = [];
  const ignored: IgnoredGrant[] = [];
  for (const item of items) {
    const text = typeof item === 'string' ? item : JSON.stringify(item);
    const at = typeof item === 'string' ? item.indexOf(':') : -1;
    const parsed = at > 0 ? Grant.safeParse({ role: text.slice(0, at), orgId: text.slice(at + 1) }) : null;
    if (!parsed?.success) {
      ignored.push({
        value: text.slice(0, 200),
        reason: {
          vi: 'Không phải dạng vai_trò:mã_tổ_chức (vd. cell_secretary:cb-thpt-a)',
          en: 'not role:organisation (e.g. cell_secretary:cb-thpt-a)',
        },
      });
      continue;
    }
    const problem = grantProblem(parsed.data, tree);
    if (problem) ignored.push({ value: text, reason: problem });
    else if (!grants.some((g) => g.role === parsed.data.role && g.orgId === parsed.data.orgId))
      grants.push(parsed.data);
  }
  return { grants, ignored };
}

/** A username from what the provider calls the person: lower-case, without diacritics, only what usernames hold. */
export function usernameFrom(preferred: string | null, identity: { issuer: string; subject: string }): string {
  const cleaned = (preferred ?? '')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[^a-z0-9]+/, '')
    .replace(/[-._]+$/, '')
    .slice(0, 56);
  return USERNAME.test(cleaned)
    ? cleaned
    : `oidc-${sha256(`${identity.issuer}\u0000${identity.subject}`).slice(0, 12)}`;
}

export type HowFound = 'linked' | 'linked_now' | 'created';

export async function accountForIdentity(
  db: Db,
  identity: OidcIdentity,
): Promise<{ account: AccountRow; how: HowFound }> {
  const link = { oidcIssuer: identity.issuer, oidcSubject: identity.subject };
  const linkedTo = async () =>
    (
      await db
        .select()
        .from(accounts)
        .where(and(eq(accounts.oidcIssuer, identity.issuer), eq(accounts.oidcSubject, identity.subject)))
    )[0];
  const known = await linkedTo();
  if (known) return { account: await keepName(db, known, identity.fullName), how: 'linked' };

  // Only an exact match (up to case) links an existing account: 'nguyễn' must not take over the account 'nguyen'.
  const asTyped = identity.preferredUsername?.trim().toLowerCase() ?? '';
  if (USERNAME.test(asTyped)) {
    const [linked] = await db
      .update(accounts)
      .set(link)
      .where(and(eq(accounts.username, asTyped), isNull(accounts.oidcSubject)))
      .returning();
    if (linked) return { account: await keepName(db, linked, identity.fullName), how: 'linked_now' };
  }

  const base = usernameFrom(identity.preferredUsername, identity);
  for (let n = 1; n <= 50; n++) {
    const username = n === 1 ? base : `${base}-${n}`;
    const [created] = await db
      .insert(accounts)
      .values({ username, fullName: identity.fullName ?? username, passwordHash: null, createdBy: 'oidc', ...link })
      .onConflictDoNothing()
      .returning();
    if (created) return { account: created, how: 'created' };
    // The conflict may be the identity's own unique index: the person's other sign-in, at the same moment, won.
    const raced = await linkedTo();
    if (raced) return { account: raced, how: 'linked' };
  }
  throw new Error(`no free username from ${JSON.stringify(identity.preferredUsername)} after 50 tries`);
}

/** The provider is where a person's name is kept up to date: a changed name claim renames the account. */
async function keepName(db: Db, account: AccountRow, fullName: string | null): Promise<AccountRow> {
  if (!fullName || fullName === account.fullName) return account;
  const [renamed] = await db
    .update(accounts)
    .set({ fullName })
    .where(eq(accounts.username, account.username))
    .returning();
  return renamed ?? account;
}

/**
 * Makes the account's grants those of the claim; returns whether they changed. replaceGrants ends sessions and
 * tokens acting as a grant the claim no longer gives.
 */
export async function grantsFromProvider(db: Db, username: string, grants: Grant[]): Promise<boolean> {
  const key = (g: Grant) => `${g.role}\u0000${g.orgId}`;
  const held = (await grantsOf(db, username)).map(key).sort();
  const given = grants.map(key).sort();
  if (held.length === given.length && held.every((k, i) => k === given[i])) return false;
  await replaceGrants(db, username, grants, 'oidc');
  return true;
}
