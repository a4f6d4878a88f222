/**
 * Gathers a committee's figures from Temporal: admissions of the year and the
 * funnel from visibility (exact counts, no second database), stage times
 * from the trails of its most recent cases (a query per case, so bounded).
 */
import type { Client } from '@temporalio/client';
import { localDateOf } from '../charter/dates';
import type { Registry } from '../org/registry';
import { type CaseFilter, type CaseSummary, countCases, listCases } from '../temporal/case-list';
import { caseHandle } from '../temporal/cases';
import { mapConcurrent } from '../util/map-concurrent';
import { PIPELINE, stageTimes } from './stage-times';
import { targetsReport, type TargetsReport } from './targets';

/** Trails read for stage times: the most recently registered cases under the committee. */
const STAGE_TIMES_MAX = 200;

async function listUpTo(client: Client, filter: CaseFilter, max: number): Promise<CaseSummary[]> {
  const out: CaseSummary[] = [];
  let pageToken: string | undefined;
  do {
    const page = await listCases(client, filter, { pageSize: Math.min(200, max - out.length), pageToken });
    out.push(...page.cases);
    pageToken = page.nextPageToken ?? undefined;
  } while (pageToken && out.length < max);
  return out;
}

export async function collectTargets(
  client: Client,
  registry: Registry,
  committeeId: string,
  year: number,
  now = Date.now(),
): Promise<TargetsReport> {
  const today = localDateOf(now);
  // A past year is reported on the organisations as they stood at its end.
  const asOf = year < Number(today.slice(0, 4)) ? (`${year}-12-31` as typeof today) : today;
  const tree = registry.on(asOf);
  const [admitted, funnel, recent] = await Promise.all([
    listUpTo(client, { committeeId, admissionYear: year, includeClosed: true }, Number.MAX_SAFE_INTEGER),
    Promise.all(
      PIPELINE.filter((s) => s !== 'official').map(async (stage) => ({
        stage,
        count: await countCases(client, { committeeId, stage }),
      })),
    ),
    listUpTo(client, { committeeId, includeClosed: true }, STAGE_TIMES_MAX),
  ]);
  const trails = await mapConcurrent(recent, 8, (c) => caseHandle(client, c.caseId).trail());
  return targetsReport({
    tree,
    committeeId,
    year,
    asOf,
    admittedCells: admitted.map((c) => c.cellId ?? ''),
    funnel,
    stageTimes: stageTimes(trails),
    stageTimesFrom: trails.length,
  });
}
