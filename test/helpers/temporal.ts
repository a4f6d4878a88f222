/** Test servers started from the project's cached binaries, never downloaded by the SDK. */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { loadConfig } from '../../temporal.config';
import { testServerPath } from '../../src/temporal/binaries';

export async function createTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  const { cacheDir } = loadConfig();
  return TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: testServerPath(cacheDir) } },
  });
}
