/**
 * The lunar calendar outside the 2015–2035 range that holidays use, against dates fixed in history:
 * a calendar that is only self-consistent (solar → lunar → solar) would pass the round trip with a
 * new moon shifted by a day, not these.
 */
import { iso } from '../../src/charter/dates';
import { lunarToSolar, solarToLunar, tetOf } from '../../src/charter/lunar';

test.each([
  // Tết Mậu Thân at UTC+7, as the North's calendar of 1967 reckoned it; the South (UTC+8) and China kept the 30th.
  [1968, '1968-01-29'],
  [1975, '1975-02-11'],
  [1990, '1990-01-27'],
  [2000, '2000-02-05'],
  [2001, '2001-01-24'],
])('Tết %i fell on %s', (year, date) => {
  expect(tetOf(year)).toBe(date);
  expect(solarToLunar(iso(date))).toEqual({ year, month: 1, day: 1, leap: false });
});

test('leap months: the 6th in 2017, the 4th in 2020, the 11th in 2033', () => {
  expect(lunarToSolar(2017, 6, 1, true)).toBe('2017-07-23');
  expect(lunarToSolar(2017, 6, 1)).toBe('2017-06-24');
  expect(lunarToSolar(2020, 4, 1, true)).toBe('2020-05-23');
  expect(solarToLunar(iso('2020-05-22'))).toEqual({ year: 2020, month: 4, day: 30, leap: false });
  expect(solarToLunar(iso('2033-12-22'))).toEqual({ year: 2033, month: 11, day: 1, leap: true });
  expect(lunarToSolar(2033, 11, 1, true)).toBe('2033-12-22');
});
