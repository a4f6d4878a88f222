/** How a cell's list is read: headers in Vietnamese or English, dates as dd/MM/yyyy, ticks and words for yes/no. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { formatOfBytes, headerKey, readListBytes, readListFile } from '../../src/import/read-file';
import { ERROR_COLUMN, errorText, rejectedCsv } from '../../src/import/rejected-csv';
import { ImportRow } from '../../src/schemas/import';

test('headers as cells write them map to the fields; others are ignored', () => {
  expect(headerKey('Họ và tên')).toBe('fullName');
  expect(headerKey('  NGÀY SINH ')).toBe('birthDate');
  expect(headerKey('Trình độ học vấn')).toBe('education');
  expect(headerKey('Đoàn viên')).toBe('youthUnionMember');
  expect(headerKey('Ngày vào nguồn')).toBe('registeredOn');
  expect(headerKey('registeredOn')).toBe('registeredOn');
  expect(headerKey('full_name')).toBe('fullName');
  expect(headerKey('STT')).toBeUndefined();
});

test('a row in the words of a cell list parses to the registration facts', () => {
  expect(
    ImportRow.parse({
      fullName: ' Nguyễn Văn An ',
      birthDate: '5/3/1999',
      education: 'Trung học phổ thông',
      youthUnionMember: 'X',
      tradeUnionMember: 'Không',
      registeredOn: '2026-11-02',
    }),
  ).toEqual({
    fullName: 'Nguyễn Văn An',
    birthDate: '1999-03-05',
    education: 'upper_secondary',
    educationAsWritten: 'Trung học phổ thông',
    youthUnionMember: true,
    tradeUnionMember: false,
    registeredOn: '2026-11-02',
  });
});

test('each bad value is named by its field', () => {
  const r = ImportRow.safeParse({
    fullName: '',
    birthDate: '29/02/2001',
    education: 'giỏi',
    youthUnionMember: 'có lẽ',
    registeredOn: '2026-13-01',
    extra: 1,
  });
  expect(r.success).toBe(false);
  const fields = r.error!.issues.map((i) => i.path.join('.') || ('keys' in i ? String(i.keys) : ''));
  expect(fields.sort()).toEqual(['birthDate', 'education', 'extra', 'fullName', 'registeredOn', 'youthUnionMember']);
});

test('a CSV with a BOM, semicolons and quoted commas keeps its line numbers', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'list-'));
  const file = join(dir, 'list.csv');
  writeFileSync(file, '\ufeffSTT;Họ và tên;Ngày sinh\n1;"Lê, Văn A";01/01/2000\n\n2;Trần B;02/02/2000\n');
  const list = await readListFile(file);
  expect(list.ignoredColumns).toEqual(['STT']);
  expect(list.headers).toEqual(['STT', 'Họ và tên', 'Ngày sinh']);
  expect(list.rows).toEqual([
    { line: 2, data: { fullName: 'Lê, Văn A', birthDate: '01/01/2000' }, cells: ['1', 'Lê, Văn A', '01/01/2000'] },
    { line: 4, data: { fullName: 'Trần B', birthDate: '02/02/2000' }, cells: ['2', 'Trần B', '02/02/2000'] },
  ]);
  await expect(readListFile(join(dir, 'list.ods'))).rejects.toThrow('expected a .csv or .xlsx file');
});

test('an uploaded list is read by what its bytes are, and its rejected rows go back in its own columns', async () => {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Danh sách');
  sheet.addRow(['STT', 'Họ và tên', 'Ngày sinh']);
  sheet.addRow([1, 'Trần Thị Lan', new Date(Date.UTC(1997, 4, 9))]);
  sheet.addRow([2, 'Lê Văn Minh', '31/02/1996']);
  const xlsx = Buffer.from(await book.xlsx.writeBuffer());
  expect(formatOfBytes(xlsx)).toBe('xlsx');
  expect(formatOfBytes(Buffer.from('Họ và tên,Ngày sinh\n'))).toBe('csv');
  expect(() => formatOfBytes(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0]))).toThrow('save it as .xlsx');

  const list = await readListBytes(xlsx);
  // The date cell as the field reads it (ISO) and as a person reads it (dd/MM/yyyy).
  expect(list.rows[0]).toEqual({
    line: 2,
    data: { fullName: 'Trần Thị Lan', birthDate: '1997-05-09' },
    cells: ['1', 'Trần Thị Lan', '09/05/1997'],
  });
  const csv = rejectedCsv(list, new Map([[3, [{ field: 'birthDate', message: 'no such day' }]]]));
  expect(parse(csv, { bom: true })).toEqual([
    ['STT', 'Họ và tên', 'Ngày sinh', ERROR_COLUMN],
    ['2', 'Lê Văn Minh', '31/02/1996', 'Ngày sinh: no such day'],
  ]);
  // With the API's label and Vietnamese words, those are used.
  const worded = [{ field: 'birthDate', message: '…', label: { vi: 'Ngày sinh' }, vi: 'không có ngày 31/02/1996' }];
  expect(errorText(worded)).toBe('Ngày sinh: không có ngày 31/02/1996');
});
