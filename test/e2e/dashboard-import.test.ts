/**
 * A secretary imports the cell's list on the dashboard, in a real browser: the sample Excel file with its one bad
 * row, every row previewed (the bad one with its field and the reason in Vietnamese), nothing registered before
 * the confirmation, the progress to the last row, the rejected rows downloaded to correct, and the people just
 * registered in the cell's case list; then one of them found by name, a step recorded after its mistakes are shown
 * beside their fields, and the dossier printed.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Browser } from 'playwright-core';
import type { Principal } from '../../src/auth/principal';
import { seriousViolations } from '../helpers/a11y';
import { launchBrowser, screenshot, signedInPage, textContaining } from '../helpers/browser';
import { startStack, type Stack } from '../helpers/stack';

const SAMPLE = join(__dirname, '..', '..', 'examples', 'danh-sach.xlsx');
const RESULTS = join(__dirname, '..', '..', 'test-results');
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

test("a secretary's day: import the sample list (the bad row's reason in Vietnamese, rejected rows to download), find a candidate by name, record a step with mistakes shown beside their fields and fixed, print the dossier", async () => {
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

  // The rest of the secretary's day. Find a candidate by part of her name, without its diacritics.
  await page.locator('#search').fill('thu hang');
  const found = page.getByRole('link', { name: 'Lê Thị Thu Hằng' });
  await found.waitFor();
  expect(await page.getByRole('link', { name: 'Nguyễn Thị Hoa' }).count()).toBe(0);
  await found.click();
  await page.locator('.case-head h1', { hasText: 'Lê Thị Thu Hằng' }).waitFor();

  // A step with two mistakes: every error beside its field, in Vietnamese; then fixed and recorded.
  const field = (path: string) => page.locator(`#step-form [data-path="${path}"]`);
  const errorOf = (path: string) => page.locator(`#step-form [id="err-${path}"]`);
  await page.locator('#step').selectOption('ENROL_COURSE');
  await field('date').fill('31/02/2026');
  await field('signedBy').fill('Bí thư Trần Văn Bình');
  await page.getByRole('button', { name: 'Ghi nhận', exact: true }).click();
  expect(await textContaining(errorOf('date'), '31/02/2026')).toContain('không có ngày 31/02/2026 trong lịch');
  expect(await errorOf('mentor').innerText()).toMatch(VIETNAMESE);
  for (const path of ['date', 'mentor']) expect(await field(path).getAttribute('aria-invalid')).toBe('true');
  await screenshot(page, 'secretary-day-step-errors');
  const today = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
  await field('date').fill(today);
  await field('mentor').fill('Lê Văn Tâm');
  await page.getByRole('button', { name: 'Ghi nhận', exact: true }).click();
  await textContaining(page.locator('#flash'), 'Đã ghi nhận');

  // The dossier printed for the paper file: the name and dd/MM/yyyy dates, as pdftotext reads the PDF.
  await page.emulateMedia({ media: 'print' });
  const pdf = join(RESULTS, 'secretary-day-dossier.pdf');
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(pdf, await page.pdf({ format: 'A4', printBackground: true }));
  const printedText = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' });
  expect(printedText).toContain('Lê Thị Thu Hằng');
  expect(printedText).toContain(today);
  expect(printedText).toContain('Hồ sơ kết nạp');
  expect(printedText).not.toContain('Ghi nhận bước tiếp theo');
  await page.context().close();
}, 240_000);
