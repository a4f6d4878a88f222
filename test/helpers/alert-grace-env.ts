/**
 * The suites' cases send their alerts at once, as before the grace period existed (src/case/alert-hold.ts): a test
 * that waits for an alert on a dev server cannot wait out 30 real minutes. The grace's own tests pass their grace
 * explicitly. Processes the tests spawn inherit it.
 */
process.env.PIPELINE_ALERT_GRACE_MINUTES ??= '0';
