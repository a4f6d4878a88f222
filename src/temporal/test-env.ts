/**
 * The time-skipping test server from the project's cached binary (never the
 * SDK's download), with the custom search attributes registered. Used by
 * the workflow tests and the simulator.
 */
import type { DataConverter } from '@temporalio/common';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { loadConfig } from '../../temporal.config';
import { testServerPath } from './binaries';
import { registerSearchAttributes } from './search-attributes';

export async function createTimeSkippingEnv(dataConverter?: DataConverter): Promise<TestWorkflowEnvironment> {
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: testServerPath(loadConfig().cacheDir) } },
    client: { dataConverter },
  });
  await registerSearchAttributes(env.connection, env.namespace ?? 'default');
  return env;
}
