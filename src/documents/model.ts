/**
 * An official document as both renderers read it (docx.ts, pdf.ts): the parts Guidance 36-HD/VPTW lays out, in the
 * order they appear, already worded. Building one is the forms' job (case-forms.ts, report-form.ts); a renderer only
 * places them, so the DOCX and the PDF of a document always say the same thing.
 */
import type { IsoDate } from '../charter/dates';

/** The forms the engine fills in for a case: those the cell and the committees issue themselves. */
export const CASE_FORMS = ['6-KNĐ', '8-KNĐ', '9-KNĐ', '13-KNĐ', '15-KNĐ', '16-KNĐ'] as const;
export type CaseForm = (typeof CASE_FORMS)[number];
/** The committee's annual admission report, numbered in the BC series like any report. */
export const REPORT_FORM = 'BC-KNĐ';
export type DocumentForm = CaseForm | typeof REPORT_FORM;

/** Resolution, decision, report: the series of a body's numbers ("Số 12-NQ/CB"). */
export type Series = 'NQ' | 'QĐ' | 'BC';

export interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
}

export type Block =
  /** Body text; `indent` is the first-line indent of running prose. */
  | { kind: 'paragraph'; runs: Run[]; align?: 'left' | 'center' | 'justify'; indent?: boolean }
  /** A table: the annual report's rows; `bold` rows are totals. */
  | { kind: 'table'; columns: string[]; widths: number[]; rows: Array<{ cells: string[]; bold?: boolean }> };

export interface Issuer {
  id: string;
  /** "ĐẢNG BỘ XÃ A": the body directly above, upper case (top left, first line). */
  superiorLine: string;
  /** "CHI BỘ TRƯỜNG THPT A": the issuing body, upper case, bold (top left, second line). */
  nameLine: string;
  /** "CB", "ĐU", "HU", "TU": after the series in the number. */
  abbreviation: string;
  /** "T/M CHI BỘ", "T/M ĐẢNG ỦY", "T/M BAN THƯỜNG VỤ": who the signer signs for. */
  signsFor: string;
}

export interface DocumentNumber {
  /** null: no number suggested (never the case in practice), shown as a blank to fill in by hand. */
  value: number | null;
  series: Series;
  /** Whether it is recorded as used (else a suggestion, a preview). */
  recorded: boolean;
}

export interface OfficialDocument {
  form: DocumentForm;
  /** The step of the case's trail it records; null for a report. */
  trailSeq: number | null;
  issuer: Issuer;
  number: DocumentNumber;
  place: string;
  date: IsoDate;
  /** "NGHỊ QUYẾT", "QUYẾT ĐỊNH", "BÁO CÁO". */
  title: string;
  /** "đề nghị kết nạp đảng viên": under the title, bold. */
  subject: string;
  /** "Căn cứ …" lines, each ending with its punctuation. */
  grounds: string[];
  body: Block[];
  signature: { signsFor: string; position: string; name: string };
  recipients: string[];
  /** ASCII file name without extension: "6-KND-hoa-1995". */
  fileBase: string;
}

export const paragraph = (text: string, options: Partial<Omit<Extract<Block, { kind: 'paragraph' }>, 'kind'>> = {}) =>
  ({ kind: 'paragraph', runs: [{ text }], indent: true, align: 'justify', ...options }) as Block;

/** "Điều 1. …": the article's label bold, its text plain. */
export const article = (n: number, text: string): Block => ({
  kind: 'paragraph',
  runs: [{ text: `Điều ${n}. `, bold: true }, { text }],
  indent: true,
  align: 'justify',
});

/** A centred bold line inside the body: "QUYẾT NGHỊ", "ĐẢNG ỦY XÃ A QUYẾT ĐỊNH". */
export const heading = (text: string): Block => ({ kind: 'paragraph', runs: [{ text, bold: true }], align: 'center' });
