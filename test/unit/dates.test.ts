import fc from 'fast-check';
import { propertyRuns } from '../helpers/property';
import { addMonths as dfAddMonths } from 'date-fns';
import {
  addDays,
  addMonths,
  dayOfWeek,
  daysBetween,
  formatVi,
  iso,
  localDateOf,
  startOfLocalDay,
  wholeMonthsBetween,
} from '../../src/charter/dates';
import { IsoDate } from '../../src/schemas/iso-date';

describe('civil dates', () => {
  test('charter: born 20/3/2008 is 216 months old on 20/3/2026 and 215 on 19/3/2026', () => {
    expect(wholeMonthsBetween(iso('2008-03-20'), iso('2026-03-20'))).toBe(216);
    expect(wholeMonthsBetween(iso('2008-03-20'), iso('2026-03-19'))).toBe(215);
  });
  test('charter: born 10/5/1966 is 721 months old on 15/6/2026', () => {
    expect(wholeMonthsBetween(iso('1966-05-10'), iso('2026-06-15'))).toBe(721);
  });
  test('month ends: born 31/1, a month later is the end of February', () => {
    expect(wholeMonthsBetween(iso('2024-01-31'), iso('2024-02-29'))).toBe(1);
    expect(wholeMonthsBetween(iso('2024-01-31'), iso('2024-02-28'))).toBe(0);
  });
  test('impossible dates are refused with a clear message', () => {
    expect(IsoDate.safeParse('2026-02-31').error?.issues[0]?.message).toMatch(/not a real calendar date/);
    expect(IsoDate.safeParse('31/02/2026').error?.issues[0]?.message).toMatch(/yyyy-MM-dd/);
  });
  test('shown as dd/MM/yyyy', () => {
    expect(formatVi(iso('2026-04-03'))).toBe('03/04/2026');
  });
  test('the civil date of an instant is the one in Hà Nội (UTC+7)', () => {
    expect(localDateOf(new Date('2026-04-03T16:59:59Z'))).toBe('2026-04-03');
    expect(localDateOf(new Date('2026-04-03T17:00:00Z'))).toBe('2026-04-04');
    expect(startOfLocalDay(iso('2026-04-04')).toISOString()).toBe('2026-04-03T17:00:00.000Z');
  });
  test('day arithmetic agrees with the JavaScript calendar everywhere', () => {
    for (const params of propertyRuns(100))
      fc.assert(
        fc.property(fc.integer({ min: -40000, max: 40000 }), fc.integer({ min: -1000, max: 1000 }), (a, n) => {
          const d = new Date(Date.UTC(2000, 0, 1) + a * 86_400_000).toISOString().slice(0, 10) as IsoDate;
          const later = addDays(d, n);
          expect(later).toBe(new Date(Date.UTC(2000, 0, 1) + (a + n) * 86_400_000).toISOString().slice(0, 10));
          expect(daysBetween(d, later)).toBe(n);
          expect(dayOfWeek(d)).toBe(new Date(`${d}T00:00:00Z`).getUTCDay());
        }),
        params,
      );
  });
});

test('addMonths agrees with date-fns on every day (clamping month ends)', () => {
  for (const params of propertyRuns(100))
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20000 }), fc.integer({ min: -300, max: 300 }), (a, n) => {
        const start = new Date(Date.UTC(1990, 0, 1) + a * 86_400_000);
        const d = start.toISOString().slice(0, 10) as IsoDate;
        const oracle = dfAddMonths(new Date(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate()), n);
        const expected = `${oracle.getFullYear()}-${String(oracle.getMonth() + 1).padStart(2, '0')}-${String(oracle.getDate()).padStart(2, '0')}`;
        expect(addMonths(d, n)).toBe(expected);
      }),
      params,
    );
});
