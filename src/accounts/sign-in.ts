/**
 * Checking a username and password, for the dashboard's sign-in and `pipeline login` alike. Every failure answers
 * the same, whether the username is unknown, the password wrong, the account disabled or locked: an attacker learns
 * nothing about which half was wrong. Consecutive failures lock the account for a while; a success resets them.
 */
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/open';
import { accounts } from '../db/schema';
import { logAuthEvent } from './events';
import { verifyPassword } from './passwords';
import type { AuthSettings } from './settings';
import { findAccount, type AccountRow } from './store';

export type SignInResult = { ok: true; account: AccountRow } | { ok: false };

export const BAD_CREDENTIALS = (s: AuthSettings) => ({
  vi:
    'Tên đăng nhập hoặc mật khẩu không đúng, hoặc tài khoản đang bị khóa. ' +
    `Sau ${s.lockoutAttempts} lần sai liên tiếp, tài khoản bị khóa ${s.lockoutMinutes} phút.`,
  en:
    'Wrong username or password, or the account is locked. ' +
    `After ${s.lockoutAttempts} failures in a row the account is locked for ${s.lockoutMinutes} minutes.`,
});

export async function checkPassword(
  db: Db,
  settings: AuthSettings,
  input: { username: string; password: string; ip: string | null; via: string },
): Promise<SignInResult> {
  const username = input.username.trim().toLowerCase();
  const account = await findAccount(db, username);
  const matches = await verifyPassword(account?.passwordHash ?? null, input.password);
  const now = new Date();
  const locked = account?.lockedUntil != null && account.lockedUntil > now;
  if (account && matches && account.enabled && !locked) {
    if (account.failedAttempts > 0)
      await db.update(accounts).set({ failedAttempts: 0, lockedUntil: null }).where(eq(accounts.username, username));
    return { ok: true, account };
  }
  const reason = !account
    ? 'unknown_username'
    : !account.enabled
      ? 'disabled'
      : locked
        ? 'locked'
        : !matches
          ? 'wrong_password'
          : 'refused';
  await logAuthEvent(db, {
    kind: 'sign_in_failed',
    username: account ? username : null,
    ip: input.ip,
    detail: { reason, via: input.via, ...(account ? {} : { triedUsername: username.slice(0, 100) }) },
  });
  // A wrong password counts towards the lock, even while locked (so guessing through a lock extends nothing, but
  // counts); the lock starts at the failure that reaches the limit.
  if (account && !matches && account.enabled && !locked) {
    const [row] = await db
      .update(accounts)
      .set({ failedAttempts: sql`${accounts.failedAttempts} + 1` })
      .where(eq(accounts.username, username))
      .returning({ failed: accounts.failedAttempts });
    if (row && row.failed >= settings.lockoutAttempts) {
      const until = new Date(now.getTime() + settings.lockoutMinutes * 60_000);
      await db.update(accounts).set({ lockedUntil: until, failedAttempts: 0 }).where(eq(accounts.username, username));
      await logAuthEvent(db, {
        kind: 'locked',
        username,
        ip: input.ip,
        detail: { until: until.toISOString(), after: row.failed },
      });
    }
  }
  return { ok: false };
}
