/**
 * What is wrong with an organisation a request names, said before the scope
 * check: a cell or committee the registry has never held is "no such cell",
 * not "only the secretary of that cell may…", and a decision naming the wrong
 * committee is told which committee decides. Nothing here is secret: every
 * signed-in user reads the whole registry (GET /registry), and these run
 * after the caller is authenticated.
 */
import { formatVi, type IsoDate } from '../charter/dates';
import type { Registry } from '../org/registry';
import { fieldError, fieldErrorLine } from '../schemas/field-errors';
import { HttpError } from './errors';

const refuse = (
  field: string,
  code: 'unknown_cell' | 'unknown_committee' | 'not_competent',
  vi: string,
  en: string,
) => {
  const error = fieldError(field, code, vi, en);
  return new HttpError(422, { error: 'unknown_organisation', field, message: fieldErrorLine(error), errors: [error] });
};

/** A unit as a sentence names it: "du-xa-a (Đảng ủy xã A)". */
function named(registry: Registry, id: string, date: IsoDate): string {
  try {
    const t = registry.on(date);
    return t.has(id) ? `${id} (${t.unit(id).name})` : id;
  } catch {
    return id;
  }
}

/** `cellId` is a cell of some version of the registry; which version is in force on a date is judged later. */
export function mustBeKnownCell(registry: Registry, field: string, cellId: string): void {
  if (registry.versions().some((v) => v.units.some((u) => u.id === cellId && u.kind === 'cell'))) return;
  throw refuse(
    field,
    'unknown_cell',
    `không có chi bộ ${cellId} trong danh mục tổ chức`,
    `there is no cell ${cellId} in the registry`,
  );
}

/**
 * A decision's `committeeId` is the committee the registry makes competent for the case's cell on the decision's
 * date, or the one above it (a case referred after three failed votes: the charter's rule judges that). Where the
 * registry has no competent committee on that date, the charter's rule judges by the case's own chain.
 */
export function mustBeDecidingCommittee(
  registry: Registry,
  registryFacts: { asOf: string; competentCommitteeId: string | null; superiorCommitteeId: string | null },
  cellId: string,
  committeeId: string,
): void {
  // Filled in by the API from the registry itself (stepCommand), so its date is an IsoDate.
  const facts = { ...registryFacts, asOf: registryFacts.asOf as IsoDate };
  const competent = facts.competentCommitteeId;
  if (competent === null || committeeId === competent || committeeId === facts.superiorCommitteeId) return;
  const right = named(registry, competent, facts.asOf);
  const known = registry.on(facts.asOf).has(committeeId);
  throw refuse(
    'committeeId',
    known ? 'not_competent' : 'unknown_committee',
    known
      ? `${committeeId} không có thẩm quyền quyết định cho chi bộ ${cellId} ngày ${formatVi(facts.asOf)}; cấp ủy có thẩm quyền là ${right}`
      : `không có cấp ủy ${committeeId} trong danh mục ngày ${formatVi(facts.asOf)}; cấp ủy có thẩm quyền của chi bộ ${cellId} là ${right}`,
    known
      ? `${committeeId} does not decide for cell ${cellId} on ${formatVi(facts.asOf)}; the competent committee is ${right}`
      : `there is no committee ${committeeId} in the registry on ${formatVi(facts.asOf)}; cell ${cellId}'s competent committee is ${right}`,
  );
}
