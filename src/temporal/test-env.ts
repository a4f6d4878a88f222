/**
 * The time-skipping test server from the project's cached binary (never the
 * SDK's download), with the custom search attributes made sure of by the same
 * bootstrap as every worker and API process. Used by the workflow tests and
 * the simulator.
 */
import type { DataConverter } from '@temporalio/common';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { loadConfig } from '../../temporal.config';
import { testServerPath } from './binaries';
import { ensureNamespaceAndSearchAttributes } from './bootstrap';

export async function createTimeSkippingEnv(dataConverter?: DataConverter): Promise<TestWorkflowEnvironment> {
  const config = loadConfig();
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: testServerPath(config.cacheDir) } },
    client: { dataConverter },
  });
  try {
    await ensureNamespaceAndSearchAttributes(env.connection, {
      ...config,
      address: env.address,
      namespace: env.namespace ?? 'default',
      // A server of its own, made for this process: nobody else would create them.
      bootstrap: 'create',
    });
  } catch (err) {
    await env.teardown();
    throw err;
  }
  return env;
}
