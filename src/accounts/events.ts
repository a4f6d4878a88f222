/** The sign-in log (auth_events): written by every sign-in path and admin action, read by auditors and admins. */
import { and, desc, eq, lt, type SQL } from 'drizzle-orm';
import type { Db } from '../db/open';
import { authEvents } from '../db/schema';

export type AuthEventKind =
  | 'sign_in'
  | 'sign_in_failed'
  | 'locked'
  | 'sign_out'
  | 'sign_out_everywhere'
  | 'password_changed'
  | 'acting_as'
  | 'account_created'
  | 'account_updated'
  | 'account_disabled'
  | 'account_enabled'
  | 'account_unlocked'
  | 'password_reset'
  | 'grants_changed'
  | 'session_revoked'
  | 'token_created'
  | 'token_revoked';

export interface AuthEvent {
  kind: AuthEventKind;
  username: string | null;
  actor?: string | null;
  ip?: string | null;
  /** Never a password, hash, session id or token secret: only ids and reasons. */
  detail?: Record<string, unknown>;
}

export async function logAuthEvent(db: Db, event: AuthEvent): Promise<void> {
  await db.insert(authEvents).values({
    kind: event.kind,
    username: event.username,
    actor: event.actor ?? null,
    ip: event.ip ?? null,
    detail: event.detail ?? null,
  });
}

/** Newest first, a page at a time (`before` is the last id of the previous page). */
export async function listAuthEvents(db: Db, filter: { username?: string; before?: number; limit: number }) {
  const where: SQL[] = [];
  if (filter.username) where.push(eq(authEvents.username, filter.username));
  if (filter.before) where.push(lt(authEvents.id, filter.before));
  return db
    .select()
    .from(authEvents)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(authEvents.id))
    .limit(filter.limit);
}
