/**
 * The working-day calendar of charter.md: Monday to Friday, minus public
 * days off, plus declared make-up Saturdays, in Asia/Ho_Chi_Minh (dates are
 * already local calendar days, so no instant arithmetic is involved).
 */
import { addDays, dayOfWeek, epochDay, epochDayOfYear, fromEpochDay, yearOfEpochDay, type IsoDate } from './dates';
import { holidaysOf } from './holidays';
import type { CalendarOverrides, WorkCalendar } from './work-calendar';

const yearOf = (d: IsoDate) => Number(d.slice(0, 4));

/** The first index of `days` (ascending) holding a day after `n`: how many of them are on or before it. */
function countUpTo(days: Int32Array, n: number): number {
  let lo = 0;
  let hi = days.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (days[mid]! <= n) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * A calendar answering from each year's working days, listed once from `isWorkingDay` (in day numbers, ascending):
 * every case computes its deadlines again at each step, and walking 60 working days one date at a time was most
 * of that. A year is listed whole the first time a count reaches it, so a year without holiday data throws as it
 * did when it was walked into.
 */
function build(isWorkingDay: (d: IsoDate) => boolean): WorkCalendar {
  const years = new Map<number, Int32Array>();
  const workingDaysOf = (year: number): Int32Array => {
    let days = years.get(year);
    if (!days) {
      const list: number[] = [];
      for (let n = epochDayOfYear(year), end = epochDayOfYear(year + 1); n < end; n++)
        if (isWorkingDay(fromEpochDay(n))) list.push(n);
      years.set(year, (days = Int32Array.from(list)));
    }
    return days;
  };
  return {
    isWorkingDay,
    addWorkingDays(from, n) {
      if (!Number.isInteger(n) || n < 0) throw new RangeError(`addWorkingDays: n must be a whole number ≥ 0, got ${n}`);
      if (n === 0) return from;
      const start = epochDay(from);
      let left = n;
      for (let year = yearOfEpochDay(start + 1); ; year++) {
        const days = workingDaysOf(year);
        const first = countUpTo(days, start);
        if (days.length - first >= left) return fromEpochDay(days[first + left - 1]!);
        left -= days.length - first;
      }
    },
    workingDaysBetween(from, to) {
      if (to <= from) return 0;
      const [start, end] = [epochDay(from), epochDay(to)];
      let count = 0;
      for (let year = yearOfEpochDay(start + 1); year <= yearOfEpochDay(end); year++) {
        const days = workingDaysOf(year);
        count += countUpTo(days, end) - countUpTo(days, start);
      }
      return count;
    },
    isOverdue: (due, today) => today > due,
    overdueFrom: (due) => addDays(due, 1),
  };
}

const weekday = (d: IsoDate) => {
  const w = dayOfWeek(d);
  return w >= 1 && w <= 5;
};

/** Vietnam's calendar from the built-in holiday data. */
export const vnCalendar: WorkCalendar = build((d) => {
  const y = holidaysOf(yearOf(d));
  return y.makeUpWorkdays.has(d) || (weekday(d) && !y.daysOff.has(d));
});

/** A calendar whose holidays and make-up days replace the built-in ones (tests, the simulator). */
export function createCalendar(overrides?: CalendarOverrides): WorkCalendar {
  if (!overrides) return vnCalendar;
  const off = new Set(overrides.holidays);
  const makeUp = new Set(overrides.makeUpWorkdays);
  return build((d) => makeUp.has(d) || (weekday(d) && !off.has(d)));
}
