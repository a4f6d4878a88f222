/**
 * The dashboard's import over the API, with the sample lists the README ships: a file checked row by row without
 * registering anyone (preview), its rejected rows as a CSV in the file's own columns, a confirmed import answered
 * with its progress row by row, and the same confirmation sent again registering nobody twice. And the README's
 * own `pipeline import` command, run as a user would with the sample file.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Principal } from '../../src/auth/principal';
import { eventually, runCli, startStack, type Stack } from '../helpers/stack';

const ROOT = join(__dirname, '..', '..');
const SAMPLE_XLSX = join(ROOT, 'examples', 'danh-sach.xlsx');
const SAMPLE_CSV = join(ROOT, 'examples', 'danh-sach.csv');
const SECRETARY: Principal = { userId: 'bt-thpt-a', role: 'cell_secretary', orgId: 'cb-thpt-a' };
const COMMUNE: Principal = { userId: 'du-xa-a-1', role: 'committee', orgId: 'du-xa-a' };
const OTHER_CELL: Principal = { userId: 'bt-thon-1', role: 'cell_secretary', orgId: 'cb-thon-1' };

let stack: Stack;
beforeAll(async () => {
  stack = await startStack('e2e-import-page');
}, 120_000);
afterAll(() => stack?.stop());

/** A list file sent as a browser sends it: its bytes as the body. */
async function upload(who: Principal, path: string, file: string, contentType = 'application/octet-stream') {
  return fetch(`${stack.base}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${await stack.tokenOf(who)}`, 'content-type': contentType },
    body: readFileSync(file),
  });
}

interface PreviewRow {
  line: number;
  fullName: string;
  status: string;
  caseId?: string;
  data: Record<string, unknown>;
  errors?: Array<{ field: unknown; path?: string }>;
}
interface Preview {
  summary: Record<string, number>;
  ignoredColumns: string[];
  rows: PreviewRow[];
}

test("the README's import command works with the sample list, as a user runs it", async () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const commands = [...readme.matchAll(/^npx pipeline (import [^#\n]+?)\s*(?:#.*)?$/gm)].map((m) => m[1]!.split(/\s+/));
  expect(commands).toHaveLength(1);
  const [args] = commands as [string[]];
  expect(args).toContain('examples/danh-sach.xlsx');
  // A copy, so the report written beside the file stays out of the repository.
  const dir = mkdtempSync(join(tmpdir(), 'readme-import-'));
  mkdirSync(join(dir, 'examples'));
  copyFileSync(SAMPLE_XLSX, join(dir, 'examples', 'danh-sach.xlsx'));
  const inDir = args.map((a) => (a.startsWith('examples/') ? join(dir, a) : a));

  const dry = await runCli(stack, SECRETARY, ...inDir, '--json');
  expect({ code: dry.code, stderr: dry.stderr }).toEqual({ code: 3, stderr: '' });
  expect(JSON.parse(dry.stdout).summary).toEqual({ registered: 0, would_register: 6, exists: 0, rejected: 1 });

  // "then without --dry-run"
  const real = await runCli(stack, SECRETARY, ...inDir.filter((a) => a !== '--dry-run'), '--json');
  expect(real.code).toBe(3);
  const out = JSON.parse(real.stdout) as { summary: unknown; report: string };
  expect(out.summary).toEqual({ registered: 6, would_register: 0, exists: 0, rejected: 1 });
  const report = parse(readFileSync(out.report), { bom: true, columns: true }) as Array<Record<string, string>>;
  expect(report.map((r) => [r.line, r.fullName, r.field])).toEqual([['7', 'Bùi Thị Mai', 'birthDate']]);
}, 120_000);

test('preview, rejected rows, confirmation with progress, and a retried confirmation registering nobody twice', async () => {
  // A committee imports into a cell under it; the cells it may choose are those.
  const cellsOf = async (who: Principal) =>
    ((await stack.as(who)('GET', '/imports/cells')).body.cells as Array<{ id: string; name: string }>).map((c) => c.id);
  expect(await cellsOf(COMMUNE)).toEqual(expect.arrayContaining(['cb-thon-1', 'cb-thpt-a']));
  expect(await cellsOf(COMMUNE)).not.toContain('du-xa-a');
  expect(await cellsOf(SECRETARY)).toEqual(['cb-thpt-a']);
  const query = '?cellId=cb-thon-1';

  const res = await upload(COMMUNE, `/imports/preview${query}`, SAMPLE_XLSX);
  expect(res.status).toBe(200);
  const preview = (await res.json()) as Preview;
  expect(preview.summary).toEqual({ registered: 0, would_register: 6, exists: 0, rejected: 1 });
  expect(preview.ignoredColumns).toEqual(['STT', 'Ghi chú']);
  expect(preview.rows.map((r) => r.line)).toEqual([2, 3, 4, 5, 6, 7, 8]);
  const bad = preview.rows.find((r) => r.status === 'rejected')!;
  expect(bad).toMatchObject({ line: 7, fullName: 'Bùi Thị Mai' });
  expect(JSON.stringify(bad.errors)).toContain('birthDate');
  // Checked, not registered.
  const accepted = preview.rows.filter((r) => r.status === 'would_register');
  expect((await stack.as(COMMUNE)('GET', `/cases/${accepted[0]!.caseId}`)).status).toBe(404);

  // The CSV sample gives the same verdicts and the same case ids (a CSV picked on Windows comes as vnd.ms-excel).
  const fromCsv = (await (
    await upload(COMMUNE, `/imports/preview${query}`, SAMPLE_CSV, 'application/vnd.ms-excel')
  ).json()) as Preview;
  expect(fromCsv.rows.map((r) => [r.line, r.status, r.caseId])).toEqual(
    preview.rows.map((r) => [r.line, r.status, r.caseId]),
  );

  // The rejected rows in the file's own columns, with the reason last.
  const csv = await upload(COMMUNE, `/imports/rejected${query}`, SAMPLE_XLSX);
  expect(csv.status).toBe(200);
  expect(csv.headers.get('content-type')).toContain('text/csv');
  expect(csv.headers.get('content-disposition')).toContain('attachment');
  const rejected = parse(await csv.text(), { bom: true, columns: true }) as Array<Record<string, string>>;
  expect(rejected).toHaveLength(1);
  expect(rejected[0]).toMatchObject({ STT: '6', 'Họ và tên': 'Bùi Thị Mai', 'Ngày sinh': '31/02/1998' });
  expect(rejected[0]!['Ngày vào nguồn']).toBe('16/11/2026');
  expect(rejected[0]!['Lỗi / Error']).toMatch(/^Ngày sinh: ./);

  // Confirmed: the accepted rows' values, answered row by row.
  const confirm = async () => {
    const r = await fetch(`${stack.base}/imports`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${await stack.tokenOf(COMMUNE)}`,
        'content-type': 'application/json',
        accept: 'application/x-ndjson',
      },
      body: JSON.stringify({ cellId: 'cb-thon-1', dryRun: false, rows: accepted.map((a) => a.data) }),
    });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('application/x-ndjson');
    return (await r.text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  };
  const lines = await confirm();
  const progress = lines.filter((l) => 'done' in l) as Array<{ done: number; total: number; row: { status: string } }>;
  expect(progress.map((p) => [p.done, p.total])).toEqual(accepted.map((_, i) => [i + 1, accepted.length]));
  expect(progress.every((p) => p.row.status === 'registered')).toBe(true);
  expect(lines.at(-1)).toMatchObject({ result: { summary: { registered: 6, exists: 0, rejected: 0 } } });

  // Sent again (a retry after a lost answer): every row is found, none registered again.
  const again = await confirm();
  expect(again.at(-1)).toMatchObject({ result: { summary: { registered: 0, exists: 6, rejected: 0 } } });
  const listed = await eventually(
    () => stack.as(COMMUNE)('GET', '/cases?cellId=cb-thon-1&pageSize=200'),
    (r) => (r.body.cases as unknown[]).length >= 6,
  );
  const ids = (listed.body.cases as Array<{ caseId: string }>).map((c) => c.caseId).sort();
  expect(ids).toEqual(accepted.map((a) => a.caseId).sort());
  for (const a of accepted) {
    const c = await stack.as(COMMUNE)('GET', `/cases/${a.caseId}`);
    expect({ status: c.status, name: (c.body.context as { profile: { fullName: string } }).profile.fullName }).toEqual({
      status: 200,
      name: a.fullName,
    });
  }
}, 120_000);

test('a list is refused as a whole only for what concerns the whole: the cell, the caller, the file', async () => {
  const forbidden = await upload(OTHER_CELL, '/imports/preview?cellId=cb-thpt-a', SAMPLE_CSV);
  expect(forbidden.status).toBe(403);
  const unknown = await upload(COMMUNE, '/imports/preview?cellId=cb-khong-co', SAMPLE_CSV);
  expect(unknown.status).toBe(422);
  expect(await unknown.json()).toMatchObject({ field: 'cellId', error: 'unknown_organisation' });
  const oldExcel = await fetch(`${stack.base}/imports/preview?cellId=cb-thpt-a`, {
    method: 'POST',
    headers: { authorization: `Bearer ${await stack.tokenOf(SECRETARY)}`, 'content-type': 'application/vnd.ms-excel' },
    body: Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0]), Buffer.alloc(60)]),
  });
  expect(oldExcel.status).toBe(400);
  const why = (await oldExcel.json()) as { field: string; message: string };
  expect(why.field).toBe('file');
  expect(why.message).toContain('.xlsx');
});
