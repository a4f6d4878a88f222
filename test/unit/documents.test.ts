/**
 * Official documents without a server: the date as the Party writes it, the grounds from the policy set in force on
 * each document's date (before and after 1/7/2025), forms that exist only once their step happened, the numbering
 * in a real (in-memory) PostgreSQL, and both renderers producing what they claim.
 */
import JSZip from 'jszip';
import { iso } from '../../src/charter/dates';
import { contextOf, openCase, type CaseState, type Clock } from '../../src/case/state';
import { takeStep } from '../../src/case/step';
import { caseDocument, planOf, type CaseFacts } from '../../src/documents/case-forms';
import { renderDocx } from '../../src/documents/docx';
import { groundLines, regulationsOn } from '../../src/documents/grounds';
import { CASE_FORMS, type CaseForm, type OfficialDocument } from '../../src/documents/model';
import { caseNumbers, NumberTaken, recordedNumber, recordNumber, suggestNumber } from '../../src/documents/numbering';
import { renderPdf } from '../../src/documents/pdf';
import {
  asciiName,
  dateLine,
  issuerOf,
  numberText,
  partyOrganisationOf,
  writtenDate,
} from '../../src/documents/wording';
import { loadRegistryFile } from '../../src/org/load';
import type { AppDatabase } from '../../src/db/open';
import { DEMO_REGISTRY } from '../helpers/stack';
import { memoryDatabase } from '../helpers/app-db';
import { HAPPY_PATH, registration } from '../helpers/commands';

const clockOn = (today: string): Clock => ({ at: `${today}T03:00:00.000Z`, today: iso(today) });
const registry = loadRegistryFile(DEMO_REGISTRY);

/** The happy path (cell vote 5/6/2024, recognition 2025) up to, not including, the step of type `until`. */
function caseUpTo(until?: string): CaseFacts {
  let s: CaseState = openCase(registration({ caseId: 'an-2000' }), clockOn('2024-01-05'));
  for (const [e] of HAPPY_PATH) {
    if (e.type === until) break;
    const r = takeStep(s, e, 'command', clockOn(e.recordedOn));
    if (!r.ok) throw new Error(`${e.type}: ${JSON.stringify(r.refusals)}`);
    s = r.state;
  }
  return { caseId: 'an-2000', context: contextOf(s), trail: s.trail };
}

function documentOf(facts: CaseFacts, form: CaseForm, number = 12, recorded = {}): OfficialDocument {
  const planned = planOf(facts, form);
  if (!planned.ok) throw new Error(planned.reason.en);
  return caseDocument({
    facts,
    plan: planned.plan,
    registry,
    number: { value: number, series: planned.plan.series, recorded: true },
    recorded,
  });
}
const textOf = (d: OfficialDocument) =>
  [
    d.issuer.superiorLine,
    d.issuer.nameLine,
    numberText(d.number, d.issuer),
    dateLine(d.place, d.date),
    d.title,
    d.subject,
    ...d.grounds,
    ...d.body.flatMap((b) => (b.kind === 'paragraph' ? [b.runs.map((r) => r.text).join('')] : [])),
    d.signature.signsFor,
    d.signature.name,
    ...d.recipients,
  ].join('\n');

describe('wording', () => {
  test('dates as the Party writes them: day two digits, January and February with a zero, other months without', () => {
    expect(writtenDate(iso('2026-10-05'))).toBe('ngày 05 tháng 10 năm 2026');
    expect(writtenDate(iso('2018-04-03'))).toBe('ngày 03 tháng 4 năm 2018');
    expect(writtenDate(iso('2018-02-20'))).toBe('ngày 20 tháng 02 năm 2018');
    expect(writtenDate(iso('2025-01-31'))).toBe('ngày 31 tháng 01 năm 2025');
    expect(dateLine('Demo', iso('2026-10-05'))).toBe('Demo, ngày 05 tháng 10 năm 2026');
  });

  test('the header names the party organisation above the issuer, and the number its series and body', () => {
    expect(partyOrganisationOf({ name: 'Đảng ủy xã A' })).toBe('Đảng bộ xã A');
    expect(partyOrganisationOf({ name: 'Tỉnh ủy Demo' })).toBe('Đảng bộ tỉnh Demo');
    const tree = registry.on(iso('2026-01-01'));
    const cell = issuerOf(tree.unit('cb-thpt-a'), tree.unit('du-xa-a'));
    expect(cell).toMatchObject({
      superiorLine: 'ĐẢNG BỘ XÃ A',
      nameLine: 'CHI BỘ TRƯỜNG THPT A',
      signsFor: 'T/M CHI BỘ',
    });
    expect(numberText({ value: 12, series: 'NQ', recorded: true }, cell)).toBe('Số 12-NQ/CB');
    const committee = issuerOf(tree.unit('du-xa-a'), tree.unit('tu-demo'));
    expect(committee).toMatchObject({ superiorLine: 'ĐẢNG BỘ TỈNH DEMO', signsFor: 'T/M ĐẢNG ỦY' });
    expect(numberText({ value: 3, series: 'QĐ', recorded: false }, committee)).toBe('Số 3-QĐ/ĐU');
    expect(asciiName('9-KNĐ-Nguyễn Thị Hoa')).toBe('9-KND-Nguyen-Thi-Hoa');
  });
});

describe('grounds: the regulations in force on the document’s date, from the policy data', () => {
  test('24-QĐ/TW, then 232-QĐ/TW from 20/1/2025, then 294-QĐ/TW and 06-HD/TW from 1/7/2025', () => {
    const before = regulationsOn(iso('2024-06-05')).join('\n');
    expect(before).toContain('Quy định số 24-QĐ/TW ngày 30/7/2021');
    expect(before).toContain('Hướng dẫn số 01-HD/TW ngày 28/9/2021');
    expect(before).not.toMatch(/232-QĐ|294-QĐ|06-HD/);
    expect(regulationsOn(iso('2025-03-01')).join('\n')).toMatch(/232-QĐ\/TW(?![\s\S]*24-QĐ\/TW ngày)/);
    expect(regulationsOn(iso('2025-06-30')).join('\n')).not.toContain('294-QĐ/TW');
    const after = regulationsOn(iso('2025-07-01')).join('\n');
    expect(after).toContain('Quy định số 294-QĐ/TW ngày 26/5/2025');
    expect(after).toContain('Hướng dẫn số 06-HD/TW ngày 9/6/2025');
    expect(after).not.toMatch(/24-QĐ\/TW ngày 30|01-HD\/TW/);
    expect(groundLines(iso('2025-07-01'), 'X')).toEqual([
      'Căn cứ Điều lệ Đảng Cộng sản Việt Nam;',
      expect.stringMatching(/^Căn cứ Quy định số 294-QĐ\/TW .*;$/),
      expect.stringMatching(/^Căn cứ Hướng dẫn số 06-HD\/TW .*;$/),
      expect.stringMatching(/^Căn cứ Hướng dẫn số 12-HD\/BTCTW .*;$/),
      'Căn cứ X,',
    ]);
  });

  test('a case crossing the reform: the cell’s 6-KNĐ (2024) cites 24-QĐ/TW, its 13-KNĐ (2025) 294-QĐ/TW', () => {
    const facts = caseUpTo();
    const admission = textOf(documentOf(facts, '6-KNĐ'));
    expect(admission).toContain('24-QĐ/TW');
    expect(admission).not.toContain('294-QĐ/TW');
    const recognition = textOf(documentOf(facts, '13-KNĐ'));
    expect(recognition).toContain('294-QĐ/TW');
    expect(recognition).toContain('06-HD/TW');
    expect(recognition).not.toContain('24-QĐ/TW ngày 30/7/2021');
  });
});

describe('forms from the case', () => {
  test('a form exists only once its step happened; before, the reason names the missing step', () => {
    const beforeDecision = caseUpTo('RECORD_COMMITTEE_DECISION');
    expect(planOf(beforeDecision, '6-KNĐ').ok).toBe(true);
    for (const form of ['8-KNĐ', '9-KNĐ', '13-KNĐ', '16-KNĐ'] as const) {
      const r = planOf(beforeDecision, form);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.reason.vi).toMatch(/^Chưa có bước "(Cấp ủy|Chi bộ)/);
    }
    const nine = planOf(beforeDecision, '9-KNĐ');
    expect(nine.ok ? '' : nine.reason.en).toContain('admission decision');
    const official = caseUpTo();
    for (const form of CASE_FORMS) expect(planOf(official, form).ok).toBe(true);
  });

  test('6-KNĐ: the cell’s minutes and tally against two thirds, signed for the cell, sent to the committee', () => {
    const d = documentOf(caseUpTo(), '6-KNĐ');
    expect(d).toMatchObject({
      date: '2024-06-05',
      title: 'NGHỊ QUYẾT',
      subject: 'đề nghị kết nạp đảng viên',
      issuer: { id: 'cb-thpt-a', nameLine: 'CHI BỘ TRƯỜNG THPT A', superiorLine: 'ĐẢNG BỘ XÃ A' },
      signature: { signsFor: 'T/M CHI BỘ', position: 'BÍ THƯ', name: 'Trần Văn Bình' },
      place: 'Demo',
    });
    const text = textOf(d);
    expect(text).toContain('Số 12-NQ/CB');
    expect(text).toContain('Demo, ngày 05 tháng 6 năm 2024');
    expect(text).toContain('Ngày 05 tháng 6 năm 2024, Chi bộ Trường THPT A đã họp xét');
    expect(text).toContain('quần chúng Nguyễn Văn An, sinh ngày 15/03/2000');
    // 20 official members, 1 exempted absentee: 19 count, two thirds is 13; 17 voted yes.
    expect(text).toContain('Kết quả biểu quyết: 17/19 đảng viên chính thức tán thành (89,47%)');
    expect(text).toContain('cần ít nhất 13 đồng chí tán thành');
    expect(text).toContain('Đề nghị Đảng ủy xã A xem xét, kết nạp quần chúng Nguyễn Văn An');
  });

  test('9-KNĐ: the decision cites the cell’s resolution by its recorded number, probation from the policy', () => {
    const d = documentOf(caseUpTo(), '9-KNĐ', 4, { '6-KNĐ': 12 });
    const text = textOf(d);
    expect(d.issuer).toMatchObject({ id: 'du-xa-a', abbreviation: 'ĐU', signsFor: 'T/M ĐẢNG ỦY' });
    expect(text).toContain('Số 4-QĐ/ĐU');
    expect(text).toContain('Căn cứ Nghị quyết số 12-NQ/CB ngày 05/06/2024 của Chi bộ Trường THPT A');
    expect(text).toContain('Điều 1. Kết nạp quần chúng Nguyễn Văn An, sinh ngày 15/03/2000');
    expect(text).toContain('Thời gian dự bị 12 tháng');
    expect(text).toContain(
      'Căn cứ kết quả biểu quyết của Đảng ủy xã A ngày 15/07/2024: 7/9 cấp ủy viên tán thành (77,78%)',
    );
  });

  test('16-KNĐ: official from the day probation ended (backdated), with the committee’s tally from the trail', () => {
    const text = textOf(documentOf(caseUpTo(), '16-KNĐ'));
    expect(text).toContain('là đảng viên chính thức kể từ ngày 02 tháng 8 năm 2025');
    expect(text).toContain('8/9 cấp ủy viên tán thành (88,89%)');
  });
});

describe('renderers', () => {
  test('DOCX: a Word file whose document.xml holds the text, the name’s diacritics intact', async () => {
    const d = documentOf(caseUpTo(), '9-KNĐ');
    const zip = await JSZip.loadAsync(await renderDocx(d));
    const xml = await zip.file('word/document.xml')!.async('string');
    for (const s of [
      'ĐẢNG CỘNG SẢN VIỆT NAM',
      'Số 12-QĐ/ĐU',
      'Nguyễn Văn An',
      'ngày 15 tháng 7 năm 2024',
      'T/M ĐẢNG ỦY',
    ])
      expect(xml).toContain(s);
  });

  test('PDF: a PDF with the fonts embedded', async () => {
    const pdf = await renderPdf(documentOf(caseUpTo(), '6-KNĐ'));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1')).toMatch(/FontFile2/);
  });
});

describe('numbering', () => {
  let database: AppDatabase;
  beforeAll(async () => {
    database = await memoryDatabase();
  });
  afterAll(() => database.close());

  test('suggests the highest used + 1 per body, year and series; a number is given once; a document keeps its own', async () => {
    const db = database.db;
    const nq = { issuerId: 'cb-thpt-a', year: 2026, series: 'NQ' as const };
    expect(await suggestNumber(db, nq)).toBe(1);
    const doc = (caseId: string, number: number) => ({ caseId, form: '6-KNĐ', trailSeq: 9, number, recordedBy: 'u' });
    await recordNumber(db, nq, doc('a', 12));
    expect(await suggestNumber(db, nq)).toBe(13);
    // Other series, years and bodies count on their own.
    expect(await suggestNumber(db, { ...nq, series: 'QĐ' })).toBe(1);
    expect(await suggestNumber(db, { ...nq, year: 2027 })).toBe(1);
    expect(await suggestNumber(db, { ...nq, issuerId: 'cb-thon-1' })).toBe(1);
    // The same again is a no-op; the same number for another case names the holder.
    await recordNumber(db, nq, doc('a', 12));
    await expect(recordNumber(db, nq, doc('b', 12))).rejects.toThrow(NumberTaken);
    await expect(recordNumber(db, nq, doc('b', 12))).rejects.toMatchObject({
      holder: { caseId: 'a', form: '6-KNĐ', number: 12 },
    });
    // A numbered document keeps its number.
    await expect(recordNumber(db, nq, doc('a', 14))).rejects.toThrow(/already recorded as number 12/);
    expect(await recordedNumber(db, { caseId: 'a', form: '6-KNĐ', ...nq })).toBe(12);
    expect(await caseNumbers(db, 'a')).toEqual({ '6-KNĐ': 12 });
    // Reports, which have no case, one per body, form and year.
    const bc = { issuerId: 'du-xa-a', year: 2026, series: 'BC' as const };
    await recordNumber(db, bc, { caseId: null, form: 'BC-KNĐ 2026', trailSeq: null, number: 3, recordedBy: 'u' });
    expect(await recordedNumber(db, { caseId: null, form: 'BC-KNĐ 2026', ...bc })).toBe(3);
    expect(await recordedNumber(db, { caseId: null, form: 'BC-KNĐ 2025', ...bc })).toBeNull();
  });
});
