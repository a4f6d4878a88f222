/** The working-day calendar a case runs on: the built-in one, or the overrides it was registered with. */
import { createCalendar, vnCalendar } from '../charter/calendar';
import type { WorkCalendar } from '../charter/work-calendar';
import type { CaseContext } from '../schemas/case';

const cache = new Map<string, WorkCalendar>();

export function calendarOf(ctx: Pick<CaseContext, 'calendar'>): WorkCalendar {
  if (!ctx.calendar) return vnCalendar;
  const key = JSON.stringify(ctx.calendar);
  let cal = cache.get(key);
  if (!cal) cache.set(key, (cal = createCalendar(ctx.calendar)));
  return cal;
}
