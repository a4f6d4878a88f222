import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundleWorkflows as bundleNow } from '../../src/temporal/bundle';
import { RUN_BUNDLE } from './prepare-run';

export { createTimeSkippingEnv } from '../../src/temporal/test-env';

/** The workflow bundle: the run's own (test/helpers/global-setup.js) unless the test asks for other options. */
export async function bundleWorkflows(options?: Parameters<typeof bundleNow>[0]) {
  const dir = process.env.PIPELINE_TEST_RUN_DIR;
  if (options || !dir) return bundleNow(options);
  return { code: readFileSync(join(dir, RUN_BUNDLE), 'utf8'), sourceMap: '' };
}
