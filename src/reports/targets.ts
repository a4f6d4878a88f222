/**
 * A committee's admission targets for a year (Nghị quyết 21-NQ/TW: a share
 * of official members each year, DEFAULT_TARGET_SHARE unless the registry
 * sets another),
 * laid out as the statistics report: one row per organisation under the
 * committee, totals for the committee itself. Pure: the counts come from
 * collect.ts.
 */
import type { OrgTree } from '../org/registry';
import { DEFAULT_TARGET_SHARE } from '../org/registry';
import type { OrgUnit } from '../schemas/organisation';
import type { Stage } from '../schemas/case';
import type { StageTimes } from './stage-times';

export interface TargetRow {
  id: string;
  name: string;
  kind: OrgUnit['kind'];
  /** Depth under the committee (0 = the committee), to indent the report's rows. */
  depth: number;
  officialMembers: number;
  probationaryMembers: number;
  targetShare: number;
  /** Members to admit this year: the share of official members, rounded up. */
  target: number;
  admitted: number;
  /** admitted / target × 100, null when the target is 0. */
  percentOfPlan: number | null;
}

export interface Workforce {
  /** Staff or residents of the organisations whose workforce is known. */
  total: number;
  /** Members (official and probationary) within those organisations. */
  members: number;
  /** Not yet members: the potential. */
  potential: number;
  /** members / total. */
  share: number;
}

export interface TargetsReport {
  committeeId: string;
  committeeName: string;
  year: number;
  asOf: string;
  totals: TargetRow;
  rows: TargetRow[];
  workforce: Workforce | null;
  /** Open cases now in each stage of the pipeline. */
  funnel: Array<{ stage: Stage; count: number }>;
  stageTimes: StageTimes[];
  /** How many cases' trails the stage times were computed from. */
  stageTimesFrom: number;
  cellsWithoutAdmission: Array<{ id: string; name: string }>;
}

export interface TargetsInput {
  tree: OrgTree;
  committeeId: string;
  year: number;
  asOf: string;
  /** The cell of each candidate admitted in the year. */
  admittedCells: readonly string[];
  funnel: TargetsReport['funnel'];
  stageTimes: StageTimes[];
  stageTimesFrom: number;
}

/** The unit's own share, else the nearest committee above that sets one, else DEFAULT_TARGET_SHARE. */
export function targetShareOf(tree: OrgTree, id: string): number {
  for (const unitId of [id, ...tree.committeesAbove(id)]) {
    const share = tree.unit(unitId).admissionTargetShare;
    if (share !== undefined) return share;
  }
  return DEFAULT_TARGET_SHARE;
}

/** Workforce counted once: a unit that knows its workforce covers everything under it. */
export function workforceOf(tree: OrgTree, id: string): Workforce | null {
  let total = 0;
  let members = 0;
  let known = false;
  const walk = (u: OrgUnit) => {
    if (u.workforce !== undefined) {
      known = true;
      total += u.workforce;
      for (const m of tree.subtree(u.id)) members += m.officialMembers + m.probationaryMembers;
      return;
    }
    for (const child of tree.units().filter((c) => c.parentId === u.id)) walk(child);
  };
  walk(tree.unit(id));
  if (!known) return null;
  return { total, members, potential: Math.max(0, total - members), share: total ? members / total : 0 };
}

export function targetsReport(input: TargetsInput): TargetsReport {
  const { tree, committeeId } = input;
  const admittedIn = (id: string) => {
    const cells = new Set(tree.subtree(id).map((u) => u.id));
    return input.admittedCells.filter((c) => cells.has(c)).length;
  };
  const depthOf = (id: string) => tree.committeesAbove(id).length - tree.committeesAbove(committeeId).length;
  const rowOf = (u: OrgUnit): TargetRow => {
    const sub = tree.subtree(u.id);
    const officialMembers = sub.reduce((n, x) => n + x.officialMembers, 0);
    const targetShare = targetShareOf(tree, u.id);
    // Rounded to a cent of a member first, so 3% of 300 is 9, not 9.000000000000002 → 10.
    const target = Math.ceil(Math.round(targetShare * officialMembers * 100) / 100);
    const admitted = admittedIn(u.id);
    return {
      id: u.id,
      name: u.name,
      kind: u.kind,
      depth: depthOf(u.id),
      officialMembers,
      probationaryMembers: sub.reduce((n, x) => n + x.probationaryMembers, 0),
      targetShare,
      target,
      admitted,
      percentOfPlan: target ? Math.round((admitted / target) * 10_000) / 100 : null,
    };
  };
  const rows = tree.subtree(committeeId).map(rowOf);
  const cellsWithoutAdmission = rows
    .filter((r) => r.kind === 'cell' && r.admitted === 0)
    .map((r) => ({ id: r.id, name: r.name }));
  return {
    committeeId,
    committeeName: tree.unit(committeeId).name,
    year: input.year,
    asOf: input.asOf,
    totals: rows[0]!,
    rows,
    workforce: workforceOf(tree, committeeId),
    funnel: input.funnel,
    stageTimes: input.stageTimes,
    stageTimesFrom: input.stageTimesFrom,
    cellsWithoutAdmission,
  };
}
