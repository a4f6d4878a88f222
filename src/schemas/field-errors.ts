/**
 * What is wrong with a field, in words a secretary reads: every zod issue the
 * API's and import's schemas can raise, as a stable code and a sentence in
 * Vietnamese and English. It is zod's error customisation (a per-parse error
 * map), and the machine-readable list the API answers a 400 with is built by
 * the same function, so the dashboard, the CLI and import reports say the
 * same words. Messages do not repeat the field's label: the list carries it
 * (fieldLabel), and a form shows the message beside the field.
 */
import { z } from 'zod';
import { DATE_PATTERN, formatVi } from '../charter/dates';
import { CASE_ID_PATTERN, MINUTES_HASH_PATTERN, ORG_ID_PATTERN } from './common';
import { fieldLabel } from './field-labels';
import type { FieldName } from './text';

export const ERROR_CODES = [
  'required',
  'wrong_type',
  'not_integer',
  'blank',
  'too_short',
  'too_long',
  'too_small',
  'too_big',
  'too_few',
  'too_many',
  'not_a_choice',
  'unknown_field',
  'bad_format',
  'date_format',
  'date_not_real',
  'date_in_future',
  'date_order',
  'minutes_hash',
  'org_id',
  'case_id',
  'unprintable',
  'education_unknown',
  'tally',
  'unknown_cell',
  'unknown_committee',
  'not_competent',
  'invalid',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface Explained {
  code: ErrorCode;
  vi: string;
  en: string;
}

export const FieldError = z.object({
  /** Where the field is in the request, dot-separated (`profile.birthDate`, `tally.minutesHash`). */
  path: z.string(),
  /** The field as the form labels it. */
  field: z.object({ vi: z.string(), en: z.string() }),
  code: z.enum(ERROR_CODES),
  vi: z.string(),
  en: z.string(),
});
export type FieldError = z.infer<typeof FieldError>;

/** An issue as zod hands it to an error map (raw) or reports it (with `reportInput`): the fields read here. */
type AnyIssue = z.core.$ZodRawIssue | z.core.$ZodIssue;

const TYPES: Record<string, [string, string]> = {
  string: ['một chuỗi ký tự', 'text'],
  number: ['một số', 'a number'],
  int: ['một số nguyên', 'a whole number'],
  boolean: ['có hoặc không', 'yes or no'],
  array: ['một danh sách', 'a list'],
  object: ['một nhóm thông tin', 'a group of fields'],
};

const PATTERNS: Array<[RegExp, ErrorCode, string, string]> = [
  [
    DATE_PATTERN,
    'date_format',
    'phải viết ngày dạng yyyy-MM-dd, ví dụ 2026-11-23',
    'write the date as yyyy-MM-dd, e.g. 2026-11-23',
  ],
  [
    MINUTES_HASH_PATTERN,
    'minutes_hash',
    'phải là mã SHA-256 của biên bản (64 ký tự 0-9, a-f): chọn tệp biên bản để tính',
    'must be the SHA-256 of the minutes (64 characters 0-9, a-f): choose the minutes file to compute it',
  ],
  [
    ORG_ID_PATTERN,
    'org_id',
    'là mã tổ chức viết thường, ví dụ cb-thpt-a',
    'is an organisation id in lower case, e.g. cb-thpt-a',
  ],
  [
    CASE_ID_PATTERN,
    'case_id',
    'chỉ gồm chữ, số, dấu chấm, gạch ngang, gạch dưới',
    'may hold only letters, digits, dot, dash and underscore',
  ],
];

const say = (code: ErrorCode, vi: string, en: string): Explained => ({ code, vi, en });

/** An ISO date as a person reads it (dd/MM/yyyy), whether or not the day exists. */
const dmy = (v: unknown) => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? formatVi(v as never) : String(v));

function custom(iss: AnyIssue & { code: 'custom' }): Explained {
  const params = (iss.params ?? {}) as { code?: string; char?: string; vi?: string; en?: string };
  switch (params.code) {
    // Where dates are written as on paper (a cell's list): the format it asks for is dd/MM/yyyy.
    case 'date_format':
      return say(
        'date_format',
        'phải viết ngày dạng dd/MM/yyyy, ví dụ 23/11/2026',
        'write the date as dd/MM/yyyy, e.g. 23/11/2026',
      );
    case 'date_not_real':
      return say(
        'date_not_real',
        `không có ngày ${dmy(iss.input)} trong lịch (ví dụ 31/02)`,
        `${dmy(iss.input)} is not a real date (e.g. 31/02)`,
      );
    case 'unprintable':
      return say(
        'unprintable',
        `có ký tự không in được (${params.char}), hãy gõ lại`,
        `contains a character that cannot be printed (${params.char}); type it again`,
      );
    case 'education_unknown':
      return say(
        'education_unknown',
        'không đọc được trình độ này: viết ví dụ 9/12, 12/12, Trung cấp, Cao đẳng, Đại học, Thạc sĩ',
        'not an education this reads: write e.g. 9/12, 12/12, Trung cấp, Cao đẳng, Đại học, Thạc sĩ',
      );
    case 'tally':
      return say('tally', params.vi ?? iss.message ?? '', params.en ?? iss.message ?? '');
  }
  return say('invalid', iss.message ?? 'không hợp lệ', iss.message ?? 'is not valid');
}

/** One issue as a code and a sentence in each language. */
export function explainIssue(iss: AnyIssue): Explained {
  switch (iss.code) {
    case 'invalid_type': {
      if (iss.input === undefined) return say('required', 'bắt buộc phải có', 'is required');
      if (iss.expected === 'int') return say('not_integer', 'phải là một số nguyên', 'must be a whole number');
      const [vi, en] = TYPES[iss.expected] ?? [iss.expected, iss.expected];
      return say('wrong_type', `phải là ${vi}`, `must be ${en}`);
    }
    case 'too_small': {
      const n = Number(iss.minimum);
      if (iss.origin === 'string')
        return n <= 1
          ? say('blank', 'không được để trống', 'must not be blank')
          : say('too_short', `phải có ít nhất ${n} ký tự`, `must have at least ${n} characters`);
      if (iss.origin === 'array' || iss.origin === 'set')
        return say('too_few', `cần ít nhất ${n} mục`, `needs at least ${n} items`);
      return iss.inclusive
        ? say('too_small', `ít nhất là ${n}`, `must be at least ${n}`)
        : say('too_small', `phải lớn hơn ${n}`, `must be more than ${n}`);
    }
    case 'too_big': {
      const n = Number(iss.maximum);
      if (iss.origin === 'string') return say('too_long', `dài quá ${n} ký tự`, `is longer than ${n} characters`);
      if (iss.origin === 'array' || iss.origin === 'set')
        return say('too_many', `nhiều nhất ${n} mục`, `takes at most ${n} items`);
      return iss.inclusive
        ? say('too_big', `nhiều nhất là ${n}`, `must be at most ${n}`)
        : say('too_big', `phải nhỏ hơn ${n}`, `must be less than ${n}`);
    }
    case 'invalid_format': {
      const known = iss.format === 'regex' && PATTERNS.find(([re]) => String(re) === iss.pattern);
      if (known) return say(known[1], known[2], known[3]);
      return say('bad_format', 'không đúng dạng', 'is not in the expected form');
    }
    case 'invalid_value':
      return say(
        'not_a_choice',
        `phải là một trong: ${iss.values.map(String).join(', ')}`,
        `must be one of: ${iss.values.map(String).join(', ')}`,
      );
    case 'invalid_union':
      return 'discriminator' in iss && iss.discriminator
        ? say(
            'not_a_choice',
            `phải là một trong: ${((iss as { options?: unknown[] }).options ?? []).map(String).join(', ')}`,
            `must be one of: ${((iss as { options?: unknown[] }).options ?? []).map(String).join(', ')}`,
          )
        : say('invalid', 'không khớp dạng nào được nhận', 'matches none of the accepted forms');
    case 'unrecognized_keys':
      return say('unknown_field', 'không có trường này ở đây', 'is not a field here');
    case 'not_multiple_of':
      return say('invalid', `phải là bội số của ${iss.divisor}`, `must be a multiple of ${iss.divisor}`);
    case 'custom':
      return custom(iss);
    default:
      return say('invalid', 'không hợp lệ', 'is not valid');
  }
}

/** zod's error map: the message every issue carries, Vietnamese then English. */
export const bilingualErrorMap: z.core.$ZodErrorMap = (iss) => {
  const e = explainIssue(iss);
  return `${e.vi} / ${e.en}`;
};

/** How to parse so that issues can be explained: the bilingual map, and the input kept on each issue. */
export const EXPLAINED_PARSE = { error: bilingualErrorMap, reportInput: true } as const;

const pathOf = (path: readonly PropertyKey[]) => path.map(String).join('.');

/**
 * Every field's error, one per field (the first zod raised: a date written wrongly is not also "not a real
 * date"), in the order of the issues; an unknown key is its own field. Parse with EXPLAINED_PARSE.
 */
export function fieldErrorsOf(issues: readonly z.core.$ZodIssue[], prefix: readonly PropertyKey[] = []): FieldError[] {
  const out = new Map<string, FieldError>();
  for (const iss of issues) {
    const e = explainIssue(iss);
    const paths =
      iss.code === 'unrecognized_keys' ? iss.keys.map((k) => [...prefix, ...iss.path, k]) : [[...prefix, ...iss.path]];
    for (const p of paths) {
      const path = pathOf(p);
      if (!out.has(path)) out.set(path, { path, field: fieldLabel(p), code: e.code, vi: e.vi, en: e.en });
    }
  }
  return [...out.values()];
}

/** A field's error as one line: "Ngày sinh: bắt buộc phải có / Birth date: is required". */
export const fieldErrorLine = (e: { field: FieldName; vi: string; en: string }) =>
  `${e.field.vi}: ${e.vi} / ${e.field.en}: ${e.en}`;

/** A field's error raised by the API itself (not by a schema), in the same shape. */
export function fieldError(path: string, code: ErrorCode, vi: string, en: string): FieldError {
  return { path, field: fieldLabel(path.split('.')), code, vi, en };
}
