/**
 * A case's whole event history from Temporal: every run of the workflow id,
 * first to last, found by walking each run's "continued from" link back
 * from the latest (no dependence on the eventually consistent visibility store).
 */
import type { Client } from '@temporalio/client';
import type { temporal } from '@temporalio/proto';
import { candidateWorkflowId } from '../../workflows/definitions';
import { describeCase } from './cases';

export type History = temporal.api.history.v1.IHistory;

export interface CaseRun {
  runId: string;
  history: History;
}

/** Every run of the case, first to last; CaseNotFound if it was never registered. */
export async function fetchCaseRuns(client: Client, caseId: string): Promise<CaseRun[]> {
  const workflowId = candidateWorkflowId(caseId);
  let runId: string | undefined = (await describeCase(client, caseId)).runId;
  const runs: CaseRun[] = [];
  const seen = new Set<string>();
  while (runId && !seen.has(runId)) {
    seen.add(runId);
    const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
    runs.unshift({ runId, history });
    runId = history.events?.[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId || undefined;
  }
  return runs;
}
