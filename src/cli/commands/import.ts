/**
 * `pipeline import <file> --cell <id>`: a cell's existing list (CSV or .xlsx)
 * registered through the API in batches. Each row goes in or is rejected on
 * its own; rejected rows are written with their reasons to a report file;
 * running it again registers nobody twice.
 */
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { SingleBar } from 'cli-progress';
import { stringify } from 'csv-stringify/sync';
import type { ImportResponse } from '../../schemas/import';
import { readListFile } from '../../import/read-file';
import { apiTarget, call } from '../api-client';
import { print, table } from '../format';
import { say } from '../lang';
import { withApiOptions, type ApiOptions } from '../program';

const BATCH = 200;

interface ImportOptions extends ApiOptions {
  cell: string;
  dryRun?: boolean;
  report?: string;
  youthUnion: boolean;
}

export function addImportCommand(program: Command) {
  withApiOptions(
    program
      .command('import')
      .summary(say({ vi: 'nhập danh sách của một chi bộ (CSV, Excel)', en: "import a cell's list (CSV, Excel)" }))
      .description(
        say({
          vi:
            'Đăng ký danh sách quần chúng ưu tú của một chi bộ (CSV hoặc .xlsx); dòng bị từ chối và lý do được ghi ' +
            'vào tệp báo cáo; chạy lại không đăng ký ai hai lần. Mã thoát 3 khi có dòng bị từ chối.',
          en:
            "Register a cell's existing list (CSV or .xlsx); rejected rows and their reasons go to the report file; " +
            'running it again registers nobody twice. Exit code 3 when some rows were rejected.',
        }),
      )
      .argument('<file>', say({ vi: 'tệp .csv hoặc .xlsx', en: 'the .csv or .xlsx file' }))
      .requiredOption('--cell <id>', say({ vi: 'chi bộ của danh sách', en: "the list's cell" }))
      .option('--dry-run', say({ vi: 'chỉ kiểm tra, không đăng ký', en: 'check only, register nobody' }))
      .option(
        '--report <file>',
        say({
          vi: 'tệp các dòng bị từ chối (mặc định <file>.rejected.csv)',
          en: 'rejected rows (default <file>.rejected.csv)',
        }),
      )
      .option('--no-youth-union', say({ vi: 'đơn vị không có tổ chức Đoàn', en: 'the unit has no Youth Union' })),
  ).action((file: string, opts: ImportOptions) => importList(file, opts));
}

async function importList(file: string, values: ImportOptions) {
  const target = apiTarget(values);
  const list = await readListFile(file);
  const dryRun = Boolean(values.dryRun);

  const bar = new SingleBar({
    format: `${say(dryRun ? { vi: 'đang kiểm tra', en: 'checking' } : { vi: 'đang nhập', en: 'importing' })} [{bar}] {value}/{total}`,
    stream: process.stderr,
  });
  if (process.stderr.isTTY && !values.json) bar.start(list.rows.length, 0);
  const summary = { registered: 0, would_register: 0, exists: 0, rejected: 0 };
  const rejected: Array<{ line: number; caseId: string; fullName: string; field: string; message: string }> = [];
  const results: Array<{ line: number; status: string; caseId?: string }> = [];
  try {
    for (let from = 0; from < list.rows.length; from += BATCH) {
      const batch = list.rows.slice(from, from + BATCH);
      const res = await call<ImportResponse>(target, 'POST', '/imports', {
        cellId: values.cell,
        youthUnionExists: values.youthUnion,
        dryRun,
        rows: batch.map((r) => r.data),
      });
      for (const r of res.rows) {
        const source = batch[r.index]!;
        summary[r.status]++;
        results.push({ line: source.line, status: r.status, caseId: r.caseId });
        for (const e of r.errors ?? [])
          rejected.push({
            line: source.line,
            caseId: r.caseId ?? '',
            fullName: String(source.data.fullName ?? ''),
            ...e,
          });
      }
      bar.increment(batch.length);
    }
  } finally {
    bar.stop();
  }

  const report = rejected.length ? (values.report ?? `${file}.rejected.csv`) : undefined;
  if (report)
    writeFileSync(
      report,
      stringify(rejected, { header: true, columns: ['line', 'fullName', 'caseId', 'field', 'message'], bom: true }),
    );
  print(
    values.json,
    { file, dryRun, summary, report: report ?? null, ignoredColumns: list.ignoredColumns, results },
    () =>
      [
        table(
          [dryRun ? 'Kiểm tra thử / dry run' : 'Nhập danh sách / import', 'Số dòng / rows'],
          [
            ...(dryRun
              ? [['sẽ đăng ký / would register', summary.would_register]]
              : [['đã đăng ký / registered', summary.registered]]),
            ['đã có / already registered', summary.exists],
            ['bị từ chối / rejected', summary.rejected],
          ],
        ),
        list.ignoredColumns.length
          ? say({ vi: 'cột bỏ qua: ', en: 'ignored columns: ' }) + list.ignoredColumns.join(', ')
          : '',
        report ? say({ vi: 'các dòng bị từ chối và lý do: ', en: 'rejected rows with reasons: ' }) + report : '',
      ]
        .filter(Boolean)
        .join('\n'),
  );
  if (summary.rejected) process.exitCode = 3;
}
