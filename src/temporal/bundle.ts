/** The worker's workflow code bundled once, to share between workers and replays (bundling takes seconds). */
import type { Client } from '@temporalio/client';
import { bundleWorkflowCode, DefaultLogger, type WorkflowBundleWithSourceMap } from '@temporalio/worker';

export function bundleWorkflows(): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflowCode({ workflowsPath: require.resolve('../../workflows'), logger: new DefaultLogger('WARN') });
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
