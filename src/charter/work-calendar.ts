import type { IsoDate } from './dates';

/**
 * Working days in Vietnam: Monday to Friday, minus public holidays, plus the
 * Saturdays the government declares as make-up working days. Rules and the
 * machine depend on this interface only; `calendar.ts` builds it from data.
 */
export interface WorkCalendar {
  isWorkingDay(d: IsoDate): boolean;
  /** The n-th working day counted from the day after `from` (n >= 1); `from` itself for n = 0. */
  addWorkingDays(from: IsoDate, n: number): IsoDate;
  /** Working days in the half-open range (from, to]; 0 when to <= from. */
  workingDaysBetween(from: IsoDate, to: IsoDate): number;
  /** A deadline is overdue from 00:00 of the day after it: true when today > due. */
  isOverdue(due: IsoDate, today: IsoDate): boolean;
  /** The first day on which `due` is overdue. */
  overdueFrom(due: IsoDate): IsoDate;
}

/** The simulator's and tests' replacement of the built-in calendar. */
export interface CalendarOverrides {
  holidays: IsoDate[];
  makeUpWorkdays: IsoDate[];
}
