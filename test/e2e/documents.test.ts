/**
 * Official documents over the real API: a case taken to official member, every form in both formats read back
 * (the PDF with poppler's pdftotext, the DOCX unzipped), numbers recorded and refused when reused, a form asked
 * before its step, a secretary of another cell, the committee's annual report, and page 1 of the admission decision
 * rendered to PNG for docs/screenshots.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import type { Principal } from '../../src/auth/principal';
import { COMMITTEE, SECRETARY } from '../../src/demo/full-case';
import { launchBrowser, signedInPage } from '../helpers/browser';
import { demoCaseUpTo, startStack, type Stack } from '../helpers/stack';

jest.setTimeout(240_000);

const OTHER_CELL: Principal = { userId: 'bt-thon-1', role: 'cell_secretary', orgId: 'cb-thon-1' };
const SCREENSHOTS = join(__dirname, '..', '..', 'docs', 'screenshots');
const OFFICIAL = 'tai-lieu-hoa';
const AT_DECISION = 'tai-lieu-binh';
const NAME = `Ứng viên ${OFFICIAL}`;

/** What each form must say, beside the name and the regulations of the 2025-07 set (all steps are after 1/7/2025). */
const EXPECTED = {
  '6-KNĐ': { date: 'ngày 15 tháng 9 năm 2025', tally: '13/15', number: 'NQ/CB' },
  '8-KNĐ': { date: 'ngày 06 tháng 10 năm 2025', tally: '8/9', number: 'NQ/ĐU' },
  '9-KNĐ': { date: 'ngày 06 tháng 10 năm 2025', tally: '8/9', number: 'QĐ/ĐU' },
  '13-KNĐ': { date: 'ngày 22 tháng 10 năm 2026', tally: '13/15', number: 'NQ/CB' },
  '15-KNĐ': { date: 'ngày 05 tháng 11 năm 2026', tally: '8/9', number: 'NQ/ĐU' },
  '16-KNĐ': { date: 'ngày 05 tháng 11 năm 2026', tally: '8/9', number: 'QĐ/ĐU' },
} as const;

let stack: Stack;
let scratch: string;

/** A GET whose answer may be a file: the bytes, the headers, and the JSON when it is an error. */
async function get(p: Principal, path: string) {
  const res = await fetch(`${stack.base}${path}`, { headers: { authorization: `Bearer ${await stack.tokenOf(p)}` } });
  const body = Buffer.from(await res.arrayBuffer());
  const json = res.headers.get('content-type')?.includes('application/json')
    ? (JSON.parse(body.toString('utf8')) as Record<string, unknown>)
    : null;
  return { status: res.status, headers: res.headers, body, json };
}

const oneLine = (s: string) => s.replace(/\s+/g, ' ');

function pdfText(pdf: Buffer, name: string): string {
  const file = join(scratch, `${name}.pdf`);
  writeFileSync(file, pdf);
  return oneLine(execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-']).toString('utf8'));
}

async function docxText(docx: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(docx);
  const xml = await zip.file('word/document.xml')!.async('string');
  // Paragraphs apart, runs of one paragraph together: the text as Word shows it.
  return oneLine(xml.replace(/<\/w:p>/g, ' ').replace(/<[^>]+>/g, ''));
}

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'documents-'));
  stack = await startStack('e2e-documents');
  await demoCaseUpTo(stack, OFFICIAL, 'NONE');
  await demoCaseUpTo(stack, AT_DECISION, 'RECORD_COMMITTEE_DECISION');
});
afterAll(async () => {
  await stack?.stop();
  rmSync(scratch, { recursive: true, force: true });
});

test('every form of a case taken to official member, in PDF and DOCX, says the same with every diacritic', async () => {
  const list = await stack.as(SECRETARY)('GET', `/cases/${OFFICIAL}/documents`);
  expect(list.status).toBe(200);
  expect(list.body.documents).toEqual(
    Object.keys(EXPECTED).map((form) => expect.objectContaining({ form, available: true, number: 1, recorded: false })),
  );
  for (const [form, want] of Object.entries(EXPECTED)) {
    const needles = [
      NAME,
      want.date,
      want.tally,
      `Số 1-${want.number}`,
      'Quy định số 294-QĐ/TW ngày 26/5/2025',
      'Hướng dẫn số 06-HD/TW ngày 9/6/2025',
      'ĐẢNG CỘNG SẢN VIỆT NAM',
    ];
    const pdf = await get(COMMITTEE, `/cases/${OFFICIAL}/documents/${encodeURIComponent(form)}?format=pdf`);
    expect({ form, status: pdf.status, json: pdf.json }).toEqual({ form, status: 200, json: null });
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const ascii = form.replace('Đ', 'D');
    expect(pdf.headers.get('content-disposition')).toBe(
      `attachment; filename="${ascii}-${OFFICIAL}.pdf"; filename*=UTF-8''${encodeURIComponent(form)}-${OFFICIAL}.pdf`,
    );
    expect(pdf.headers.get('x-document-number-recorded')).toBe('false');
    const text = pdfText(pdf.body, ascii);
    for (const needle of needles)
      expect({ form, pdf: text.includes(needle), needle }).toEqual({ form, pdf: true, needle });
    // Before the reform's regulations nothing is cited.
    expect(text).not.toContain('24-QĐ/TW');

    const docx = await get(COMMITTEE, `/cases/${OFFICIAL}/documents/${encodeURIComponent(form)}?format=docx`);
    expect(docx.status).toBe(200);
    expect(docx.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    const words = await docxText(docx.body);
    for (const needle of needles)
      expect({ form, docx: words.includes(needle), needle }).toEqual({ form, docx: true, needle });
  }
});

test('numbers: recorded by the issuing body, kept for the document, refused for another case; previews record nothing', async () => {
  const sixOf = (caseId: string, query = '') =>
    `/cases/${caseId}/documents/${encodeURIComponent('6-KNĐ')}?format=pdf${query}`;
  // Only the cell's own secretary numbers the cell's resolution.
  const byCommittee = await get(COMMITTEE, sixOf(OFFICIAL, '&number=5'));
  expect(byCommittee.status).toBe(403);
  const recorded = await get(SECRETARY, sixOf(OFFICIAL, '&number=5'));
  expect(recorded.status).toBe(200);
  expect(recorded.headers.get('x-document-number')).toBe('5');
  expect(recorded.headers.get('x-document-number-recorded')).toBe('true');
  expect(pdfText(recorded.body, 'six-recorded')).toContain('Số 5-NQ/CB');

  // Another case of the same cell and year may not have number 5: the answer names the case that has it.
  const reused = await get(SECRETARY, sixOf(AT_DECISION, '&number=5'));
  expect(reused.status).toBe(409);
  expect(reused.json).toMatchObject({ error: 'number_taken', holder: { caseId: OFFICIAL, form: '6-KNĐ', number: 5 } });
  expect(String(reused.json!.message)).toContain(OFFICIAL);
  // Its preview suggests the next number and records nothing; asked again, the first case keeps 5.
  const preview = await get(SECRETARY, sixOf(AT_DECISION));
  expect(preview.headers.get('x-document-number')).toBe('6');
  expect(preview.headers.get('x-document-number-recorded')).toBe('false');
  expect((await get(SECRETARY, sixOf(AT_DECISION))).headers.get('x-document-number')).toBe('6');
  const again = await get(COMMITTEE, sixOf(OFFICIAL));
  expect([again.headers.get('x-document-number'), again.headers.get('x-document-number-recorded')]).toEqual([
    '5',
    'true',
  ]);
  // A numbered document keeps its number.
  expect((await get(SECRETARY, sixOf(OFFICIAL, '&number=7'))).status).toBe(409);

  // The 9-KNĐ of the other case cites the cell's resolution only once the committee has decided.
  const list = await stack.as(COMMITTEE)('GET', `/cases/${OFFICIAL}/documents`);
  const nine = (list.body.documents as Array<Record<string, unknown>>).find((d) => d.form === '9-KNĐ');
  expect(nine).toMatchObject({ number: 1, recorded: false });
});

test('a form before its step is a 409 naming the missing step; a secretary of another cell gets 403', async () => {
  const early = await get(COMMITTEE, `/cases/${AT_DECISION}/documents/${encodeURIComponent('9-KNĐ')}?format=pdf`);
  expect(early.status).toBe(409);
  expect(early.json).toMatchObject({
    error: 'step_missing',
    form: '9-KNĐ',
    reason: {
      vi: expect.stringContaining('Cấp ủy quyết định kết nạp'),
      en: expect.stringContaining('admission decision'),
    },
  });
  const list = await stack.as(SECRETARY)('GET', `/cases/${AT_DECISION}/documents`);
  const forms = list.body.documents as Array<{ form: string; available: boolean }>;
  expect(forms.filter((d) => d.available).map((d) => d.form)).toEqual(['6-KNĐ']);

  for (const path of [`/cases/${OFFICIAL}/documents`, `/cases/${OFFICIAL}/documents/${encodeURIComponent('9-KNĐ')}`])
    expect((await get(OTHER_CELL, path)).status).toBe(403);
});

test("the committee's annual report; the admission decision's page 1 as PNG beside the other screenshots", async () => {
  const report = await get(COMMITTEE, '/reports/admissions/du-xa-a/2025/document?format=pdf');
  expect(report.status).toBe(200);
  const text = pdfText(report.body, 'report');
  for (const needle of [
    'BÁO CÁO',
    'kết quả kết nạp đảng viên năm 2025',
    'Chi bộ Trường THPT A',
    'ĐẢNG ỦY XÃ A',
    'Số 1-BC/ĐU',
  ])
    expect({ needle, found: text.includes(needle) }).toEqual({ needle, found: true });
  expect((await get(SECRETARY, '/reports/admissions/du-xa-a/2025/document?format=docx')).status).toBe(403);
  const words = await docxText((await get(COMMITTEE, '/reports/admissions/du-xa-a/2025/document?format=docx')).body);
  expect(words).toContain('kết quả kết nạp đảng viên năm 2025');

  const decision = await get(
    COMMITTEE,
    `/cases/${OFFICIAL}/documents/${encodeURIComponent('9-KNĐ')}?format=pdf&number=12`,
  );
  expect(decision.status).toBe(200);
  const file = join(scratch, 'decision.pdf');
  writeFileSync(file, decision.body);
  execFileSync('pdftoppm', [
    '-png',
    '-r',
    '80',
    '-f',
    '1',
    '-l',
    '1',
    '-singlefile',
    file,
    join(SCREENSHOTS, 'document-9-knd'),
  ]);
  expect(pdfText(decision.body, 'decision-12')).toContain('Số 12-QĐ/ĐU');
});

test("the dashboard: 'Tải văn bản' on the case page and 'Tải báo cáo' on the targets page download the files", async () => {
  const browser = await launchBrowser();
  try {
    const page = await signedInPage(browser, stack, SECRETARY);
    await page.goto(`${stack.base}/#/case/${OFFICIAL}`);
    const section = page.locator('#documents');
    await section.waitFor();
    expect(await section.locator('tbody tr').count()).toBe(6);
    // Each with its number: recorded, or the one it would get.
    for (const row of await section.locator('tbody tr').all())
      expect(await row.innerText()).toMatch(/Số \d+ \(đã ghi\)|Đề xuất số \d+/);
    const [pdf] = await Promise.all([
      page.waitForEvent('download'),
      section.locator('tr[data-form="16-KNĐ"] button[data-format="pdf"]').click(),
    ]);
    expect(pdf.suggestedFilename()).toBe(`16-KNĐ-${OFFICIAL}.pdf`);
    expect(pdfText(await readFileOf(pdf), 'dashboard-16')).toContain(NAME);

    const committee = await signedInPage(browser, stack, COMMITTEE);
    await committee.goto(`${stack.base}/#/targets/du-xa-a?year=2025`);
    const [docx] = await Promise.all([committee.waitForEvent('download'), committee.locator('#report-docx').click()]);
    expect(docx.suggestedFilename()).toBe('bao-cao-ket-nap-du-xa-a-2025.docx');
    expect(await docxText(await readFileOf(docx))).toContain('kết quả kết nạp đảng viên năm 2025');
  } finally {
    await browser.close();
  }
});

async function readFileOf(download: { path(): Promise<string | null> }): Promise<Buffer> {
  return readFileSync((await download.path())!);
}
