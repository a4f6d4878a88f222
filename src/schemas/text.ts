/**
 * Text a person types: names, document numbers, reasons, findings, notes,
 * addresses. It ends up in official records, in exports an auditor hashes,
 * and in printable pages and spreadsheets, so it is stored in one canonical form:
 * Unicode NFC (a name typed on a phone and on Windows compares equal),
 * trimmed, never blank, no control characters, and no invisible characters
 * that reorder or hide what a reader sees. Every refusal names the field in
 * Vietnamese and English, because a secretary reads the message, not the path.
 *
 * Only zod "checks" are used (normalize, trim, overwrite, refine), never a
 * transform, so the schemas still describe themselves in the OpenAPI document.
 */
import { z } from 'zod';

export interface FieldName {
  vi: string;
  en: string;
}

export interface TextOptions {
  max: number;
  /** Reasons, findings and notes may span lines: tab and newline are allowed there, and CR LF becomes LF. */
  multiline?: boolean;
}

/** C0 and C1 controls (NUL, ESC, DEL, …), line and paragraph separators, bidirectional overrides and isolates. */
const FORBIDDEN_SINGLE = /[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;
const FORBIDDEN_MULTI = /[^\P{Cc}\t\n]|[\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;
/** A lone UTF-16 surrogate: JSON can carry one ("\ud800"), no keyboard can type one, and no document can print it. */
const LONE_SURROGATE = /\p{Cs}/u;

const codePoint = (ch: string) => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
const both = (name: FieldName, vi: string, en: string) => `${name.vi}: ${vi} / ${name.en}: ${en}`;

export function typedText(name: FieldName, { max, multiline = false }: TextOptions) {
  const forbidden = multiline ? FORBIDDEN_MULTI : FORBIDDEN_SINGLE;
  let s = z.string({
    error: (iss) =>
      iss.input === undefined
        ? both(name, 'bắt buộc phải có', 'is required')
        : both(name, 'phải là một chuỗi ký tự', 'must be text'),
  });
  if (multiline) s = s.overwrite((v) => v.replace(/\r\n?/g, '\n'));
  return s
    .normalize('NFC')
    .trim()
    .min(1, { error: both(name, 'không được để trống', 'must not be blank') })
    .max(max, { error: both(name, `dài quá ${max} ký tự`, `is longer than ${max} characters`) })
    .check((ctx) => {
      const bad = forbidden.exec(ctx.value) ?? LONE_SURROGATE.exec(ctx.value);
      if (!bad) return;
      ctx.issues.push({
        code: 'custom',
        input: ctx.value,
        params: { code: 'unprintable', char: codePoint(bad[0]) },
        message: both(
          name,
          `có ký tự không in được (${codePoint(bad[0])}), hãy gõ lại`,
          `contains a character that cannot be printed (${codePoint(bad[0])}); type it again`,
        ),
      });
    });
}

/** A person's full name as it appears on the papers. */
export const personName = (name: FieldName) => typedText(name, { max: 200 });
