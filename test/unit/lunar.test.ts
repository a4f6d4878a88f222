import fc from 'fast-check';
import { propertyRuns } from '../helpers/property';
import { addDays, iso } from '../../src/charter/dates';
import { InvalidLunarDate, lunarToSolar, solarToLunar, tetOf } from '../../src/charter/lunar';

const TET: Record<number, string> = {
  2015: '2015-02-19',
  2016: '2016-02-08',
  2017: '2017-01-28',
  2018: '2018-02-16',
  2019: '2019-02-05',
  2020: '2020-01-25',
  2021: '2021-02-12',
  2022: '2022-02-01',
  2023: '2023-01-22',
  2024: '2024-02-10',
  2025: '2025-01-29',
  2026: '2026-02-17',
  2027: '2027-02-06',
  2028: '2028-01-26',
  2029: '2029-02-13',
  2030: '2030-02-02',
  2031: '2031-01-23',
  2032: '2032-02-11',
  2033: '2033-01-31',
  2034: '2034-02-19',
  2035: '2035-02-08',
};

describe('the Vietnamese lunar calendar (UTC+7)', () => {
  test.each(Object.entries(TET))('Tết %s falls on %s', (year, date) => {
    expect(tetOf(Number(year))).toBe(date);
    expect(solarToLunar(iso(date))).toEqual({ year: Number(year), month: 1, day: 1, leap: false });
  });

  test("Vietnam's Tết differs from China's where the time zone matters", () => {
    expect(tetOf(1985)).toBe('1985-01-21'); // China: 20/2/1985
    expect(tetOf(2007)).toBe('2007-02-17'); // China: 18/2/2007
    expect(tetOf(2030)).toBe('2030-02-02'); // China: 3/2/2030 (the new moon is at 23:07 in Hà Nội)
  });

  test("Hùng Kings' day (lunar 10/3)", () => {
    expect(lunarToSolar(2024, 3, 10)).toBe('2024-04-18');
    expect(lunarToSolar(2025, 3, 10)).toBe('2025-04-07');
    expect(lunarToSolar(2026, 3, 10)).toBe('2026-04-26');
  });

  test('leap months: 2023 had a leap 2nd month, 2025 a leap 6th month', () => {
    expect(lunarToSolar(2023, 2, 1, true)).toBe('2023-03-22');
    expect(solarToLunar(iso('2023-03-22'))).toEqual({ year: 2023, month: 2, day: 1, leap: true });
    expect(lunarToSolar(2025, 6, 1, true)).toBe('2025-07-25');
    expect(() => lunarToSolar(2025, 3, 1, true)).toThrow(InvalidLunarDate);
  });

  test('solar → lunar → solar round-trips every day from 2015 to 2035', () => {
    const start = iso('2015-01-01');
    for (const params of propertyRuns(2000))
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 21 * 366 - 1 }), (n) => {
          const d = addDays(start, n);
          const l = solarToLunar(d);
          expect(lunarToSolar(l.year, l.month, l.day, l.leap)).toBe(d);
        }),
        params,
      );
  });
});
