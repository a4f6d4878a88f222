/**
 * The workflows read their inputs with compiled schemas (src/schemas/compiled) instead of zod. Here zod is the
 * oracle: for the charter's examples and for values generated from every schema (then bent at random: a key
 * dropped, a type swapped, text with spaces, CR LF, decomposed accents, controls or surrogates), the compiled
 * reader must give zod's verdict, zod's parsed value (keys in order, defaults, canonical text) and the issues zod
 * gives, at the same paths with the same codes.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { z } from 'zod';
import { compileSchemas } from '../../src/schemas/compiled/compile';
import { namedCheck, namedOverwrite } from '../../src/schemas/compiled/named';
import { compiledReader } from '../../src/schemas/compiled/read';
import { COMPILED_ROOTS, compiledSchemasText } from '../../src/schemas/compiled/roots';
import type { CompiledSchemas, Node, Ref } from '../../src/schemas/compiled/spec';
import { registrationOf, Scenario, stepCommand, SIMULATOR } from '../../src/simulator/scenario';
import { propertyRuns } from '../helpers/property';

const FILE = join(__dirname, '../../src/schemas/compiled/compiled.json');
const compiled = JSON.parse(readFileSync(FILE, 'utf8')) as CompiledSchemas;
const reader = compiledReader(compiled);
type Root = keyof typeof COMPILED_ROOTS;

/** What a verdict is compared on: success, the value as JSON writes it and as it is, or each issue's path and code. */
function verdicts(root: Root, input: unknown) {
  const byZod = COMPILED_ROOTS[root].safeParse(input);
  const byReader = reader.parse(root, input);
  const issues = (list: Array<{ path: PropertyKey[]; code: string }>) => list.map((i) => [i.path, i.code]);
  return {
    zod: byZod.success
      ? { ok: true, json: JSON.stringify(byZod.data), data: byZod.data }
      : { ok: false, issues: issues(byZod.error.issues) },
    compiled: byReader.success
      ? { ok: true, json: JSON.stringify(byReader.data), data: byReader.data }
      : { ok: false, issues: issues(byReader.issues) },
  };
}
const expectAgreement = (root: Root, input: unknown) => {
  const { zod, compiled: read } = verdicts(root, input);
  expect(read).toStrictEqual(zod);
};

describe('compiled.json', () => {
  test('is what the zod schemas compile to today (else: npm run compiled-schemas)', () => {
    expect(readFileSync(FILE, 'utf8')).toBe(compiledSchemasText());
  });

  test.each([
    ['a transform', z.object({ a: z.string().transform((s) => s.length) }), /x\.a: the zod type pipe/],
    [
      'an unnamed refinement',
      z.object({ a: z.string().refine((s) => s !== 'b') }),
      /x\.a: a refinement not made by namedCheck/,
    ],
    ['an unnamed overwrite', z.string().trim(), /x: an overwrite not made by namedOverwrite/],
    ['a string format', z.object({ mail: z.email() }), /x\.mail: the string format email/],
    ['a coercion', z.coerce.number(), /x: coercion/],
    ['an object keeping unknown keys', z.looseObject({}), /x: an object with a unknown catchall/],
    ['a pattern with state', z.string().regex(/a/g), /x: the stateful pattern/],
  ])('refuses %s, naming where it is', (_, schema, message) => {
    expect(() => compileSchemas({ x: schema as z.ZodType })).toThrow(message);
  });

  test('a named check or overwrite is written as a call, with its arguments', () => {
    const out = compileSchemas({
      x: z
        .string()
        .overwrite(namedOverwrite('canonicalText', true))
        .check(namedCheck('printable', true, { vi: 'a', en: 'b' })),
    });
    expect(out.nodes[out.roots.x!]).toEqual({
      type: 'string',
      checks: [
        { check: 'overwrite', name: 'canonicalText', args: [true] },
        { check: 'named', name: 'printable', args: [true, { vi: 'a', en: 'b' }] },
      ],
    });
  });
});

/** Each example's registration and steps, as the simulator sends them (before any parse). */
function examples() {
  const dir = join(__dirname, '../../examples');
  const scenarios = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => Scenario.parse(JSON.parse(readFileSync(join(dir, f), 'utf8'))));
  const registrations = scenarios.map(registrationOf);
  const steps = scenarios.flatMap((s) => s.steps);
  const commands = steps.flatMap((st) => (st.type === 'CORRECT_STEP' ? [] : [stepCommand(st)]));
  const corrections = [
    ...steps.flatMap((st) =>
      st.type === 'CORRECT_STEP'
        ? [
            {
              type: st.type,
              seq: st.corrects + 2,
              step: stepCommand(st.step),
              reason: st.reason,
              recordedBy: SIMULATOR,
            },
          ]
        : [],
    ),
    ...commands.map((step, i) => ({
      type: 'CORRECT_STEP',
      seq: i + 2,
      step,
      reason: ' Biên bản ghi\r\nngày khác ',
      recordedBy: SIMULATOR,
    })),
  ];
  return { registrations, commands, corrections };
}

describe('the compiled reader reads as zod does', () => {
  const { registrations, commands, corrections } = examples();

  test('every example registration, step and correction', () => {
    expect(commands.length).toBeGreaterThan(300);
    for (const r of registrations) expectAgreement('Registration', r);
    for (const c of commands) expectAgreement('Command', c);
    for (const c of corrections) expectAgreement('Correction', c);
    // Each reads as valid, so the values compared above are parsed values, not only refusals.
    expect(commands.every((c) => reader.parse('Command', c).success)).toBe(true);
  });

  test('text is made canonical as zod makes it: trimmed, NFC, CR LF as LF where it may span lines', () => {
    const step = { ...commands[0]!, signedBy: '  Nguye\u0302\u0303n Va\u0306n An \t', note: ' a\r\nb\rc ' };
    expectAgreement('Command', step);
    expect(reader.parse<{ signedBy: string; note: string }>('Command', step)).toMatchObject({
      success: true,
      data: { signedBy: 'Nguyễn Văn An', note: 'a\nb\nc' },
    });
  });

  const arbitraries = arbitrariesOf(compiled);
  const bent = (a: fc.Arbitrary<unknown>, samples: unknown[]) =>
    fc.oneof(
      a,
      fc.constantFrom(...samples).chain((s) => bend(s)),
    );

  test.each<[Root, number, unknown[]]>([
    ['Command', 600, commands],
    ['Correction', 200, corrections],
    ['Registration', 400, registrations],
    ['Delivery', 300, []],
    ['Acknowledgement', 300, []],
  ])('%s: generated and bent values (%i runs)', (root, runs, samples) => {
    const values = samples.length
      ? bent(arbitraries(compiled.roots[root]!), samples)
      : arbitraries(compiled.roots[root]!);
    for (const params of propertyRuns<[unknown]>(runs))
      fc.assert(
        fc.property(values, (v) => expectAgreement(root, v)),
        params,
      );
  });
});

const ABSENT = Symbol('absent');
/** Text around what the schemas care about: edges, spaces, line ends, decomposed accents, controls, surrogates. */
const text = (min = 0, max = 12) =>
  fc.oneof(
    fc.string({ minLength: 0, maxLength: 12 }),
    fc.string({
      minLength: Math.max(0, min - 1),
      maxLength: Math.min(max + 2, 260),
      unit: fc.constantFrom('a', 'ễ', ' ', '\t', '\r', '\n', 'e\u0301', '😀', '\u0000', '\u202e', '\ud800', '-', '0'),
    }),
    fc.constantFrom(
      '',
      '   ',
      'Nguyễn Văn An',
      ' x ',
      'a'.repeat(max),
      'a'.repeat(max + 1),
      '😀'.repeat(max),
      '__proto__',
    ),
  );

/** Values of the shape each compiled node describes, mostly valid, with the odd wrong type anywhere. */
function arbitrariesOf(c: CompiledSchemas) {
  const memo = new Map<Ref, fc.Arbitrary<unknown>>();
  const anything = fc.oneof(fc.jsonValue({ maxDepth: 1 }), fc.constantFrom(undefined, NaN, Infinity, -0, [], {}));
  const lengths = (n: Node) => {
    const checks = 'checks' in n ? (n.checks ?? []) : [];
    const min = checks.find((k) => k.check === 'min_length');
    const max = checks.find((k) => k.check === 'max_length');
    return { min: min && 'n' in min ? min.n : 0, max: max && 'n' in max ? max.n : 12 };
  };
  const of = (ref: Ref): fc.Arbitrary<unknown> => {
    const known = memo.get(ref);
    if (known) return known;
    const node = c.nodes[ref]!;
    const base = ((): fc.Arbitrary<unknown> => {
      switch (node.type) {
        case 'string': {
          const pattern = node.checks?.find((k) => k.check === 'regex');
          const { min, max } = lengths(node);
          return pattern && 'source' in pattern
            ? fc.oneof(
                { weight: 4, arbitrary: fc.stringMatching(new RegExp(pattern.source, pattern.flags)) },
                text(min, max),
              )
            : text(min, max);
        }
        case 'number':
          return fc.oneof(fc.integer({ min: -2, max: 40 }), fc.double(), fc.constantFrom(2 ** 53, -(2 ** 53), 0.5));
        case 'boolean':
          return fc.boolean();
        case 'literal':
        case 'enum':
          return fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...node.values) }, fc.constantFrom('other', 1, null));
        case 'array': {
          const { min, max } = lengths(node);
          return fc.array(of(node.element), { minLength: Math.max(0, min - 1), maxLength: Math.min(max + 1, 4) });
        }
        case 'object': {
          const entries = node.shape.map(([key, ref, optin]) =>
            fc
              .oneof(
                { weight: optin === null ? 19 : 1, arbitrary: of(ref) },
                { weight: 1, arbitrary: fc.constant(ABSENT) },
              )
              .map((v) => [key, v] as const),
          );
          return fc
            .tuple(fc.tuple(...entries), fc.option(fc.tuple(text(), anything), { freq: 10 }))
            .map(([pairs, extra]) => {
              const o: Record<string, unknown> = Object.fromEntries(pairs.filter(([, v]) => v !== ABSENT));
              if (extra) o[extra[0]] = extra[1];
              return o;
            });
        }
        case 'union':
        case 'discriminated':
          return fc.oneof(...(node.type === 'union' ? node.options : node.options.map(([, r]) => r)).map(of));
        case 'optional':
        case 'default':
          return fc.oneof({ weight: 3, arbitrary: of(node.inner) }, fc.constant(undefined));
        case 'nullable':
          return fc.oneof({ weight: 3, arbitrary: of(node.inner) }, fc.constant(null));
      }
    })();
    const a = fc.oneof({ weight: 30, arbitrary: base }, { weight: 1, arbitrary: anything });
    memo.set(ref, a);
    return a;
  };
  return of;
}

/** A valid value bent in one place: a key dropped or added, a value replaced, text padded or decomposed. */
function bend(value: unknown): fc.Arbitrary<unknown> {
  const paths: Array<Array<string | number>> = [];
  const walk = (v: unknown, path: Array<string | number>) => {
    paths.push(path);
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
  };
  walk(value, []);
  const change = fc.oneof(
    fc.constant((_: unknown) => ABSENT),
    fc.jsonValue({ maxDepth: 1 }).map((j) => () => j),
    fc
      .constantFrom(' ', '\r\n', '\u0301', '\u0000', '\ud800', '  ')
      .map((s) => (v: unknown) => (typeof v === 'string' ? `${s}${v}${s}` : v)),
    fc.constantFrom(-1, 0.5, 1e21).map((n) => (v: unknown) => (typeof v === 'number' ? v + n : v)),
  );
  return fc.tuple(fc.constantFrom(...paths), change).map(([path, f]) => {
    const copy = structuredClone(value);
    if (!path.length) return f(copy) === ABSENT ? undefined : f(copy);
    let parent = copy as Record<string | number, unknown>;
    for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
    const last = path[path.length - 1]!;
    const next = f(parent[last]);
    if (next === ABSENT) {
      if (Array.isArray(parent)) parent.splice(last as number, 1);
      else delete parent[last];
    } else parent[last] = next;
    return copy;
  });
}
