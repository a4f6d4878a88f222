/**
 * The targets report as a file a committee files or forwards: CSV (UTF-8 with
 * BOM, so Excel opens the Vietnamese names right) or an Excel workbook laid
 * out like the annual admission statistics form (title, unit rows indented
 * under the committee, totals first), plus the funnel on a second sheet.
 */
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { Lang } from '../charter/rule';
import { STAGE_NAMES } from '../schemas/stage-names';
import type { TargetRow, TargetsReport } from './targets';

const HEADERS: Record<Lang, string[]> = {
  vi: [
    'Mã đơn vị',
    'Tên tổ chức đảng',
    'Đảng viên chính thức',
    'Đảng viên dự bị',
    'Tỷ lệ chỉ tiêu',
    'Chỉ tiêu kết nạp',
    'Đã kết nạp',
    '% kế hoạch',
  ],
  en: [
    'Unit id',
    'Party organisation',
    'Official members',
    'Probationary members',
    'Target share',
    'Admission target',
    'Admitted',
    '% of plan',
  ],
};

const TITLE: Record<Lang, (r: TargetsReport) => string> = {
  vi: (r) => `BÁO CÁO KẾT QUẢ KẾT NẠP ĐẢNG VIÊN NĂM ${r.year} — ${r.committeeName}`,
  en: (r) => `Admission of new members in ${r.year}: ${r.committeeName}`,
};

const cells = (row: TargetRow) => [
  row.id,
  `${'  '.repeat(row.depth)}${row.name}`,
  row.officialMembers,
  row.probationaryMembers,
  row.targetShare,
  row.target,
  row.admitted,
  row.percentOfPlan,
];

export function targetsCsv(report: TargetsReport, lang: Lang): string {
  return '\uFEFF' + stringify([HEADERS[lang], ...report.rows.map(cells)]);
}

export async function targetsXlsx(report: TargetsReport, lang: Lang): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'party-pipeline';
  const sheet = book.addWorksheet(lang === 'vi' ? 'Kết nạp' : 'Admissions');
  sheet.mergeCells('A1:H1');
  sheet.getCell('A1').value = TITLE[lang](report);
  sheet.getCell('A1').font = { bold: true, size: 13 };
  sheet.getCell('A2').value =
    lang === 'vi'
      ? `Số liệu đến ngày ${report.asOf.split('-').reverse().join('/')}`
      : `As of ${report.asOf.split('-').reverse().join('/')}`;
  const header = sheet.addRow(HEADERS[lang]);
  header.font = { bold: true };
  for (const row of report.rows) {
    const r = sheet.addRow(cells(row));
    if (row.depth === 0) r.font = { bold: true };
  }
  sheet.getColumn(2).width = 42;
  for (const c of [3, 4, 5, 6, 7, 8]) sheet.getColumn(c).width = 14;
  sheet.getColumn(5).numFmt = '0.0%';
  sheet.getColumn(8).numFmt = '0.00';

  const funnel = book.addWorksheet(lang === 'vi' ? 'Các giai đoạn' : 'Stages');
  funnel.addRow(
    lang === 'vi'
      ? ['Giai đoạn', 'Đang ở giai đoạn', 'Đã qua', 'Chuyển tiếp', 'Tỷ lệ chuyển tiếp', 'Trung vị (ngày)']
      : ['Stage', 'Now in stage', 'Entered', 'Moved on', 'Conversion', 'Median days'],
  ).font = { bold: true };
  for (const t of report.stageTimes) {
    const now = report.funnel.find((f) => f.stage === t.stage)?.count ?? 0;
    funnel.addRow([STAGE_NAMES[t.stage][lang], now, t.entered, t.movedOn, t.conversion, t.medianDays]);
  }
  funnel.getColumn(1).width = 40;
  funnel.getColumn(5).numFmt = '0%';
  return Buffer.from(await book.xlsx.writeBuffer());
}
