/**
 * Replays a case's runs on the current workflow code: proof that the history
 * is deterministic under today's code and that every sealed payload opens
 * (the codec authenticates each one, so an edited payload fails here).
 */
import type { DataConverter } from '@temporalio/common';
import { Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type { CaseRun } from '../temporal/case-runs';

export interface ReplayItem {
  workflowId: string;
  run: CaseRun;
}

export interface RunReplay {
  runId: string;
  ok: boolean;
  error?: string;
}

const UNOPENED = 'a payload does not open with the case keys: it was edited or sealed elsewhere';

export const explainUnreadable = (err: Error): string => `${UNOPENED} (${err.message})`;

function explain(err: Error): string {
  const full = `${err.message}${err.cause instanceof Error ? `: ${err.cause.message}` : ''}`;
  // Core wraps the workflow's own failure in a debug dump with its stack: keep the message it carries.
  const inner = /message: \\?"(.*?)\\?", source/.exec(full)?.[1];
  const text = inner ? `${full.slice(0, full.indexOf('Details:')).trim()} ${inner}` : full;
  if (/failed authentication|no key/.test(text)) return `${UNOPENED} (${text})`;
  if (/TMPRL1100|[Nn]ondetermin|out of order|does not match/.test(text))
    return `the history does not match what the workflow code does with it: edited, or the code changed without patched() (${text})`;
  return text;
}

/**
 * Replays many runs through one replay worker (creating a worker is the
 * costly part), in order; each run is judged on its own. The runs may arrive
 * as they are fetched: replay starts on the first while the rest are on the way.
 */
export async function replayRuns(
  runs: Iterable<ReplayItem> | AsyncIterable<ReplayItem>,
  options: { workflowBundle: WorkflowBundleWithSourceMap; dataConverter?: DataConverter },
): Promise<RunReplay[]> {
  const runIds: string[] = [];
  async function* histories() {
    for await (const { workflowId, run } of runs) {
      runIds.push(run.runId);
      yield { workflowId, history: run.history };
    }
  }
  const out: RunReplay[] = [];
  for await (const result of Worker.runReplayHistories(
    { workflowBundle: options.workflowBundle, dataConverter: options.dataConverter },
    histories(),
  )) {
    const runId = runIds[out.length]!;
    out.push(result.error ? { runId, ok: false, error: explain(result.error) } : { runId, ok: true });
  }
  return out;
}
