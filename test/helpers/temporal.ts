export { bundleWorkflows } from '../../src/temporal/bundle';
export { createTimeSkippingEnv } from '../../src/temporal/test-env';
