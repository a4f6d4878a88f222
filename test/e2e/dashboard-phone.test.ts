/**
 * The dashboard on a 390 px phone, each role's main pages: tables become cards with the status, the level and the
 * action first, and nothing that matters needs a sideways scroll. On the way, the lists as people use them: every
 * candidate named (an imported one too, from the case's memo), stage groups in pipeline order and the same on
 * every load, a search box by name, id, stage and overdue, the committee's decisions oldest-due first, and an
 * audit timeline in Vietnamese. Screenshots under test-results/.
 */
import type { Browser, Page } from 'playwright-core';
import type { Principal } from '../../src/auth/principal';
import { COMMITTEE, SECRETARY, signedBy, STEPS } from '../../src/demo/full-case';
import { registerCase } from '../../src/temporal/cases';
import { outsideViewport, sidewaysOverflow } from '../helpers/a11y';
import { launchBrowser, screenshot, signedInPage, textContaining } from '../helpers/browser';
import { datedCase } from '../helpers/dated-cases';
import { eventually, startStack, type Stack } from '../helpers/stack';
import { addDays, daysBetween, iso, localDateOf } from '../../src/charter/dates';

const PHONE = { width: 390, height: 844 };
const AUDITOR: Principal = { userId: 'kiem-tra-1', role: 'auditor', orgId: 'tu-demo' };
const IMPORTED = 'Đặng Thị Lan';

let stack: Stack;
let browser: Browser;
beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack('e2e-phone'), launchBrowser()]);
  // Registered in the reverse of pipeline order, so the list's own order (newest first) is not the one to show.
  await datedCase(stack, 'ph-new', 'ENROL_COURSE', { fullName: 'Trần Văn Nguồn' });
  const imported = await stack.as(SECRETARY)('POST', '/imports', {
    cellId: 'cb-thpt-a',
    rows: [
      {
        fullName: IMPORTED,
        birthDate: '20/05/1996',
        education: 'Đại học',
        youthUnionMember: '',
        tradeUnionMember: 'x',
        registeredOn: '01/09/2026',
      },
    ],
  });
  expect(imported.status).toBe(200);
  await datedCase(stack, 'ph-dossier', 'RECORD_COMMENTS', { fullName: 'Lê Thị Hồ Sơ' });
  // Two decisions waiting, the one due first registered first: newest-first would show them the wrong way round.
  await datedCase(stack, 'ph-vote-early', 'RECORD_COMMITTEE_DECISION', { fullName: 'Phan Văn Sớm' });
  await datedCase(stack, 'ph-vote-late', 'RECORD_COMMITTEE_DECISION', { shiftDays: 14, fullName: 'Vũ Thị Muộn' });
  // And one the cell voted on yesterday: its decision not due yet, a timer set for the alert to come.
  const yesterday = addDays(localDateOf(Date.now()), -1);
  await datedCase(stack, 'ph-recent', 'RECORD_COMMITTEE_DECISION', {
    shiftDays: daysBetween(iso('2025-09-15'), yesterday),
    fullName: 'Đinh Văn Mới',
  });
  // Every case listed, and both alerts raised (their timers fire at once: the due dates passed long ago).
  await eventually(
    () => stack.as(SECRETARY)('GET', '/cases'),
    (r) => (r.body.cases as unknown[]).length === 6,
  );
  await eventually(
    () => stack.as(COMMITTEE)('GET', '/committees/du-xa-a/alerts?status=open'),
    (r) => (r.body.alerts as unknown[]).length >= 2,
    30_000,
  );
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const phone = (who: Principal) => signedInPage(browser, stack, who, { viewport: PHONE });

/** Nothing reaches past the right edge, and the page's key controls are on screen. */
async function fitsThePhone(page: Page, controls: string) {
  expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
  expect(await outsideViewport(page, `main ${controls}, main td, main th, header *`)).toEqual([]);
}

const caseIdsIn = (page: Page, selector: string) =>
  page.locator(`${selector} tr[data-case-id]`).evaluateAll((rows) => rows.map((r) => r.getAttribute('data-case-id')));

test("a secretary's cases on a phone: named cards in pipeline order, the same on every load, found by a search", async () => {
  const page = await phone(SECRETARY);
  await page.goto(`${stack.base}/#/cases`);
  await page.locator('.stage-group').first().waitFor();

  // The imported candidate by name, from the list itself (no query per case).
  const listed = (await stack.as(SECRETARY)('GET', '/cases')).body.cases as Array<{ caseId: string; fullName: string }>;
  expect(listed.map((c) => c.fullName).sort()).toEqual(
    [IMPORTED, 'Lê Thị Hồ Sơ', 'Phan Văn Sớm', 'Trần Văn Nguồn', 'Vũ Thị Muộn', 'Đinh Văn Mới'].sort(),
  );
  const importedId = listed.find((c) => c.fullName === IMPORTED)!.caseId;
  expect(await textContaining(page.locator(`tr[data-case-id="${importedId}"]`).first(), IMPORTED)).toContain(IMPORTED);

  // Stage groups in the machine's order, as the server gives it.
  const { stageOrder } = (await (await fetch(`${stack.base}/ui/labels.json`)).json()) as { stageOrder: string[] };
  const groups = await page
    .locator('.stage-group')
    .evaluateAll((els) => els.map((el) => el.getAttribute('data-stage')!));
  expect(groups).toEqual(['source', 'dossier', 'committee_review']);
  expect(groups).toEqual([...groups].sort((a, b) => stageOrder.indexOf(a) - stageOrder.indexOf(b)));
  const firstLoad = await caseIdsIn(page, '#case-lists');
  await page.reload();
  await page.locator('.stage-group').first().waitFor();
  expect(await caseIdsIn(page, '#case-lists')).toEqual(firstLoad);

  // Each row a card: the name heads it, the stage and the alert level follow, each with its column's name.
  const card = page.locator('.stage-group[data-stage="committee_review"] tr[data-case-id="ph-vote-early"]');
  const order = await card.locator('td').evaluateAll((tds) =>
    tds
      .filter((td) => td.getBoundingClientRect().height > 0)
      .sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top)
      .map((td) => td.getAttribute('data-label')),
  );
  expect(order.slice(0, 3)).toEqual(['Họ và tên', 'Giai đoạn', 'Mức cảnh báo']);
  expect(await card.locator('.level').innerText()).toBe('L1');
  await fitsThePhone(page, 'input, a, .badge');
  await screenshot(page, 'phone-secretary-cases');

  // The search: by name without diacritics, by id, by stage, and overdue only.
  const search = page.locator('#search');
  const shown = () => caseIdsIn(page, '.stage-group');
  await search.fill('dang thi lan');
  expect(await shown()).toEqual([importedId]);
  await search.fill('ph-dossier');
  expect(await shown()).toEqual(['ph-dossier']);
  await search.fill('hoàn thiện hồ sơ');
  expect(await shown()).toEqual(['ph-dossier']);
  await search.fill('');
  await page.locator('#search-overdue').check();
  expect((await shown()).sort()).toEqual(['ph-vote-early', 'ph-vote-late']);
  expect(await page.locator('.search-count').innerText()).toBe('2 / 6 hồ sơ');
  await fitsThePhone(page, 'input, a, .badge');
});

test("a secretary's case on a phone: the dossier's status and the step form in view, the deadlines named", async () => {
  const page = await phone(SECRETARY);
  await page.goto(`${stack.base}/#/case/ph-vote-early`);
  await page.locator('#dossier').waitFor();
  // The dossier's status first in each card, in view.
  const paper = page.locator('#dossier tr[data-form="6-KNĐ"]');
  expect(await paper.locator('td.key').innerText()).toContain('Đã có');
  await fitsThePhone(page, '#step, #print, #dossier .badge, .level');
  expect(await textContaining(page.locator('main'), 'hạn cấp ủy quyết định kết nạp')).toContain(
    'hạn cấp ủy quyết định kết nạp',
  );
  await screenshot(page, 'phone-secretary-case');
});

test("a committee's alerts and decisions on a phone: the level, who answers and “Xác nhận” in view; oldest due first", async () => {
  const page = await phone(COMMITTEE);
  await page.goto(`${stack.base}/#/alerts`);
  const row = page.locator('#alerts tr[data-alert-id^="ph-vote-early/"]').first();
  await row.waitFor({ timeout: 30_000 });
  expect(await row.locator('td.lead').innerText()).toBe('Phan Văn Sớm');
  const button = row.getByRole('button', { name: 'Xác nhận' });
  expect(await button.isVisible()).toBe(true);
  expect(await row.locator('td[data-label="Trách nhiệm"]').innerText()).toBe('Đảng ủy xã A');
  await fitsThePhone(page, 'button, .level, td[data-label="Trách nhiệm"]');
  await screenshot(page, 'phone-committee-alerts');
  await button.click();
  expect(await textContaining(row, 'Đã xác nhận')).toContain('Đã xác nhận');

  await page.goto(`${stack.base}/#/decisions`);
  await page.locator('#decisions table').first().waitFor();
  // Oldest due first, though the later one was registered last (and visibility lists newest first).
  expect(await caseIdsIn(page, '#decisions')).toEqual(['ph-vote-early', 'ph-vote-late', 'ph-recent']);
  expect(await page.locator('#decisions tr[data-case-id="ph-vote-late"] td.lead').innerText()).toBe('Vũ Thị Muộn');
  await fitsThePhone(page, 'a, .level');
  await screenshot(page, 'phone-committee-decisions');
});

test("an auditor's audit on a phone: the candidate's name, a timeline in Vietnamese, nothing off-screen", async () => {
  const page = await phone(AUDITOR);
  await page.goto(`${stack.base}/#/audit/ph-recent`);
  await page.locator('#audit-timeline, main .error').first().waitFor({ timeout: 60_000 });
  expect(await page.locator('main .error').count()).toBe(0);
  expect(await page.locator('h1').innerText()).toContain('Đinh Văn Mới');
  const timeline = await page.locator('#audit-timeline').innerText();
  expect(timeline).toContain('Hẹn giờ thời hạn: hạn cấp ủy quyết định kết nạp');
  expect(timeline).toContain('cảnh báo mức 1');
  expect(timeline).not.toMatch(/alert level|admission decision due/);
  // Events that are not steps at their moment in Vietnam time.
  expect(timeline).toMatch(/\d{2}\/\d{2}\/\d{4} \d{2}:\d{2} Hẹn giờ thời hạn/);
  await fitsThePhone(page, 'input, button, .rule');
  await screenshot(page, 'phone-auditor-audit');
});

test('a case that continued as new keeps its name in the lists: Temporal carries the memo to the new run', async () => {
  // A tiny history limit makes the workflow continue as new every few steps, as a years-long case does.
  await registerCase(
    stack.client,
    stack.taskQueue,
    {
      caseId: 'ph-long',
      profile: { fullName: 'Đỗ Văn Dài', birthDate: iso('1998-04-12'), education: 'higher', youthUnionMember: true },
      cellId: 'cb-thpt-a',
      committeeIds: ['du-xa-a', 'hu-a', 'tu-demo'],
      competentCommitteeId: 'du-xa-a',
      registeredOn: iso('2025-07-01'),
    } as Parameters<typeof registerCase>[2],
    { historyLimit: 20 },
  );
  for (const [who, step] of STEPS.slice(0, 9))
    expect((await stack.as(who)('POST', '/cases/ph-long/commands', { ...step, signedBy })).status).toBe(200);
  const runs = await stack.client.workflowService.listWorkflowExecutions({
    namespace: stack.client.options.namespace,
    query: `WorkflowId = 'candidate-ph-long'`,
  });
  expect(runs.executions!.length).toBeGreaterThanOrEqual(2);
  const listed = await eventually(
    () => stack.as(SECRETARY)('GET', '/cases?stage=committee_review'),
    (r) => (r.body.cases as Array<{ caseId: string }>).some((c) => c.caseId === 'ph-long'),
  );
  expect(
    (listed.body.cases as Array<{ caseId: string; fullName: string }>).find((c) => c.caseId === 'ph-long'),
  ).toMatchObject({
    fullName: 'Đỗ Văn Dài',
  });
});
