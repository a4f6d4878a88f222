import { DefaultLogger, makeTelemetryFilterString, Runtime } from '@temporalio/worker';

/**
 * For the simulator and the tests: worker state changes (INFO) drown the
 * output, and core warns on every worker start that the time-skipping test
 * server does not advertise a capability only full servers have. Everything
 * else at WARN and above still shows.
 */
export function installQuietRuntime(options: { coreLogsToStderr?: boolean } = {}): void {
  const filter = [
    makeTelemetryFilterString({ core: 'WARN', other: 'ERROR' }),
    'temporalio_sdk_core::worker=ERROR',
    'temporalio_sdk_core::worker::workflow=WARN',
    'temporalio_sdk_core::worker::activities=WARN',
  ].join(',');
  // Core prints its own lines on stdout unless they are forwarded to the logger (stderr): a command whose stdout is
  // its output (the simulator's JSON) forwards them, and shuts the runtime down at its end so the process exits.
  const forward = options.coreLogsToStderr ? { forward: {} } : {};
  Runtime.install({ logger: new DefaultLogger('WARN'), telemetryOptions: { logging: { filter, ...forward } } });
}
