/**
 * The words every field error is said in: each code in Vietnamese and English, the field named by its label as
 * the form shows it (never its path), and one error per field for the whole request.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { IsoDate } from '../../src/schemas/iso-date';
import { CommandBody } from '../../src/schemas/command-body';
import { CaseId, MinutesHash, OrgId } from '../../src/schemas/common';
import { EducationWritten } from '../../src/schemas/education';
import { ERROR_CODES, EXPLAINED_PARSE, fieldErrorsOf, type FieldError } from '../../src/schemas/field-errors';
import { FIELD_LABELS } from '../../src/schemas/field-labels';
import { ImportRow } from '../../src/schemas/import';
import { RegistrationBody } from '../../src/schemas/registration-body';
import { personName } from '../../src/schemas/text';

const errorsOf = (schema: z.ZodType, value: unknown): FieldError[] => {
  const r = schema.safeParse(value, EXPLAINED_PARSE);
  return r.success ? [] : fieldErrorsOf(r.error.issues);
};
const one = (schema: z.ZodType, value: unknown) => {
  const [e, ...more] = errorsOf(z.object({ x: schema }), { x: value });
  expect(more).toEqual([]);
  return e!;
};

describe('each code, in both languages', () => {
  const cases: Array<[string, z.ZodType, unknown, FieldError['code'], RegExp, RegExp]> = [
    ['missing', z.string(), undefined, 'required', /bắt buộc/, /required/],
    ['not text', z.string(), 4, 'wrong_type', /chuỗi ký tự/, /must be text/],
    ['not a number', z.number(), 'a', 'wrong_type', /một số/, /a number/],
    ['not whole', z.number().int(), 1.5, 'not_integer', /số nguyên/, /whole number/],
    ['blank', personName({ vi: 'Họ và tên', en: 'name' }), '  ', 'blank', /để trống/, /blank/],
    ['short', z.string().min(3), 'ab', 'too_short', /ít nhất 3 ký tự/, /at least 3 characters/],
    ['long', z.string().max(3), 'abcd', 'too_long', /dài quá 3 ký tự/, /longer than 3/],
    ['small', z.number().min(2), 1, 'too_small', /ít nhất là 2/, /at least 2/],
    ['big', z.number().max(2), 3, 'too_big', /nhiều nhất là 2/, /at most 2/],
    ['few', z.array(z.string()).min(1), [], 'too_few', /ít nhất 1 mục/, /at least 1 item/],
    ['many', z.array(z.string()).max(1), ['a', 'b'], 'too_many', /nhiều nhất 1 mục/, /at most 1 item/],
    [
      'choice',
      z.enum(['admit', 'refuse']),
      'maybe',
      'not_a_choice',
      /một trong: admit, refuse/,
      /one of: admit, refuse/,
    ],
    ['format', z.string().regex(/^x$/), 'y', 'bad_format', /không đúng dạng/, /expected form/],
    ['date format', IsoDate, '23/11/2026', 'date_format', /yyyy-MM-dd/, /yyyy-MM-dd/],
    [
      'date not real',
      IsoDate,
      '2026-02-31',
      'date_not_real',
      /không có ngày 31\/02\/2026/,
      /31\/02\/2026 is not a real date/,
    ],
    ['hash', MinutesHash, 'abc', 'minutes_hash', /SHA-256/, /SHA-256/],
    ['org id', OrgId, 'CB A', 'org_id', /mã tổ chức/, /organisation id/],
    ['case id', CaseId, '-x y', 'case_id', /chữ, số/, /letters, digits/],
    ['unprintable', personName({ vi: 'Tên', en: 'name' }), 'A\u0000', 'unprintable', /U\+0000/, /U\+0000/],
    ['education', EducationWritten, 'giỏi', 'education_unknown', /12\/12/, /12\/12/],
    ['custom', z.string().refine(() => false, 'nope'), 'a', 'invalid', /nope/, /nope/],
  ];
  test.each(cases)('%s', (_name, schema, value, code, vi, en) => {
    const e = one(schema, value);
    expect(e).toMatchObject({ path: 'x', code });
    expect(e.vi).toMatch(vi);
    expect(e.en).toMatch(en);
    // A message never repeats a label nor leaks zod's own English into the Vietnamese.
    expect(e.vi).not.toMatch(/Invalid|expected|Too small|Too big/);
  });
  test('an unknown key is its own field', () => {
    expect(errorsOf(z.strictObject({ a: z.string() }), { a: 'x', colour: 1 })).toEqual([
      {
        path: 'colour',
        field: { vi: 'colour', en: 'colour' },
        code: 'unknown_field',
        vi: 'không có trường này ở đây',
        en: 'is not a field here',
      },
    ]);
  });
  test('a tally that does not add up says why in both languages', () => {
    const e = errorsOf(CommandBody, {
      type: 'RECORD_CELL_VOTE',
      form: '6-KNĐ',
      date: '2026-01-05',
      signedBy: 'Trần Văn Bình',
      resolution: 'propose_admission',
      tally: { officialMembers: 5, present: 5, yes: 4, no: 2, minutesHash: 'a'.repeat(64) },
    });
    expect(e).toEqual([
      {
        path: 'tally.yes',
        field: { vi: 'Biểu quyết – Tán thành', en: 'Vote – Yes' },
        code: 'tally',
        vi: 'số tán thành cộng không tán thành vượt quá số có mặt',
        en: 'yes and no exceed the members present',
      },
    ]);
  });
  test('every code is reachable from some case above or from the API itself', () => {
    const shown = new Set(cases.map((c) => c[3]));
    const raisedByTheApi = [
      'unknown_field',
      'tally',
      'date_in_future',
      'date_order',
      'unknown_cell',
      'unknown_committee',
      'not_competent',
    ];
    expect(ERROR_CODES.filter((c) => !shown.has(c) && !raisedByTheApi.includes(c))).toEqual([]);
  });
});

describe('labels, not paths', () => {
  test('a registration with several mistakes lists every field once, by its label', () => {
    const e = errorsOf(RegistrationBody, {
      profile: { fullName: '', birthDate: '2001-02-29', education: 'giỏi' },
      cellId: 'cb-thpt-a',
      registeredOn: 'hôm qua',
    });
    expect(e.map((x) => [x.path, x.field.vi, x.field.en, x.code])).toEqual([
      ['profile.fullName', 'Họ và tên', 'Full name', 'blank'],
      ['profile.birthDate', 'Ngày sinh', 'Birth date', 'date_not_real'],
      ['profile.education', 'Trình độ học vấn', 'Education', 'education_unknown'],
      ['registeredOn', 'Ngày đưa vào diện quần chúng ưu tú', 'Registered on', 'date_format'],
    ]);
  });
  test('a nested field is named within its group, a missing one as required', () => {
    const e = errorsOf(CommandBody, {
      type: 'RECORD_INTRODUCTION',
      form: '3-KNĐ',
      slot: 1,
      date: '2026-01-05',
      introducer: { kind: 'official_member' },
    });
    expect(e).toEqual([
      {
        path: 'introducer.fullName',
        field: { vi: 'Người giới thiệu – Họ và tên', en: 'Introducer – Full name' },
        code: 'required',
        vi: 'bắt buộc phải có',
        en: 'is required',
      },
      {
        path: 'signedBy',
        field: { vi: 'Người ký', en: 'Signed by' },
        code: 'required',
        vi: 'bắt buộc phải có',
        en: 'is required',
      },
    ]);
  });
  test("a list's dates are asked for as dd/MM/yyyy, and a day that does not exist is said so", () => {
    const e = errorsOf(ImportRow, {
      fullName: 'An',
      birthDate: 'năm 2000',
      education: '12/12',
      registeredOn: '31/02/2026',
    });
    expect(e.map((x) => [x.path, x.code, x.vi])).toEqual([
      ['birthDate', 'date_format', 'phải viết ngày dạng dd/MM/yyyy, ví dụ 23/11/2026'],
      ['registeredOn', 'date_not_real', 'không có ngày 31/02/2026 trong lịch (ví dụ 31/02)'],
    ]);
  });
  test("the dashboard's labels are these labels", () => {
    const source = readFileSync(join(__dirname, '../../src/web/public/form-labels.js'), 'utf8');
    const { FIELD_NAMES } = new Function(
      `${source.replaceAll('export const', 'const')}; return { FIELD_NAMES };`,
    )() as {
      FIELD_NAMES: Record<string, [string, string]>;
    };
    const fromForms = Object.fromEntries(Object.entries(FIELD_NAMES).map(([k, [vi, en]]) => [k, { vi, en }]));
    const ours = Object.fromEntries(Object.keys(fromForms).map((k) => [k, FIELD_LABELS[k]]));
    expect(ours).toEqual(fromForms);
  });
});
