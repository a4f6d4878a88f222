/**
 * The rejected rows of a list, as the cell wrote them, with what is wrong in a last column: the file a secretary
 * corrects and imports again (the extra column matches no field, so the next import ignores it).
 */
import { stringify } from 'csv-stringify/sync';
import { headerKey, type ListFile } from './read-file';

export const ERROR_COLUMN = 'Lỗi / Error';

/** An error of a row as the API reports it (ImportRowResult's), read loosely: the label and words when given. */
type RowError = { field: string; message: string; label?: { vi: string }; vi?: string };

/** The errors of a row, each named by its label, else by the column of `headers` it was read from. */
export function errorText(errors: readonly RowError[], headers: readonly string[] = []): string {
  const fieldOf = (e: RowError) => e.label?.vi ?? headers.find((h) => headerKey(h) === e.field) ?? e.field;
  return errors.map((e) => `${fieldOf(e)}: ${e.vi ?? e.message}`).join('; ');
}

export function rejectedCsv(list: ListFile, rejected: Map<number, readonly RowError[]>): string {
  const rows = list.rows
    .filter((r) => rejected.has(r.line))
    .map((r) => [...list.headers.map((_, i) => r.cells[i] ?? ''), errorText(rejected.get(r.line)!, list.headers)]);
  // A BOM so Excel opens the Vietnamese text as UTF-8.
  return stringify([[...list.headers, ERROR_COLUMN], ...rows], { bom: true });
}
