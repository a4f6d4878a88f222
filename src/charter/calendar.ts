/**
 * The working-day calendar of charter.md: Monday to Friday, minus public
 * days off, plus declared make-up Saturdays, in Asia/Ho_Chi_Minh (dates are
 * already local calendar days, so no instant arithmetic is involved).
 */
import { addDays, dayOfWeek, type IsoDate } from './dates';
import { holidaysOf } from './holidays';
import type { CalendarOverrides, WorkCalendar } from './work-calendar';

const yearOf = (d: IsoDate) => Number(d.slice(0, 4));

function build(isWorkingDay: (d: IsoDate) => boolean): WorkCalendar {
  return {
    isWorkingDay,
    addWorkingDays(from, n) {
      if (!Number.isInteger(n) || n < 0) throw new RangeError(`addWorkingDays: n must be a whole number ≥ 0, got ${n}`);
      let d = from;
      for (let left = n; left > 0;) {
        d = addDays(d, 1);
        if (isWorkingDay(d)) left--;
      }
      return d;
    },
    workingDaysBetween(from, to) {
      let count = 0;
      for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (isWorkingDay(d)) count++;
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
