/**
 * Lists cases from Temporal's visibility store by the search attributes the
 * candidate workflow keeps current (stage, cell, committee chain, next due
 * date, overdue level, admission year). Visibility is eventually consistent:
 * a step taken a moment ago may show on the next read. Search attributes
 * carry no personal data; the candidate's name comes from the case's memo,
 * which the client's codec opens (case-memo.ts).
 */
import type { Client } from '@temporalio/client';
import { decodeTypedSearchAttributes } from '@temporalio/common/lib/converter/payload-search-attributes';
import { temporal } from '@temporalio/proto';
import { z } from 'zod';
import { addDays, localDateOf, startOfLocalDay } from '../charter/dates';
import { IsoDate } from '../schemas/iso-date';
import { CASE_WORKFLOW_PREFIX } from '../../workflows/definitions';
import { Stage } from '../schemas/case';
import { CaseId, OrgId } from '../schemas/common';
import { SA } from '../schemas/search-attributes';
import { nameFromMemo } from './case-memo';

export const CaseFilter = z.strictObject({
  cellId: OrgId.optional(),
  /** Cases whose chain of committees includes this one: everything under it. */
  committeeId: OrgId.optional(),
  stage: Stage.optional(),
  /** Only cases with an alert raised (true) or none (false). */
  overdue: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  /** Cases with a deadline on or before this date (e.g. the end of this week). */
  dueBefore: IsoDate.optional(),
  admissionYear: z.coerce.number().int().min(1930).max(2200).optional(),
  /** Finished cases (official, rejected, withdrawn, removed) as well as open ones. */
  includeClosed: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});
export type CaseFilter = z.infer<typeof CaseFilter>;

export const PageRequest = z.strictObject({
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
  /** The opaque token of the previous page's `nextPageToken`. */
  pageToken: z
    .string()
    .max(4096)
    .regex(/^[A-Za-z0-9_-]+$/, 'expected the nextPageToken of a previous page')
    .optional(),
});
export type PageRequest = z.infer<typeof PageRequest>;

export interface CaseSummary {
  caseId: string;
  /** The candidate's name from the case's memo; null for a case registered before names were kept there. */
  fullName: string | null;
  stage: string | null;
  cellId: string | null;
  committeeIds: string[];
  nextDue: IsoDate | null;
  overdueLevel: number;
  admissionYear: number | null;
  status: 'running' | 'closed';
  registeredAt: string | null;
}

/** The visibility query of a filter; every value is an id or enum checked by zod, so quoting is safe. */
export function visibilityQuery(f: CaseFilter): string {
  const clauses = [`WorkflowType = 'candidate'`];
  if (!f.includeClosed) clauses.push(`ExecutionStatus = 'Running'`);
  if (f.cellId) clauses.push(`CellId = '${f.cellId}'`);
  if (f.committeeId) clauses.push(`CommitteeIds = '${f.committeeId}'`);
  if (f.stage) clauses.push(`CandidateStage = '${f.stage}'`);
  if (f.overdue === true) clauses.push('OverdueLevel > 0');
  if (f.overdue === false) clauses.push('OverdueLevel = 0');
  // NextDueDate is the start of the due day in Vietnam, so "on or before d" is "before the next midnight".
  if (f.dueBefore) clauses.push(`NextDueDate < '${startOfLocalDay(addDays(f.dueBefore, 1)).toISOString()}'`);
  if (f.admissionYear) clauses.push(`AdmissionYear = ${f.admissionYear}`);
  return clauses.join(' AND ');
}

export async function listCases(
  client: Client,
  filter: CaseFilter,
  page: PageRequest,
): Promise<{ cases: CaseSummary[]; nextPageToken: string | null }> {
  const res = await client.workflowService.listWorkflowExecutions({
    namespace: client.options.namespace,
    query: visibilityQuery(filter),
    pageSize: page.pageSize,
    nextPageToken: page.pageToken ? Buffer.from(page.pageToken, 'base64url') : undefined,
  });
  const converter = client.options.loadedDataConverter;
  const cases = await Promise.all(
    (res.executions ?? []).map(async (e): Promise<CaseSummary> => summaryOf(e, await nameFromMemo(converter, e.memo))),
  );
  const token = res.nextPageToken?.length ? Buffer.from(res.nextPageToken).toString('base64url') : null;
  return { cases, nextPageToken: token };
}

function summaryOf(e: temporal.api.workflow.v1.IWorkflowExecutionInfo, fullName: string | null): CaseSummary {
  const sa = decodeTypedSearchAttributes(e.searchAttributes?.indexedFields);
  const due = sa.get(SA.nextDue);
  const started = e.startTime?.seconds;
  return {
    caseId: (e.execution?.workflowId ?? '').slice(CASE_WORKFLOW_PREFIX.length),
    fullName,
    stage: sa.get(SA.stage) ?? null,
    cellId: sa.get(SA.cell) ?? null,
    committeeIds: sa.get(SA.committees) ?? [],
    nextDue: due ? localDateOf(due.getTime()) : null,
    overdueLevel: sa.get(SA.overdueLevel) ?? 0,
    admissionYear: sa.get(SA.admissionYear) ?? null,
    status:
      e.status === temporal.api.enums.v1.WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING
        ? 'running'
        : 'closed',
    registeredAt: started ? new Date(Number(started) * 1000).toISOString() : null,
  };
}

/**
 * The names of these cases, from one visibility query per hundred of them (never one per case): for lists that
 * know their cases from elsewhere, such as a committee's alerts. A case without a name in its memo is left out.
 */
export async function caseNames(client: Client, caseIds: readonly string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  const ids = [...new Set(caseIds)].filter((id) => CaseId.safeParse(id).success);
  for (let i = 0; i < ids.length; i += 100) {
    const chunk = ids.slice(i, i + 100);
    // Every id passed CaseId (letters, digits, dot, dash, underscore), so quoting it is safe.
    const inList = chunk.map((id) => `'${CASE_WORKFLOW_PREFIX}${id}'`).join(', ');
    let pageToken: Uint8Array | undefined;
    do {
      const res = await client.workflowService.listWorkflowExecutions({
        namespace: client.options.namespace,
        query: `WorkflowType = 'candidate' AND WorkflowId IN (${inList})`,
        pageSize: chunk.length,
        nextPageToken: pageToken,
      });
      for (const e of res.executions ?? []) {
        const name = await nameFromMemo(client.options.loadedDataConverter, e.memo);
        if (name) names.set((e.execution?.workflowId ?? '').slice(CASE_WORKFLOW_PREFIX.length), name);
      }
      pageToken = res.nextPageToken?.length ? res.nextPageToken : undefined;
    } while (pageToken);
  }
  return names;
}

/** How many cases a filter matches: an exact count from visibility, with no page to walk. */
export async function countCases(client: Client, filter: CaseFilter): Promise<number> {
  return (await client.workflow.count(visibilityQuery(filter))).count;
}
