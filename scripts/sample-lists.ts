/**
 * Writes the sample lists the README's import commands use: examples/danh-sach.xlsx (as a secretary keeps it in
 * Excel: date cells, a title-less header row, an STT and a notes column) and examples/danh-sach.csv (the same rows
 * saved as "CSV UTF-8"). One row is wrong on purpose, as lists often are (a 31st of February), so an import shows
 * a rejected row with its reason. Run again after changing the rows:
 *   node --import tsx scripts/sample-lists.ts
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';

const HEADERS = [
  'STT',
  'Họ và tên',
  'Ngày sinh',
  'Trình độ học vấn',
  'Đoàn viên',
  'Công đoàn viên',
  'Ngày vào nguồn',
  'Ghi chú',
];
/** Teachers, staff and a final-year pupil of Trường THPT A (cell cb-thpt-a of the demo province). */
const ROWS: string[][] = [
  ['1', 'Nguyễn Thị Hoa', '12/04/1995', 'Đại học', 'x', 'x', '02/11/2026', 'Giáo viên Ngữ văn'],
  ['2', 'Trần Minh Quân', '23/08/1997', 'Đại học', 'x', 'x', '02/11/2026', 'Giáo viên Toán'],
  ['3', 'Lê Thị Thu Hằng', '05/01/1993', 'Thạc sĩ', '', 'x', '02/11/2026', 'Tổ trưởng tổ Ngữ văn'],
  ['4', 'Phạm Văn Đức', '17/09/2007', 'THPT', 'x', '', '09/11/2026', 'Học sinh lớp 12A1'],
  ['5', 'Võ Thị Ngọc Ánh', '30/06/1999', 'Cao đẳng', 'x', 'x', '09/11/2026', 'Nhân viên thư viện'],
  // Not a real date: the row the import rejects.
  ['6', 'Bùi Thị Mai', '31/02/1998', 'Trung cấp', 'x', 'x', '16/11/2026', 'Nhân viên kế toán'],
  ['7', 'Đặng Quốc Huy', '14/02/1996', 'Đại học', 'x', 'x', '16/11/2026', 'Giáo viên Thể dục'],
];
const DATE_COLUMNS = new Set(['Ngày sinh', 'Ngày vào nguồn']);
const DMY = /^(\d{2})\/(\d{2})\/(\d{4})$/;

/** A dd/MM/yyyy that names a real day as an Excel date cell; anything else (31/02) stays the text typed. */
function excelValue(header: string, text: string): string | number | Date {
  const m = DATE_COLUMNS.has(header) ? DMY.exec(text) : null;
  if (m) {
    const d = new Date(Date.UTC(Number(m[3]), Number(m[2]) - 1, Number(m[1])));
    if (d.getUTCDate() === Number(m[1])) return d;
  }
  return header === 'STT' ? Number(text) : text;
}

async function main() {
  const dir = join(__dirname, '..', 'examples');
  const book = new ExcelJS.Workbook();
  // Fixed, so regenerating the same rows gives the same file.
  book.created = book.modified = new Date(Date.UTC(2026, 10, 20));
  book.creator = 'Chi bộ Trường THPT A';
  const sheet = book.addWorksheet('Danh sách nguồn');
  sheet.addRow(HEADERS).font = { bold: true };
  for (const row of ROWS) sheet.addRow(row.map((v, i) => excelValue(HEADERS[i]!, v)));
  sheet.columns.forEach((c, i) => {
    c.width = [5, 22, 12, 16, 10, 14, 15, 22][i];
    if (DATE_COLUMNS.has(HEADERS[i]!)) c.numFmt = 'dd/mm/yyyy';
  });
  await book.xlsx.writeFile(join(dir, 'danh-sach.xlsx'));
  // Excel's "CSV UTF-8" starts with a byte-order mark, so Excel reopens it with its accents.
  writeFileSync(join(dir, 'danh-sach.csv'), stringify([HEADERS, ...ROWS], { bom: true }));
  console.log(`sample-lists: wrote ${dir}/danh-sach.xlsx and danh-sach.csv (${ROWS.length} rows, one rejected)`);
}

void main();
