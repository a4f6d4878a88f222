/**
 * The time-skipping test server from the project's cached binary (never the
 * SDK's download), with the custom search attributes registered. Used by
 * the workflow tests and the simulator.
 */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { loadConfig } from '../../temporal.config';
import { testServerPath } from './binaries';
import { registerSearchAttributes } from './search-attributes';

export async function createTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: testServerPath(loadConfig().cacheDir) } },
  });
  await registerSearchAttributes(env.connection, env.namespace ?? 'default');
  return env;
}
