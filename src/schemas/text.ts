/**
 * Text a person types: names, document numbers, reasons, findings, notes,
 * addresses. It ends up in official records, in exports an auditor hashes,
 * and in printable pages and spreadsheets, so it is stored in one canonical form:
 * Unicode NFC (a name typed on a phone and on Windows compares equal),
 * trimmed, never blank, no control characters, and no invisible characters
 * that reorder or hide what a reader sees. Every refusal names the field in
 * Vietnamese and English, because a secretary reads the message, not the path.
 *
 * Only zod "checks" are used (an overwrite and checks), never a transform, so
 * the schemas still describe themselves in the OpenAPI document.
 */
import { z } from 'zod';
import type { Bilingual } from '../charter/rule';
import { namedCheck, namedOverwrite, say } from './compiled/named';

/** A field's name in both languages, as its messages say it. */
export type FieldName = Bilingual;

export interface TextOptions {
  max: number;
  /** Reasons, findings and notes may span lines: tab and newline are allowed there, and CR LF becomes LF. */
  multiline?: boolean;
}

export function typedText(name: FieldName, { max, multiline = false }: TextOptions) {
  // The canonical form and what prints are named checks (src/schemas/compiled/named.ts): the workflows read
  // commands with the same functions, without zod.
  return z
    .string({
      error: (iss) =>
        iss.input === undefined
          ? say(name, 'bắt buộc phải có', 'is required')
          : say(name, 'phải là một chuỗi ký tự', 'must be text'),
    })
    .overwrite(namedOverwrite('canonicalText', multiline))
    .min(1, { error: say(name, 'không được để trống', 'must not be blank') })
    .max(max, { error: say(name, `dài quá ${max} ký tự`, `is longer than ${max} characters`) })
    .check(namedCheck('printable', multiline, name));
}

/** A person's full name as it appears on the papers. */
export const personName = (name: FieldName) => typedText(name, { max: 200 });
