/**
 * What a workflow costs in memory before it has run a line of its own: in its reusable V8 context the SDK
 * evaluates the bundle's modules afresh for every workflow, which is how it keeps one run's module state from
 * another's, except the modules a bundle preloads, evaluated once and shared frozen (the engine's bundle
 * preloads SHARED_MODULES, src/temporal/bundle.ts; the probes preload nothing). Creates BENCH_WORKFLOWS
 * workflows (default 400) through the SDK's own reusable-context creator, keeps them alive as a worker's cache
 * does, and reports the heap they hold after a full collection, per workflow. No server: this is the part of a
 * cached case's memory that the bundle decides (bench/scale.ts measures the whole, through a real worker).
 *
 *   node --expose-gc --import tsx bench/module-memory.ts
 *
 * BENCH_BUNDLE picks the bundle: `engine` (default, the product's workflows), `schemas` (the domain's zod
 * schemas alone), `zod` (the library alone) or `bare` (the benchmarks' raw-Temporal workflow).
 */
import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';
import { parseWorkflowCode } from '@temporalio/worker/lib/worker';
import type { WorkflowCreateOptions } from '@temporalio/worker/lib/workflow/interface';
import { ReusableVMWorkflowCreator } from '@temporalio/worker/lib/workflow/reusable-vm';
import { bundleWorkflows } from '../src/temporal/bundle';

const COUNT = Number(process.env.BENCH_WORKFLOWS ?? 400);
const BUNDLES = {
  engine: { bundle: bundleWorkflows, workflowType: 'candidate' },
  schemas: { bundle: () => probe('./workflows/module-probes/schemas'), workflowType: 'candidate' },
  zod: { bundle: () => probe('./workflows/module-probes/zod'), workflowType: 'candidate' },
  bare: { bundle: () => probe('./workflows/bare'), workflowType: 'bare' },
};

function probe(path: string) {
  return bundleWorkflowCode({ workflowsPath: require.resolve(path), logger: new DefaultLogger('WARN') });
}

function heapAfterCollection(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc');
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

function optionsFor(i: number, workflowType: string): WorkflowCreateOptions {
  const now = Date.now();
  const runId = `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`;
  // Only what creating a workflow reads; the rest of WorkflowInfo matters once it is activated.
  const info = {
    workflowType,
    workflowId: `module-memory-${i}`,
    runId,
    firstExecutionRunId: runId,
    taskQueue: 'module-memory',
    namespace: 'default',
    attempt: 1,
    historyLength: 3,
    historySize: 0,
    continueAsNewSuggested: false,
    startTime: new Date(now),
    runStartTime: new Date(now),
    unsafe: { isReplaying: false, now: () => Date.now() },
    searchAttributes: {},
    memo: {},
    priority: {},
  } as unknown as WorkflowCreateOptions['info'];
  return { info, randomnessSeed: [i], now, showStackTraceSources: false };
}

async function main(): Promise<void> {
  const name = (process.env.BENCH_BUNDLE ?? 'engine') as keyof typeof BUNDLES;
  const chosen = BUNDLES[name];
  if (!chosen) throw new Error(`BENCH_BUNDLE: expected one of ${Object.keys(BUNDLES).join(', ')}`);
  const bundle = parseWorkflowCode((await chosen.bundle()).code);
  const creator = await ReusableVMWorkflowCreator.create(bundle, 60_000, new Set(['deliverBatch']));
  // The first workflow is not counted: it pays the context's one-off costs.
  const kept = [await creator.createWorkflow(optionsFor(-1, chosen.workflowType))];
  const before = heapAfterCollection();
  for (let i = 0; i < COUNT; i++) kept.push(await creator.createWorkflow(optionsFor(i, chosen.workflowType)));
  const after = heapAfterCollection();
  console.log(
    JSON.stringify({ bundle: name, workflows: COUNT, heapKiBPerWorkflow: Math.round((after - before) / 1024 / COUNT) }),
  );
  for (const workflow of kept) await workflow.dispose();
  await creator.destroy();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
