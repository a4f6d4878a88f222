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
import { formatVi, type IsoDate } from '../charter/dates';

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
  /** The header row as written, so a report of rejected rows can give them back in the cell's own columns. */
  headers: string[];
  /**
   * Each data row with the line (CSV) or row number (Excel) a person would look for, its values keyed by
   * ImportRow's fields, and its cells as text under `headers` (dates as dd/MM/yyyy).
   */
  rows: Array<{ line: number; data: Record<string, unknown>; cells: string[] }>;
  /** Headers that matched no field; their values are ignored (STT, notes, …). */
  ignoredColumns: string[];
}

export type ListFormat = 'csv' | 'xlsx';

function keyed(headers: string[], values: unknown[]): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  headers.forEach((h, i) => {
    const key = headerKey(h);
    const v = values[i];
    if (key && v !== undefined && v !== null) data[key] = typeof v === 'string' ? v.trim() : v;
  });
  return data;
}

function readCsv(bytes: Buffer): ListFile {
  const records = parse(bytes, {
    bom: true,
    delimiter: [',', ';'],
    relax_column_count: true,
    skip_empty_lines: true,
    info: true,
  }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
  const [header, ...body] = records;
  if (!header) return { headers: [], rows: [], ignoredColumns: [] };
  const headers = header.record;
  return {
    headers,
    rows: body.map(({ record, info }) => ({ line: info.lines, data: keyed(headers, record), cells: record })),
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

/** A cell as its reader sees it: a date cell as dd/MM/yyyy. */
const cellText = (raw: ExcelJS.CellValue, value: unknown): string =>
  raw instanceof Date ? formatVi(value as IsoDate) : value === undefined ? '' : String(value);

async function readXlsx(bytes: Buffer): Promise<ListFile> {
  const book = new ExcelJS.Workbook();
  // exceljs declares its own Buffer type, narrower than Node's.
  await book.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  const sheet = book.worksheets[0];
  if (!sheet) return { headers: [], rows: [], ignoredColumns: [] };
  const headers: string[] = [];
  sheet.getRow(1).eachCell({ includeEmpty: true }, (cell, col) => {
    headers[col - 1] = String(cellValue(cell.value) ?? '');
  });
  const rows: ListFile['rows'] = [];
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    const raw = headers.map((_, i) => row.getCell(i + 1).value);
    const values = raw.map(cellValue);
    if (values.some((v) => v !== undefined && v !== ''))
      rows.push({ line: n, data: keyed(headers, values), cells: values.map((v, i) => cellText(raw[i]!, v)) });
  });
  return { headers, rows, ignoredColumns: headers.filter((h) => h && !headerKey(h)) };
}

/**
 * A list sent as bytes (the dashboard's upload): an .xlsx is a zip archive, so it starts with "PK"; an old binary
 * .xls (an OLE file) is named so its sender can save it again as .xlsx; anything else is read as CSV.
 */
export function formatOfBytes(bytes: Buffer): ListFormat {
  if (bytes.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return 'xlsx';
  if (bytes.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0])))
    throw new Error('import: an old Excel file (.xls); save it as .xlsx (Excel Workbook) or .csv');
  return 'csv';
}

export async function readListBytes(bytes: Buffer, format: ListFormat = formatOfBytes(bytes)): Promise<ListFile> {
  return format === 'xlsx' ? readXlsx(bytes) : readCsv(bytes);
}

export async function readListFile(path: string): Promise<ListFile> {
  const ext = extname(path).toLowerCase();
  if (ext === '.csv') return readCsv(await readFile(path));
  if (ext === '.xlsx') return readXlsx(await readFile(path));
  throw new Error(`import: ${path}: expected a .csv or .xlsx file`);
}
