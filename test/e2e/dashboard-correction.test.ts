/**
 * Correcting a step from the dashboard (issue 16, item 13), in a real
 * browser against the whole service: a secretary puts right a mistyped date
 * from the case page, which then shows the corrected date with the original
 * beside it and the correction as its own row; a correction that would break
 * a later step is refused naming that step, the form kept as filled and the
 * case unchanged; an auditor has no "Sửa" and reads the correction in the
 * audit. Screenshots under test-results/.
 */
import type { Browser, Page } from 'playwright-core';
import type { Principal } from '../../src/auth/principal';
import { localDateOf } from '../../src/charter/dates';
import { SECRETARY, signedBy, STEPS } from '../../src/demo/full-case';
import type { TrailEntry } from '../../src/schemas/trail';
import { launchBrowser, screenshot, signedInPage, textContaining } from '../helpers/browser';
import { demoCaseUpTo, startStack, type Stack } from '../helpers/stack';

let stack: Stack;
let browser: Browser;
beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack('e2e-dashboard-correction'), launchBrowser()]);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const AUDITOR: Principal = { userId: 'kiem-tra-1', role: 'auditor', orgId: 'tu-demo' };
const dmy = (iso: string) => iso.split('-').reverse().join('/');

const trailOf = async (caseId: string) =>
  (await stack.as(SECRETARY)('GET', `/cases/${caseId}`)).body.trail as TrailEntry[];
const seqOf = (trail: TrailEntry[], type: string) => trail.find((t) => t.kind === 'command' && t.type === type)!.seq;

/** Opens the correction of step `seq`, gives it `date` and a reason, and sends it; the outcome shown. */
async function correct(page: Page, seq: number, date: string, reason: string, submit = 'Ghi nhận bản sửa') {
  await page.evaluate("document.getElementById('flash')?.remove()");
  await page.locator(`#trail tr[data-seq="${seq}"] button.correct`).click();
  await page.locator('#correction [id="f-date"]').fill(date);
  await page.locator('#correction [id="f-correctionReason"]').fill(reason);
  await page.getByRole('button', { name: submit, exact: true }).click();
  const outcome = page.locator('#flash, #correction .form-status:not(:empty)');
  await outcome.first().waitFor();
  return outcome;
}

test('a secretary corrects a mistyped date on the case page; a correction breaking a later step is refused', async () => {
  await demoCaseUpTo(stack, 'ui-corr', 'RECORD_CELL_VOTE');
  const trail = await trailOf('ui-corr');
  const comments = seqOf(trail, 'RECORD_COMMENTS');
  const certificate = seqOf(trail, 'RECORD_CERTIFICATE');
  const application = seqOf(trail, 'RECORD_APPLICATION');

  const page = await signedInPage(browser, stack, SECRETARY);
  await page.goto(`${stack.base}/#/case/ui-corr`);
  await page.locator('#trail').waitFor();
  // The registration is not a step anyone corrects; each recorded step is.
  expect(await page.locator('#trail tr[data-kind="registered"] button.correct').count()).toBe(0);
  expect(await page.locator('#trail tr[data-kind="command"] button.correct').count()).toBe(
    trail.filter((t) => t.kind === 'command').length,
  );

  // The step's own form, filled with the step as recorded.
  await page.locator(`#trail tr[data-seq="${comments}"] button.correct`).click();
  expect(await page.locator('#correction h3').innerText()).toBe(
    `Sửa bước số ${comments}: Nhận xét của đoàn thể, chi ủy nơi cư trú (5-KNĐ)`,
  );
  expect(await page.locator('#correction [id="f-date"]').inputValue()).toBe('15/08/2025');
  expect(await page.locator('#correction [id="f-signedBy"]').inputValue()).toBe(signedBy);
  await page.getByRole('button', { name: 'Hủy' }).click();
  expect(await page.locator('#correction form').count()).toBe(0);

  const reason = 'Gõ nhầm ngày: biên bản nhận xét ký ngày 14/08/2025';
  const done = await correct(page, comments, '14/08/2025', reason);
  expect(await textContaining(done, `Đã sửa bước số ${comments}`)).toContain(
    `Đã sửa bước số ${comments}. Giai đoạn: chi bộ xét kết nạp`,
  );

  // The step as corrected, and beside it when, by whom, why, and what was first recorded.
  const row = page.locator(`#trail tr[data-seq="${comments}"]`);
  expect(await row.locator('td.date').innerText()).toBe('14/08/2025');
  const note = await textContaining(row.locator('.correction-note'), 'Đã sửa ngày');
  expect(note).toContain(`Đã sửa ngày ${dmy(localDateOf(Date.now()))} bởi ${SECRETARY.userId}: lý do ${reason}`);
  expect(note).toContain('Ngày: 15/08/2025 → 14/08/2025');
  // The correction is its own row, naming the step it corrected.
  const own = page.locator('#trail tr[data-kind="correction"]');
  expect(await own.count()).toBe(1);
  expect(await own.innerText()).toContain(`Sửa bước số ${comments}: Nhận xét của đoàn thể`);
  expect(await own.innerText()).toContain(SECRETARY.userId);
  await screenshot(page, 'secretary-corrected-step');
  const after = await trailOf('ui-corr');
  expect(after.find((t) => t.seq === comments)?.corrected?.event.date).toBe('2025-08-14');

  // Dated after the application, the certificate would leave the application before its stage opened.
  const refused = await correct(page, certificate, '29/07/2025', 'Gõ nhầm ngày cấp');
  const shown = await textContaining(refused, 'correction.later_step');
  expect(shown).toContain('Chưa thể ghi nhận bước này theo Điều lệ');
  expect(shown).toContain(`Sửa như vậy làm bước số ${application} (RECORD_APPLICATION, ngày 28/07/2025) trái quy định`);
  expect(shown).toContain('(correction.later_step)');
  // The form stays as the secretary filled it, and nothing changed.
  expect(await page.locator('#correction [id="f-date"]').inputValue()).toBe('29/07/2025');
  expect(await page.locator('#correction [id="f-correctionReason"]').inputValue()).toBe('Gõ nhầm ngày cấp');
  expect(await trailOf('ui-corr')).toEqual(after);
  await screenshot(page, 'secretary-correction-refused');

  // In English, the same refusal in English.
  const en = await signedInPage(browser, stack, SECRETARY, { lang: 'en' });
  await en.goto(`${stack.base}/#/case/ui-corr`);
  await en.locator('#trail').waitFor();
  const refusedEn = await correct(en, certificate, '29/07/2025', 'Typo', 'Record the correction');
  expect(await textContaining(refusedEn, 'correction.later_step')).toContain(
    `So corrected, step ${application} (RECORD_APPLICATION, 28/07/2025) would break a rule`,
  );
  expect(await trailOf('ui-corr')).toEqual(after);
}, 180_000);

test('an auditor has no "Sửa" and reads the correction in the audit and its timeline', async () => {
  await demoCaseUpTo(stack, 'ui-corr-audit', 'RECORD_CELL_VOTE');
  const comments = seqOf(await trailOf('ui-corr-audit'), 'RECORD_COMMENTS');
  const fixed = await stack.as(SECRETARY)('POST', '/cases/ui-corr-audit/commands', {
    type: 'CORRECT_STEP',
    seq: comments,
    step: { ...STEPS.find(([, s]) => s.type === 'RECORD_COMMENTS')![1], signedBy, date: '2025-08-14' },
    reason: 'Gõ nhầm ngày',
  });
  expect(fixed.status).toBe(200);

  const page = await signedInPage(browser, stack, AUDITOR);
  await page.goto(`${stack.base}/#/case/ui-corr-audit`);
  await page.locator('#trail tr[data-kind="correction"]').waitFor();
  expect(await page.locator('#trail button.correct').count()).toBe(0);
  // The auditor still sees the original beside the corrected date.
  expect(await page.locator(`#trail tr[data-seq="${comments}"] .correction-note`).innerText()).toContain(
    'Ngày: 15/08/2025 → 14/08/2025',
  );

  await page.goto(`${stack.base}/#/audit/ui-corr-audit`);
  await page.locator('#audit-steps').waitFor({ timeout: 60_000 });
  const step = page.locator('#audit-steps tr.corrected');
  expect(await step.count()).toBe(1);
  const text = await step.innerText();
  expect(text).toContain('Nhận xét của đoàn thể');
  expect(text).toContain('14/08/2025');
  expect(text).toContain('đã sửa');
  expect(text).toContain(`Đã sửa ngày ${dmy(localDateOf(Date.now()))} bởi ${SECRETARY.userId}: lý do Gõ nhầm ngày`);
  expect(text).toContain('Ngày: 15/08/2025 → 14/08/2025');
  expect(await page.locator('#audit-timeline').innerText()).toContain(
    `Sửa bước đã ghi nhận: bước số ${comments} (Nhận xét của đoàn thể, chi ủy nơi cư trú (5-KNĐ))`,
  );
  await screenshot(page, 'auditor-correction');
}, 180_000);
