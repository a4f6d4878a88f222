/**
 * checkCharterData() is what lets every workflow trust the data files unparsed, so it must refuse a
 * file that its schema would change (a default filled in), not only a file the schema rejects.
 */
import holidays from '../../src/charter/data/holidays.json';
import policies from '../../src/charter/data/policies.json';

function checkWith(mocks: { policies?: unknown; holidays?: unknown }): () => void {
  let check: () => void = () => undefined;
  jest.isolateModules(() => {
    jest.doMock('../../src/charter/data/policies.json', () => mocks.policies ?? policies);
    jest.doMock('../../src/charter/data/holidays.json', () => mocks.holidays ?? holidays);
    check =
      jest.requireActual<typeof import('../../src/charter/check-data')>(
        '../../src/charter/check-data',
      ).checkCharterData;
  });
  return check;
}

test('the shipped files pass, comments and key order aside', () => {
  expect(() => checkWith({})()).not.toThrow();
  const reordered = { ...holidays, years: holidays.years, lunar: holidays.lunar, fixed: holidays.fixed };
  expect(() => checkWith({ holidays: reordered })()).not.toThrow();
});

test('a policy file the schema would change when parsing is refused', () => {
  // An unknown key is dropped by the schema: what the workflows would read differs from what was checked.
  const sets = policies.sets.map((s, i) => (i === 0 ? { ...s, extra: 1 } : s));
  expect(() => checkWith({ policies: { sets } })()).toThrow(
    'policies: the schema changes data/policies.json when parsing it; put the values in the file',
  );
});

test('a holiday file the schema would change when parsing is refused', () => {
  expect(() =>
    checkWith({ holidays: { ...holidays, fixed: [{ ...holidays.fixed[0], extra: 1 }, ...holidays.fixed.slice(1)] } })(),
  ).toThrow('holidays: the schema changes data/holidays.json when parsing it; put the values in the file');
});
