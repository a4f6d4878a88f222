/**
 * The registry's facts a vote or a decision is checked against, read for the
 * step's own date. The API fills them into the command, since workflow code
 * cannot read the registry; the charter's rules compare.
 */
import type { IsoDate } from '../charter/dates';
import type { RegistryFacts } from '../schemas/commands';
import { RegistryError, type OrgTree, type Registry } from './registry';

/** The case's cell on `date`, and the committee the step names (if any). A figure the registry lacks is null. */
export function registryFacts(
  registry: Registry,
  cellId: string,
  committeeId: string | undefined,
  date: IsoDate,
): RegistryFacts {
  let tree: OrgTree;
  try {
    tree = registry.on(date);
  } catch (err) {
    if (!(err instanceof RegistryError)) throw err;
    return {
      asOf: date,
      versionFrom: null,
      officialMembers: null,
      committeeMembers: null,
      competentCommitteeId: null,
      superiorCommitteeId: null,
    };
  }
  const cell = tree.has(cellId) && tree.unit(cellId).kind === 'cell' ? tree.unit(cellId) : undefined;
  const committee =
    committeeId && tree.has(committeeId) && tree.unit(committeeId).kind !== 'cell' ? tree.unit(committeeId) : undefined;
  const competent = cell ? tree.competentCommittee(cellId) : null;
  return {
    asOf: date,
    versionFrom: tree.effectiveFrom,
    officialMembers: cell ? cell.officialMembers : null,
    committeeMembers: committee?.executiveMembers ?? null,
    competentCommitteeId: competent,
    superiorCommitteeId: competent ? (tree.committeesAbove(competent)[0] ?? null) : null,
  };
}
