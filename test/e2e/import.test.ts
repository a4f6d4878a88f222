/**
 * `pipeline import` as a cell would use it: its list of 1,000 candidates as a
 * CSV with Vietnamese headers and 50 bad rows, through the real CLI and the
 * API on the dev server. Bad rows are reported with their line and field,
 * the rest go in, and importing the same file again registers nobody twice.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import type { Principal } from '../../src/auth/principal';
import { eventually, runCli, startStack, type Stack } from '../helpers/stack';

const SECRETARY: Principal = { userId: 'bt-thon-1', role: 'cell_secretary', orgId: 'cb-thon-1' };

let stack: Stack;
let dir: string;
beforeAll(async () => {
  stack = await startStack('e2e-import');
  dir = mkdtempSync(join(tmpdir(), 'import-'));
}, 120_000);
afterAll(() => stack?.stop());

const pipeline = (...args: string[]) => runCli(stack, SECRETARY, ...args);

/** Each tenth row of the first 500 is broken in one of five ways; the field it breaks is the expectation. */
const BREAKS: Array<[string, (row: string[]) => void]> = [
  ['birthDate', (r) => (r[2] = '31/02/2001')],
  ['fullName', (r) => (r[1] = '')],
  ['education', (r) => (r[3] = 'tiến sĩ giấy')],
  ['registeredOn', (r) => (r[6] = '')],
  ['youthUnionMember', (r) => (r[4] = 'có lẽ')],
];

function listCsv(): { text: string; bad: Map<number, string> } {
  const lines = ['STT,Họ và tên,Ngày sinh,Trình độ học vấn,Đoàn viên,Công đoàn viên,Ngày vào nguồn,Ghi chú'];
  const bad = new Map<number, string>();
  for (let i = 1; i <= 1000; i++) {
    const row = [
      String(i),
      `Nguyễn Văn Thứ ${i}`,
      `${String((i % 28) + 1).padStart(2, '0')}/${String((i % 12) + 1).padStart(2, '0')}/${1985 + (i % 15)}`,
      ['THPT', 'Đại học', 'Cao đẳng', 'higher'][i % 4]!,
      i % 3 ? 'x' : '',
      i % 2 ? 'có' : 'không',
      '03/11/2026',
      'ghi chú, có dấu phẩy',
    ];
    if (i % 10 === 0 && i <= 500) {
      const [field, breakIt] = BREAKS[(i / 10) % BREAKS.length]!;
      breakIt(row);
      bad.set(i + 1, field); // line i + 1: the header is line 1
    }
    lines.push(row.map((v) => (v.includes(',') ? `"${v}"` : v)).join(','));
  }
  return { text: lines.join('\n') + '\n', bad };
}

test('1,000 rows with 50 bad ones: dry run, import, report of rejected rows, and a re-run that duplicates nobody', async () => {
  const { text, bad } = listCsv();
  const file = join(dir, 'danh-sach.csv');
  writeFileSync(file, text);
  const report = join(dir, 'rejected.csv');

  const dry = await pipeline('import', file, '--cell', 'cb-thon-1', '--dry-run', '--json', '--report', report);
  expect(dry.code).toBe(3);
  expect(JSON.parse(dry.stdout).summary).toEqual({ registered: 0, would_register: 950, exists: 0, rejected: 50 });
  const someone = (JSON.parse(dry.stdout).results as Array<{ status: string; caseId: string }>).find(
    (r) => r.status === 'would_register',
  )!;
  expect((await stack.as(SECRETARY)('GET', `/cases/${someone.caseId}`)).status).toBe(404);

  const first = await pipeline('import', file, '--cell', 'cb-thon-1', '--json', '--report', report);
  expect(first.code).toBe(3);
  const out = JSON.parse(first.stdout);
  expect(out.summary).toEqual({ registered: 950, would_register: 0, exists: 0, rejected: 50 });
  expect(out.ignoredColumns).toEqual(['STT', 'Ghi chú']);
  const rows = parse(readFileSync(report), { bom: true, columns: true }) as Array<Record<string, string>>;
  expect(new Map(rows.map((r) => [Number(r.line), r.field]))).toEqual(bad);
  expect(rows.every((r) => (r.message ?? '').length > 0)).toBe(true);

  const read = await stack.as(SECRETARY)('GET', `/cases/${someone.caseId}`);
  expect(read.status).toBe(200);
  expect(read.body).toMatchObject({
    stage: 'source',
    context: { cellId: 'cb-thon-1', committeeIds: ['du-xa-a', 'tu-demo'] },
  });

  const again = await pipeline('import', file, '--cell', 'cb-thon-1', '--json', '--report', report);
  expect(JSON.parse(again.stdout).summary).toEqual({ registered: 0, would_register: 0, exists: 950, rejected: 50 });

  // The human summary, as a secretary sees it.
  const human = await pipeline('import', file, '--cell', 'cb-thon-1', '--report', report);
  expect(human.stdout).toMatch(/đã có \/ already registered\s*│\s*950/);
  expect(human.stdout).toContain(`các dòng bị từ chối và lý do: ${report}`);
}, 300_000);

test('an Excel list with date cells and Vietnamese headers; a secretary cannot import into another cell', async () => {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Danh sách');
  sheet.addRow(['Họ và tên', 'Ngày sinh', 'Trình độ học vấn', 'Ngày đưa vào nguồn']);
  sheet.addRow(['Trần Thị Lan', new Date(Date.UTC(1997, 4, 9)), 'Đại học', new Date(Date.UTC(2026, 10, 2))]);
  sheet.addRow(['Lê Văn Minh', '12/12/1996', 'THPT', '02/11/2026']);
  sheet.addRow(['', '12/12/1996', 'THPT', '02/11/2026']);
  const file = join(dir, 'danh-sach.xlsx');
  await book.xlsx.writeFile(file);

  const res = await pipeline('import', file, '--cell', 'cb-thon-1', '--json', '--report', join(dir, 'x.csv'));
  expect(res.code).toBe(3);
  const out = JSON.parse(res.stdout) as {
    summary: unknown;
    results: Array<{ line: number; status: string; caseId: string }>;
  };
  expect(out.summary).toEqual({ registered: 2, would_register: 0, exists: 0, rejected: 1 });
  expect(out.results.map((r) => [r.line, r.status])).toEqual([
    [2, 'registered'],
    [3, 'registered'],
    [4, 'rejected'],
  ]);
  // Just registered: the worker may still be starting the case (it is busy with the 950 above).
  const lan = await eventually(
    () => stack.as(SECRETARY)('GET', `/cases/${out.results[0]!.caseId}`),
    (r) => r.status === 200,
    60_000,
  );
  expect(lan.status).toBe(200);
  expect(lan.body.context).toMatchObject({
    profile: { birthDate: '1997-05-09', fullName: 'Trần Thị Lan' },
    registeredOn: '2026-11-02',
  });

  const elsewhere = await pipeline('import', file, '--cell', 'cb-thpt-a');
  expect(elsewhere.code).toBe(4);
  expect(elsewhere.stderr).toContain('forbidden (403)');
});
