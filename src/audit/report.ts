/**
 * One case's audit: its whole history fetched from Temporal, replayed on the
 * current code, its timeline rebuilt from the events, every step re-checked,
 * the state on a chosen date, and the hash chain a later export is compared
 * with. Self-contained: the JSON report is all an inspection needs to keep.
 */
import type { Client, DataConverter } from '@temporalio/client';
import type { LoadedDataConverter } from '@temporalio/common';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { z } from 'zod';
import { localDateOf, type IsoDate } from '../charter/dates';
import { candidateWorkflowId } from '../../workflows/definitions';
import { stateAsOf, type StateAsOf } from './as-of';
import { Finding, recheck, StepReview } from './compliance';
import { hashChain } from './hash-chain';
import { explainUnreadable, replayRuns, type RunReplay } from './replay';
import { fetchCaseRuns, type CaseRun } from './runs';
import { timelineOf, UnreadableEvent, type TimelineEntry } from './timeline';

export const ChainLinkSchema = z.object({ runId: z.string(), eventId: z.number().int(), hash: z.string() });

/** The report's shape, so an earlier export can be read back and compared. */
export const AuditReport = z.object({
  format: z.literal('party-pipeline-audit/1'),
  caseId: z.string(),
  generatedAt: z.string(),
  runs: z.array(z.object({ runId: z.string(), events: z.number().int(), replay: z.string() })),
  replayed: z.boolean(),
  clean: z.boolean(),
  summary: z.record(z.string(), z.number().int()),
  steps: z.array(StepReview),
  findings: z.array(Finding),
  timeline: z.array(z.record(z.string(), z.unknown())),
  asOf: z.unknown().optional(),
  chain: z.object({ head: z.string(), links: z.array(ChainLinkSchema) }),
});
export type AuditReport = z.infer<typeof AuditReport> & { asOf?: StateAsOf };

export interface AuditDeps {
  client: Client;
  workflowBundle: () => Promise<WorkflowBundleWithSourceMap>;
  dataConverter: DataConverter;
  loadedDataConverter: LoadedDataConverter;
}

/**
 * Replay proves the code and the history agree; reading every event proves
 * every payload opens (replay does not decode them all: an Update's recorded
 * arguments, for one). Either failing marks the run, and the timeline is
 * left empty rather than half-read.
 */
export async function verifyHistory(
  workflowId: string,
  runs: CaseRun[],
  deps: Omit<AuditDeps, 'client'>,
): Promise<{ replays: RunReplay[]; timeline: TimelineEntry[] }> {
  const replays = await replayRuns(workflowId, runs, {
    workflowBundle: await deps.workflowBundle(),
    dataConverter: deps.dataConverter,
  });
  if (!replays.every((r) => r.ok)) return { replays, timeline: [] };
  try {
    return { replays, timeline: await timelineOf(runs, deps.loadedDataConverter) };
  } catch (err) {
    if (!(err instanceof UnreadableEvent)) throw err;
    return {
      replays: replays.map((r) =>
        r.runId === err.runId ? { runId: r.runId, ok: false, error: explainUnreadable(err) } : r,
      ),
      timeline: [],
    };
  }
}

export async function auditCase(
  deps: AuditDeps,
  caseId: string,
  options: { asOf?: IsoDate; now?: number } = {},
): Promise<AuditReport> {
  const runs = await fetchCaseRuns(deps.client, caseId);
  const { replays, timeline } = await verifyHistory(candidateWorkflowId(caseId), runs, deps);
  const replayed = replays.every((r) => r.ok);
  const now = options.now ?? Date.now();
  const { steps, findings, ...rest } = recheck(timeline, localDateOf(now));
  const links = hashChain(runs);
  const summary: Record<string, number> = {};
  for (const f of findings) summary[f.kind] = (summary[f.kind] ?? 0) + 1;
  return {
    format: 'party-pipeline-audit/1',
    caseId,
    generatedAt: new Date(now).toISOString(),
    runs: runs.map((r, i) => ({
      runId: r.runId,
      events: r.history.events?.length ?? 0,
      replay: replays[i]!.ok ? 'ok' : replays[i]!.error!,
    })),
    replayed,
    clean: replayed && findings.length === 0,
    summary,
    steps: steps.map((s) => s.review),
    findings,
    timeline: timeline as unknown as Array<Record<string, unknown>>,
    ...(options.asOf ? { asOf: stateAsOf({ steps, findings, ...rest }, timeline, options.asOf) } : {}),
    chain: { head: links.at(-1)?.hash ?? '', links },
  };
}
