/**
 * The dashboard's import: a list file checked row by row before anything is registered (the preview), and the
 * progress lines of a confirmed import. Same row verdicts as POST /imports, plus what a person needs to recognise
 * each row (its line in the file and the name written there) and the values to send when they confirm.
 */
import { z } from 'zod';
import { OrgId } from './common';
import { ImportResponse, ImportRowResult } from './import';

/** At most this many rows in one file; a longer list is split (or imported with `pipeline import`). */
export const PREVIEW_ROWS_MAX = 5000;
/** A list of that many rows with room for notes columns; an upload larger than this is refused with 413. */
export const UPLOAD_BYTES_MAX = 5 * 1024 * 1024;

export const ImportFileQuery = z.strictObject({
  cellId: OrgId,
  /** Whether the cell's unit has a Youth Union organisation (as POST /imports). */
  youthUnionExists: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
});
export type ImportFileQuery = z.infer<typeof ImportFileQuery>;

export const PreviewRow = ImportRowResult.omit({ index: true }).extend({
  /** The row's line in the CSV file, or its row number in the sheet. */
  line: z.number().int(),
  fullName: z.string(),
  /** The row's values keyed by ImportRow's fields: what POST /imports is sent when the user confirms. */
  data: z.record(z.string(), z.unknown()),
});
export type PreviewRow = z.infer<typeof PreviewRow>;

export const ImportPreview = z.object({
  cellId: z.string(),
  format: z.enum(['csv', 'xlsx']),
  ignoredColumns: z.array(z.string()),
  summary: ImportResponse.shape.summary,
  rows: z.array(PreviewRow),
});
export type ImportPreview = z.infer<typeof ImportPreview>;

/** One line of a confirmed import's streamed answer (application/x-ndjson): progress, then the result. */
export type ImportProgressLine =
  { done: number; total: number; row: ImportRowResult } | { result: ImportResponse } | { error: string };
