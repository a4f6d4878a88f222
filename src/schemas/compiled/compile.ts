/**
 * Compiles zod schemas into the plain data of spec.ts, by reading each schema's definition (`_zod.def`, the
 * introspection zod 4 offers library authors). The zod schema stays the one source of truth: this only writes it
 * down in a form a frozen, shared module can hold. It refuses, naming the path, anything it does not know how to
 * write down exactly (a transform, a coercion, a string format, an unnamed refinement), so that the compiled
 * reader never quietly accepts what zod would refuse.
 */
import type { z } from 'zod';
import { namedCallOf } from './named';
import type { Check, CompiledSchemas, Node, Presence, Ref } from './spec';

type Schema = z.core.$ZodType;
// The definitions are read as zod writes them; their TypeScript types differ by schema kind.
type Def = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const unsupported = (path: string, what: string): Error =>
  new Error(
    `compiled schemas: ${path || '(root)'}: ${what} cannot be compiled; use a named check (src/schemas/compiled/named.ts) or extend compile.ts and read.ts together`,
  );

/** The message a schema's or check's own `error` gives for `issue`, when it gives one. */
function messageOf(def: Def, issue: Record<string, unknown>): string | undefined {
  const given = typeof def.error === 'function' ? def.error(issue) : undefined;
  return typeof given === 'string' ? given : typeof given?.message === 'string' ? given.message : undefined;
}

const withMessage = <C extends Check>(check: C, message: string | undefined): C =>
  message === undefined ? check : { ...check, message };

function checkOf(ch: { _zod: { def: Def; check?: unknown } }, path: string): Check | undefined {
  const def = ch._zod.def;
  if (def.abort || (def.when && !['min_length', 'max_length'].includes(def.check)))
    throw unsupported(path, `a ${def.check} check with abort or when`);
  switch (def.check) {
    case 'describe':
    case 'meta':
      return undefined;
    case 'min_length':
      return withMessage({ check: 'min_length', n: def.minimum }, messageOf(def, { code: 'too_small' }));
    case 'max_length':
      return withMessage({ check: 'max_length', n: def.maximum }, messageOf(def, { code: 'too_big' }));
    case 'string_format': {
      const pattern = def.pattern as RegExp | undefined;
      if (def.format !== 'regex' || !pattern) throw unsupported(path, `the string format ${def.format}`);
      // A global or sticky pattern keeps state between tests; the shared reader must not.
      if (pattern.global || pattern.sticky) throw unsupported(path, `the stateful pattern ${pattern}`);
      return withMessage(
        { check: 'regex', source: pattern.source, flags: pattern.flags },
        messageOf(def, { code: 'invalid_format' }),
      );
    }
    case 'number_format':
      if (def.format !== 'safeint') throw unsupported(path, `the number format ${def.format}`);
      return withMessage({ check: 'int' }, messageOf(def, { code: 'invalid_type', expected: 'int' }));
    case 'greater_than':
    case 'less_than':
      if (typeof def.value !== 'number') throw unsupported(path, `a ${def.check} bound that is not a number`);
      return withMessage(
        { check: def.check === 'greater_than' ? 'min' : 'max', n: def.value, inclusive: Boolean(def.inclusive) },
        messageOf(def, { code: def.check === 'greater_than' ? 'too_small' : 'too_big' }),
      );
    case 'overwrite': {
      const call = namedCallOf(def.tx);
      if (!call) throw unsupported(path, 'an overwrite not made by namedOverwrite');
      return { check: 'overwrite', name: call.name, args: call.args };
    }
    case 'custom': {
      const call = namedCallOf(ch._zod.check);
      if (!call) throw unsupported(path, 'a refinement not made by namedCheck');
      return { check: 'named', name: call.name, args: call.args };
    }
  }
  throw unsupported(path, `the check ${def.check}`);
}

const json = (v: unknown, path: string): unknown => {
  const text = JSON.stringify(v);
  if (text === undefined) throw unsupported(path, 'a default that JSON cannot carry');
  return JSON.parse(text);
};

/** Compiles each named root schema; schemas reached from several places are written once. */
export function compileSchemas(roots: Record<string, Schema>): CompiledSchemas {
  const nodes: Node[] = [];
  const seen = new Map<Schema, Ref>();

  const checksOf = (def: Def, path: string): Check[] | undefined => {
    const checks = ((def.checks ?? []) as Array<{ _zod: { def: Def } }>)
      .map((ch) => checkOf(ch, path))
      .filter((c): c is Check => c !== undefined);
    return checks.length ? checks : undefined;
  };
  const noChecks = (def: Def, path: string) => {
    if (checksOf(def, path)) throw unsupported(path, `checks on a ${def.type}`);
  };
  const visit = (schema: Schema, path: string): Ref => {
    const known = seen.get(schema);
    if (known !== undefined) return known;
    const ref = nodes.length;
    seen.set(schema, ref);
    nodes.push(undefined as never);
    nodes[ref] = nodeOf(schema, path);
    return ref;
  };

  function nodeOf(schema: Schema, path: string): Node {
    const def = schema._zod.def as Def;
    if (def.coerce) throw unsupported(path, 'coercion');
    // Only these kinds take checks; the others refuse any (noChecks).
    const checks = ['string', 'number', 'array', 'object'].includes(def.type) ? checksOf(def, path) : undefined;
    const withChecks = checks ? { checks } : {};
    switch (def.type) {
      case 'string': {
        if (def.format) throw unsupported(path, `the string format ${def.format}`);
        const messages = {
          missing: messageOf(def, { code: 'invalid_type', expected: 'string', input: undefined }),
          invalid: messageOf(def, { code: 'invalid_type', expected: 'string', input: 0 }),
        };
        return {
          type: 'string',
          ...withChecks,
          ...(messages.missing || messages.invalid ? { messages } : {}),
        };
      }
      case 'number':
        return { type: 'number', ...withChecks };
      case 'boolean':
        noChecks(def, path);
        return { type: 'boolean' };
      case 'literal':
      case 'enum': {
        noChecks(def, path);
        const values = (def.type === 'literal' ? def.values : Object.values(def.entries)) as unknown[];
        if (values.some((v) => !['string', 'number', 'boolean'].includes(typeof v) && v !== null))
          throw unsupported(path, `a ${def.type} of values JSON cannot carry`);
        return { type: def.type, values: values as Array<string | number | boolean | null> };
      }
      case 'array':
        return { type: 'array', element: visit(def.element, `${path}[]`), ...withChecks };
      case 'object': {
        const catchall = def.catchall?._zod.def.type as string | undefined;
        if (catchall !== undefined && catchall !== 'never')
          throw unsupported(path, `an object with a ${catchall} catchall`);
        const shape = Object.entries(def.shape as Record<string, Schema>).map(
          ([key, s]) =>
            [
              key,
              visit(s, `${path}.${key}`),
              (s._zod.optin ?? null) as Presence,
              (s._zod.optout ?? null) as Presence,
            ] as [string, Ref, Presence, Presence],
        );
        return {
          type: 'object',
          shape,
          ...(catchall ? { strict: true } : {}),
          ...withChecks,
        };
      }
      case 'union': {
        noChecks(def, path);
        if (def.inclusive === false && !def.discriminator) throw unsupported(path, 'an exclusive union');
        if (!def.discriminator)
          return { type: 'union', options: (def.options as Schema[]).map((o, i) => visit(o, `${path}|${i}`)) };
        if (def.unionFallback) throw unsupported(path, 'a discriminated union that falls back');
        const options: Array<[string | number | boolean | null, Ref]> = [];
        for (const option of def.options as Schema[]) {
          const values = (option._zod as { propValues?: Record<string, Set<unknown>> }).propValues?.[def.discriminator];
          for (const value of values ?? []) {
            if (value === undefined || options.some(([v]) => v === value))
              throw unsupported(path, `the discriminator value ${String(value)}`);
            options.push([value as string, visit(option, `${path}<${String(value)}>`)]);
          }
        }
        return { type: 'discriminated', key: def.discriminator, options };
      }
      case 'optional':
        noChecks(def, path);
        return {
          type: 'optional',
          inner: visit(def.innerType, path),
          ...(def.innerType._zod.optin === 'defaulted' ? { defaulted: true } : {}),
        };
      case 'nullable':
        noChecks(def, path);
        return { type: 'nullable', inner: visit(def.innerType, path) };
      case 'default':
        noChecks(def, path);
        return { type: 'default', inner: visit(def.innerType, path), value: json(def.defaultValue, path) };
    }
    throw unsupported(path, `the zod type ${def.type}`);
  }

  const compiledRoots = Object.fromEntries(Object.entries(roots).map(([name, s]) => [name, visit(s, name)]));
  return { nodes, roots: compiledRoots };
}
