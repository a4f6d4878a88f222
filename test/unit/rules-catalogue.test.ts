import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { RULES } from '../../src/charter/rules/catalogue';
import { renderRulesDoc } from '../../src/charter/rules/render-doc';

const root = join(__dirname, '..', '..');
const sources = ['src/charter/rules', 'src/machine', 'src/audit'].flatMap((dir) =>
  readdirSync(join(root, dir))
    .filter((f) => f.endsWith('.ts') && f !== 'catalogue.ts')
    .map((f) => readFileSync(join(root, dir, f), 'utf8')),
);
const code = sources.join('\n');
const ids = new Set(RULES.map((r) => r.id));
const prefixes = new Set(RULES.map((r) => r.id.split('.')[0]));

describe('the rule catalogue', () => {
  test('ids are unique and every one has both languages', () => {
    expect(ids.size).toBe(RULES.length);
    for (const r of RULES) expect(r.title.vi && r.title.en && r.summary).toBeTruthy();
  });

  test('every rule id the code can refuse with is documented', () => {
    const literal = [...code.matchAll(/'([a-z_0-9]+\.[a-z_0-9]+)'/g)]
      .map((m) => m[1]!)
      .filter((s) => prefixes.has(s.split('.')[0]!));
    const templated =
      [...code.matchAll(/`papers\.\$\{kind\}_valid`/g)].length > 0
        ? ['papers.introduction_valid', 'papers.comments_valid', 'papers.verification_valid']
        : [];
    const used = new Set([...literal, ...templated]);
    expect([...used].filter((id) => !ids.has(id))).toEqual([]);
    expect([...ids].filter((id) => !used.has(id))).toEqual([]);
  });

  test('docs/rules.md is up to date (npm run rules-doc)', () => {
    expect(readFileSync(join(root, 'docs', 'rules.md'), 'utf8')).toBe(renderRulesDoc());
  });
});
