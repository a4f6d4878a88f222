/**
 * Public days off, from data/holidays.json: a year the government has
 * declared is taken as declared; any other year from 2015 on is derived
 * from the Labour Code's holidays (art. 112, 2019; art. 115, 2012):
 * - 1/1; 30/4; 1/5; 2/9, plus from 2021 one adjacent day (1/9, or 3/9 when 2/9 is a Monday);
 * - Tết: the last day of the lunar year and lunar 1/1 to 4/1 (five days);
 * - Hùng Kings' day, lunar 10/3;
 * - a holiday falling on a Saturday or Sunday moves to the next working day.
 * The government usually adds bridging days by decision; those years should be declared in the file.
 */
import { addDays, dayOfWeek, type IsoDate, iso } from './dates';
import { HolidayDataError } from './holiday-error';
import type { HolidayFile } from './holiday-schema';
import { lunarToSolar } from './lunar';
import data from './data/holidays.json';

export type { HolidayFile } from './holiday-schema';
export { HolidayDataError };

export const FIRST_YEAR = 2015;
/**
 * Deadlines are computed inside workflows that live for years: a year without data must never throw there (the
 * task would fail forever), so every year the lunar calendar is computed for is derived until it is declared.
 */
export const LAST_YEAR = 2199;

export interface YearHolidays {
  daysOff: ReadonlySet<IsoDate>;
  makeUpWorkdays: ReadonlySet<IsoDate>;
  source: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const isWeekend = (d: IsoDate) => dayOfWeek(d) === 0 || dayOfWeek(d) === 6;

function derive(file: HolidayFile, year: number): YearHolidays {
  const named: IsoDate[] = file.fixed.map((h) => iso(`${year}-${pad(h.month)}-${pad(h.day)}`));
  if (year >= 2021) {
    const national = iso(`${year}-09-02`);
    named.push(dayOfWeek(national) === 1 ? iso(`${year}-09-03`) : iso(`${year}-09-01`));
  }
  for (const h of file.lunar) {
    if (h.month === 1 && h.day === 1) {
      const tet = lunarToSolar(year, 1, 1);
      for (let i = -1; i <= 3; i++) named.push(addDays(tet, i));
    } else named.push(lunarToSolar(year, h.month, h.day));
  }
  const off = new Set<IsoDate>(named);
  for (const d of [...named].sort())
    if (isWeekend(d)) {
      let next = addDays(d, 1);
      while (isWeekend(next) || off.has(next)) next = addDays(next, 1);
      off.add(next);
    }
  return { daysOff: off, makeUpWorkdays: new Set(), source: 'derived from the Labour Code' };
}

export function holidaysFrom(file: HolidayFile) {
  const cache = new Map<number, YearHolidays>();
  return (year: number): YearHolidays => {
    let y = cache.get(year);
    if (y) return y;
    const declared = file.years[String(year)];
    if (declared)
      y = {
        daysOff: new Set(declared.daysOff),
        makeUpWorkdays: new Set(declared.makeUpWorkdays),
        source: declared.source,
      };
    else if (year >= FIRST_YEAR && year <= LAST_YEAR) y = derive(file, year);
    else
      throw new HolidayDataError(
        `holidays: no data for ${year} (built-in range ${FIRST_YEAR}–${LAST_YEAR}; declare the year in holidays.json)`,
      );
    cache.set(year, y);
    return y;
  };
}

/** Trusted as it is: checkCharterData() has validated the same file before any case runs (see policy.ts for why). */
export const holidaysOf = holidaysFrom(data as unknown as HolidayFile);
