/**
 * The shape every charter rule returns. A refusal names the rule by a stable
 * id, the facts it used, and a reason in both of the product's languages, so
 * the API, the dashboard and the auditor can each show it without re-deriving.
 */
export type Lang = 'vi' | 'en';
export type Bilingual = { vi: string; en: string };

export interface Refusal {
  ruleId: string;
  facts: Record<string, unknown>;
  reason: Bilingual;
}

/** A passing result names its rule too, so an auditor sees every rule a step was checked against. */
export type RuleResult = { ok: true; ruleId?: string } | { ok: false; refusal: Refusal };

export const pass = (ruleId: string): RuleResult => ({ ok: true, ruleId });

export function refuse(ruleId: string, facts: Record<string, unknown>, reason: Bilingual): RuleResult {
  return { ok: false, refusal: { ruleId, facts, reason } };
}

/** Every refusal among the results, in order. */
export function refusals(results: RuleResult[]): Refusal[] {
  return results.flatMap((r) => (r.ok ? [] : [r.refusal]));
}

/** Documentation entry of a rule, collected into docs/rules.md. */
export interface RuleDoc {
  id: string;
  source: string;
  title: Bilingual;
  summary: string;
}

/** A step a rule guards: an event type, the registration, a correction, the audit alone, or every step ('*'). */
export type Guarded = string;

/**
 * A rule's one home: its id, source, names and meaning, the steps it guards and the policy values it reads.
 * `{path}` in the summary stands for a policy value (rendered with the newest set's figure in docs/rules.md), so
 * no number of the policy is written in prose. The catalogue and docs/rules.md are generated from these.
 */
export interface RuleDeclaration extends RuleDoc {
  guards: readonly Guarded[];
  reads: readonly string[];
}

export const declareRule = (d: RuleDeclaration): RuleDeclaration => d;
