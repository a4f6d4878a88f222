/**
 * `pipeline import <file> --cell <id>`: a cell's existing list (CSV or .xlsx)
 * registered through the API in batches. Each row goes in or is rejected on
 * its own; rejected rows are written with their reasons to a report file;
 * running it again registers nobody twice.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { SingleBar } from 'cli-progress';
import { stringify } from 'csv-stringify/sync';
import type { ImportResponse } from '../../schemas/import';
import { readListFile } from '../../import/read-file';
import { apiTarget, call } from '../api-client';
import { print, table } from '../format';
import { CliOptions, UsageError } from '../usage';

const BATCH = 200;

export async function importCommand(args: string[]) {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      ...CliOptions,
      cell: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      report: { type: 'string' },
      'no-youth-union': { type: 'boolean', default: false },
    },
  });
  const [file] = positionals;
  if (!file) throw new UsageError('import: missing <file> (.csv or .xlsx)');
  if (!values.cell) throw new UsageError('import: missing --cell <cell id>');
  const target = apiTarget(values);
  const list = await readListFile(file);
  const dryRun = values['dry-run'];

  const bar = new SingleBar({
    format: `${dryRun ? 'checking' : 'importing'} [{bar}] {value}/{total} rows`,
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
        youthUnionExists: !values['no-youth-union'],
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
        list.ignoredColumns.length ? `ignored columns: ${list.ignoredColumns.join(', ')}` : '',
        report ? `rejected rows with reasons: ${report}` : '',
      ]
        .filter(Boolean)
        .join('\n'),
  );
  if (summary.rejected) process.exitCode = 3;
}
