/**
 * The calendar underneath every deadline, at its edges: counting working days over holidays and
 * make-up Saturdays, derived holiday years, civil-date arithmetic at month ends and before 1975
 * (Saigon at UTC+8), and the choice of the policy set in force.
 */
import { createCalendar, vnCalendar } from '../../src/charter/calendar';
import {
  addDays,
  addMonths,
  formatVi,
  compareDates,
  iso,
  isAfter,
  isBefore,
  localDateOf,
  maxDate,
  minDate,
  startOfLocalDay,
  wholeMonthsBetween,
} from '../../src/charter/dates';
import { FIRST_YEAR, HolidayDataError, holidaysFrom, LAST_YEAR, type HolidayFile } from '../../src/charter/holidays';
import { parseHolidays } from '../../src/charter/holiday-schema';
import { NoPolicyInForce, policyById, policyOn, POLICY_SETS, threshold } from '../../src/charter/policy';
import { parsePolicies } from '../../src/charter/policy-schema';

describe('working days', () => {
  // March 2026: Friday 27, Saturday 28 (declared a make-up day here), Sunday 29, Monday 30 (a holiday here).
  const cal = createCalendar({ holidays: [iso('2026-03-30')], makeUpWorkdays: [iso('2026-03-28')] });

  test('0 working days after a day is the day itself; negative or fractional counts are refused', () => {
    expect(cal.addWorkingDays(iso('2026-03-29'), 0)).toBe('2026-03-29');
    expect(() => cal.addWorkingDays(iso('2026-03-27'), -1)).toThrow(
      new RangeError('addWorkingDays: n must be a whole number ≥ 0, got -1'),
    );
    expect(() => cal.addWorkingDays(iso('2026-03-27'), 1.5)).toThrow(RangeError);
  });

  test('counting steps over the holiday and onto the make-up Saturday', () => {
    expect(cal.addWorkingDays(iso('2026-03-27'), 1)).toBe('2026-03-28');
    expect(cal.addWorkingDays(iso('2026-03-27'), 2)).toBe('2026-03-31');
    expect(cal.addWorkingDays(iso('2026-03-27'), 3)).toBe('2026-04-01');
  });

  test('working days between two dates count the half-open range (from, to]', () => {
    expect(cal.workingDaysBetween(iso('2026-03-27'), iso('2026-03-27'))).toBe(0);
    expect(cal.workingDaysBetween(iso('2026-03-27'), iso('2026-03-28'))).toBe(1);
    expect(cal.workingDaysBetween(iso('2026-03-26'), iso('2026-03-31'))).toBe(3);
    expect(cal.workingDaysBetween(iso('2026-03-31'), iso('2026-03-27'))).toBe(0);
  });

  test('without overrides the built-in calendar is used', () => {
    expect(createCalendar()).toBe(vnCalendar);
    // 2/9/2026 is National Day in the built-in data, an ordinary Wednesday with empty overrides.
    expect(vnCalendar.isWorkingDay(iso('2026-09-02'))).toBe(false);
    expect(createCalendar({ holidays: [], makeUpWorkdays: [] }).isWorkingDay(iso('2026-09-02'))).toBe(true);
  });

  test('Saturdays and Sundays are not working days, Monday to Friday are', () => {
    const plain = createCalendar({ holidays: [], makeUpWorkdays: [] });
    const week = ['2026-03-22', '2026-03-23', '2026-03-24', '2026-03-25', '2026-03-26', '2026-03-27', '2026-03-28'];
    expect(week.map((d) => plain.isWorkingDay(iso(d)))).toEqual([false, true, true, true, true, true, false]);
  });

  test('a declared make-up Saturday of the built-in data is a working day', () => {
    expect(vnCalendar.isWorkingDay(iso('2025-04-26'))).toBe(true);
    expect(vnCalendar.isWorkingDay(iso('2025-04-19'))).toBe(false);
  });
});

describe('derived holiday years', () => {
  const file: HolidayFile = {
    fixed: [
      { month: 1, day: 1, name: { vi: 'Tết Dương lịch', en: "New Year's Day" } },
      { month: 9, day: 2, name: { vi: 'Quốc khánh', en: 'National Day' } },
    ],
    lunar: [
      { month: 1, day: 1, name: { vi: 'Tết', en: 'Lunar New Year' } },
      { month: 3, day: 10, name: { vi: 'Giỗ Tổ', en: "Hùng Kings' day" } },
    ],
    years: {
      '2027': { source: 'declared', daysOff: ['2027-01-01' as never], makeUpWorkdays: ['2027-01-09' as never] },
    },
  };
  const of = holidaysFrom(file);

  test('from 2021, 2/9 brings the day before, or the day after when 2/9 is a Monday', () => {
    // 2/9/2024 is a Monday: 3/9 is added, not 1/9.
    const y2024 = of(2024).daysOff;
    expect([y2024.has(iso('2024-09-02')), y2024.has(iso('2024-09-03')), y2024.has(iso('2024-09-01'))]).toEqual([
      true,
      true,
      false,
    ]);
    // 2/9/2025 is a Tuesday: 1/9 is added.
    expect(of(2025).daysOff.has(iso('2025-09-01'))).toBe(true);
    // Before 2021 2/9 stands alone (2/9/2020 is a Wednesday).
    expect([...of(2020).daysOff].filter((d) => d.startsWith('2020-09'))).toEqual(['2020-09-02']);
  });

  test('Tết is the last day of the lunar year and the first four days; other lunar holidays are one day', () => {
    // Tết 2031 is Thursday 23/1: 22/1 to 26/1, the Saturday and Sunday compensated on 27/1 and 28/1;
    // lunar 10/3 is Tuesday 1/4 (lunar month 3 begins with the new moon of 23/3/2031).
    const y2031 = [...of(2031).daysOff].sort();
    expect(y2031).toEqual([
      '2031-01-01',
      '2031-01-22',
      '2031-01-23',
      '2031-01-24',
      '2031-01-25',
      '2031-01-26',
      '2031-01-27',
      '2031-01-28',
      '2031-04-01',
      '2031-09-01',
      '2031-09-02',
    ]);
    expect(of(2031).source).toBe('derived from the Labour Code');
    expect(of(2031).makeUpWorkdays.size).toBe(0);
  });

  test('a holiday on a Sunday moves to Monday, and past a holiday already on that Monday', () => {
    // 1/1/2034 is a Sunday: compensated on Monday 2/1.
    expect(of(2034).daysOff.has(iso('2034-01-02'))).toBe(true);
    expect(of(2034).daysOff.has(iso('2034-01-03'))).toBe(false);
  });

  test('a declared year is taken exactly as declared, make-up Saturdays included', () => {
    const y = of(2027);
    expect([...y.daysOff]).toEqual(['2027-01-01']);
    expect([...y.makeUpWorkdays]).toEqual(['2027-01-09']);
    expect(y.source).toBe('declared');
    expect(of(2027)).toBe(y);
  });

  test('years outside the built-in range with no declaration are refused, naming the range', () => {
    expect(of(FIRST_YEAR).source).toBe('derived from the Labour Code');
    expect(of(LAST_YEAR).source).toBe('derived from the Labour Code');
    expect(() => of(FIRST_YEAR - 1)).toThrow(
      new HolidayDataError(
        `holidays: no data for ${FIRST_YEAR - 1} (built-in range ${FIRST_YEAR}–${LAST_YEAR}; declare the year in holidays.json)`,
      ),
    );
    expect(() => of(LAST_YEAR + 1)).toThrow(HolidayDataError);
  });

  test('the holiday file is refused with the path of its first bad entry', () => {
    expect(() =>
      parseHolidays({ fixed: [{ month: 13, day: 1, name: { vi: 'x', en: 'x' } }], lunar: [], years: {} }),
    ).toThrow(new HolidayDataError('holidays: fixed.0.month: Too big: expected number to be <=12'));
    expect(() =>
      parseHolidays({
        fixed: [],
        lunar: [],
        years: { '2027': { source: 'x', daysOff: [], makeUpWorkdays: ['2028-01-08'] } },
      }),
    ).toThrow(/^holidays: years\.2027\.makeUpWorkdays\.0: 2028-01-08 is not in 2027$/);
  });
});

describe('civil dates', () => {
  test('"N months after" a day missing from the target month: clamped, or the next day', () => {
    expect(addMonths(iso('2025-01-31'), 1)).toBe('2025-02-28');
    expect(addMonths(iso('2025-01-31'), 1, 'next_day')).toBe('2025-03-01');
    expect(addMonths(iso('2025-01-28'), 1, 'next_day')).toBe('2025-02-28');
    expect(addMonths(iso('2025-12-15'), 1)).toBe('2026-01-15');
    expect(addMonths(iso('2025-01-15'), -1)).toBe('2024-12-15');
  });

  test('whole months between: symmetric when the end is earlier, exact at the month end', () => {
    expect(wholeMonthsBetween(iso('2026-03-20'), iso('2008-03-20'))).toBe(-216);
    expect(wholeMonthsBetween(iso('2025-01-31'), iso('2025-03-01'), 'next_day')).toBe(1);
    expect(wholeMonthsBetween(iso('2025-01-31'), iso('2025-02-28'), 'next_day')).toBe(0);
    expect(wholeMonthsBetween(iso('2025-01-31'), iso('2025-02-28'))).toBe(1);
    expect(wholeMonthsBetween(iso('2025-01-15'), iso('2025-01-20'))).toBe(0);
  });

  test('comparisons', () => {
    const [a, b] = [iso('2026-01-31'), iso('2026-02-01')];
    expect([compareDates(a, b), compareDates(b, a), compareDates(a, a)]).toEqual([-1, 1, 0]);
    expect([isBefore(a, b), isBefore(b, a), isBefore(a, a)]).toEqual([true, false, false]);
    expect([isAfter(a, b), isAfter(b, a), isAfter(a, a)]).toEqual([false, true, false]);
    expect([minDate(a, b), minDate(b, a), maxDate(a, b), maxDate(b, a)]).toEqual([a, a, b, b]);
  });

  test('before 1975 Saigon kept UTC+8: a day began at 16:00 UTC', () => {
    expect(startOfLocalDay(iso('1970-06-01')).toISOString()).toBe('1970-05-31T16:00:00.000Z');
    expect(localDateOf(Date.parse('1970-05-31T16:00:00Z'))).toBe('1970-06-01');
    expect(localDateOf(Date.parse('1970-05-31T15:59:59Z'))).toBe('1970-05-31');
  });

  test('iso refuses what is not a date', () => {
    expect(() => iso('2026-02-30')).toThrow(/not a real calendar date/);
    expect(() => iso('2026-2-3')).toThrow(/yyyy-MM-dd/);
    expect(() => iso('x2026-02-03')).toThrow(/yyyy-MM-dd/);
    expect(() => iso('2026-02-03x')).toThrow(/yyyy-MM-dd/);
    expect(iso('2024-02-29')).toBe('2024-02-29');
    expect(() => iso('2025-02-29')).toThrow(/not a real calendar date/);
    expect(() => iso('2025-13-01')).toThrow(/not a real calendar date/);
  });
});

describe('policy sets', () => {
  const early = { ...POLICY_SETS[0]!, id: 'early', effectiveFrom: iso('2020-01-01') };
  const late = { ...POLICY_SETS[0]!, id: 'late', effectiveFrom: iso('2022-06-01') };

  test('the latest set whose effective date is not after the date, from the day it starts', () => {
    expect(policyOn(iso('2022-05-31'), [early, late]).id).toBe('early');
    expect(policyOn(iso('2022-06-01'), [early, late]).id).toBe('late');
    expect(policyOn(iso('2030-01-01'), [early, late]).id).toBe('late');
    expect(policyOn(iso('2020-01-01'), [early, late]).id).toBe('early');
  });

  test('before the first set: NoPolicyInForce, naming the date and the earliest set', () => {
    expect(() => policyOn(iso('2019-12-31'), [early, late])).toThrow(NoPolicyInForce);
    const first = POLICY_SETS[0]!.effectiveFrom;
    const dayBefore = addDays(first, -1);
    expect(() => policyOn(first)).not.toThrow();
    const err = (() => {
      try {
        policyOn(dayBefore);
      } catch (e) {
        return e as NoPolicyInForce;
      }
    })();
    expect(err?.message).toBe(
      `no policy set in force on ${formatVi(dayBefore)} (the earliest starts ${formatVi(first)})`,
    );
    expect(err?.date).toBe(dayBefore);
  });

  test('a set is found by its id; an unknown id is refused', () => {
    expect(policyById('2021').effectiveFrom).toBe('2021-07-30');
    expect(() => policyById('1990')).toThrow("unknown policy set '1990'");
  });

  test('thresholds round up only when the fraction is not whole', () => {
    expect(threshold({ numerator: 2, denominator: 3 }, 21)).toBe(14);
    expect(threshold({ numerator: 1, denominator: 2 }, 7)).toBe(4);
    expect(threshold({ numerator: 2, denominator: 3 }, 0)).toBe(0);
  });

  test('the schema refuses a fraction above one and an escalation ladder that does not start at 0 and rise', () => {
    const with_ = (over: object) => [{ ...POLICY_SETS[0]!, ...over }];
    expect(() => parsePolicies({ sets: with_({ committeeVote: { numerator: 4, denominator: 3 } }) })).toThrow(
      'policies: sets.0.committeeVote: numerator must not exceed denominator',
    );
    expect(
      parsePolicies({ sets: with_({ committeeVote: { numerator: 3, denominator: 3 } }) })[0]!.committeeVote,
    ).toEqual({
      numerator: 3,
      denominator: 3,
    });
    for (const ladder of [
      [1, 10],
      [0, 10, 10],
      [0, 20, 10],
    ])
      expect(() => parsePolicies({ sets: with_({ escalation: { levelsAfterWorkingDays: ladder } }) })).toThrow(
        'policies: sets.0.escalation.levelsAfterWorkingDays: must start at 0 and increase',
      );
    expect(parsePolicies({ sets: with_({ escalation: { levelsAfterWorkingDays: [0, 1] } }) })).toHaveLength(1);
  });

  test('sets on the same date are refused as out of order', () => {
    expect(() =>
      parsePolicies({ sets: [POLICY_SETS[0], { ...POLICY_SETS[1]!, effectiveFrom: POLICY_SETS[0]!.effectiveFrom }] }),
    ).toThrow('policies: sets.1.effectiveFrom: sets must be in increasing date order');
  });
});
