/**
 * The registration form as a cell secretary fills it, in real Chromium against the real stack: several mistakes
 * at once are each shown beside their field in Vietnamese (and announced with it), then fixed; education is
 * written as people write it ("12/12") and nobody invents a case id; the case page shows the words back.
 */
import type { Browser } from 'playwright-core';
import type { Principal } from '../../src/auth/principal';
import { formatVi, localDateOf } from '../../src/charter/dates';
import { launchBrowser, screenshot, signedInPage, textContaining } from '../helpers/browser';
import { startStack, type Stack } from '../helpers/stack';

let stack: Stack;
let browser: Browser;
beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack('e2e-dashboard-forms'), launchBrowser()]);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const SECRETARY: Principal = { userId: 'bt-thpt-a', role: 'cell_secretary', orgId: 'cb-thpt-a', name: 'Trần Văn Bình' };

test('a registration with several mistakes shows every error beside its field, then registers once fixed', async () => {
  const page = await signedInPage(browser, stack, SECRETARY);
  await page.goto(`${stack.base}/#/register`);
  const field = (path: string) => page.locator(`[data-path="${path}"]`);
  const errorOf = (path: string) => page.locator(`[id="err-${path}"]`);
  await field('profile.fullName').waitFor();
  // No case id to invent; education offered as people write it.
  expect(await page.locator('[data-path="caseId"]').count()).toBe(0);
  const offered = await page
    .locator('datalist[id="list-profile.education"] option')
    .evaluateAll((os) => os.map((o) => (o as unknown as { value: string }).value));
  expect(offered).toEqual(expect.arrayContaining(['9/12', '12/12', 'Trung cấp', 'Đại học']));
  // The exceptions are named as a secretary names them.
  expect(await field('profile.educationException').locator('option').allInnerTexts()).toEqual(
    expect.arrayContaining(['Miền núi', 'Biên giới', 'Hải đảo']),
  );

  // Three mistakes: no name, a day that does not exist, an education nobody can read; and a date not written as one.
  await field('profile.birthDate').fill('31/02/2001');
  await field('profile.education').fill('giỏi');
  await field('registeredOn').fill('hôm qua');
  await page.getByRole('button', { name: 'Đăng ký' }).click();

  expect(await textContaining(errorOf('profile.fullName'), 'bắt buộc phải có')).toContain('bắt buộc phải có');
  expect(await errorOf('profile.birthDate').innerText()).toContain('không có ngày 31/02/2001 trong lịch');
  expect(await errorOf('profile.education').innerText()).toContain('không đọc được trình độ này');
  expect(await errorOf('registeredOn').innerText()).toContain('Viết ngày theo dạng dd/MM/yyyy');
  for (const path of ['profile.fullName', 'profile.birthDate', 'profile.education', 'registeredOn']) {
    expect(await field(path).getAttribute('aria-invalid')).toBe('true');
    expect(await field(path).getAttribute('aria-describedby')).toBe(`err-${path}`);
  }
  // The summary names the fields by their labels, never by their paths or in zod's English.
  const summary = await page.locator('.form-status').innerText();
  expect(summary).toContain('Ngày sinh: không có ngày 31/02/2001 trong lịch');
  expect(summary).not.toMatch(/profile\.|Invalid input|expected/);
  await screenshot(page, 'dashboard-forms-errors');

  await field('profile.fullName').fill('Hoàng Thị Mười Hai');
  await field('profile.birthDate').fill('28/02/2001');
  await field('profile.education').fill('12/12');
  await field('registeredOn').fill(formatVi(localDateOf(Date.now())));
  await page.getByRole('button', { name: 'Đăng ký' }).click();

  await page.locator('.case-head h1').waitFor();
  expect(await page.locator('.case-head h1').innerText()).toBe('Hoàng Thị Mười Hai');
  expect(page.url()).toMatch(/#\/case\/cb-thpt-a-[0-9a-f]{12}$/);
  expect(await page.locator('#education').innerText()).toBe('Trình độ học vấn: 12/12 (Trung học phổ thông)');
  await screenshot(page, 'dashboard-forms-registered');
});
