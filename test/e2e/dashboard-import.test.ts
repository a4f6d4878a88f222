/**
 * A secretary imports the cell's list on the dashboard, in a real browser: the sample Excel file with its one bad
 * row, every row previewed (the bad one with its field and the reason in Vietnamese), nothing registered before
 * the confirmation, the progress to the last row, the rejected rows downloaded to correct, and the people just
 * registered in the cell's case list.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Browser } from 'playwright-core';
import type { Principal } from '../../src/auth/principal';
import { seriousViolations } from '../helpers/a11y';
import { launchBrowser, screenshot, signedInPage, textContaining } from '../helpers/browser';
import { startStack, type Stack } from '../helpers/stack';

const SAMPLE = join(__dirname, '..', '..', 'examples', 'danh-sach.xlsx');
const SECRETARY: Principal = { userId: 'bt-thpt-a', role: 'cell_secretary', orgId: 'cb-thpt-a' };
/** The sample's accepted rows, as its file names them. */
const ACCEPTED = [
  'Nguyễn Thị Hoa',
  'Trần Minh Quân',
  'Lê Thị Thu Hằng',
  'Phạm Văn Đức',
  'Võ Thị Ngọc Ánh',
  'Đặng Quốc Huy',
];
/** A letter only Vietnamese writes: the reason is in Vietnamese, not zod's English. */
const VIETNAMESE = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i;

let stack: Stack;
let browser: Browser;
beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack('e2e-dashboard-import'), launchBrowser()]);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

test('import the sample Excel list: preview with the bad row in Vietnamese, confirm, progress, rejected rows, the case list', async () => {
  const page = await signedInPage(browser, stack, SECRETARY);
  await page.getByRole('link', { name: 'Nhập danh sách' }).click();
  await page.locator('#import-file').setInputFiles(SAMPLE);
  await page.getByRole('button', { name: 'Kiểm tra tệp' }).click();

  expect(await textContaining(page.locator('#import-summary'), '7 dòng')).toBe(
    '7 dòng: 6 sẽ đăng ký, 0 đã có, 1 bị từ chối.',
  );
  const rows = page.locator('#import-rows tbody tr');
  expect(await rows.count()).toBe(7);
  const bad = page.locator('#import-rows tr[data-line="7"]');
  expect(await bad.locator('td').nth(1).innerText()).toBe('Bùi Thị Mai');
  expect(await bad.locator('.badge').innerText()).toBe('Bị từ chối');
  const reason = await bad.locator('.import-errors').innerText();
  // The field as the list calls it, then why, in Vietnamese.
  expect(reason).toMatch(/^Ngày sinh: /);
  expect(reason.slice('Ngày sinh: '.length)).toMatch(VIETNAMESE);
  expect(reason).not.toMatch(/Invalid|expected|calendar/);
  expect(await page.locator('#import-rows .badge', { hasText: 'Sẽ đăng ký' }).count()).toBe(6);
  await screenshot(page, 'dashboard-import-preview');
  // The page as axe-core judges it: no serious or critical violation, the preview table and its buttons included.
  expect(await seriousViolations(page)).toEqual([]);

  // Nobody registered yet.
  const before = await stack.as(SECRETARY)('GET', '/cases?cellId=cb-thpt-a');
  expect(before.body.cases).toEqual([]);

  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#import-rejected').click()]);
  expect(download.suggestedFilename()).toBe('danh-sach.bi-tu-choi.csv');
  const rejected = parse(readFileSync((await download.path())!), { bom: true, columns: true }) as Array<
    Record<string, string>
  >;
  expect(rejected.map((r) => [r['Họ và tên'], r['Ngày sinh']])).toEqual([['Bùi Thị Mai', '31/02/1998']]);
  expect(rejected[0]!['Lỗi / Error']).toMatch(/^Ngày sinh: /);

  await page.getByRole('button', { name: 'Xác nhận đăng ký 6 người' }).click();
  expect(await textContaining(page.locator('#import-status'), 'Xong')).toBe(
    'Xong: 6 người được đăng ký, 0 đã có từ trước.',
  );
  expect(await page.locator('#import-progress').getAttribute('value')).toBe('6');
  expect(await page.locator('#import-confirm').isDisabled()).toBe(true);
  expect(await page.locator('#import-rows .badge', { hasText: 'Đã đăng ký' }).count()).toBe(6);
  await screenshot(page, 'dashboard-import-done');

  // The cell's list shows them (visibility may take a moment: the list is loaded again until it does).
  await page.getByRole('link', { name: 'Hồ sơ' }).click();
  const list = page.locator('main');
  for (let attempt = 0; attempt < 40; attempt++) {
    await page.locator('main h1').waitFor();
    const seen = await list.innerText();
    if (ACCEPTED.every((n) => seen.includes(n))) break;
    await page.waitForTimeout(500);
    await page.reload();
  }
  const text = await list.innerText();
  for (const name of ACCEPTED) expect(text).toContain(name);
  expect(text).not.toContain('Bùi Thị Mai');
  await page.context().close();
}, 180_000);
