/**
 * Accounts as people meet them, in a real browser against the whole service: signing in (and a wrong password's
 * message), the lock after repeated failures, the forced change after a one-time password, an admin who creates a
 * secretary who then records a step under their own name, and a session the admin ends that stops at the next
 * request. Over HTTP: the cookie's flags, the security headers, access tokens for the CLI and their revocation, the
 * rate limit on sign-in.
 */
import type { Browser, Page } from 'playwright-core';
import type { Principal } from '../../src/auth/principal';
import { localDateOf } from '../../src/charter/dates';
import { launchBrowser, screenshot, signedInPage, signIn, textContaining, TEST_PASSWORD } from '../helpers/browser';
import { provisionPassword } from '../../src/accounts/provision';
import { startStack, type Stack } from '../helpers/stack';

const LOCKOUT = 3;
let stack: Stack;
let browser: Browser;
beforeAll(async () => {
  [stack, browser] = await Promise.all([
    startStack('e2e-accounts', { auth: { lockoutAttempts: LOCKOUT, signInPerMinute: 50 } }),
    launchBrowser(),
  ]);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const ADMIN: Principal = { userId: 'quan-tri-1', role: 'admin', orgId: 'tu-demo', name: 'Phạm Quốc Việt' };
const today = localDateOf(Date.now());

async function freshPage(): Promise<Page> {
  const context = await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  const page = await context.newPage();
  page.on('pageerror', (err) => {
    throw err;
  });
  await page.goto(stack.base + '/');
  return page;
}

const status = (page: Page) => page.locator('#sign-in-status');

test('a wrong password is answered on the form; the right one signs in and the header names the person', async () => {
  const who: Principal = { userId: 'bt-dang-nhap', role: 'cell_secretary', orgId: 'cb-thpt-a', name: 'Đỗ Thị Lan' };
  await provisionPassword(stack.database.db, who, TEST_PASSWORD);
  const page = await freshPage();
  await signIn(page, who.userId, 'không phải mật khẩu');
  expect(await textContaining(status(page), 'không đúng')).toMatch(
    /Tên đăng nhập hoặc mật khẩu không đúng, hoặc tài khoản đang bị khóa/,
  );
  // The username stays as typed; only the password is cleared.
  expect(await page.locator('#username').inputValue()).toBe(who.userId);
  await signIn(page, who.userId, TEST_PASSWORD);
  expect(await textContaining(page.locator('header .who'), 'Đỗ Thị Lan')).toContain('Bí thư chi bộ');
  await screenshot(page, 'accounts-signed-in');
  await page.context().close();
});

test(`${LOCKOUT} failures in a row lock the account, the right password too, until an admin unlocks it`, async () => {
  const who: Principal = { userId: 'bt-bi-khoa', role: 'cell_secretary', orgId: 'cb-thpt-a', name: 'Vũ Văn Khóa' };
  await provisionPassword(stack.database.db, who, TEST_PASSWORD);
  const page = await freshPage();
  for (let i = 0; i < LOCKOUT; i++) {
    await signIn(page, who.userId, `sai lần ${i + 1}`);
    await textContaining(status(page), 'không đúng');
    await page.evaluate("document.getElementById('sign-in-status').textContent = ''");
  }
  await signIn(page, who.userId, TEST_PASSWORD);
  expect(await textContaining(status(page), 'bị khóa')).toMatch(/Sau 3 lần sai liên tiếp, tài khoản bị khóa 15 phút/);
  expect(await page.locator('header .who').count()).toBe(0);

  const admin = await signedInPage(browser, stack, ADMIN);
  await admin.goto(`${stack.base}/#/accounts/${who.userId}`);
  expect(await textContaining(admin.locator('#account-state'), 'Tạm khóa')).toMatch(/Tạm khóa đến \d\d\/\d\d\/\d{4}/);
  await admin.locator('#unlock').click();
  await textContaining(admin.locator('#account-state'), 'Đang dùng');

  await signIn(page, who.userId, TEST_PASSWORD);
  await textContaining(page.locator('header .who'), 'Vũ Văn Khóa');
  await page.context().close();
  await admin.context().close();
});

test('an admin creates a secretary, who signs in with the one-time password, must change it, then records a step under their name', async () => {
  const caseId = 'acc-case-1';
  expect(
    (
      await stack.as({ userId: 'bt-cu', role: 'cell_secretary', orgId: 'cb-thpt-a' })('POST', '/cases', {
        caseId,
        profile: { fullName: 'Hoàng Văn Nam', birthDate: '1999-03-02', education: 'higher' },
        cellId: 'cb-thpt-a',
        registeredOn: today,
      })
    ).status,
  ).toBe(201);

  const admin = await signedInPage(browser, stack, ADMIN);
  await admin.getByRole('link', { name: 'Tài khoản', exact: true }).click();
  await admin.locator('#new-username').fill('bt-moi');
  await admin.locator('#new-fullname').fill('Ngô Thị Hạnh');
  await admin.locator('#new-role').selectOption('cell_secretary');
  await admin.locator('#new-org').selectOption('cb-thpt-a');
  await admin.getByRole('button', { name: 'Tạo tài khoản' }).click();
  const flash = await textContaining(admin.locator('#flash'), 'Mật khẩu dùng một lần');
  const otp = /: ([a-z2-9]{4}(?:-[a-z2-9]{4}){3}) —/.exec(flash)![1]!;
  await screenshot(admin, 'accounts-admin-created');

  const page = await freshPage();
  await signIn(page, 'bt-moi', otp);
  await page.locator('#new-password').waitFor();
  // Until the password is changed, nothing else answers.
  const refused = await page.evaluate(
    async () => (await fetch('/cases?cellId=cb-thpt-a', { credentials: 'same-origin' })).status,
  );
  expect(refused).toBe(403);
  await page.locator('#current-password').fill(otp);
  await page.locator('#new-password').fill('ngắn');
  await page.locator('#confirm-password').fill('ngắn');
  await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
  expect(await textContaining(page.locator('#password-status'), 'ít nhất')).toMatch(/ít nhất 10 ký tự/);
  await page.locator('#new-password').fill('hoa phượng nở đỏ sân trường');
  await page.locator('#confirm-password').fill('hoa phượng nở đỏ sân trường');
  await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
  await textContaining(page.locator('header .who'), 'Ngô Thị Hạnh');

  await page.goto(`${stack.base}/#/case/${caseId}`);
  await page.locator('#step').selectOption('ENROL_COURSE');
  await page.locator('[id="f-date"]').fill(today.split('-').reverse().join('/'));
  await page.locator('[id="f-signedBy"]').fill('Bí thư Ngô Thị Hạnh');
  await page.locator('[id="f-mentor"]').fill('Lê Văn Tâm');
  await page.getByRole('button', { name: 'Ghi nhận', exact: true }).click();
  await page.locator('#flash').waitFor();
  const read = await stack.as({ userId: 'kiem-tra-x', role: 'auditor', orgId: 'tu-demo' })('GET', `/cases/${caseId}`);
  const trail = read.body.trail as Array<{ type?: string; signedBy?: string; recordedBy?: Record<string, string> }>;
  const enrol = trail.find((e) => e.type === 'ENROL_COURSE')!;
  expect(enrol.recordedBy).toEqual({
    userId: 'bt-moi',
    role: 'cell_secretary',
    orgId: 'cb-thpt-a',
    name: 'Ngô Thị Hạnh',
  });
  expect(enrol.signedBy).toBe('Bí thư Ngô Thị Hạnh');
  expect(await page.locator('body').innerText()).toContain('Ngô Thị Hạnh (bt-moi)');
  await screenshot(page, 'accounts-step-by-name');
  await page.context().close();
  await admin.context().close();
});

test('a session the admin ends stops at the next request, and the page says so', async () => {
  const who: Principal = { userId: 'bt-bi-dang-xuat', role: 'cell_secretary', orgId: 'cb-thpt-a', name: 'Lý Văn Tú' };
  const page = await signedInPage(browser, stack, who);
  expect((await stack.as(ADMIN)('POST', `/admin/accounts/${who.userId}/sign-out-everywhere`)).body).toEqual({
    sessionsEnded: 1,
  });
  // The list of the cell's cases is the next request.
  await page.getByRole('link', { name: 'Đăng ký quần chúng' }).click();
  await page.getByRole('link', { name: 'Hồ sơ', exact: true }).click();
  expect(await textContaining(status(page), 'Phiên làm việc')).toMatch(/Phiên làm việc đã kết thúc/);
  await page.locator('#username').waitFor();
  await page.context().close();
});

test('the session cookie is HTTP-only, Secure and SameSite=Strict, the page carries a strict CSP, and sign-out ends it', async () => {
  const who: Principal = { userId: 'bt-cookie', role: 'cell_secretary', orgId: 'cb-thpt-a' };
  await provisionPassword(stack.database.db, who, TEST_PASSWORD);
  const res = await fetch(`${stack.base}/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: who.userId, password: TEST_PASSWORD }),
  });
  expect(res.status).toBe(200);
  const setCookie = res.headers.get('set-cookie')!;
  expect(setCookie).toMatch(/^__Host-pipeline-session=[A-Za-z0-9_-]{43};/);
  expect(setCookie).toMatch(/HttpOnly/);
  expect(setCookie).toMatch(/Secure/);
  expect(setCookie).toMatch(/SameSite=Strict/);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  const cookie = setCookie.split(';')[0]!;

  const page = await fetch(`${stack.base}/`);
  const csp = page.headers.get('content-security-policy')!;
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(page.headers.get('x-content-type-options')).toBe('nosniff');

  expect((await fetch(`${stack.base}/me`, { headers: { cookie } })).status).toBe(200);
  const out = await fetch(`${stack.base}/auth/sign-out`, {
    method: 'POST',
    headers: { cookie, 'x-csrf-token': csrfToken },
  });
  expect(out.status).toBe(200);
  expect((await fetch(`${stack.base}/me`, { headers: { cookie } })).status).toBe(401);
});

test('an access token for the CLI: made with the password, one role, revoked by its owner; sign-in is rate-limited', async () => {
  const who: Principal = { userId: 'du-cli', role: 'committee', orgId: 'du-xa-a', name: 'Trịnh Văn An' };
  await provisionPassword(stack.database.db, who, TEST_PASSWORD);
  const made = await fetch(`${stack.base}/auth/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: who.userId, password: TEST_PASSWORD, label: 'máy văn phòng', expiresInDays: 30 }),
  });
  expect(made.status).toBe(201);
  const { token, id, role, orgId } = (await made.json()) as Record<string, string>;
  expect([role, orgId]).toEqual(['committee', 'du-xa-a']);
  const auth = { authorization: `Bearer ${token}` };
  const me = (await (await fetch(`${stack.base}/me`, { headers: auth })).json()) as Record<string, unknown>;
  expect(me).toMatchObject({ userId: 'du-cli', name: 'Trịnh Văn An', via: 'token', csrfToken: null });
  // A token is bound to its role: it cannot switch.
  const act = await fetch(`${stack.base}/auth/act`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify({ role: 'committee', orgId: 'du-xa-a' }),
  });
  expect(act.status).toBe(400);
  const listed = (await (await fetch(`${stack.base}/auth/tokens`, { headers: auth })).json()) as {
    tokens: Array<Record<string, unknown>>;
  };
  expect(listed.tokens).toEqual([expect.objectContaining({ id, label: 'máy văn phòng' })]);
  expect(JSON.stringify(listed)).not.toContain(String(token).slice(-43));
  expect((await fetch(`${stack.base}/auth/tokens/${id}`, { method: 'DELETE', headers: auth })).status).toBe(200);
  expect((await fetch(`${stack.base}/me`, { headers: auth })).status).toBe(401);

  // A wrong password for the token: the same refusal as the page's.
  const wrong = await fetch(`${stack.base}/auth/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: who.userId, password: 'sai' }),
  });
  expect([wrong.status, ((await wrong.json()) as { error: string }).error]).toEqual([401, 'invalid_credentials']);

  // Past the limit per address and username: 429, whatever the password.
  const statuses: number[] = [];
  for (let i = 0; i < 55; i++)
    statuses.push(
      (
        await fetch(`${stack.base}/auth/sign-in`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'ai-do-doan-mo', password: `thử ${i}` }),
        })
      ).status,
    );
  expect(statuses.slice(0, 50).every((s) => s === 401)).toBe(true);
  expect(statuses.slice(50).every((s) => s === 429)).toBe(true);
});
