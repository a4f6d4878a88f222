/**
 * Debian's Chromium driven by playwright-core (no browser download): a page
 * signed in to the dashboard with a real API token, and screenshots kept
 * under test-results/ for people to look at.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import type { Principal } from '../../src/auth/principal';
import { provisionPassword } from '../../src/accounts/provision';
import type { Stack } from './stack';

const CHROMIUM = process.env.PIPELINE_CHROMIUM ?? '/usr/bin/chromium';
const RESULTS = join(__dirname, '..', '..', 'test-results');

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** The password signedInPage gives the accounts it signs in with. */
export const TEST_PASSWORD = 'mật khẩu thử nghiệm 2026';

/** A fresh browser context at the dashboard, signed in as `who` through the sign-in form (their account made). */
export async function signedInPage(
  browser: Browser,
  stack: Pick<Stack, 'base' | 'database'>,
  who: Principal,
  options: { lang?: 'vi' | 'en'; viewport?: { width: number; height: number } } = {},
): Promise<Page> {
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1280, height: 900 },
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    acceptDownloads: true,
  });
  const page = await context.newPage();
  page.on('pageerror', (err) => {
    throw err;
  });
  if (options.lang === 'en') await page.addInitScript("localStorage.setItem('pipeline.lang', 'en')");
  await provisionPassword(stack.database.db, who, TEST_PASSWORD);
  await page.goto(stack.base + '/');
  await signIn(page, who.userId, TEST_PASSWORD, options.lang);
  await page.locator('header .who').waitFor();
  return page;
}

/** Fills the sign-in form and submits it. */
export async function signIn(page: Page, username: string, password: string, lang: 'vi' | 'en' = 'vi') {
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(password);
  await page.getByRole('button', { name: lang === 'en' ? 'Sign in' : 'Đăng nhập' }).click();
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(RESULTS, { recursive: true });
  const path = join(RESULTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/**
 * The element's text once `ok` holds for it (or the last text seen when time
 * runs out), so a plain expect() then says what the page actually showed.
 */
async function textWhen(locator: Locator, ok: (text: string) => boolean, timeoutMs = 20_000): Promise<string> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const text = (await locator.count()) ? await locator.first().innerText() : '';
    if (ok(text) || Date.now() > until) return text;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** textWhen(locator, includes(text)) */
export const textContaining = (locator: Locator, text: string, timeoutMs?: number) =>
  textWhen(locator, (t) => t.includes(text), timeoutMs);
