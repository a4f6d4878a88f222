/**
 * The modules every workflow of a worker shares (src/temporal/bundle.ts) must stay safe to share and worth it:
 * none may bring in zod (which writes into its own schemas, so cannot be frozen, and costs each workflow 1.5 MB
 * unshared) or the SDK (whose modules are each workflow's own), and no module of src/ that a workflow imports
 * may be left out (it would be evaluated again for every workflow).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { bundleWorkflows, SHARED_MODULES } from '../../src/temporal/bundle';

const ROOT = join(__dirname, '..', '..');
/** Packages the shared modules may import: pure, and holding nothing of any one workflow. */
const PURE_PACKAGES = ['xstate', '@date-fns/tz'];

/** The modules `file` imports at run time (not `import type`), resolved to files or left as package names. */
function runtimeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/^(?:import|export)\s+(?!type\b)(?:[^'";]*?\sfrom\s+)?'([^']+)'/gm)].map(
    (m) => m[1]!,
  );
  return specs.map((spec) => {
    if (!spec.startsWith('.')) return spec;
    const base = resolve(dirname(file), spec);
    const found = [base, `${base}.ts`, join(base, 'index.ts')].find((p) => existsSync(p) && !p.endsWith('/'));
    if (!found) throw new Error(`${relative(ROOT, file)}: cannot resolve ${spec}`);
    return found;
  });
}

function closure(entries: string[]): Set<string> {
  const seen = new Set<string>();
  const visit = (m: string) => {
    if (seen.has(m)) return;
    seen.add(m);
    if (m.endsWith('.ts')) runtimeImports(m).forEach(visit);
  };
  entries.forEach(visit);
  return seen;
}

test('every module of src/ a workflow imports is shared', () => {
  const workflows = readdirSync(join(ROOT, 'workflows'))
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join(ROOT, 'workflows', f));
  const fromSrc = workflows.flatMap(runtimeImports).filter((m) => m.startsWith(join(ROOT, 'src')));
  expect(fromSrc.length).toBeGreaterThan(5);
  expect(fromSrc.filter((m) => !SHARED_MODULES.includes(m)).map((m) => relative(ROOT, m))).toEqual([]);
});

test('the shared modules import nothing but pure code of src/ and pure packages', () => {
  const reached = [...closure(SHARED_MODULES)];
  const packages = reached.filter((m) => !m.startsWith('/'));
  expect(packages.filter((p) => !PURE_PACKAGES.includes(p))).toEqual([]);
  // The machine, the rules and the policy data are among them: what each workflow would otherwise build again.
  expect(reached.map((m) => relative(ROOT, m))).toEqual(
    expect.arrayContaining([
      'src/machine/candidate-machine.ts',
      'src/charter/rules/votes.ts',
      'src/charter/data/policies.json',
    ]),
  );
});

test('the workflow bundle holds no zod', async () => {
  const { code } = await bundleWorkflows();
  const modules = [...code.matchAll(/^\/\*\*\*\/ "([^"]+)"/gm)].map((m) => m[1]!);
  expect(modules.length).toBeGreaterThan(50);
  expect(modules.filter((m) => m.includes('node_modules/zod/'))).toEqual([]);
});
