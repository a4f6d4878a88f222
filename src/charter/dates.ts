/**
 * Calendar dates of the domain. Every charter date is a civil date in Vietnam
 * (Asia/Ho_Chi_Minh), carried as an ISO string 'yyyy-MM-dd' so that it survives
 * JSON, Temporal payloads and zod without time-zone drift. Day arithmetic on
 * civil dates is plain day counting (a zone cannot move a civil date, and the
 * calendar runs it in every workflow activation, so it must be cheap); instants
 * convert through @date-fns/tz's zone offsets; months clamp at month ends.
 */
import { tzOffset } from '@date-fns/tz';
import type { z } from 'zod';

const VN_TZ = 'Asia/Ho_Chi_Minh';

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** The pattern an ISO date is written in: error messages recognise its failures by it (src/schemas/field-errors.ts). */
export const DATE_PATTERN = ISO_RE;

/** Whether `s` is yyyy-MM-dd naming a day of the calendar (not 31/02). */
export function isRealDate(s: string): boolean {
  const m = ISO_RE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const probe = new Date(Date.UTC(y, mo - 1, d));
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === mo - 1 && probe.getUTCDate() === d;
}

/** A civil date, yyyy-MM-dd; the zod schema that gives one is src/schemas/iso-date.ts. */
export type IsoDate = string & z.core.$brand<'IsoDate'>;

/** Asserts a literal or computed string is an IsoDate; throws on anything else. */
export function iso(s: string): IsoDate {
  if (!ISO_RE.test(s)) throw new Error(`expected a date as yyyy-MM-dd: ${JSON.stringify(s)}`);
  if (!isRealDate(s)) throw new Error(`not a real calendar date (e.g. 31/2): ${s}`);
  return s as IsoDate;
}

function parts(d: IsoDate): [number, number, number] {
  const m = ISO_RE.exec(d);
  if (!m) throw new Error(`not an ISO date: ${d}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/**
 * The civil date in Vietnam of an instant (e.g. workflow time). The offset
 * comes from the time-zone database (Saigon was UTC+8 until 1975), through
 * tzOffset: TZDate itself cannot be used here, because inside Temporal's
 * workflow sandbox its getters fall back to UTC.
 */
export function localDateOf(instant: Date | number): IsoDate {
  const t = typeof instant === 'number' ? instant : instant.getTime();
  return new Date(t + tzOffset(VN_TZ, new Date(t)) * 60_000).toISOString().slice(0, 10) as IsoDate;
}

/** The instant at which a Vietnamese civil date begins (00:00 local time). */
export function startOfLocalDay(d: IsoDate): Date {
  const [y, m, day] = parts(d);
  const midnightUtc = Date.UTC(y, m - 1, day);
  const guess = midnightUtc - tzOffset(VN_TZ, new Date(midnightUtc)) * 60_000;
  return new Date(midnightUtc - tzOffset(VN_TZ, new Date(guess)) * 60_000);
}

const DAY_MS = 86_400_000;
/** Days since 1/1/1970: the calendar's arithmetic counts in these and writes dates only for its answers. */
export const epochDay = (d: IsoDate): number => {
  const [y, m, day] = parts(d);
  return Date.UTC(y, m - 1, day) / DAY_MS;
};
export const fromEpochDay = (n: number): IsoDate => new Date(n * DAY_MS).toISOString().slice(0, 10) as IsoDate;
/** The day number of 1 January of `year`. */
export const epochDayOfYear = (year: number): number => Date.UTC(year, 0, 1) / DAY_MS;
/** The year a day number falls in. */
export const yearOfEpochDay = (n: number): number => new Date(n * DAY_MS).getUTCFullYear();

export function addDays(d: IsoDate, n: number): IsoDate {
  return fromEpochDay(epochDay(d) + n);
}

export function daysBetween(from: IsoDate, to: IsoDate): number {
  return epochDay(to) - epochDay(from);
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(d: IsoDate): number {
  return (((epochDay(d) + 4) % 7) + 7) % 7;
}

export function compareDates(a: IsoDate, b: IsoDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export const isBefore = (a: IsoDate, b: IsoDate): boolean => a < b;
export const isAfter = (a: IsoDate, b: IsoDate): boolean => a > b;
export const minDate = (a: IsoDate, b: IsoDate): IsoDate => (a < b ? a : b);
export const maxDate = (a: IsoDate, b: IsoDate): IsoDate => (a > b ? a : b);

/**
 * What "N months after" means when the day does not exist in the target month
 * (29/2 + 12 months): 'clamp' gives the month's last day (28/2), 'next_day'
 * gives the first day of the following month (1/3).
 */
export const MONTH_END_RULES = ['clamp', 'next_day'] as const;
export type MonthEndRule = (typeof MONTH_END_RULES)[number];

export function addMonths(d: IsoDate, n: number, rule: MonthEndRule = 'clamp'): IsoDate {
  const [y, m, day] = parts(d);
  const index = y * 12 + (m - 1) + n;
  const [ty, tm] = [Math.floor(index / 12), (index % 12) + 1];
  const length = new Date(Date.UTC(ty, tm, 0)).getUTCDate();
  const landed = `${ty}-${String(tm).padStart(2, '0')}-${String(Math.min(day, length)).padStart(2, '0')}` as IsoDate;
  return day <= length || rule === 'clamp' ? landed : addDays(landed, 1);
}

/**
 * Whole months from `from` to `to`: the largest n with addMonths(from, n) <= to,
 * so that "at least 216 months old" and "18 years after the birth date" agree
 * on every day, month ends included. Negative (symmetric) when `to` is earlier.
 */
export function wholeMonthsBetween(from: IsoDate, to: IsoDate, rule: MonthEndRule = 'clamp'): number {
  if (to < from) return -wholeMonthsBetween(to, from, rule);
  const [fy, fm] = parts(from);
  const [ty, tm] = parts(to);
  let n = (ty - fy) * 12 + (tm - fm);
  while (n > 0 && addMonths(from, n, rule) > to) n--;
  return n;
}

/** dd/MM/yyyy, as the users read dates. */
export function formatVi(d: IsoDate): string {
  const [y, m, day] = parts(d);
  return `${String(day).padStart(2, '0')}/${String(m).padStart(2, '0')}/${y}`;
}

/** An instant as people in Vietnam read it, dd/MM/yyyy HH:mm in Vietnam time, whatever the server's zone. */
export function formatViDateTime(instant: Date | number | string): string {
  const t = new Date(instant).getTime();
  const local = new Date(t + tzOffset(VN_TZ, new Date(t)) * 60_000).toISOString();
  return `${formatVi(local.slice(0, 10) as IsoDate)} ${local.slice(11, 16)}`;
}
