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
import { DeadlineMet, Finding, recheck, StepReview } from './compliance';
import { CHAIN_RECIPE, hashChain } from './hash-chain';
import { explainUnreadable, replayRuns, type RunReplay } from './replay';
import { fetchCaseRuns, type CaseRun } from '../temporal/case-runs';
import { CaseNotFound } from '../temporal/cases';
import { timelineOf, UnreadableEvent, type TimelineEntry } from './timeline';

const ChainLinkSchema = z.object({ runId: z.string(), eventId: z.number().int(), hash: z.string() });

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
  /** Every deadline and when it was met (absent in exports made before it was kept). */
  deadlines: z.array(DeadlineMet).optional(),
  timeline: z.array(z.record(z.string(), z.unknown())),
  asOf: z.unknown().optional(),
  chain: z.object({ head: z.string(), links: z.array(ChainLinkSchema) }).describe(CHAIN_RECIPE),
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
 * every payload opens, including those replay never needs (an alert
 * activity's input, for one). Either failing marks the run, and the timeline
 * is left empty rather than half-read.
 */
type CaseRuns = { workflowId: string; runs: CaseRun[] };

export async function verifyHistories(
  cases: Iterable<CaseRuns> | AsyncIterable<CaseRuns>,
  deps: Omit<AuditDeps, 'client'>,
): Promise<Array<{ replays: RunReplay[]; timeline: TimelineEntry[] }>> {
  const seen: CaseRuns[] = [];
  async function* runs() {
    for await (const c of cases) {
      seen.push(c);
      for (const run of c.runs) yield { workflowId: c.workflowId, run };
    }
  }
  const all = await replayRuns(runs(), {
    workflowBundle: await deps.workflowBundle(),
    dataConverter: deps.dataConverter,
  });
  let next = 0;
  const out = [];
  for (const c of seen) {
    const replays = all.slice(next, (next += c.runs.length));
    if (!replays.every((r) => r.ok)) {
      out.push({ replays, timeline: [] });
      continue;
    }
    try {
      out.push({ replays, timeline: await timelineOf(c.runs, deps.loadedDataConverter) });
    } catch (err) {
      if (!(err instanceof UnreadableEvent)) throw err;
      out.push({
        replays: replays.map((r) =>
          r.runId === err.runId ? { runId: r.runId, ok: false, error: explainUnreadable(err) } : r,
        ),
        timeline: [],
      });
    }
  }
  return out;
}

export type AuditOutcome = AuditReport | { caseId: string; error: string; message: string };

/**
 * Audits several cases with one replay worker; a case that cannot be fetched is reported, not thrown.
 * Every history is requested at once and each is replayed as soon as it and those before it have
 * arrived, so the server's reading overlaps the replay instead of preceding it.
 */
export async function auditCases(
  deps: AuditDeps,
  caseIds: string[],
  options: { asOf?: IsoDate; now?: number } = {},
): Promise<AuditOutcome[]> {
  type Fetched =
    | { caseId: string; runs: CaseRun[] }
    | { caseId: string; error: string; message: string }
    | { caseId: string; thrown: unknown };
  // Settled as values, never rejected: a failure is rethrown when its turn comes, not left unhandled meanwhile.
  const fetches = caseIds.map((caseId): Promise<Fetched> =>
    fetchCaseRuns(deps.client, caseId).then(
      (runs) => ({ caseId, runs }),
      (err: unknown) =>
        err instanceof CaseNotFound ? { caseId, error: 'not_found', message: err.message } : { caseId, thrown: err },
    ),
  );
  async function* found() {
    for (const pending of fetches) {
      const f = await pending;
      if ('thrown' in f) throw f.thrown;
      if ('runs' in f) yield { workflowId: candidateWorkflowId(f.caseId), runs: f.runs };
    }
  }
  const verified = await verifyHistories(found(), deps);
  const now = options.now ?? Date.now();
  let next = 0;
  return (await Promise.all(fetches)).map((f) => {
    if (!('runs' in f)) return f as Extract<Fetched, { error: string }>;
    const { replays, timeline } = verified[next++]!;
    return reportOf(f.caseId, f.runs, replays, timeline, now, options.asOf);
  });
}

export async function auditCase(
  deps: AuditDeps,
  caseId: string,
  options: { asOf?: IsoDate; now?: number } = {},
): Promise<AuditReport> {
  const [outcome] = await auditCases(deps, [caseId], options);
  if ('error' in outcome!) throw new CaseNotFound(caseId);
  return outcome!;
}

function reportOf(
  caseId: string,
  runs: CaseRun[],
  replays: RunReplay[],
  timeline: TimelineEntry[],
  now: number,
  asOf: IsoDate | undefined,
): AuditReport {
  const replayed = replays.every((r) => r.ok);
  const replayedCase = recheck(timeline, localDateOf(now));
  const { steps, findings, deadlines } = replayedCase;
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
    deadlines,
    timeline: timeline as unknown as Array<Record<string, unknown>>,
    ...(asOf ? { asOf: stateAsOf(replayedCase, timeline, asOf) } : {}),
    chain: { head: links.at(-1)?.hash ?? '', links },
  };
}
