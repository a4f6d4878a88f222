/**
 * The dashboard's import, over the bulk import of import-cases.ts: a list file checked as a dry run (nothing is
 * registered before the user confirms), its rejected rows as a CSV, and a confirmed import answered as a stream of
 * progress lines. A confirmed row is registered under its derived case id, so a confirmation sent twice (a retry, a
 * lost connection) finds the cases the first one registered instead of registering them again.
 */
import { PassThrough, type Readable } from 'node:stream';
import type { ImportRequest } from '../schemas/import';
import type { ImportFileQuery, ImportPreview, ImportProgressLine } from '../schemas/import-preview';
import type { ListFile } from '../import/read-file';
import { importRows } from './import-cases';

type ImportDeps = Parameters<typeof importRows>[0];

export async function previewList(
  deps: ImportDeps,
  query: ImportFileQuery,
  list: ListFile,
  format: ImportPreview['format'],
): Promise<ImportPreview> {
  const checked = list.rows.length
    ? await importRows(deps, { ...query, dryRun: true, rows: list.rows.map((r) => r.data) })
    : { summary: { registered: 0, would_register: 0, exists: 0, rejected: 0 }, rows: [] };
  return {
    cellId: query.cellId,
    format,
    ignoredColumns: list.ignoredColumns,
    summary: checked.summary,
    rows: checked.rows.map(({ index, ...verdict }) => {
      const source = list.rows[index]!;
      return { ...verdict, line: source.line, fullName: String(source.data.fullName ?? ''), data: source.data };
    }),
  };
}

/** The rejected rows' errors by their line in the file. */
export const rejectedByLine = (preview: ImportPreview) =>
  new Map(preview.rows.filter((r) => r.status === 'rejected').map((r) => [r.line, r.errors ?? []]));

/**
 * A confirmed import answered as it goes: one JSON line per settled row with the count done, then the whole result
 * (or the error that stopped it). The rows are registered whether or not anyone still reads the stream.
 */
export function importWithProgress(deps: ImportDeps, req: ImportRequest): Readable {
  const out = new PassThrough();
  const line = (l: ImportProgressLine) => out.write(`${JSON.stringify(l)}\n`);
  let done = 0;
  const total = req.rows.length;
  importRows(deps, req, undefined, (row) => line({ done: ++done, total, row })).then(
    (result) => (line({ result }), out.end()),
    (err: unknown) => (line({ error: err instanceof Error ? err.message : String(err) }), out.end()),
  );
  return out;
}
