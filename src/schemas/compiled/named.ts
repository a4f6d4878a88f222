/**
 * The checks zod's own vocabulary cannot state as data: the canonical form of typed text, text that prints, a
 * day that exists, a tally that adds up. Each is written once, here, as a plain function of the value. The zod
 * schemas attach them through `namedCheck`/`namedOverwrite`, which remember the name and arguments, so the
 * compiler can write "call realDate here" into the compiled schemas. The workflow's reader (read.ts) then calls
 * the same function, and the two cannot drift apart. Nothing here imports zod: the workflow bundle holds it.
 */
import { isRealDate } from '../../charter/dates';
import type { Bilingual } from '../../charter/rule';

/** What a named check finds wrong, as a zod custom issue carries it (field-errors.ts reads `params`). */
export interface Problem {
  path?: Array<string | number>;
  message: string;
  params?: Record<string, string>;
}

/** A message about a named field, in both languages: a secretary reads the message, not the path. */
export const say = (name: Bilingual, vi: string, en: string) => `${name.vi}: ${vi} / ${name.en}: ${en}`;
const codePoint = (ch: string) => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** C0 and C1 controls (NUL, ESC, DEL, …), line and paragraph separators, bidirectional overrides and isolates. */
const FORBIDDEN_SINGLE = /[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;
const FORBIDDEN_MULTI = /[^\P{Cc}\t\n]|[\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;
/** A lone UTF-16 surrogate: JSON can carry one ("\ud800"), no keyboard can type one, and no document can print it. */
const LONE_SURROGATE = /\p{Cs}/u;

/** A tally's figures that do not add up, said in both languages. */
const tally = (path: string, message: string, vi: string, en: string): Problem => ({
  path: [path],
  message,
  params: { code: 'tally', vi, en },
});

interface CellTallyFigures {
  officialMembers: number;
  attachedElsewhere: number;
  attachedElsewhereNames?: string[];
  present: number;
  excusedAbsent: number;
  excusedAbsentNames?: string[];
  yes: number;
  no: number;
}

/** Value-to-value steps, run in the schema's order among its checks. */
export const OVERWRITES = {
  /** Unicode NFC, trimmed; in text that may span lines, CR LF and CR become LF first. */
  canonicalText: (v: string, multiline: boolean): string =>
    (multiline ? v.replace(/\r\n?/g, '\n') : v).normalize('NFC').trim(),
};

/** Checks of a value that has its schema's shape already; each returns what it finds wrong. */
export const CHECKS = {
  /** No character that cannot be printed: controls (tab and newline allowed where text spans lines), lone surrogates. */
  printable: (v: string, multiline: boolean, name: Bilingual): Problem[] => {
    const bad = (multiline ? FORBIDDEN_MULTI : FORBIDDEN_SINGLE).exec(v) ?? LONE_SURROGATE.exec(v);
    if (!bad) return [];
    const char = codePoint(bad[0]);
    return [
      {
        message: say(
          name,
          `có ký tự không in được (${char}), hãy gõ lại`,
          `contains a character that cannot be printed (${char}); type it again`,
        ),
        params: { code: 'unprintable', char },
      },
    ];
  },

  /** A yyyy-MM-dd that names a day of the calendar (not 31/02). */
  realDate: (v: string): Problem[] =>
    isRealDate(v) ? [] : [{ message: 'not a real calendar date (e.g. 31/2)', params: { code: 'date_not_real' } }],

  /** A cell's vote whose figures fit together; the denominator rule itself is src/charter/rules/votes.ts. */
  cellTally: (t: CellTallyFigures): Problem[] => {
    const found: Problem[] = [];
    const eligible = t.officialMembers - t.attachedElsewhere;
    if (t.attachedElsewhere > t.officialMembers)
      found.push(
        tally(
          'attachedElsewhere',
          'exceeds officialMembers',
          'nhiều hơn số đảng viên chính thức',
          'exceeds the official members',
        ),
      );
    if (t.present + t.excusedAbsent > eligible)
      found.push(
        tally(
          'present',
          'present + excusedAbsent exceed the members who can vote',
          'số có mặt cộng số vắng được miễn vượt quá số đảng viên được biểu quyết',
          'present and excused absent exceed the members who can vote',
        ),
      );
    if (t.yes + t.no > t.present)
      found.push(
        tally(
          'yes',
          'yes + no exceed the members present',
          'số tán thành cộng không tán thành vượt quá số có mặt',
          'yes and no exceed the members present',
        ),
      );
    for (const [names, count] of [
      ['attachedElsewhereNames', t.attachedElsewhere],
      ['excusedAbsentNames', t.excusedAbsent],
    ] as const) {
      const list = t[names];
      if (list && list.length !== count)
        found.push(
          tally(
            names,
            `names ${list.length} members where the count is ${count}`,
            `ghi ${list.length} tên trong khi số người là ${count}`,
            `names ${list.length} where the count is ${count}`,
          ),
        );
      if (list && new Set(list.map((n) => n.toLocaleLowerCase('vi'))).size !== list.length)
        found.push(tally(names, 'names a member twice', 'có một người được ghi hai lần', 'names a member twice'));
    }
    return found;
  },

  /** A committee's vote whose figures fit within its members. */
  committeeTally: (t: { members: number; agree: number; against?: number }): Problem[] => {
    const found: Problem[] = [];
    if (t.agree > t.members)
      found.push(tally('agree', 'exceeds members', 'nhiều hơn số cấp ủy viên', 'exceeds the committee members'));
    if (t.agree + (t.against ?? 0) > t.members)
      found.push(
        tally(
          'against',
          'agree + against exceed members',
          'số đồng ý cộng không đồng ý vượt quá số cấp ủy viên',
          'agree and against exceed the committee members',
        ),
      );
    return found;
  },
};

export type OverwriteName = keyof typeof OVERWRITES;
export type CheckName = keyof typeof CHECKS;
type Rest<F> = F extends (value: never, ...rest: infer R) => unknown ? R : never;

/** A named check or overwrite as the compiled schemas name it: which one, and its arguments after the value. */
export interface NamedCall {
  name: string;
  args: unknown[];
}
const calls = new WeakMap<object, NamedCall>();

/** The name and arguments a function made by namedCheck/namedOverwrite stands for; undefined for any other. */
export const namedCallOf = (fn: unknown): NamedCall | undefined =>
  typeof fn === 'function' ? calls.get(fn) : undefined;

/**
 * Checks whose finding stops the schema's later checks, and the enclosing object's, as a zod issue without
 * `continue` does: text that cannot be printed is not judged further (so a tally naming such a member is not
 * also summed). The others continue, as zod's refine does, so every figure that does not add up is named.
 */
const STOPS: ReadonlySet<string> = new Set<CheckName>(['printable']);

/** What CHECKS[name] finds in `value`, as the issues zod's custom checks push (the reader pushes the same). */
export function namedIssues(name: string, value: unknown, args: readonly unknown[]) {
  const run = CHECKS[name as CheckName] as (value: unknown, ...rest: unknown[]) => Problem[];
  return run(value, ...args).map((p) => ({
    code: 'custom' as const,
    input: value,
    path: p.path ?? [],
    message: p.message,
    ...(p.params ? { params: p.params } : {}),
    ...(STOPS.has(name) ? {} : { continue: true }),
  }));
}

/** A zod custom check (`schema.check(namedCheck('realDate'))`) that runs CHECKS[name], pushing zod custom issues. */
export function namedCheck<N extends CheckName>(name: N, ...args: Rest<(typeof CHECKS)[N]>) {
  const check = (payload: { value: unknown; issues: unknown[] }) => {
    payload.issues.push(...namedIssues(name, payload.value, args));
  };
  calls.set(check, { name, args });
  return check;
}

/** A zod overwrite (`schema.overwrite(namedOverwrite('canonicalText', false))`) that runs OVERWRITES[name]. */
export function namedOverwrite<N extends OverwriteName>(name: N, ...args: Rest<(typeof OVERWRITES)[N]>) {
  const tx = (value: string) => (OVERWRITES[name] as (v: string, ...rest: unknown[]) => string)(value, ...args);
  calls.set(tx, { name, args });
  return tx;
}
