/**
 * The organisation registry: a province's tree of committees and cells,
 * versioned by effective date like the policy sets (the 1/7/2025 reform
 * removed district committees and changed who decides, and cases in flight
 * follow the version in force on each step's date). Pure: loading a file is
 * load.ts's job.
 */
import type { IsoDate } from '../charter/dates';
import type { OrgUnit, RegistryFile, RegistryVersion } from '../schemas/organisation';

/** The default annual admission target: 3% of official members (Nghị quyết 21-NQ/TW). */
export const DEFAULT_TARGET_SHARE = 0.03;

export class RegistryError extends Error {}

export interface OrgTree {
  readonly effectiveFrom: IsoDate;
  unit(id: string): OrgUnit;
  has(id: string): boolean;
  /** The committees above a unit, nearest first: a case's escalation chain. */
  committeesAbove(id: string): string[];
  competentCommittee(cellId: string): string;
  /** The unit and everything under it. */
  subtree(id: string): OrgUnit[];
  /** Whether `id` is `ancestorId` or lies under it. */
  within(id: string, ancestorId: string): boolean;
  units(): readonly OrgUnit[];
}

function treeOf(version: RegistryVersion): OrgTree {
  const byId = new Map(version.units.map((u) => [u.id, u]));
  const children = new Map<string, OrgUnit[]>();
  for (const u of version.units) if (u.parentId) children.set(u.parentId, [...(children.get(u.parentId) ?? []), u]);
  const unit = (id: string) => {
    const u = byId.get(id);
    if (!u) throw new RegistryError(`no organisation '${id}' in the registry in force from ${version.effectiveFrom}`);
    return u;
  };
  const ancestors = (id: string): string[] => {
    const out: string[] = [];
    for (let p = unit(id).parentId; p; p = unit(p).parentId) out.push(p);
    return out;
  };
  return {
    effectiveFrom: version.effectiveFrom,
    unit,
    has: (id) => byId.has(id),
    committeesAbove: ancestors,
    competentCommittee(cellId) {
      const cell = unit(cellId);
      if (cell.kind !== 'cell') throw new RegistryError(`'${cellId}' is a ${cell.kind}, not a cell`);
      return cell.competentCommitteeId!;
    },
    subtree(id) {
      const out: OrgUnit[] = [];
      const walk = (u: OrgUnit) => {
        out.push(u);
        for (const c of children.get(u.id) ?? []) walk(c);
      };
      walk(unit(id));
      return out;
    },
    within: (id, ancestorId) => id === ancestorId || ancestors(id).includes(ancestorId),
    units: () => version.units,
  };
}

/** Referential checks zod cannot make; each message names the version, the unit and the field. */
export function checkRegistry(file: RegistryFile): string[] {
  const problems: string[] = [];
  const dates = file.versions.map((v) => v.effectiveFrom);
  dates.forEach((d, i) => {
    if (i > 0 && d <= dates[i - 1]!) problems.push(`versions[${i}].effectiveFrom: ${d} must be after ${dates[i - 1]}`);
  });
  file.versions.forEach((v, vi) => {
    const at = (ui: number, field: string) => `versions[${vi}] (from ${v.effectiveFrom}) units[${ui}].${field}`;
    const byId = new Map<string, OrgUnit>();
    v.units.forEach((u, ui) => {
      if (byId.has(u.id)) problems.push(`${at(ui, 'id')}: '${u.id}' appears twice`);
      byId.set(u.id, u);
    });
    const roots = v.units.filter((u) => u.parentId === null);
    if (roots.length !== 1 || roots[0]!.kind !== 'provincial_committee')
      problems.push(`versions[${vi}]: exactly one unit, the provincial committee, has parentId null`);
    v.units.forEach((u, ui) => {
      if (u.parentId !== null) {
        const parent = byId.get(u.parentId);
        if (!parent) problems.push(`${at(ui, 'parentId')}: no unit '${u.parentId}'`);
        else if (parent.kind === 'cell') problems.push(`${at(ui, 'parentId')}: '${u.parentId}' is a cell`);
      }
      const seen = new Set<string>([u.id]);
      for (let p = u.parentId; p && byId.has(p); p = byId.get(p)!.parentId) {
        if (seen.has(p)) {
          problems.push(`${at(ui, 'parentId')}: '${u.id}' is its own ancestor`);
          break;
        }
        seen.add(p);
      }
      if (u.kind === 'cell') {
        if (!u.competentCommitteeId) problems.push(`${at(ui, 'competentCommitteeId')}: required for a cell`);
        else if (!seen.has(u.competentCommitteeId))
          problems.push(
            `${at(ui, 'competentCommitteeId')}: '${u.competentCommitteeId}' is not a committee above '${u.id}'`,
          );
      } else if (u.competentCommitteeId) problems.push(`${at(ui, 'competentCommitteeId')}: only cells have one`);
      if (u.kind === 'cell' && u.executiveMembers !== undefined)
        problems.push(`${at(ui, 'executiveMembers')}: only committees have one`);
    });
  });
  return problems;
}

export interface Registry {
  readonly province: string;
  /** The tree in force on a date (the latest version that started on or before it). */
  on(date: IsoDate): OrgTree;
  versions(): readonly RegistryVersion[];
}

export function createRegistry(file: RegistryFile): Registry {
  const problems = checkRegistry(file);
  if (problems.length) throw new RegistryError(`organisation registry: ${problems.join('; ')}`);
  const trees = file.versions.map(treeOf);
  return {
    province: file.province,
    on(date) {
      const tree = [...trees].reverse().find((t) => t.effectiveFrom <= date);
      if (!tree)
        throw new RegistryError(
          `no organisation registry in force on ${date} (first version: ${trees[0]!.effectiveFrom})`,
        );
      return tree;
    },
    versions: () => file.versions,
  };
}
