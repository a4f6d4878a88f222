/**
 * Reads a value with a compiled schema (spec.ts) as zod's forward parse would: the same verdict, the same
 * parsed value (keys in the schema's order, unknown keys dropped, defaults filled in, text made canonical by the
 * named overwrites), and issues at the same paths. It is how the workflows read their inputs without zod in
 * their bundle: the SDK evaluates a bundle's modules afresh for every workflow unless they can be shared frozen,
 * and zod's schemas can be neither cheap nor frozen. This module and the compiled data are both, so every cached
 * case shares one copy (test/unit/compiled-schemas.test.ts proves the verdicts equal zod's).
 *
 * It holds no state of its own and writes into nothing it is given, so one reader serves every workflow.
 */
import { namedIssues, OVERWRITES, type OverwriteName } from './named';
import type { Check, CompiledSchemas, Node, Presence, Ref } from './spec';

export interface Issue {
  code: string;
  path: Array<string | number>;
  message: string;
  input?: unknown;
  params?: Record<string, string>;
  /** As in zod: an issue without it stops the checks that follow (the value is not worth checking further). */
  continue?: boolean;
}

export type Parsed<T> = { success: true; data: T } | { success: false; issues: Issue[] };

interface Payload {
  value: unknown;
  issues: Issue[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const aborted = (p: Payload, from = 0) => p.issues.slice(from).some((i) => i.continue !== true);
const explicitlyAborted = (p: Payload) => p.issues.some((i) => i.continue === false);
const hasLength = (v: unknown) => v !== null && v !== undefined && (v as { length?: unknown }).length !== undefined;
const shallowClone = (v: unknown) => (Array.isArray(v) ? [...v] : isObject(v) ? { ...v } : v);
const typeOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
const show = (v: unknown) => (typeof v === 'string' ? JSON.stringify(v) : String(v));

/** Code points, as zod measures a string's length: a surrogate pair is one character. */
function codePoints(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length - 1; i++)
    if ((s.charCodeAt(i) & 0xfc00) === 0xd800 && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n--;
      i++;
    }
  return n;
}

const invalidType = (expected: string, input: unknown, message?: string): Issue => ({
  code: 'invalid_type',
  path: [],
  input,
  message: message ?? `Invalid input: expected ${expected}, received ${typeOf(input)}`,
});

/** A reader of the compiled schemas; the regular expressions are built once, when it is made. */
export function compiledReader(schemas: CompiledSchemas) {
  const { nodes } = schemas;
  const patterns = new Map<Check, RegExp>();
  const valueSets = new Map<Node, ReadonlySet<unknown>>();
  const options = new Map<Node, ReadonlyMap<unknown, Ref>>();
  for (const node of nodes) {
    if (node.type === 'literal' || node.type === 'enum') valueSets.set(node, new Set(node.values));
    if (node.type === 'discriminated') options.set(node, new Map(node.options));
    for (const c of 'checks' in node ? (node.checks ?? []) : [])
      if (c.check === 'regex') patterns.set(c, new RegExp(c.source, c.flags));
  }

  function runCheck(c: Check, p: Payload): void {
    const v = p.value;
    switch (c.check) {
      case 'min_length':
      case 'max_length': {
        const units = (v as { length: number }).length;
        const length = typeof v === 'string' ? codePoints(v) : units;
        const fails = c.check === 'min_length' ? length < c.n : length > c.n;
        if (!fails) return;
        const small = c.check === 'min_length';
        const origin = typeof v === 'string' ? 'string' : 'array';
        const unit = origin === 'string' ? 'characters' : 'items';
        p.issues.push({
          code: small ? 'too_small' : 'too_big',
          path: [],
          input: v,
          continue: true,
          message:
            c.message ??
            `Too ${small ? 'small' : 'big'}: expected ${origin} to have ${small ? '>=' : '<='}${c.n} ${unit}`,
        });
        return;
      }
      case 'regex':
        if (patterns.get(c)!.test(v as string)) return;
        p.issues.push({
          code: 'invalid_format',
          path: [],
          input: v,
          continue: true,
          message: c.message ?? `Invalid string: must match pattern /${c.source}/${c.flags}`,
        });
        return;
      case 'int':
        if (!Number.isInteger(v)) p.issues.push({ ...invalidType('int', v, c.message), continue: false });
        else if (!Number.isSafeInteger(v))
          p.issues.push({
            code: (v as number) > 0 ? 'too_big' : 'too_small',
            path: [],
            input: v,
            continue: true,
            message: c.message ?? 'Integers must be within the safe integer range.',
          });
        return;
      case 'min':
      case 'max': {
        const n = v as number;
        const ok = c.check === 'min' ? (c.inclusive ? n >= c.n : n > c.n) : c.inclusive ? n <= c.n : n < c.n;
        if (ok) return;
        const small = c.check === 'min';
        p.issues.push({
          code: small ? 'too_small' : 'too_big',
          path: [],
          input: v,
          continue: true,
          message:
            c.message ??
            `Too ${small ? 'small' : 'big'}: expected number to be ${small ? '>' : '<'}${c.inclusive ? '=' : ''}${c.n}`,
        });
        return;
      }
      case 'overwrite':
        p.value = (OVERWRITES[c.name as OverwriteName] as (v: unknown, ...a: unknown[]) => unknown)(v, ...c.args);
        return;
      case 'named':
        p.issues.push(...(namedIssues(c.name, v, c.args) as Issue[]));
    }
  }

  /** zod's runChecks: a check is skipped once an issue has stopped them, but a length check runs on anything with a length. */
  function runChecks(checks: Check[] | undefined, p: Payload): Payload {
    if (!checks?.length) return p;
    let stopped = aborted(p);
    for (const c of checks) {
      const lengthCheck = c.check === 'min_length' || c.check === 'max_length';
      if (lengthCheck ? explicitlyAborted(p) || !hasLength(p.value) : stopped) continue;
      const before = p.issues.length;
      runCheck(c, p);
      if (!stopped) stopped = aborted(p, before);
    }
    return p;
  }

  const prefixed = (key: string | number, issues: Issue[]) => issues.map((i) => ({ ...i, path: [key, ...i.path] }));

  /** zod's handlePropertyResult: what an object's key contributes to its parsed value, given its presence rules. */
  function property(
    r: Payload,
    final: Payload,
    out: Record<string, unknown>,
    key: string,
    input: object,
    optin: Presence,
    optout: Presence,
  ) {
    const present = key in input;
    const optionalOut = optout === 'optional';
    if (!present && optionalOut && optin === 'optional') return;
    if (r.issues.length) {
      if (optin !== null && optionalOut && !present) return;
      final.issues.push(...prefixed(key, r.issues));
    }
    if (!present && optin === null) {
      if (!r.issues.length) final.issues.push({ ...invalidType('nonoptional', undefined), path: [key] });
      return;
    }
    if (r.value === undefined) {
      if (present || (optin === 'defaulted' && !optionalOut)) out[key] = undefined;
    } else out[key] = r.value;
  }

  function parseNode(node: Node, p: Payload): Payload {
    const v = p.value;
    switch (node.type) {
      case 'string':
        if (typeof v !== 'string')
          p.issues.push(invalidType('string', v, v === undefined ? node.messages?.missing : node.messages?.invalid));
        return p;
      case 'number':
        if (typeof v !== 'number' || Number.isNaN(v) || !Number.isFinite(v)) p.issues.push(invalidType('number', v));
        return p;
      case 'boolean':
        if (typeof v !== 'boolean') p.issues.push(invalidType('boolean', v));
        return p;
      case 'literal':
      case 'enum':
        if (!valueSets.get(node)!.has(v))
          p.issues.push({
            code: 'invalid_value',
            path: [],
            input: v,
            message:
              node.values.length === 1
                ? `Invalid input: expected ${show(node.values[0])}`
                : `Invalid option: expected one of ${node.values.map(show).join('|')}`,
          });
        return p;
      case 'array': {
        if (!Array.isArray(v)) {
          p.issues.push(invalidType('array', v));
          return p;
        }
        const out: unknown[] = Array(v.length);
        v.forEach((item, i) => {
          const r = run(node.element, { value: item, issues: [] });
          if (r.issues.length) p.issues.push(...prefixed(i, r.issues));
          out[i] = r.value;
        });
        p.value = out;
        return p;
      }
      case 'object': {
        if (!isObject(v)) {
          p.issues.push(invalidType('object', v));
          return p;
        }
        const out: Record<string, unknown> = {};
        for (const [key, ref, optin, optout] of node.shape) {
          if (key === '__proto__') continue;
          property(run(ref, { value: v[key], issues: [] }), p, out, key, v, optin, optout);
        }
        if (node.strict) {
          const known = new Set(node.shape.map(([k]) => k));
          const unknown: string[] = [];
          for (const key in v) if (!known.has(key)) unknown.push(key);
          if (unknown.length)
            p.issues.push({
              code: 'unrecognized_keys',
              path: [],
              input: v,
              continue: true,
              message: `Unrecognized key${unknown.length > 1 ? 's' : ''}: ${unknown.map((k) => JSON.stringify(k)).join(', ')}`,
            });
        }
        p.value = out;
        return p;
      }
      case 'union': {
        if (node.options.length === 1) return run(node.options[0]!, p);
        const results = node.options.map((ref) => ({ ref, r: undefined as Payload | undefined }));
        for (const o of results) {
          o.r = run(o.ref, { value: v, issues: [] });
          if (!o.r.issues.length) {
            p.value = o.r.value;
            return p;
          }
        }
        const open = results.filter((o) => !aborted(o.r!));
        if (open.length === 1) return open[0]!.r!;
        p.issues.push({ code: 'invalid_union', path: [], input: v, message: 'Invalid input' });
        return p;
      }
      case 'discriminated': {
        if (!isObject(v)) {
          p.issues.push(invalidType('object', v));
          return p;
        }
        const ref = options.get(node)!.get(v[node.key]);
        if (ref !== undefined) return run(ref, p);
        p.issues.push({ code: 'invalid_union', path: [node.key], input: v, message: 'Invalid input' });
        return p;
      }
      case 'optional':
        if (v !== undefined) return run(node.inner, p);
        if (node.defaulted) {
          const r = run(node.inner, { value: undefined, issues: [] });
          p.value = r.issues.length ? undefined : r.value;
        }
        return p;
      case 'nullable':
        return v === null ? p : run(node.inner, p);
      case 'default':
        if (v === undefined) {
          p.value = shallowClone(node.value);
          return p;
        }
        {
          const r = run(node.inner, p);
          if (r.value === undefined) r.value = shallowClone(node.value);
          return r;
        }
    }
  }

  function run(ref: Ref, p: Payload): Payload {
    const node = nodes[ref]!;
    return runChecks('checks' in node ? node.checks : undefined, parseNode(node, p));
  }

  return {
    /** Parses `input` with the root schema `root` (a name of CompiledSchemas.roots). */
    parse<T>(root: string, input: unknown): Parsed<T> {
      const ref = schemas.roots[root];
      if (ref === undefined) throw new Error(`no compiled schema named ${root}`);
      const p = run(ref, { value: input, issues: [] });
      return p.issues.length ? { success: false, issues: p.issues } : { success: true, data: p.value as T };
    },
  };
}
