/**
 * One home per rule, in the source text: each rule id is written once, in its
 * declaration, and no other id-like string names a rule. It reads the files,
 * so the mutation run leaves it out (its sandbox holds them instrumented).
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { RULES } from '../../src/charter/rules/catalogue';

const root = join(__dirname, '..', '..');
const sourcesUnder = (dir: string): string[] =>
  readdirSync(join(root, dir)).flatMap((f) => {
    const path = join(dir, f);
    if (statSync(join(root, path)).isDirectory()) return sourcesUnder(path);
    return /\.(ts|js)$/.test(f) ? [path] : [];
  });
const sources = sourcesUnder('src').map((path) => ({ path, text: readFileSync(join(root, path), 'utf8') }));
const ids = new Set(RULES.map((r) => r.id));
const prefixes = new Set(RULES.map((r) => r.id.split('.')[0]));

test('each rule id is written once in the code, in its declaration; no other id-like string is a rule', () => {
  for (const id of ids) {
    const homes = sources.filter((s) => s.text.includes(`'${id}'`) || s.text.includes(`"${id}"`));
    expect({ id, homes: homes.map((h) => h.path) }).toEqual({ id, homes: [expect.any(String)] });
    expect(homes[0]!.text).toContain(`id: '${id}'`);
  }
  const undeclared = sources.flatMap((s) =>
    [...s.text.matchAll(/'([a-z_0-9]+\.[a-z_0-9]+)'/g)]
      .map((m) => m[1]!)
      // A file name ('registration.json') is not a rule id, whatever its first word.
      .filter((x) => prefixes.has(x.split('.')[0]!) && !ids.has(x) && !/\.(json|csv|xlsx|pdf|docx)$/.test(x))
      .map((x) => `${s.path}: ${x}`),
  );
  expect(undeclared).toEqual([]);
});
