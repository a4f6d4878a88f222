/**
 * The zod schemas the workflows read their inputs with, written as plain data (compile.ts makes it,
 * `npm run compiled-schemas` writes compiled.json). Nodes refer to each other by index, so a schema used in many
 * places (a date, the recorder) is written once. Only what zod's forward parse needs is kept.
 */

/** An index into CompiledSchemas.nodes. */
export type Ref = number;

/** A property's presence rules, as zod computes them for its schema (`_zod.optin`, `_zod.optout`); null for none. */
export type Presence = 'optional' | 'defaulted' | null;

export type Check =
  | { check: 'min_length' | 'max_length'; n: number; message?: string }
  | { check: 'regex'; source: string; flags: string; message?: string }
  | { check: 'int'; message?: string }
  | { check: 'min' | 'max'; n: number; inclusive: boolean; message?: string }
  | { check: 'overwrite'; name: string; args: unknown[] }
  | { check: 'named'; name: string; args: unknown[] };

/** Messages a string's schema gives for a missing value and for one that is not text. */
export interface TypeMessages {
  missing?: string;
  invalid?: string;
}

export type Node =
  | { type: 'string'; checks?: Check[]; messages?: TypeMessages }
  | { type: 'number'; checks?: Check[] }
  | { type: 'boolean' }
  | { type: 'literal' | 'enum'; values: Array<string | number | boolean | null> }
  | { type: 'array'; element: Ref; checks?: Check[] }
  | {
      type: 'object';
      /** In the schema's order, which is the order of the parsed value's keys. */
      shape: Array<[key: string, schema: Ref, optin: Presence, optout: Presence]>;
      /** Unknown keys refused (z.strictObject) rather than dropped. */
      strict?: true;
      checks?: Check[];
    }
  | { type: 'union'; options: Ref[] }
  | { type: 'discriminated'; key: string; options: Array<[value: string | number | boolean | null, schema: Ref]> }
  /** `defaulted`: the inner schema substitutes a value for absence (zod's optin "defaulted"), so absence reaches it. */
  | { type: 'optional'; inner: Ref; defaulted?: true }
  | { type: 'nullable'; inner: Ref }
  | { type: 'default'; inner: Ref; value: unknown };

export interface CompiledSchemas {
  nodes: Node[];
  roots: Record<string, Ref>;
}
