/** Everything the worker bundles into the workflow sandbox. */
export { candidate } from './candidate';
export { committeeInbox } from './committee-inbox';
export { committeeDigest, dailyDigest } from './digest';
