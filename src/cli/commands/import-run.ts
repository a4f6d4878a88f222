/** What `pipeline import` does, loaded only when it runs (reading Excel is heavy for every other command). */
import { writeFileSync } from 'node:fs';
import { SingleBar } from 'cli-progress';
import { stringify } from 'csv-stringify/sync';
import type { ImportResponse } from '../../schemas/import';
import { readListFile } from '../../import/read-file';
import { apiTarget, call } from '../api-client';
import { print, table } from '../format';
import { say } from '../lang';
import type { ImportOptions } from './import';

const BATCH = 200;

export async function importList(file: string, values: ImportOptions) {
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
