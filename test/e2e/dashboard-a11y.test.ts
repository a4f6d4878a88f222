/**
 * Accessibility of every page of the dashboard in a real browser: axe-core finds no serious or critical
 * violation on the sign-in page, a secretary's cases, case, registration and import pages, a committee's
 * alerts, decisions and targets, and an auditor's audit; every visible control of each is reached by the Tab key;
 * and a step is recorded with the keyboard alone, its form filled by tabbing and sent with Enter.
 */
import type { Browser, Page } from 'playwright-core';
import type { Principal } from '../../src/auth/principal';
import { COMMITTEE, SECRETARY, signedBy } from '../../src/demo/full-case';
import { seriousViolations, unreachableByTab } from '../helpers/a11y';
import { launchBrowser, screenshot, signedInPage, textContaining } from '../helpers/browser';
import { datedCase } from '../helpers/dated-cases';
import { eventually, startStack, type Stack } from '../helpers/stack';

const AUDITOR: Principal = { userId: 'kiem-tra-1', role: 'auditor', orgId: 'tu-demo' };

let stack: Stack;
let browser: Browser;
beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack('e2e-a11y'), launchBrowser()]);
  await datedCase(stack, 'ax-new', 'ENROL_COURSE', { fullName: 'Trần Văn Phím' });
  await datedCase(stack, 'ax-vote', 'RECORD_COMMITTEE_DECISION', { fullName: 'Ngô Thị Đọc' });
  await eventually(
    () => stack.as(COMMITTEE)('GET', '/committees/du-xa-a/alerts?status=open'),
    (r) => (r.body.alerts as unknown[]).length > 0,
    30_000,
  );
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

/** Opens a page of the dashboard and waits for what shows it has drawn. */
async function open(page: Page, hash: string, drawn: string) {
  await page.goto(`${stack.base}/${hash}`);
  await page.locator(drawn).first().waitFor({ timeout: 60_000 });
}

/** axe's serious and critical findings and the controls Tab never reaches, both expected empty. */
async function checked(page: Page, name: string) {
  await screenshot(page, `a11y-${name}`);
  expect({ page: name, violations: await seriousViolations(page) }).toEqual({ page: name, violations: [] });
  expect({ page: name, unreachable: await unreachableByTab(page) }).toEqual({ page: name, unreachable: [] });
}

test('the sign-in page', async () => {
  const page = await (await browser.newContext({ locale: 'vi-VN' })).newPage();
  await page.goto(`${stack.base}/`);
  await page.locator('main form').first().waitFor();
  await checked(page, 'sign-in');
  await page.context().close();
});

test("a secretary's pages: cases, a case, registration, import", async () => {
  const page = await signedInPage(browser, stack, SECRETARY);
  await open(page, '#/cases', '.stage-group');
  await checked(page, 'cases');
  await open(page, '#/case/ax-vote', '#trail');
  await checked(page, 'case');
  await open(page, '#/register', 'form.schema-form');
  await checked(page, 'register');
  // The import page, where this build has one.
  if (await page.locator('header nav a[href="#/import"]').count()) {
    await open(page, '#/import', 'main input[type=file]');
    await checked(page, 'import');
  }
});

test("a committee's pages: alerts, decisions, targets", async () => {
  const page = await signedInPage(browser, stack, COMMITTEE);
  await open(page, '#/alerts', '#alerts table');
  await checked(page, 'alerts');
  await open(page, '#/decisions', '#decisions table');
  await checked(page, 'decisions');
  await open(page, '#/targets', '#stat-percent');
  await checked(page, 'targets');
});

test("an auditor's pages: the case picker and a case's audit", async () => {
  const page = await signedInPage(browser, stack, AUDITOR);
  await open(page, '#/audit', '#audit-case');
  await checked(page, 'audit-pick');
  await open(page, '#/audit/ax-vote', '#audit-timeline');
  await checked(page, 'audit');
});

test('a step recorded with the keyboard alone: tab to the step, choose it, fill the form by tabbing, send with Enter', async () => {
  const page = await signedInPage(browser, stack, SECRETARY);
  await open(page, '#/case/ax-new', '#step');
  const focused = () => page.evaluate('document.activeElement?.id ?? ""') as Promise<string>;
  // From the top of the page to the step picker, by Tab only.
  await page.evaluate('document.activeElement?.blur()');
  for (let i = 0; i < 60 && (await focused()) !== 'step'; i++) await page.keyboard.press('Tab');
  expect(await focused()).toBe('step');
  // The first step of a new candidate is the course: the first choice after "choose a step".
  await page.keyboard.press('ArrowDown');
  await page.locator('#step-form form').waitFor();
  expect(await page.locator('#step').inputValue()).toBe('ENROL_COURSE');

  const typed: Record<string, string> = {
    'f-date': '03/07/2025',
    'f-mentor': 'Lê Văn Tâm',
    'f-signedBy': signedBy,
  };
  const filled = new Set<string>();
  for (let i = 0; i < 40 && filled.size < Object.keys(typed).length; i++) {
    await page.keyboard.press('Tab');
    const id = await focused();
    if (typed[id] !== undefined && !filled.has(id)) {
      await page.keyboard.type(typed[id]!);
      filled.add(id);
    }
  }
  expect([...filled].sort()).toEqual(Object.keys(typed).sort());
  // Enter in a text field sends the form, as it would for any form on the web.
  await page.keyboard.press('Enter');
  expect(await textContaining(page.locator('#flash'), 'Đã ghi nhận')).toContain(
    'Đã ghi nhận. Giai đoạn: học lớp bồi dưỡng',
  );
  await screenshot(page, 'a11y-keyboard-step');
});
