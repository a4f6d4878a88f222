/**
 * Document numbers in the app's database (table document_numbers): the number is the issuing body's to set; the
 * engine suggests the highest it has used that year in that series + 1, records the number a body used, and
 * refuses a number already given to another document (the unique index decides, so two offices recording at once
 * cannot both have it).
 */
import { and, eq, isNull, max } from 'drizzle-orm';
import type { Db } from '../db/open';
import { documentNumbers } from '../db/schema';
import type { Series } from './model';

export interface NumberKey {
  issuerId: string;
  year: number;
  series: Series;
}

/** Which document holds a number: a case's form, or a body's report (caseId null). */
export interface NumberHolder {
  caseId: string | null;
  form: string;
  number: number;
}

/** A number given to another document, or this document already numbered otherwise. */
export class NumberTaken extends Error {
  constructor(
    readonly holder: NumberHolder,
    readonly reason: { vi: string; en: string },
  ) {
    super(reason.en);
  }
}

/** The highest number the body used in the year and series, + 1 (1 for the first). */
export async function suggestNumber(db: Db, key: NumberKey): Promise<number> {
  const [row] = await db
    .select({ top: max(documentNumbers.number) })
    .from(documentNumbers)
    .where(
      and(
        eq(documentNumbers.issuerId, key.issuerId),
        eq(documentNumbers.year, key.year),
        eq(documentNumbers.series, key.series),
      ),
    );
  return (row?.top ?? 0) + 1;
}

/**
 * The document of a case (caseId) or a body's report (caseId null, by issuer and year; its form names the year it
 * reports on, "BC-KNĐ 2026"): its recorded number.
 */
export async function recordedNumber(
  db: Db,
  doc: { caseId: string | null; form: string; issuerId: string; year: number },
): Promise<number | null> {
  const [row] = await db
    .select({ number: documentNumbers.number })
    .from(documentNumbers)
    .where(
      doc.caseId === null
        ? and(
            isNull(documentNumbers.caseId),
            eq(documentNumbers.form, doc.form),
            eq(documentNumbers.issuerId, doc.issuerId),
            eq(documentNumbers.year, doc.year),
          )
        : and(eq(documentNumbers.caseId, doc.caseId), eq(documentNumbers.form, doc.form)),
    );
  return row?.number ?? null;
}

/** Every number recorded for a case's documents, by form. */
export async function caseNumbers(db: Db, caseId: string): Promise<Record<string, number>> {
  const rows = await db
    .select({ form: documentNumbers.form, number: documentNumbers.number })
    .from(documentNumbers)
    .where(eq(documentNumbers.caseId, caseId));
  return Object.fromEntries(rows.map((r) => [r.form, r.number]));
}

const isUniqueViolation = (err: unknown): boolean => {
  for (let e: unknown = err; e; e = (e as { cause?: unknown }).cause)
    if ((e as { code?: unknown }).code === '23505') return true;
  return false;
};

const nameOf = (h: NumberHolder) =>
  h.caseId === null
    ? { vi: `báo cáo ${h.form}`, en: `report ${h.form}` }
    : { vi: `${h.form} của hồ sơ ${h.caseId}`, en: `${h.form} of case ${h.caseId}` };

/**
 * Records `number` for the document. The same number for the same document again is a no-op; another number for a
 * document already numbered, or a number another document holds, is a NumberTaken naming the holder.
 */
export async function recordNumber(
  db: Db,
  key: NumberKey,
  doc: { caseId: string | null; form: string; trailSeq: number | null; number: number; recordedBy: string },
): Promise<void> {
  const existing = await recordedNumber(db, { ...doc, issuerId: key.issuerId, year: key.year });
  if (existing === doc.number) return;
  if (existing !== null) {
    const holder = { caseId: doc.caseId, form: doc.form, number: existing };
    const n = nameOf(holder);
    throw new NumberTaken(holder, {
      vi: `Văn bản ${n.vi} đã được ghi số ${existing}; không ghi số khác cho cùng văn bản.`,
      en: `The ${n.en} was already recorded as number ${existing}; it keeps that number.`,
    });
  }
  try {
    await db.insert(documentNumbers).values({ ...key, ...doc });
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    const [row] = await db
      .select({ caseId: documentNumbers.caseId, form: documentNumbers.form, number: documentNumbers.number })
      .from(documentNumbers)
      .where(
        and(
          eq(documentNumbers.issuerId, key.issuerId),
          eq(documentNumbers.year, key.year),
          eq(documentNumbers.series, key.series),
          eq(documentNumbers.number, doc.number),
        ),
      );
    // Not the number: the document itself was numbered by a concurrent request a moment ago.
    const holder = row ?? { caseId: doc.caseId, form: doc.form, number: doc.number };
    const n = nameOf(holder);
    throw new NumberTaken(holder, {
      vi: `Số ${doc.number}-${key.series} năm ${key.year} của ${key.issuerId} đã dùng cho ${n.vi}.`,
      en: `Number ${doc.number}-${key.series} of ${key.year} of ${key.issuerId} is already used for the ${n.en}.`,
    });
  }
}
