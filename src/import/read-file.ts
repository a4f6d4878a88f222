/**
 * Reads a cell's list of candidates from CSV or Excel (.xlsx) into raw rows
 * keyed by ImportRow's fields. Headers may be in Vietnamese as cells write
 * them ("Họ và tên", "Ngày sinh", …) or in English; values are left for the
 * zod schema to judge, so every bad value is reported by the API with its field.
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';

const HEADER_ALIASES: Record<string, string> = {
  caseid: 'caseId',
  ma_ho_so: 'caseId',
  fullname: 'fullName',
  ho_va_ten: 'fullName',
  ho_ten: 'fullName',
  birthdate: 'birthDate',
  ngay_sinh: 'birthDate',
  ngay_thang_nam_sinh: 'birthDate',
  education: 'education',
  trinh_do_hoc_van: 'education',
  hoc_van: 'education',
  trinh_do_van_hoa: 'education',
  educationexception: 'educationException',
  dien_uu_tien_hoc_van: 'educationException',
  youthunionmember: 'youthUnionMember',
  doan_vien: 'youthUnionMember',
  tradeunionmember: 'tradeUnionMember',
  cong_doan_vien: 'tradeUnionMember',
  registeredon: 'registeredOn',
  ngay_vao_nguon: 'registeredOn',
  ngay_dua_vao_nguon: 'registeredOn',
  ngay_dang_ky: 'registeredOn',
};

export const headerKey = (h: string): string | undefined => {
  const folded = h
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/gi, 'd')
    .toLowerCase()
    .trim()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
  return HEADER_ALIASES[folded] ?? HEADER_ALIASES[folded.replaceAll('_', '')];
};

export interface ListFile {
  /** Each data row with the line (CSV) or row number (Excel) a person would look for. */
  rows: Array<{ line: number; data: Record<string, unknown> }>;
  /** Headers that matched no field; their values are ignored (STT, notes, …). */
  ignoredColumns: string[];
}

function keyed(headers: string[], values: unknown[]): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  headers.forEach((h, i) => {
    const key = headerKey(h);
    const v = values[i];
    if (key && v !== undefined && v !== null) data[key] = typeof v === 'string' ? v.trim() : v;
  });
  return data;
}

async function readCsv(path: string): Promise<ListFile> {
  const records = parse(await readFile(path), {
    bom: true,
    delimiter: [',', ';'],
    relax_column_count: true,
    skip_empty_lines: true,
    info: true,
  }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
  const [header, ...body] = records;
  if (!header) return { rows: [], ignoredColumns: [] };
  const headers = header.record;
  return {
    rows: body.map(({ record, info }) => ({ line: info.lines, data: keyed(headers, record) })),
    ignoredColumns: headers.filter((h) => !headerKey(h)),
  };
}

function cellValue(v: ExcelJS.CellValue): unknown {
  if (v === null || v === undefined) return undefined;
  // Excel keeps a date cell as a UTC midnight.
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('text' in v) return String(v.text);
    if ('result' in v) return cellValue(v.result as ExcelJS.CellValue);
    return undefined;
  }
  return typeof v === 'number' ? String(v) : v;
}

async function readXlsx(path: string): Promise<ListFile> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(path);
  const sheet = book.worksheets[0];
  if (!sheet) return { rows: [], ignoredColumns: [] };
  const headers: string[] = [];
  sheet.getRow(1).eachCell({ includeEmpty: true }, (cell, col) => {
    headers[col - 1] = String(cellValue(cell.value) ?? '');
  });
  const rows: ListFile['rows'] = [];
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    const values = headers.map((_, i) => cellValue(row.getCell(i + 1).value));
    if (values.some((v) => v !== undefined && v !== '')) rows.push({ line: n, data: keyed(headers, values) });
  });
  return { rows, ignoredColumns: headers.filter((h) => h && !headerKey(h)) };
}

export async function readListFile(path: string): Promise<ListFile> {
  const ext = extname(path).toLowerCase();
  if (ext === '.csv') return readCsv(path);
  if (ext === '.xlsx') return readXlsx(path);
  throw new Error(`import: ${path}: expected a .csv or .xlsx file`);
}
