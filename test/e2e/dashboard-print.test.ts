/**
 * What a secretary, an auditor and a committee put on paper: the case page with its dossier checklist and trail,
 * the audit, and the committee's report, printed by Chromium (page.pdf with print media) and read back with
 * pdftotext. No menu, buttons or forms; the candidate's name, dd/MM/yyyy dates and Vietnam time; deadlines and
 * timers by their Vietnamese names. And the API's printable HTML audit, named and in Vietnam time.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { Principal } from '../../src/auth/principal';
import { COMMITTEE, SECRETARY } from '../../src/demo/full-case';
import { launchBrowser, screenshot, signedInPage } from '../helpers/browser';
import { datedCase } from '../helpers/dated-cases';
import { startStack, type Stack } from '../helpers/stack';

const AUDITOR: Principal = { userId: 'kiem-tra-1', role: 'auditor', orgId: 'tu-demo' };
const NAME = 'Nguyễn Thị Giấy';
const RESULTS = join(__dirname, '..', '..', 'test-results');

let stack: Stack;
let browser: Browser;
beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack('e2e-print'), launchBrowser()]);
  // On probation: the committee's decision and the ceremony met, their deadlines in the case's book.
  await datedCase(stack, 'pr-1', 'RECORD_HELPER_ASSESSMENT', { fullName: NAME });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

/** The page printed as Chromium prints it (print media, A4), and the PDF's text as pdftotext reads it. */
async function printed(page: Page, name: string): Promise<string> {
  await page.emulateMedia({ media: 'print' });
  mkdirSync(RESULTS, { recursive: true });
  const pdf = join(RESULTS, `${name}.pdf`);
  writeFileSync(pdf, await page.pdf({ format: 'A4', printBackground: true }));
  return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' });
}

/** dd/MM/yyyy HH:mm of an instant in Vietnam. */
const vnTime = (ms: number) => {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Asia/Ho_Chi_Minh',
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(ms)
      .map((x) => [x.type, x.value]),
  );
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
};

test('the case page prints with its name, dossier checklist, deadlines and trail, dated dd/MM/yyyy, and no controls', async () => {
  const page = await signedInPage(browser, stack, SECRETARY);
  await page.goto(`${stack.base}/#/case/pr-1`);
  await page.locator('#trail').waitFor();
  const before = Date.now();
  const text = await printed(page, 'print-case');
  await screenshot(page, 'print-case');

  expect(text).toContain(NAME);
  // The dossier checklist and the trail, each paper and step with its date as dd/MM/yyyy.
  expect(text).toContain('Hồ sơ kết nạp');
  expect(text).toMatch(/Nghị quyết chi bộ đề nghị kết nạp[^\n]*15\/09\/2025/);
  expect(text).toContain('Các bước đã ghi nhận');
  expect(text).toMatch(/20\/10\/2025\s+Lễ kết nạp/);
  expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  // Met deadlines by their Vietnamese names, never their codes (a name may wrap in its cell, the next cells'
  // text between its lines as pdftotext reads the row).
  expect(text).toMatch(/hạn cấp ủy quyết[\s\S]{0,120}định kết nạp/);
  expect(text).toMatch(/hạn tổ chức lễ kết[\s\S]{0,120}nạp/);
  expect(text).toMatch(/Hết thời gian dự[\s\S]{0,120}bị/);
  expect(text).not.toContain('PROBATION_ENDED');
  expect(text).not.toMatch(/\bcommittee_decision\b|\bceremony\b/);
  // When it was printed, in Vietnam time.
  const stamp = /In lúc (\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}) \(giờ Việt Nam\)/.exec(text)?.[1];
  expect([vnTime(before), vnTime(Date.now())]).toContain(stamp);
  // No menu, no buttons, no step form.
  for (const gone of ['Đăng xuất', 'Đăng ký quần chúng', 'Ghi nhận bước tiếp theo', 'In trang này', 'Sửa'])
    expect({ gone, found: text.includes(gone) }).toEqual({ gone, found: false });
});

test("the audit prints with the candidate's name, a Vietnamese timeline in Vietnam time; the HTML audit too", async () => {
  const page = await signedInPage(browser, stack, AUDITOR);
  await page.goto(`${stack.base}/#/audit/pr-1`);
  await page.locator('#audit-timeline').waitFor({ timeout: 60_000 });
  const report = (await stack.as(AUDITOR)('GET', '/cases/pr-1/audit')).body as {
    timeline: Array<{ kind: string; at: string }>;
  };
  const text = await printed(page, 'print-audit');
  expect(text).toContain(NAME);
  expect(text).toContain('Hẹn giờ thời hạn:');
  expect(text).not.toMatch(/alert level|admission decision due|probation ends/);
  // A timer's line at the moment Temporal recorded it, as a clock in Vietnam read.
  const timer = report.timeline.find((e) => e.kind === 'timer')!;
  expect(text).toContain(`${vnTime(Date.parse(timer.at))} Hẹn giờ thời hạn`);
  for (const gone of ['Mở hồ sơ', 'Đăng xuất', 'In trang này'])
    expect({ gone, found: text.includes(gone) }).toEqual({ gone, found: false });

  const before = Date.now();
  const res = await fetch(`${stack.base}/cases/pr-1/audit?format=html`, {
    headers: { authorization: `Bearer ${await stack.tokenOf(AUDITOR)}` },
  });
  const html = await res.text();
  expect(html).toContain(`Họ và tên / name: <strong>${NAME}</strong>`);
  const generated = /generated (\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}) \(giờ Việt Nam/.exec(html)?.[1];
  expect([vnTime(before), vnTime(Date.now())]).toContain(generated);
  expect(html).not.toContain('UTC');
  expect(html).toContain('đảng viên dự bị');
});

test("the committee's report prints without its buttons and year picker, dated dd/MM/yyyy", async () => {
  const page = await signedInPage(browser, stack, COMMITTEE);
  await page.goto(`${stack.base}/#/targets`);
  await page.locator('#stat-percent').waitFor();
  const text = await printed(page, 'print-report');
  expect(text).toMatch(/Báo cáo kết quả kết nạp đảng viên năm \d{4}/);
  expect(text).toMatch(/Đảng ủy xã A · \d{2}\/\d{2}\/\d{4}/);
  expect(text).toMatch(/In lúc \d{2}\/\d{2}\/\d{4} \d{2}:\d{2} \(giờ Việt Nam\)/);
  for (const gone of ['Tải CSV', 'Tải Excel', 'Đăng xuất', 'In trang này'])
    expect({ gone, found: text.includes(gone) }).toEqual({ gone, found: false });
});
