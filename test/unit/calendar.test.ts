import fc from 'fast-check';
import { propertyRuns } from '../helpers/property';
import { addDays, addMonths, dayOfWeek, iso, type IsoDate } from '../../src/charter/dates';
import { createCalendar, vnCalendar } from '../../src/charter/calendar';
import { HolidayDataError, holidaysOf } from '../../src/charter/holidays';
import { parseHolidays } from '../../src/charter/holiday-schema';

const weekendsOnly = createCalendar({ holidays: [], makeUpWorkdays: [] });
// Up to mid-2035, so that 120 working days later is still inside the built-in range.
const anyDay = fc.integer({ min: 0, max: 20 * 365 + 150 }).map((n) => addDays(iso('2015-01-01'), n));

describe('the working-day calendar', () => {
  test('charter: probation ending Friday 13/2/2026 gives a recognition deadline of 3/4/2026 (27/3 with weekends only)', () => {
    expect(vnCalendar.addWorkingDays(iso('2026-02-13'), 30)).toBe('2026-04-03');
    expect(weekendsOnly.addWorkingDays(iso('2026-02-13'), 30)).toBe('2026-03-27');
  });

  test('charter: a cell resolution on 10/12/2025 gives a committee deadline of 12/3/2026', () => {
    expect(vnCalendar.addWorkingDays(iso('2025-12-10'), 60)).toBe('2026-03-12');
  });

  test("2026's days off are exactly those of the worked examples and of notice 12729/VPCP-KGVX", () => {
    expect([...holidaysOf(2026).daysOff].sort()).toEqual([
      '2026-01-01',
      '2026-01-02',
      '2026-02-14',
      '2026-02-15',
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
      '2026-02-21',
      '2026-02-22',
      '2026-04-27',
      '2026-04-30',
      '2026-05-01',
      '2026-09-01',
      '2026-09-02',
    ]);
    expect([...holidaysOf(2026).makeUpWorkdays]).toEqual(['2026-01-10']);
    expect(holidaysOf(2026).source).toMatch(/12729\/VPCP-KGVX/);
  });

  test('New Year 2026: Friday 2/1 is off and Saturday 10/1 is worked, so deadlines across them move', () => {
    expect(vnCalendar.isWorkingDay(iso('2026-01-02'))).toBe(false);
    expect(vnCalendar.isWorkingDay(iso('2026-01-10'))).toBe(true);
    expect(vnCalendar.isWorkingDay(iso('2026-01-17'))).toBe(false);
    // Wednesday 31/12/2025: the next working day is Monday 5/1, not Friday 2/1.
    expect(vnCalendar.addWorkingDays(iso('2025-12-31'), 1)).toBe('2026-01-05');
    // Friday 9/1: the next working day is the make-up Saturday.
    expect(vnCalendar.addWorkingDays(iso('2026-01-09'), 1)).toBe('2026-01-10');
    // Across both, the count is unchanged: 6 working days after 31/12 is 9/1 (2/1 lost, 10/1 not yet reached) ...
    expect(vnCalendar.addWorkingDays(iso('2025-12-31'), 5)).toBe('2026-01-09');
    // ... and 6 lands on the Saturday, one day before it would with weekends alone.
    expect(vnCalendar.addWorkingDays(iso('2025-12-31'), 6)).toBe('2026-01-10');
  });

  test('a declared make-up Saturday is a working day; a holiday is not', () => {
    expect(vnCalendar.isWorkingDay(iso('2025-04-26'))).toBe(true);
    expect(vnCalendar.isWorkingDay(iso('2025-05-02'))).toBe(false);
    const cal = createCalendar({ holidays: [iso('2026-03-02')], makeUpWorkdays: [iso('2026-02-28')] });
    expect(cal.isWorkingDay(iso('2026-02-28'))).toBe(true);
    expect(cal.isWorkingDay(iso('2026-03-02'))).toBe(false);
    expect(cal.addWorkingDays(iso('2026-02-27'), 2)).toBe('2026-03-03');
  });

  test('derived years: Tết is five days, weekend holidays are compensated', () => {
    const y2030 = holidaysOf(2030).daysOff; // Tết 2/2/2030 (Saturday)
    for (const d of ['2030-02-01', '2030-02-02', '2030-02-03', '2030-02-04', '2030-02-05'])
      expect(y2030.has(iso(d))).toBe(true);
    // 2/2 (Sat) and 3/2 (Sun) are compensated on the next free working days, 6/2 and 7/2.
    expect([y2030.has(iso('2030-02-06')), y2030.has(iso('2030-02-07')), y2030.has(iso('2030-02-08'))]).toEqual([
      true,
      true,
      false,
    ]);
    // A case open for years reaches undeclared years: they are derived (Tết 2040 is Sunday 12/2/2040), never refused.
    expect(holidaysOf(2040)).toMatchObject({ source: 'derived from the Labour Code' });
    expect(holidaysOf(2040).daysOff.has(iso('2040-02-12'))).toBe(true);
    expect(vnCalendar.addWorkingDays(iso('2035-12-15'), 60) > '2036-03-01').toBe(true);
    expect(() => holidaysOf(2200)).toThrow(HolidayDataError);
  });

  test('overdue from 00:00 of the day after the deadline', () => {
    expect(vnCalendar.isOverdue(iso('2026-04-03'), iso('2026-04-03'))).toBe(false);
    expect(vnCalendar.isOverdue(iso('2026-04-03'), iso('2026-04-04'))).toBe(true);
    expect(vnCalendar.overdueFrom(iso('2026-04-03'))).toBe('2026-04-04');
  });

  test('bad holiday data is refused naming the entry', () => {
    expect(() =>
      parseHolidays({
        fixed: [],
        lunar: [],
        years: { '2027': { source: 'x', daysOff: ['2026-05-01'], makeUpWorkdays: [] } },
      }),
    ).toThrow(/years\.2027\.daysOff\.0: 2026-05-01 is not in 2027/);
    expect(() =>
      parseHolidays({
        fixed: [],
        lunar: [],
        years: { '2027': { source: 'x', daysOff: [], makeUpWorkdays: ['2027-05-03'] } },
      }),
    ).toThrow(/makeUpWorkdays\.0: 2027-05-03 is not a Saturday/);
  });

  describe('properties', () => {
    const n = fc.integer({ min: 0, max: 120 });
    /** The charter's words, walked one day at a time: the N-th working day counted from the day after X. */
    const nthWorkingDayAfter = (cal: typeof vnCalendar, from: IsoDate, k: number) => {
      let d = from;
      for (let left = k; left > 0;) if (cal.isWorkingDay((d = addDays(d, 1)))) left--;
      return d;
    };
    const countBetween = (cal: typeof vnCalendar, from: IsoDate, to: IsoDate) => {
      let count = 0;
      for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (cal.isWorkingDay(d)) count++;
      return count;
    };
    /** Holidays and make-up days anywhere in the years the other properties reach, new year's days among them. */
    const anyCalendar = fc
      .tuple(fc.uniqueArray(anyDay, { maxLength: 40 }), fc.uniqueArray(anyDay, { maxLength: 10 }))
      .map(([holidays, days]) =>
        createCalendar({ holidays: [...holidays, iso('2025-12-31'), iso('2026-01-01')], makeUpWorkdays: days }),
      );
    test("counting from each year's listed working days gives what walking the days gives, across years", () => {
      for (const params of propertyRuns(300))
        fc.assert(
          fc.property(
            fc.oneof(fc.constant(vnCalendar), anyCalendar),
            anyDay,
            fc.integer({ min: 0, max: 400 }),
            anyDay,
            (cal, d, k, e) => {
              expect(cal.addWorkingDays(d, k)).toBe(nthWorkingDayAfter(cal, d, k));
              expect(cal.workingDaysBetween(d, e)).toBe(countBetween(cal, d, e));
            },
          ),
          params,
        );
    });
    test('N working days after X lands on a working day and counts exactly N', () => {
      for (const params of propertyRuns(300))
        fc.assert(
          fc.property(anyDay, fc.integer({ min: 1, max: 120 }), (d, k) => {
            const due = vnCalendar.addWorkingDays(d, k);
            expect(vnCalendar.isWorkingDay(due)).toBe(true);
            expect(vnCalendar.workingDaysBetween(d, due)).toBe(k);
          }),
          params,
        );
    });
    test('monotonic in N', () => {
      for (const params of propertyRuns(300))
        fc.assert(
          fc.property(anyDay, n, n, (d, a, b) => {
            const [lo, hi] = a <= b ? [a, b] : [b, a];
            expect(vnCalendar.addWorkingDays(d, lo) <= vnCalendar.addWorkingDays(d, hi)).toBe(true);
          }),
          params,
        );
    });
    test('with empty overrides the working days are exactly Monday to Friday', () => {
      for (const params of propertyRuns(100))
        fc.assert(
          fc.property(anyDay, (d) => expect(weekendsOnly.isWorkingDay(d)).toBe(dayOfWeek(d) >= 1 && dayOfWeek(d) <= 5)),
          params,
        );
    });
    test('12 months after any date is a valid date in the right month, month ends clamped', () => {
      for (const params of propertyRuns(100))
        fc.assert(
          fc.property(anyDay, (d: IsoDate) => {
            const later = addMonths(d, 12);
            expect(later).toMatch(/^\d{4}-\d{2}-\d{2}$/);
            expect(new Date(`${later}T00:00:00Z`).toISOString().slice(0, 10)).toBe(later);
            expect(later.slice(5, 7)).toBe(d.slice(5, 7));
            expect(Number(later.slice(0, 4))).toBe(Number(d.slice(0, 4)) + 1);
          }),
          params,
        );
      expect(addMonths(iso('2024-02-29'), 12)).toBe('2025-02-28');
      expect(addMonths(iso('2024-02-29'), 12, 'next_day')).toBe('2025-03-01');
    });
  });
});
