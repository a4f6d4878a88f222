/**
 * Accounts on a real PostgreSQL engine (PGlite in memory): passwords kept as argon2id, the same refusal whatever was
 * wrong, the lock after repeated failures, sessions that idle out or are revoked, access tokens that expire and are
 * revoked, and nothing secret in the tables or the sign-in log.
 */
import { eq } from 'drizzle-orm';
import { createAccessToken, principalOfToken, revokeAccessToken } from '../../src/accounts/access-tokens';
import { listAuthEvents } from '../../src/accounts/events';
import { hashPassword, passwordProblem, verifyPassword } from '../../src/accounts/passwords';
import { oneTimePassword } from '../../src/accounts/secrets';
import { createSession, liveSession, revokeSessionsOf } from '../../src/accounts/sessions';
import { DEFAULT_AUTH_SETTINGS, loadAuthSettings } from '../../src/accounts/settings';
import { checkPassword } from '../../src/accounts/sign-in';
import { createAccount, findAccount, replaceGrants, resetPassword, unlockAccount } from '../../src/accounts/store';
import type { AppDatabase } from '../../src/db/open';
import { accounts, sessions } from '../../src/db/schema';
import { memoryDatabase } from '../helpers/app-db';

let database: AppDatabase;
const settings = { ...DEFAULT_AUTH_SETTINGS, lockoutAttempts: 3, lockoutMinutes: 15 };
const PASSWORD = 'một mật khẩu đủ dài';
const SECRETARY = { role: 'cell_secretary', orgId: 'cb-thpt-a' } as const;

beforeAll(async () => {
  database = await memoryDatabase();
  await createAccount(database.db, {
    username: 'bt-thpt-a',
    fullName: 'Trần Văn Bình',
    grants: [SECRETARY],
    password: PASSWORD,
    createdBy: null,
  });
}, 60_000);
afterAll(() => database?.close());

const attempt = (username: string, password: string) =>
  checkPassword(database.db, settings, { username, password, ip: '10.0.0.1', via: 'test' });

test('passwords are argon2id, and verify only with the right password', async () => {
  const hash = await hashPassword(PASSWORD);
  expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  expect(await verifyPassword(hash, PASSWORD)).toBe(true);
  expect(await verifyPassword(hash, PASSWORD + ' ')).toBe(false);
  expect(await verifyPassword(null, PASSWORD)).toBe(false);
});

test('a new password must be long, not the username or the old one', () => {
  const who = { username: 'bt-thpt-a', fullName: 'Trần Văn Bình' };
  expect(passwordProblem('ngắn', who)?.vi).toMatch(/ít nhất 10 ký tự/);
  expect(passwordProblem('bt-thpt-a-2026!', who)?.en).toMatch(/must not contain the username/);
  expect(passwordProblem('aaaaaaaaaaaa', who)?.en).toMatch(/too simple/);
  expect(passwordProblem(PASSWORD, { ...who, current: PASSWORD })?.en).toMatch(/differ from the old one/);
  expect(passwordProblem('trăng sáng trên sông Hương', who)).toBeNull();
});

test('one-time passwords are readable groups with no look-alike characters', () => {
  const otps = Array.from({ length: 200 }, oneTimePassword);
  for (const otp of otps) expect(otp).toMatch(/^[a-hjkmnp-z2-9]{4}(-[a-hjkmnp-z2-9]{4}){3}$/);
  expect(new Set(otps).size).toBe(otps.length);
});

test('a wrong password, an unknown username and a locked account all fail alike; the lock starts at the limit', async () => {
  expect((await attempt('BT-THPT-A', PASSWORD)).ok).toBe(true);
  expect((await attempt('bt-thpt-a', 'sai mật khẩu rồi')).ok).toBe(false);
  expect((await attempt('khong-co-ai', PASSWORD)).ok).toBe(false);
  expect((await findAccount(database.db, 'bt-thpt-a'))!.failedAttempts).toBe(1);
  // A success resets the count.
  expect((await attempt('bt-thpt-a', PASSWORD)).ok).toBe(true);
  for (let i = 0; i < settings.lockoutAttempts; i++)
    expect((await attempt('bt-thpt-a', `sai ${i} lần`)).ok).toBe(false);
  const locked = await findAccount(database.db, 'bt-thpt-a');
  expect(locked!.lockedUntil!.getTime()).toBeGreaterThan(Date.now() + 14 * 60_000);
  // Locked: the right password fails too, until an admin unlocks.
  expect((await attempt('bt-thpt-a', PASSWORD)).ok).toBe(false);
  await unlockAccount(database.db, 'bt-thpt-a');
  expect((await attempt('bt-thpt-a', PASSWORD)).ok).toBe(true);

  const log = await listAuthEvents(database.db, { username: 'bt-thpt-a', limit: 50 });
  expect(log.filter((e) => e.kind === 'locked')).toHaveLength(1);
  const reasons = log.filter((e) => e.kind === 'sign_in_failed').map((e) => e.detail?.reason);
  expect(reasons).toEqual(expect.arrayContaining(['wrong_password', 'locked']));
  const all = JSON.stringify(await listAuthEvents(database.db, { limit: 500 }));
  expect(all).not.toContain(PASSWORD);
  expect(all).not.toContain('sai mật khẩu rồi');
});

test('a session lives until it idles out, is revoked, or its account is disabled', async () => {
  const made = await createSession(database.db, settings, {
    username: 'bt-thpt-a',
    grant: SECRETARY,
    method: 'password',
    ip: null,
    userAgent: 'jest',
  });
  const live = await liveSession(database.db, settings, made.cookie);
  expect(live?.principal).toEqual({ userId: 'bt-thpt-a', ...SECRETARY, name: 'Trần Văn Bình' });
  // Only the hash is kept.
  const [row] = await database.db.select().from(sessions).where(eq(sessions.idHash, made.idHash));
  expect(JSON.stringify(row)).not.toContain(made.cookie);
  expect(await liveSession(database.db, settings, made.cookie + 'x')).toBeNull();

  // Idle past the limit: ended.
  await database.db
    .update(sessions)
    .set({ lastSeenAt: new Date(Date.now() - (settings.sessionIdleMinutes + 1) * 60_000) })
    .where(eq(sessions.idHash, made.idHash));
  expect(await liveSession(database.db, settings, made.cookie)).toBeNull();

  const second = await createSession(database.db, settings, {
    username: 'bt-thpt-a',
    grant: SECRETARY,
    method: 'password',
    ip: null,
    userAgent: null,
  });
  expect(await revokeSessionsOf(database.db, 'bt-thpt-a')).toBe(1);
  expect(await liveSession(database.db, settings, second.cookie)).toBeNull();
});

test('an admin reset ends sessions and forces a change; a removed role ends its tokens', async () => {
  const s = await createSession(database.db, settings, {
    username: 'bt-thpt-a',
    grant: SECRETARY,
    method: 'password',
    ip: null,
    userAgent: null,
  });
  const otp = await resetPassword(database.db, 'bt-thpt-a');
  expect(await liveSession(database.db, settings, s.cookie)).toBeNull();
  expect((await findAccount(database.db, 'bt-thpt-a'))!.mustChangePassword).toBe(true);
  expect((await attempt('bt-thpt-a', otp)).ok).toBe(true);

  const { token, id } = await createAccessToken(database.db, {
    username: 'bt-thpt-a',
    grant: SECRETARY,
    label: 'test',
    expiresAt: new Date(Date.now() + 3_600_000),
  });
  expect(await principalOfToken(database.db, token)).toMatchObject({ userId: 'bt-thpt-a', ...SECRETARY });
  expect(await principalOfToken(database.db, token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A'))).toBeNull();
  await replaceGrants(database.db, 'bt-thpt-a', [{ role: 'cell_secretary', orgId: 'cb-thon-1' }], 'admin-1');
  expect(await principalOfToken(database.db, token)).toBeNull();
  expect(await revokeAccessToken(database.db, id, 'bt-thpt-a')).toBeNull();
  await replaceGrants(database.db, 'bt-thpt-a', [SECRETARY], 'admin-1');
});

test('access tokens expire, are revoked, and die with a disabled account', async () => {
  const expired = await createAccessToken(database.db, {
    username: 'bt-thpt-a',
    grant: SECRETARY,
    label: 'old',
    expiresAt: new Date(Date.now() - 1000),
  });
  expect(await principalOfToken(database.db, expired.token)).toBeNull();
  const live = await createAccessToken(database.db, {
    username: 'bt-thpt-a',
    grant: SECRETARY,
    label: 'live',
    expiresAt: new Date(Date.now() + 3_600_000),
  });
  await database.db.update(accounts).set({ enabled: false }).where(eq(accounts.username, 'bt-thpt-a'));
  expect(await principalOfToken(database.db, live.token)).toBeNull();
  await database.db.update(accounts).set({ enabled: true }).where(eq(accounts.username, 'bt-thpt-a'));
  expect(await revokeAccessToken(database.db, live.id, 'bt-thpt-a')).toBe('bt-thpt-a');
  expect(await principalOfToken(database.db, live.token)).toBeNull();
  expect(await principalOfToken(database.db, 'ppat_short')).toBeNull();
});

test('settings come from the environment, and a bad one names its variable', () => {
  expect(loadAuthSettings({ PIPELINE_LOCKOUT_ATTEMPTS: '7', PIPELINE_COOKIE_SECURE: 'false' })).toMatchObject({
    lockoutAttempts: 7,
    cookieSecure: false,
  });
  expect(() => loadAuthSettings({ PIPELINE_SESSION_IDLE_MINUTES: 'half an hour' })).toThrow(
    /PIPELINE_SESSION_IDLE_MINUTES must be a whole number/,
  );
  expect(() => loadAuthSettings({ PIPELINE_COOKIE_SECURE: 'yes' })).toThrow(
    /PIPELINE_COOKIE_SECURE must be true or false/,
  );
});
