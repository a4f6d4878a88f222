/** The worker's workflow code bundled once, to share between workers and replays (bundling takes seconds). */
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import {
  bundleWorkflowCode,
  DefaultLogger,
  type BundleOptions,
  type WorkflowBundleWithSourceMap,
} from '@temporalio/worker';

/**
 * The modules of src/ the workflows import, evaluated once per worker thread and shared by every workflow in it
 * (the SDK's preloadModules), with everything they import: the case core, the machine and XState, the charter's
 * rules, calendar and data, the compiled schemas. Unshared, the SDK evaluates each module afresh for every
 * workflow, and a cached case then holds its own copy of them all (docs/benchmarks.md, "Memory").
 *
 * Sharing is safe because they hold no workflow's state: they are pure functions of their arguments, their data
 * is read only (the SDK deep-freezes what it shares, so a write would throw, not leak), and what they cache
 * (calendars, holidays, time-zone offsets) are results of pure functions. They import neither zod nor the SDK.
 * test/unit/shared-modules.test.ts checks both, and that every module of src/ a workflow imports is here.
 */
export const SHARED_MODULES = [
  'case/alert-hold',
  'case/correction',
  'case/requests',
  'case/state',
  'case/step',
  'case/wake',
  'charter/calendar',
  'charter/dates',
  'machine/advance',
  'schemas/compiled/parse',
  'schemas/correction-kind',
  'schemas/stages',
].map((m) => join(__dirname, '..', `${m}.ts`));

/** The bundle a worker runs (worker/worker.ts makes it here), and replays, tests and benchmarks with it. */
export function bundleWorkflows(options: Partial<BundleOptions> = {}): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflowCode({
    workflowsPath: require.resolve('../../workflows'),
    preloadModules: SHARED_MODULES,
    logger: new DefaultLogger('WARN'),
    ...options,
  });
}

/**
 * What replaying a client's histories needs: the client, its payload converters, and the bundle, made on the
 * first replay (seconds) and shared by every one after it.
 */
export function replayDeps(client: Client) {
  let bundle: Promise<WorkflowBundleWithSourceMap> | undefined;
  return {
    client,
    workflowBundle: () => (bundle ??= bundleWorkflows()),
    dataConverter: client.options.dataConverter,
    loadedDataConverter: client.options.loadedDataConverter,
  };
}
