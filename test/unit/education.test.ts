/** Education as people write it, read as the four levels the charter's rule compares, by one function. */
import fc from 'fast-check';
import { Education, educationOf, normaliseEducation } from '../../src/schemas/education';
import { propertyRuns } from '../helpers/property';

test.each([
  ['12/12', 'upper_secondary'],
  ['12 / 12', 'upper_secondary'],
  ['9/12', 'lower_secondary'],
  ['11/12', 'lower_secondary'],
  ['5/12', 'primary'],
  ['10/10', 'upper_secondary'],
  ['7/10', 'lower_secondary'],
  ['Tiểu học', 'primary'],
  ['THCS', 'lower_secondary'],
  ['Trung học cơ sở', 'lower_secondary'],
  ['tốt nghiệp THPT', 'upper_secondary'],
  ['Trung cấp', 'upper_secondary'],
  ['Cao đẳng', 'higher'],
  ['ĐẠI HỌC', 'higher'],
  ['Đại học.', 'higher'],
  ['Thạc sĩ', 'higher'],
  ['Tiến sĩ', 'higher'],
  ['higher', 'higher'],
  ['lower_secondary', 'lower_secondary'],
])('%s is %s', (written, level) => {
  expect(normaliseEducation(written)).toBe(level);
});

test.each(['', 'giỏi', '3/12', '13/12', '0/10', '12/11'])('%j names no level', (written) => {
  expect(normaliseEducation(written)).toBeNull();
});

test('the words are kept beside the level, unless they are its code', () => {
  expect(educationOf(' Đại học ')).toEqual({ education: 'higher', educationAsWritten: 'Đại học' });
  expect(educationOf('upper_secondary')).toEqual({ education: 'upper_secondary' });
});

test('property: grades read in order (a higher grade of the same school never reads as a lower level)', () => {
  const rank = Object.fromEntries(Education.options.map((e, i) => [e, i]));
  for (const params of propertyRuns<[number, number, 10 | 12]>(300))
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 12 }),
        fc.constantFrom(10 as const, 12 as const),
        (a, b, of) => {
          const [lo, hi] = [Math.min(a, b, of), Math.min(Math.max(a, b), of)];
          const [l, h] = [normaliseEducation(`${lo}/${of}`), normaliseEducation(`${hi}/${of}`)];
          if (l !== null && h !== null) expect(rank[h]).toBeGreaterThanOrEqual(rank[l]!);
          if (l !== null) expect(h).not.toBeNull();
        },
      ),
      params,
    );
});

test('property: case, accents written apart, spacing and a final full stop do not change the reading', () => {
  const words = [
    'Tiểu học',
    'Trung học cơ sở',
    'Trung học phổ thông',
    'Trung cấp',
    'Cao đẳng',
    'Đại học',
    'Thạc sĩ',
    '9/12',
    '12/12',
  ];
  for (const params of propertyRuns<[string, boolean, boolean, string]>(300))
    fc.assert(
      fc.property(
        fc.constantFrom(...words),
        fc.boolean(),
        fc.boolean(),
        fc.constantFrom('', ' ', '  ', '.'),
        (w, upper, nfd, tail) => {
          let written = upper ? w.toUpperCase() : w;
          if (nfd) written = written.normalize('NFD');
          written = ` ${written.replace(/ /g, '  ')}${tail}`;
          expect(normaliseEducation(written)).toBe(normaliseEducation(w));
          expect(normaliseEducation(w)).not.toBeNull();
        },
      ),
      params,
    );
});
