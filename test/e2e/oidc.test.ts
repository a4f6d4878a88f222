/**
 * Signing in through a province's own identity provider, against a real OpenID provider (oidc-provider, started
 * here in its own process) and the real stack over HTTP: the browser's part played with fetch (redirects followed by
 * hand, cookies carried), the provider's login form filled in, and once in headless Chromium from the dashboard's
 * button. Grants come from the roles claim (one API) or from an admin (a second API on the same database without a
 * roles claim).
 */
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { loadOidcSettings } from '../../src/accounts/oidc-settings';
import { createAccount, findAccount } from '../../src/accounts/store';
import { buildApi } from '../../src/api/server';
import type { Principal } from '../../src/auth/principal';
import { tokenKeys } from '../../src/auth/server-secret';
import { launchBrowser, screenshot, textContaining } from '../helpers/browser';
import { Browserish, startOidcProvider, type OidcProviderProcess, type TestAccount } from '../helpers/oidc-provider';
import { freePort } from '../helpers/scratch-server';
import { startStack, TOKEN_SECRET, type Stack } from '../helpers/stack';

const ADMIN: Principal = { userId: 'qt-oidc', role: 'admin', orgId: 'tu-demo' };
const AUDITOR: Principal = { userId: 'kt-oidc', role: 'auditor', orgId: 'tu-demo' };
const CLIENT = { client_id: 'pipeline-e2e', client_secret: 'the e2e client secret, long enough to be one' };

const person = (login: string, name: string, roles?: string[]): TestAccount => ({
  login,
  password: `mật khẩu của ${login}`,
  sub: `sub-${login}`,
  claims: { name, preferred_username: login, ...(roles ? { pipeline_roles: roles } : {}) },
});
const HOA = person('tran.thi.hoa', 'Trần Thị Hoa', ['cell_secretary:cb-thpt-a', 'committee:cb-khong-co']);
const NAM = person('le.van.nam', 'Lê Văn Nam', ['committee:cb-khong-co']);
const AN = person('Nguyen.Van.An', 'Nguyễn Văn An', ['auditor:tu-demo']);
const MINH = person('pham.minh', 'Phạm Minh');
const LAN = person('do.thi.lan', 'Đỗ Thị Lan', ['committee:du-xa-a']);
const KHOA = person('vu.khoa', 'Vũ Khoa', ['cell_secretary:cb-thpt-a']);

let provider: OidcProviderProcess;
let stack: Stack;
/** The same database, a second API whose grants an admin assigns (no roles claim). */
let adminAssigned: FastifyInstance;
let adminAssignedBase: string;
let browser: Browser;

const redirect = (port: number) => `http://127.0.0.1:${port}/auth/oidc/callback`;
const settingsFor = (port: number, rolesClaim?: string) =>
  loadOidcSettings({
    PIPELINE_OIDC_ISSUER: provider.issuer,
    PIPELINE_OIDC_CLIENT_ID: CLIENT.client_id,
    PIPELINE_OIDC_CLIENT_SECRET: CLIENT.client_secret,
    PIPELINE_OIDC_REDIRECT_URL: redirect(port),
    PIPELINE_OIDC_ROLES_CLAIM: rolesClaim,
  })!;

beforeAll(async () => {
  const [apiPort, otherPort] = [await freePort(), await freePort()];
  [provider, browser] = await Promise.all([
    startOidcProvider({
      clients: [{ ...CLIENT, redirect_uris: [redirect(apiPort), redirect(otherPort)] }],
      accounts: [HOA, NAM, AN, MINH, LAN, KHOA],
      // Another site than the API's (127.0.0.1), as a province's provider is: the browser's cookie rules apply.
      issuerHost: 'localhost',
    }),
    launchBrowser(),
  ]);
  stack = await startStack('e2e-oidc', {
    apiPort,
    oidc: settingsFor(apiPort, 'pipeline_roles'),
    auth: { signInPerMinute: 1000 },
  });
  adminAssigned = buildApi({
    client: stack.client,
    taskQueue: stack.taskQueue,
    database: stack.database,
    keys: tokenKeys(TOKEN_SECRET),
    oidc: settingsFor(otherPort),
  });
  adminAssignedBase = await adminAssigned.listen({ port: otherPort, host: '127.0.0.1' });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await adminAssigned?.close();
  await stack?.stop();
  await provider?.stop();
});

/** From the API's start to the provider's login page, then its form posted, then every redirect followed. */
async function signInThrough(base: string, who: TestAccount, lang?: 'en') {
  const b = new Browserish();
  const start = await b.follow(`${base}/auth/oidc/start${lang ? `?lang=${lang}` : ''}`);
  expect(start.url.startsWith(`${provider.issuer}/interaction/`)).toBe(true);
  const page = await start.res.text();
  expect(page).toContain('Cổng đăng nhập của tỉnh');
  const action = /action="([^"]+)"/.exec(page)![1]!;
  const done = await b.follow(new URL(action, start.url).href, { form: { login: who.login, password: who.password } });
  return { b, start, done, body: await done.res.text() };
}

async function me(b: Browserish, base: string) {
  const res = await b.request(`${base}/me`);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const events = async (username: string) =>
  (await stack.as(AUDITOR)('GET', `/auth-events?username=${username}`)).body.events as Array<{
    kind: string;
    detail: Record<string, unknown> | null;
  }>;

test('GET /auth/oidc tells the dashboard it is on and what its button says', async () => {
  const res = await fetch(`${stack.base}/auth/oidc`);
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual({
    enabled: true,
    label: { vi: 'Đăng nhập bằng tài khoản của tỉnh', en: "Sign in with the province's account" },
    start: '/auth/oidc/start',
  });
});

test('the start asks the provider for a code with PKCE (S256), a state and a nonce, kept in a sealed cookie', async () => {
  const b = new Browserish();
  const res = await b.request(`${stack.base}/auth/oidc/start`);
  expect(res.status).toBe(302);
  const to = new URL(res.headers.get('location')!);
  expect(to.origin).toBe(provider.issuer);
  expect(Object.fromEntries(to.searchParams)).toMatchObject({
    client_id: CLIENT.client_id,
    response_type: 'code',
    redirect_uri: redirect(Number(new URL(stack.base).port)),
    code_challenge_method: 'S256',
    scope: 'openid profile',
  });
  for (const p of ['code_challenge', 'state', 'nonce']) expect(to.searchParams.get(p)?.length).toBeGreaterThan(20);
  const setCookie = res.headers.getSetCookie().join('\n');
  expect(setCookie).toMatch(/__Host-pipeline-oidc=[^;]+; Max-Age=600; Path=\/; HttpOnly; Secure; SameSite=Lax/);
  // Nothing of the sign-in in clear: the verifier is not the state, and the cookie is not readable JSON.
  expect(setCookie).not.toContain(to.searchParams.get('state'));
});

test('a person signs in with the name and the grant their claims give; an unknown organisation is ignored and logged', async () => {
  const { b, done } = await signInThrough(stack.base, HOA);
  expect(done.hops.some((u) => u.startsWith(`${stack.base}/auth/oidc/callback?`))).toBe(true);
  expect(done.url).toBe(`${stack.base}/`);
  expect(done.res.status).toBe(200);
  // The sign-in's cookie is gone, the session's is set, and it works.
  expect(b.cookie(stack.base, '__Host-pipeline-oidc')).toBeUndefined();
  const who = await me(b, stack.base);
  expect(who.status).toBe(200);
  expect(who.body).toMatchObject({
    userId: 'tran.thi.hoa',
    name: 'Trần Thị Hoa',
    role: 'cell_secretary',
    orgId: 'cb-thpt-a',
    via: 'session',
    grants: [{ role: 'cell_secretary', orgId: 'cb-thpt-a', orgName: 'Chi bộ Trường THPT A' }],
  });
  // A session like any other: it reads the secretary's cases and, with its CSRF token, changes things.
  const cases = await b.request(`${stack.base}/cases?cellId=cb-thpt-a`);
  expect(cases.status).toBe(200);
  const account = await findAccount(stack.database.db, 'tran.thi.hoa');
  expect(account).toMatchObject({ passwordHash: null, oidcIssuer: provider.issuer, oidcSubject: 'sub-tran.thi.hoa' });

  const log = await events('tran.thi.hoa');
  expect(log.map((e) => e.kind)).toEqual(['sign_in', 'grants_changed', 'account_created']);
  expect(log[0]!.detail).toEqual({
    via: 'oidc',
    role: 'cell_secretary',
    orgId: 'cb-thpt-a',
    ignoredGrants: [{ value: 'committee:cb-khong-co', reason: 'no organisation cb-khong-co in the registry in force' }],
  });
  expect(log[2]!.detail).toEqual({ via: 'oidc', issuer: provider.issuer, subject: 'sub-tran.thi.hoa' });
  const sessions = (await stack.as(ADMIN)('GET', '/admin/accounts/tran.thi.hoa')).body.sessions as Array<{
    method: string;
  }>;
  expect(sessions.map((s) => s.method)).toEqual(['oidc']);
});

test('a second sign-in finds the linked account again, and no other is made', async () => {
  const { b, done } = await signInThrough(stack.base, HOA);
  expect(done.url).toBe(`${stack.base}/`);
  expect((await me(b, stack.base)).body).toMatchObject({ userId: 'tran.thi.hoa', role: 'cell_secretary' });
  const kinds = (await events('tran.thi.hoa')).map((e) => e.kind);
  expect(kinds.filter((k) => k === 'account_created')).toHaveLength(1);
  expect(kinds.filter((k) => k === 'sign_in')).toHaveLength(2);
  const list = (await stack.as(ADMIN)('GET', '/admin/accounts')).body.accounts as Array<{ username: string }>;
  expect(list.filter((a) => a.username.startsWith('tran.thi.hoa'))).toHaveLength(1);
});

test('an account an admin made with the same username is linked once, and the sign-in log says so', async () => {
  await createAccount(stack.database.db, {
    username: 'nguyen.van.an',
    fullName: 'Nguyễn Văn An',
    grants: [],
    password: 'một mật khẩu đủ dài cho An',
    createdBy: ADMIN.userId,
  });
  const { b, done } = await signInThrough(stack.base, AN);
  expect(done.url).toBe(`${stack.base}/`);
  expect((await me(b, stack.base)).body).toMatchObject({ userId: 'nguyen.van.an', role: 'auditor' });
  const log = await events('nguyen.van.an');
  expect(log.find((e) => e.kind === 'account_updated')?.detail).toEqual({
    via: 'oidc',
    linked: { issuer: provider.issuer, subject: 'sub-Nguyen.Van.An' },
  });
});

test('a person whose claims give no usable grant is refused with a page saying an admin must assign one', async () => {
  const vi = await signInThrough(stack.base, NAM);
  expect(vi.done.url.startsWith(`${stack.base}/auth/oidc/callback?`)).toBe(true);
  expect(vi.done.res.status).toBe(403);
  expect(vi.done.res.headers.get('content-type')).toContain('text/html');
  expect(vi.body).toContain('<html lang="vi">');
  expect(vi.body).toContain('Tài khoản le.van.nam chưa được giao vai trò nào. Quản trị viên cần giao vai trò');
  expect((await me(vi.b, stack.base)).status).toBe(401);

  const en = await signInThrough(stack.base, NAM, 'en');
  expect(en.done.res.status).toBe(403);
  expect(en.body).toContain('The account le.van.nam has no role yet. An administrator must assign one');

  const log = await events('le.van.nam');
  expect(log[0]).toMatchObject({
    kind: 'sign_in_failed',
    detail: {
      via: 'oidc',
      reason: 'no_grant',
      ignoredGrants: [{ value: 'committee:cb-khong-co', reason: expect.stringContaining('cb-khong-co') }],
    },
  });
  expect(log.filter((e) => e.kind === 'sign_in')).toHaveLength(0);
});

test('a forged state is refused and nothing is made; the real answer then fails too, being used up', async () => {
  const b = new Browserish();
  const start = await b.follow(`${stack.base}/auth/oidc/start`);
  const action = /action="([^"]+)"/.exec(await start.res.text())![1]!;
  const callback = `${stack.base}/auth/oidc/callback`;
  const back = await b.follow(
    new URL(action, start.url).href,
    { form: { login: KHOA.login, password: KHOA.password } },
    (url) => url.startsWith(callback),
  );
  const real = new URL(back.url);
  expect(real.searchParams.get('code')).toBeTruthy();
  const forged = new URL(real);
  forged.searchParams.set('state', 'a-state-the-attacker-chose-0123456789');
  const refused = await b.request(forged.href);
  expect(refused.status).toBe(400);
  expect(await refused.text()).toContain('Phiên đăng nhập không hợp lệ hoặc đã quá hạn');
  // The attempt's cookie went with the refusal: the genuine answer, replayed, finds nothing to finish.
  expect((await b.request(real.href)).status).toBe(400);
  // Nor does a callback without the attempt's cookie (another browser) get anywhere.
  expect((await new Browserish().request(real.href)).status).toBe(400);
  expect(await findAccount(stack.database.db, 'vu.khoa')).toBeNull();
  expect((await me(b, stack.base)).status).toBe(401);

  const failures = (
    (await stack.as(AUDITOR)('GET', '/auth-events?limit=10')).body.events as Array<{
      kind: string;
      detail: { reason?: string };
    }>
  ).filter((e) => e.kind === 'sign_in_failed');
  expect(failures.slice(0, 3).map((e) => e.detail.reason)).toEqual([
    'no_pending_sign_in',
    'no_pending_sign_in',
    'state_mismatch',
  ]);
});

test('without a roles claim, the grants are those an admin assigns', async () => {
  const first = await signInThrough(adminAssignedBase, MINH);
  expect(first.done.res.status).toBe(403);
  expect(first.body).toContain('Quản trị viên cần giao vai trò');
  const account = await findAccount(stack.database.db, 'pham.minh');
  expect(account).toMatchObject({ fullName: 'Phạm Minh', passwordHash: null });

  const assigned = await stack.as(ADMIN)('PUT', '/admin/accounts/pham.minh/grants', {
    grants: [{ role: 'committee', orgId: 'du-xa-a' }],
  });
  expect(assigned.status).toBe(200);
  const second = await signInThrough(adminAssignedBase, MINH);
  expect(second.done.url).toBe(`${adminAssignedBase}/`);
  expect((await me(second.b, adminAssignedBase)).body).toMatchObject({
    userId: 'pham.minh',
    name: 'Phạm Minh',
    role: 'committee',
    orgId: 'du-xa-a',
  });
});

test('a provider that does not answer: a page saying so, the sign-in log, and password sign-in unaffected', async () => {
  const down = buildApi({
    client: stack.client,
    taskQueue: stack.taskQueue,
    database: stack.database,
    keys: tokenKeys(TOKEN_SECRET),
    oidc: { ...settingsFor(await freePort()), issuer: new URL(`http://127.0.0.1:${await freePort()}`) },
  });
  const base = await down.listen({ port: 0, host: '127.0.0.1' });
  try {
    const res = await fetch(`${base}/auth/oidc/start`, { redirect: 'manual' });
    expect(res.status).toBe(503);
    expect(await res.text()).toContain('Không kết nối được máy chủ đăng nhập của tỉnh');
    const log = (await stack.as(AUDITOR)('GET', '/auth-events?limit=1')).body.events as Array<{ detail: unknown }>;
    expect(log[0]!.detail).toEqual({ via: 'oidc', reason: 'provider_unavailable' });
    const password = await fetch(`${base}/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'nguyen.van.an', password: 'một mật khẩu đủ dài cho An' }),
    });
    expect(password.status).toBe(200);
  } finally {
    await down.close();
  }
});

test("the dashboard's button takes a person through the provider's login page and back, signed in", async () => {
  const context = await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  const page = await context.newPage();
  await page.goto(`${stack.base}/`);
  const button = page.getByRole('button', { name: 'Đăng nhập bằng tài khoản của tỉnh' });
  await button.waitFor();
  await screenshot(page, 'oidc-sign-in-button');
  await button.click();
  await page.locator('#login').fill(LAN.login);
  await page.locator('#password').fill(LAN.password);
  await screenshot(page, 'oidc-provider-login');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  expect(await textContaining(page.locator('header .who'), 'Đỗ Thị Lan')).toContain('Đỗ Thị Lan');
  expect(new URL(page.url()).origin).toBe(stack.base);
  await screenshot(page, 'oidc-signed-in');
  await context.close();
});
