import { join } from 'node:path';
import { iso } from '../../src/charter/dates';
import { loadRegistryFile, parseRegistryCsv, parseRegistryJson } from '../../src/org/load';
import { RegistryError } from '../../src/org/registry';

const demo = loadRegistryFile(join(__dirname, '..', '..', 'data', 'demo-province.json'));
const HEADER =
  'effectiveFrom,id,name,kind,parentId,officialMembers,probationaryMembers,workforce,competentCommitteeId,admissionTargetShare';
const csv = (...rows: string[]) => [HEADER, ...rows].join('\n');
const GOOD = [
  '2021-01-01,tu-x,Tỉnh ủy X,provincial_committee,,0,0,,,0.03',
  '2021-01-01,du-y,Đảng ủy Y,grassroots_committee,tu-x,0,0,900,,',
  '2021-01-01,cb-z,Chi bộ Z,cell,du-y,12,1,300,du-y,',
];
const refused = (f: () => unknown) => {
  try {
    f();
  } catch (err) {
    expect(err).toBeInstanceOf(RegistryError);
    return (err as Error).message;
  }
  throw new Error('expected a RegistryError');
};

describe('the organisation registry', () => {
  test('the 1/7/2025 reform changes who decides for a commune cell, and its escalation chain', () => {
    const before = demo.on(iso('2025-06-30'));
    const after = demo.on(iso('2025-07-01'));
    expect(before.competentCommittee('cb-thpt-a')).toBe('hu-a');
    expect(before.committeesAbove('cb-thpt-a')).toEqual(['du-xa-a', 'hu-a', 'tu-demo']);
    expect(after.competentCommittee('cb-thpt-a')).toBe('du-xa-a');
    expect(after.committeesAbove('cb-thpt-a')).toEqual(['du-xa-a', 'tu-demo']);
    expect(after.has('hu-a')).toBe(false);
    expect(() => demo.on(iso('2020-12-31'))).toThrow(/no organisation registry in force on 2020-12-31/);
  });

  test('subtrees and scope: the hospital committee sees its cells and nothing else', () => {
    const t = demo.on(iso('2026-01-01'));
    expect(
      t
        .subtree('du-bv')
        .map((u) => u.id)
        .sort(),
    ).toEqual(['cb-bv-ngoai', 'cb-bv-noi', 'dbb-bv-noi', 'du-bv']);
    expect(t.within('cb-bv-noi', 'du-bv')).toBe(true);
    expect(t.within('cb-thpt-a', 'du-bv')).toBe(false);
    expect(t.within('cb-thpt-a', 'tu-demo')).toBe(true);
    expect(() => t.competentCommittee('du-bv')).toThrow(/is a grassroots_committee, not a cell/);
  });

  test('a CSV with one version loads; a bad row is named with its field', () => {
    const r = parseRegistryCsv(csv(...GOOD), 'x.csv', 'Tỉnh X');
    expect(r.on(iso('2024-05-01')).competentCommittee('cb-z')).toBe('du-y');
    expect(
      refused(() =>
        parseRegistryCsv(csv(GOOD[0]!, GOOD[1]!, '2021-01-01,cb-z,Chi bộ Z,cell,du-y,mười,1,,du-y,'), 'x.csv', 'X'),
      ),
    ).toMatch(/^x\.csv: row 4 \(cb-z\), officialMembers: /);
    expect(
      refused(() => parseRegistryCsv(csv(...GOOD, '21/01/2021,cb-w,W,cell,du-y,1,0,,du-y,'), 'x.csv', 'X')),
    ).toMatch(/row 5, effectiveFrom: expected a date as yyyy-MM-dd/);
    expect(refused(() => parseRegistryCsv('id,name\ncb-a,A', 'x.csv', 'X'))).toMatch(
      /missing column\(s\) effectiveFrom, kind/,
    );
  });

  test.each([
    ['an unknown parent', '2021-01-01,cb-q,Q,cell,du-none,1,0,,tu-x,', /units\[3\]\.parentId: no unit 'du-none'/],
    ['a duplicate id', '2021-01-01,cb-z,Z2,cell,du-y,1,0,,du-y,', /units\[3\]\.id: 'cb-z' appears twice/],
    [
      'a competent committee that is not above the cell',
      '2021-01-01,cb-q,Q,cell,du-y,1,0,,cb-z,',
      /competentCommitteeId: 'cb-z' is not a committee above 'cb-q'/,
    ],
    [
      'a cell without a competent committee',
      '2021-01-01,cb-q,Q,cell,du-y,1,0,,,',
      /units\[3\]\.competentCommitteeId: required for a cell/,
    ],
    ['a unit under a cell', '2021-01-01,cb-q,Q,cell,cb-z,1,0,,du-y,', /units\[3\]\.parentId: 'cb-z' is a cell/],
  ])('%s is refused, naming the unit and the field', (_what, row, message) => {
    expect(refused(() => parseRegistryCsv(csv(...GOOD, row), 'x.csv', 'X'))).toMatch(message);
  });

  test('JSON errors name the path and the field', () => {
    const bad = JSON.stringify({
      province: 'X',
      versions: [
        {
          effectiveFrom: '2021-01-01',
          units: [
            { id: 'tu-x', name: 'X', kind: 'province', parentId: null, officialMembers: 0, probationaryMembers: 0 },
          ],
        },
      ],
    });
    expect(refused(() => parseRegistryJson(bad, 'x.json'))).toMatch(/^x\.json: versions\.0\.units\.0\.kind: /);
    expect(refused(() => parseRegistryJson('{', 'x.json'))).toMatch(/^x\.json: not JSON/);
  });
});
