/**
 * How many open cases are overdue, per committee and alert level, from Temporal's visibility store: one list query
 * of the running cases with OverdueLevel > 0, counted here (visibility cannot group by a keyword list). A case
 * counts under every committee of its chain, as each sees it among the cases under it.
 */
import type { Client } from '@temporalio/client';
import { decodeTypedSearchAttributes } from '@temporalio/common/lib/converter/payload-search-attributes';
import { SA } from '../schemas/search-attributes';
import { visibilityQuery } from './case-list';

export interface OverdueCount {
  committeeId: string;
  level: number;
  cases: number;
}

const PAGE_SIZE = 1000;

/** Every page is asked before `deadline` (epoch ms), so a scrape gets its answer whatever the cluster does. */
export async function overdueCounts(client: Client, deadline: number): Promise<OverdueCount[]> {
  const counts = new Map<string, OverdueCount>();
  const query = visibilityQuery({ overdue: true });
  let nextPageToken: Uint8Array | undefined;
  do {
    const res = await client.connection.withDeadline(deadline, () =>
      client.workflowService.listWorkflowExecutions({
        namespace: client.options.namespace,
        query,
        pageSize: PAGE_SIZE,
        nextPageToken,
      }),
    );
    for (const e of res.executions ?? []) {
      const sa = decodeTypedSearchAttributes(e.searchAttributes?.indexedFields);
      const level = sa.get(SA.overdueLevel) ?? 0;
      if (level <= 0) continue;
      for (const committeeId of sa.get(SA.committees) ?? []) {
        const key = `${committeeId}\0${level}`;
        const c = counts.get(key) ?? { committeeId, level, cases: 0 };
        c.cases++;
        counts.set(key, c);
      }
    }
    nextPageToken = res.nextPageToken?.length ? res.nextPageToken : undefined;
  } while (nextPageToken);
  return [...counts.values()];
}
