export { createTimeSkippingEnv } from '../../src/temporal/test-env';
