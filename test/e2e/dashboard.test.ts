/**
 * The dashboard in a real browser (Debian's Chromium through playwright-core)
 * against the whole service on a real dev server: a secretary takes a
 * candidate to the cell's vote through the forms, a committee sees an overdue
 * alert arrive and acknowledges it, an auditor reads a timeline, and the
 * targets page gives the demo province's percentage of plan. Each test keeps
 * a screenshot under test-results/.
 */
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import type { Principal } from '../../src/auth/principal';
import { RegistryFile } from '../../src/schemas/organisation';
import { launchBrowser, screenshot, signedInPage, textContaining } from '../helpers/browser';
import { localDateOf } from '../../src/charter/dates';
import { COMMITTEE, SECRETARY, signedBy, STEPS } from '../../src/demo/full-case';
import { DEMO_REGISTRY, eventually, startStack, type Stack } from '../helpers/stack';

let stack: Stack;
let browser: Browser;
beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack('e2e-dashboard'), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const AUDITOR: Principal = { userId: 'kiem-tra-1', role: 'auditor', orgId: 'tu-demo' };
const PROVINCE: Principal = { userId: 'tinh-uy-1', role: 'committee', orgId: 'tu-demo' };

/** Registers a case and records STEPS up to (not including) `until` over the API. */
async function caseUpTo(caseId: string, until: string, shiftDays = 0) {
  const shift = (d: string) => new Date(Date.parse(d) + shiftDays * 86_400_000).toISOString().slice(0, 10);
  const r = await stack.as(SECRETARY)('POST', '/cases', {
    caseId,
    // Born as much later as the steps are moved, so the Youth Union still introduces a member of youth age.
    profile: {
      fullName: `Ứng viên ${caseId}`,
      birthDate: shift('1998-04-12'),
      education: 'higher',
      youthUnionMember: true,
    },
    cellId: 'cb-thpt-a',
    registeredOn: shift('2025-07-01'),
  });
  expect(r.status).toBe(201);
  for (const [who, step] of STEPS) {
    if (step.type === until) break;
    const res = await stack.as(who)('POST', `/cases/${caseId}/commands`, {
      ...step,
      date: shift(step.date as string),
      signedBy,
    });
    expect({ step: step.type, status: res.status, body: res.status === 200 ? null : res.body }).toEqual({
      step: step.type,
      status: 200,
      body: null,
    });
  }
}

/** Picks a step, fills its form (labels as the secretary reads them) and records it. */
async function record(page: Page, type: string, fields: Array<[string, string, 'fill' | 'select']>) {
  // The previous step's notice goes, so the one awaited below is this step's.
  await page.evaluate("document.getElementById('flash')?.remove()");
  await page.locator('#step').selectOption(type);
  for (const [id, value, how] of fields) {
    const el = page.locator(`[id="f-${id}"]`);
    try {
      if (how === 'select') await el.selectOption(value, { timeout: 5000 });
      else await el.fill(value, { timeout: 5000 });
    } catch (err) {
      await screenshot(page, `failed-${type}`);
      throw err;
    }
  }
  await page.getByRole('button', { name: 'Ghi nhận', exact: true }).click();
  // Recorded: the case is drawn again with a notice; refused: the form stays with the reasons.
  const outcome = page.locator('#flash, #step-form .form-status:not(:empty)');
  await outcome.first().waitFor();
  return outcome;
}

test('a secretary registers a candidate and records every step up to the cell vote, a refusal shown in plain words', async () => {
  const page = await signedInPage(browser, stack, SECRETARY);
  await page.getByRole('link', { name: 'Đăng ký quần chúng' }).click();
  // No case id to invent: the server makes it. Education as the secretary writes it.
  await page.locator('[id="f-profile.fullName"]').fill('Lê Thị Mai');
  await page.locator('[id="f-profile.birthDate"]').fill('12/04/1998');
  await page.locator('[id="f-profile.education"]').fill('Đại học');
  // Of youth age at a school with a Youth Union: a member, introduced by its executive committee (Charter art. 4).
  await page.locator('[id="f-profile.youthUnionMember"]').check();
  await page.locator('[id="f-registeredOn"]').fill('01/07/2025');
  await page.getByRole('button', { name: 'Đăng ký quần chúng ưu tú' }).click();
  await page.locator('.case-head h1', { hasText: 'Lê Thị Mai' }).waitFor();
  const caseId = decodeURIComponent(new URL(page.url()).hash.split('/')[2]!);
  expect(caseId).toMatch(/^cb-thpt-a-[0-9a-f]{12}$/);

  const common = (date: string): Array<[string, string, 'fill']> => [
    ['date', date, 'fill'],
    ['signedBy', signedBy, 'fill'],
  ];
  const steps: Array<[string, Array<[string, string, 'fill' | 'select']>, string]> = [
    ['ENROL_COURSE', [...common('03/07/2025'), ['mentor', 'Lê Văn Tâm', 'fill']], 'học lớp bồi dưỡng'],
    ['RECORD_CERTIFICATE', [...common('25/07/2025'), ['certificateNo', 'CN-25-101', 'fill']], 'hoàn thiện hồ sơ'],
    ['RECORD_APPLICATION', common('28/07/2025'), 'hoàn thiện hồ sơ'],
    ['RECORD_PERSONAL_HISTORY', common('29/07/2025'), 'hoàn thiện hồ sơ'],
    ['RECORD_COMMENTS', common('15/08/2025'), 'hoàn thiện hồ sơ'],
  ];
  const introduction = (slot: string, name: string, status: string): Array<[string, string, 'fill' | 'select']> => [
    ...common('18/08/2025'),
    ['slot', slot, 'select'],
    ['introducer.kind', 'official_member', 'select'],
    ['introducer.fullName', name, 'fill'],
    ['introducer.memberStatus', status, 'select'],
    ['introducer.together_since', '01/01/2023', 'fill'],
  ];
  for (const [type, fields, stage] of steps) {
    const status = await record(page, type, fields);
    expect(await textContaining(status, `Đã ghi nhận. Giai đoạn: ${stage}`)).toContain(
      `Đã ghi nhận. Giai đoạn: ${stage}`,
    );
  }

  // A probationary member cannot introduce: the charter's reason, in Vietnamese, and nothing recorded.
  const refused = await record(page, 'RECORD_INTRODUCTION', introduction('1', 'Phạm Văn Dũng', 'probationary'));
  expect(await textContaining(refused, 'Chưa thể ghi nhận bước này theo Điều lệ')).toContain(
    'Chưa thể ghi nhận bước này theo Điều lệ',
  );
  expect(await textContaining(refused, 'dự bị')).toContain('dự bị');
  await screenshot(page, 'secretary-refusal');
  expect((await stack.as(SECRETARY)('GET', `/cases/${caseId}`)).body.context).toMatchObject({ introductions: [] });

  const youthUnion: Array<[string, string, 'fill' | 'select']> = [
    ...common('18/08/2025'),
    ['form', '4-KNĐ', 'select'],
    ['slot', '1', 'select'],
    ['introducer.kind', 'youth_union', 'select'],
    ['introducer.fullName', 'Ban Chấp hành Đoàn trường THPT A', 'fill'],
    ['introducer.memberStatus', 'not_member', 'select'],
  ];
  for (const fields of [youthUnion, introduction('2', 'Hoàng Thị Em', 'official')]) {
    const status = await record(page, 'RECORD_INTRODUCTION', fields);
    expect(await textContaining(status, 'Đã ghi nhận')).toContain('Đã ghi nhận');
  }
  const verified = await record(page, 'RECORD_VERIFICATION', [...common('05/09/2025'), ['outcome', 'pass', 'select']]);
  expect(await textContaining(verified, 'Đã ghi nhận')).toContain('chi bộ xét kết nạp');

  const voted = await record(page, 'RECORD_CELL_VOTE', [
    ...common('15/09/2025'),
    ['resolution', 'propose_admission', 'select'],
    ['tally.officialMembers', '18', 'fill'],
    ['tally.present', '14', 'fill'],
    ['tally.yes', '13', 'fill'],
    ['tally.no', '1', 'fill'],
    ['tally.minutesHash', 'b'.repeat(64), 'fill'],
  ]);
  expect(await textContaining(voted, 'Đã ghi nhận')).toContain('cấp ủy xem xét quyết định kết nạp');

  // Registration and the nine steps, each with its signer and the secretary who recorded it.
  expect(await page.locator('#trail tbody tr').count()).toBe(10);
  expect(await textContaining(page.locator('#dossier tr[data-form="6-KNĐ"]'), '15/09/2025')).toContain('15/09/2025');
  expect(await textContaining(page.locator('#trail'), 'bt-thpt-a')).toContain('bt-thpt-a');
  await screenshot(page, 'secretary-case');

  // The list: the case under its stage, named, with its next due date as dd/MM/yyyy.
  await page.goto(`${stack.base}/#/cases`);
  const group = page.locator('.stage-group[data-stage="committee_review"]');
  expect(await textContaining(group, 'Lê Thị Mai')).toContain('Lê Thị Mai');
  expect(await group.locator('td.date').first().innerText()).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
  await screenshot(page, 'secretary-cases');

  // The same page on a phone-sized screen: no horizontal scroll of the page itself.
  const phone = await signedInPage(browser, stack, SECRETARY, { viewport: { width: 390, height: 844 } });
  await phone.goto(`${stack.base}/#/case/${caseId}`);
  await phone.locator('#dossier').waitFor();
  expect(await phone.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
  await screenshot(phone, 'secretary-case-phone');
});

test('a committee sees an overdue alert arrive, oldest first, and acknowledges it', async () => {
  const page = await signedInPage(browser, stack, COMMITTEE);
  await page.locator('#alerts').waitFor();
  expect(await page.locator('#alerts tr[data-alert-id^="ui-late"]').count()).toBe(0);

  // The cell voted in autumn 2025: the committee's 30 working days passed long ago, so the
  // workflow's timer fires at once on the dev server and the alert reaches the open page.
  // Three votes a fortnight apart, so three different due dates, recorded newest first so that
  // the order alerts arrive in is the reverse of the order the page must show.
  await caseUpTo('ui-late-3', 'RECORD_COMMITTEE_DECISION', 28);
  await caseUpTo('ui-late-2', 'RECORD_COMMITTEE_DECISION', 14);
  await caseUpTo('ui-late', 'RECORD_COMMITTEE_DECISION');
  const row = page.locator('#alerts tr[data-alert-id^="ui-late/"]').first();
  await row.waitFor({ timeout: 30_000 });
  await page.locator('#alerts tr[data-alert-id^="ui-late-3/"]').waitFor({ timeout: 30_000 });
  await page.locator('#alerts tr[data-alert-id^="ui-late-2/"]').waitFor({ timeout: 30_000 });
  expect(await textContaining(row, 'Đảng ủy xã A')).toContain('Đảng ủy xã A');
  expect(await row.locator('.level').innerText()).toBe('L1');

  // Oldest first: the order of the due dates the API gives each alert, every one of them different.
  const inboxBefore = await stack.as(COMMITTEE)('GET', '/committees/du-xa-a/alerts?status=open');
  const byDue = (inboxBefore.body.alerts as Array<{ alertId: string; dueDate: string }>)
    .filter((a) => a.alertId.startsWith('ui-late'))
    .map((a) => [a.dueDate, a.alertId] as const)
    .sort(([x], [y]) => x.localeCompare(y));
  expect(new Set(byDue.map(([d]) => d)).size).toBe(3);
  const shown = await page
    .locator('#alerts tbody tr[data-alert-id^="ui-late"]')
    .evaluateAll((rows) =>
      rows.map((r) => [r.querySelector('td:nth-child(4)')!.textContent, r.getAttribute('data-alert-id')]),
    );
  expect(shown).toEqual(byDue.map(([d, id]) => [d.split('-').reverse().join('/'), id]));
  expect(shown.map(([, id]) => id)).toEqual([
    'ui-late/committee_decision/L1',
    'ui-late-2/committee_decision/L1',
    'ui-late-3/committee_decision/L1',
  ]);
  // And every row of the table, others' alerts included, in due-date order.
  const dueDates = await page.locator('#alerts tbody tr td:nth-child(4)').allTextContents();
  const asIso = dueDates.map((d) => d.split('/').reverse().join('-'));
  expect(asIso).toEqual([...asIso].sort());

  await row.getByRole('button', { name: 'Xác nhận' }).click();
  expect(await textContaining(row, 'Đã xác nhận: du-xa-a-1')).toContain('Đã xác nhận: du-xa-a-1');
  await screenshot(page, 'committee-alerts');
  const inbox = await stack.as(COMMITTEE)('GET', '/committees/du-xa-a/alerts');
  const acked = (inbox.body.alerts as Array<{ caseId: string; acknowledged: { by: string } | null }>).find(
    (a) => a.caseId === 'ui-late',
  );
  expect(acked?.acknowledged?.by).toBe('du-xa-a-1');

  // Waiting for its decision, and decided from the case page.
  await page.getByRole('link', { name: 'Chờ quyết định' }).click();
  await page.getByRole('link', { name: 'Ứng viên ui-late', exact: true }).click();
  await page.locator('#step').waitFor();
  const options = await page.locator('#step option').allTextContents();
  expect(options).toContain('Quyết định kết nạp (9-KNĐ)');
});

test('an auditor opens a case timeline: every step with its form, signer, policy set and rules, and the state on a date', async () => {
  await caseUpTo('ui-audit', 'RECORD_CEREMONY');
  const page = await signedInPage(browser, stack, AUDITOR);
  await page.locator('#audit-case').fill('ui-audit');
  await page.getByRole('button', { name: 'Mở hồ sơ' }).click();
  await page.locator('#audit-steps').waitFor({ timeout: 60_000 });
  // Replayed clean; the one finding is the ceremony, still not held months after its deadline.
  expect(await page.locator('#audit-verdict').innerText()).toBe('Có 1 điểm cần lưu ý.');
  expect(await page.locator('#audit-findings').innerText()).toContain('Đang quá hạn');
  expect(await page.locator('#audit-findings').innerText()).toContain('hạn tổ chức lễ kết nạp');
  const vote = page.locator('#audit-steps tr', { hasText: 'Nghị quyết chi bộ đề nghị kết nạp' });
  expect(await textContaining(vote, '15/09/2025')).toContain('15/09/2025');
  expect(await textContaining(vote, '6-KNĐ')).toContain('6-KNĐ');
  expect(await textContaining(vote, signedBy)).toContain(signedBy);
  expect(await textContaining(vote, '2025-07')).toContain('2025-07');
  expect(await vote.locator('.rule.ok').allInnerTexts()).toContain('✓ cell_vote.two_thirds');
  expect(await textContaining(page.locator('#audit-deadlines'), '06/10/2025')).toContain('06/10/2025');
  expect(await textContaining(page.locator('#audit-timeline li').first(), '01/07/2025')).toContain('01/07/2025');

  await page.locator('#as-of').fill('20/09/2025');
  await page.getByRole('button', { name: 'Xem' }).click();
  expect(await textContaining(page.locator('#as-of-state'), 'cấp ủy xem xét quyết định kết nạp')).toContain(
    'cấp ủy xem xét quyết định kết nạp',
  );
  await screenshot(page, 'auditor-timeline');
});

test('the targets page gives the demo province its percentage of plan, and exports it', async () => {
  // Two candidates admitted this year (their steps moved forward by whole weeks to end on a recent Monday).
  const weeks = Math.floor((Date.now() - Date.parse('2025-10-06')) / (7 * 86_400_000));
  const decidedOn = new Date(Date.parse('2025-10-06') + weeks * 7 * 86_400_000).toISOString().slice(0, 10);
  const year = Number(decidedOn.slice(0, 4));
  for (const id of ['ui-admit-1', 'ui-admit-2']) await caseUpTo(id, 'RECORD_CEREMONY', weeks * 7);

  // The expected figure from the registry file itself: 3% of the province's official members, rounded up.
  const registry = RegistryFile.parse(JSON.parse(readFileSync(DEMO_REGISTRY, 'utf8')));
  const units = registry.versions.at(-1)!.units;
  const official = units.reduce((n, u) => n + u.officialMembers, 0);
  const target = Math.ceil(official * 0.03);
  const percent = (2 / target) * 100;
  await eventually(
    () => stack.as(PROVINCE)('GET', `/committees/tu-demo/targets?year=${year}`),
    (r) => (r.body.totals as { admitted: number }).admitted === 2,
  );

  const page = await signedInPage(browser, stack, PROVINCE);
  await page.goto(`${stack.base}/#/targets/tu-demo?year=${year}`);
  await page.locator('#stat-percent').waitFor();
  const stat = (id: string) => page.locator(`#stat-${id} .stat-value`).innerText();
  expect(await stat('official')).toBe(String(official));
  expect(await stat('target')).toBe(String(target));
  expect(await stat('admitted')).toBe('2');
  expect(await stat('percent')).toBe(
    `${new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 }).format(percent)}%`,
  );
  expect(await page.locator('#no-admission').innerText()).not.toContain('Chi bộ Trường THPT A');
  expect(await textContaining(page.locator('#no-admission'), 'Chi bộ thôn 1')).toContain('Chi bộ thôn 1');
  expect(await page.locator('.chart canvas').count()).toBe(2);
  await screenshot(page, 'committee-targets');

  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#export-csv').click()]);
  const csv = readFileSync((await download.path())!, 'utf8');
  expect(csv).toContain('Tỉnh ủy Demo');
  expect(csv.split('\n')[1]).toContain(`tu-demo,Tỉnh ủy Demo,${official},`);
  const [xlsx] = await Promise.all([page.waitForEvent('download'), page.locator('#export-xlsx').click()]);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile((await xlsx.path())!);
  const sheet = book.worksheets[0]!;
  expect(sheet.getCell('A1').text).toBe(`BÁO CÁO KẾT QUẢ KẾT NẠP ĐẢNG VIÊN NĂM ${year} — Tỉnh ủy Demo`);
  // A past year is reported as it stood at its end; this year as of today.
  const today = localDateOf(Date.now());
  const asOf = year < Number(today.slice(0, 4)) ? `${year}-12-31` : today;
  expect(sheet.getCell('A2').text).toBe(`Số liệu đến ngày ${asOf.split('-').reverse().join('/')}`);
  const rowOf = (id: string) => {
    const found: unknown[][] = [];
    sheet.eachRow((r) => {
      const values = (r.values as unknown[]).slice(1);
      if (values[0] === id) found.push(values);
    });
    expect({ id, rows: found.length }).toEqual({ id, rows: 1 });
    return found[0]!;
  };
  // The province's row: the same figures the page showed, as numbers a spreadsheet can sum.
  const province = rowOf('tu-demo');
  expect(province.slice(1, 3)).toEqual(['Tỉnh ủy Demo', official]);
  expect(province.slice(4)).toEqual([0.03, target, 2, Math.round((2 / target) * 10_000) / 100]);
  // The cell both were admitted in, indented under its committees, with its members from the registry.
  const cell = rowOf('cb-thpt-a');
  const cellUnit = units.find((u) => u.id === 'cb-thpt-a')!;
  expect(cell[1]).toBe(`    ${cellUnit.name}`);
  expect([cell[2], cell[3], cell[6]]).toEqual([cellUnit.officialMembers, cellUnit.probationaryMembers, 2]);

  // English on request, with the same figures.
  await page.locator('#lang').click();
  expect(await textContaining(page.locator('#stat-percent'), '% of plan')).toContain('% of plan');
  expect(await page.locator('h1').innerText()).toContain('Targets');
  expect(await page.locator('html').getAttribute('lang')).toBe('en');
});
