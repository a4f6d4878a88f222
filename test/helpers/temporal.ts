export { bundleWorkflows, createTimeSkippingEnv } from '../../src/temporal/test-env';
