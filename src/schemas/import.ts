/**
 * A row of a cell's existing list of candidates, as cells keep it today:
 * dates as dd/MM/yyyy or yyyy-MM-dd, education and yes/no in Vietnamese or
 * English. Each row is parsed on its own so one bad row names its fields and
 * never stops the others.
 */
import { z } from 'zod';
import { DATE_PATTERN } from '../charter/dates';
import { IsoDate } from './iso-date';
import { CandidateProfile, EducationException } from './candidate';
import { CaseId, OrgId } from './common';
import { educationOf, EducationWritten } from './education';
import { FieldError } from './field-errors';

const DMY = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;

/** dd/MM/yyyy (the form on every paper) or ISO; anything else is refused in the list's own terms. */
const ListDate = z.preprocess((v, ctx) => {
  if (typeof v !== 'string') return v;
  const m = DMY.exec(v.trim());
  if (m) return `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  if (!DATE_PATTERN.test(v.trim()))
    ctx.addIssue({
      code: 'custom',
      input: v,
      params: { code: 'date_format' },
      message: 'write the date as dd/MM/yyyy',
    });
  return v.trim();
}, IsoDate);

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/gi, 'd')
    .toLowerCase()
    .trim();

const YES = new Set(['x', 'co', 'yes', 'true', '1', 'y']);
const NO = new Set(['', 'khong', 'no', 'false', '0', 'n']);
/** A tick column: "x", "có", "yes", "1" or empty / "không". */
const ListFlag = z.preprocess((v) => {
  if (v === undefined || v === null) return false;
  if (typeof v !== 'string') return v;
  const f = fold(v);
  return YES.has(f) ? true : NO.has(f) ? false : v;
}, z.boolean());

/** A row as parsed: education as the level the rule reads and, beside it, the words the list wrote. */
export const ImportRow = z
  .strictObject({
    /** The case id to use; derived from the cell, name and birth date when absent, so a re-import finds the same case. */
    caseId: z.preprocess((v) => (v === '' ? undefined : v), CaseId.optional()),
    fullName: CandidateProfile.shape.fullName,
    birthDate: ListDate,
    education: EducationWritten,
    educationException: z.preprocess((v) => (v === '' ? undefined : v), EducationException.optional()),
    youthUnionMember: ListFlag,
    tradeUnionMember: ListFlag,
    /** The day the cell put the person on its list of outstanding masses. */
    registeredOn: ListDate,
  })
  .transform((row) => ({ ...row, ...educationOf(row.education) }));
export type ImportRow = z.infer<typeof ImportRow>;

/** At most this many rows per request; the CLI sends a long list in batches. */
export const IMPORT_BATCH_MAX = 500;

export const ImportRequest = z.strictObject({
  cellId: OrgId,
  /** Whether the cell's unit has a Youth Union organisation (decides the introducer route). */
  youthUnionExists: z.boolean().default(true),
  dryRun: z.boolean().default(false),
  rows: z
    .array(z.record(z.string().max(100), z.unknown()))
    .min(1)
    .max(IMPORT_BATCH_MAX),
});
export type ImportRequest = z.infer<typeof ImportRequest>;

export const ImportRowResult = z.object({
  index: z.number().int(),
  status: z.enum(['registered', 'would_register', 'exists', 'rejected']),
  caseId: z.string().optional(),
  /**
   * Each field at fault: `field` is its path and `message` both languages in one line (as before); `label`,
   * `code`, `vi` and `en` are the words the API's 400 list uses (src/schemas/field-errors.ts).
   */
  errors: z
    .array(
      z.object({
        field: z.string(),
        message: z.string(),
        label: FieldError.shape.field.optional(),
        code: FieldError.shape.code.optional(),
        vi: z.string().optional(),
        en: z.string().optional(),
      }),
    )
    .optional(),
});
export type ImportRowResult = z.infer<typeof ImportRowResult>;

export const ImportResponse = z.object({
  dryRun: z.boolean(),
  summary: z.record(ImportRowResult.shape.status, z.number().int()),
  rows: z.array(ImportRowResult),
});
export type ImportResponse = z.infer<typeof ImportResponse>;
