/**
 * The worker process's Temporal runtime: JSON logs on stdout through pino (the SDK's, the core's forwarded to it,
 * the workflows' and the activities'), and, when PIPELINE_WORKER_METRICS_ADDRESS is set, the core's Prometheus
 * endpoint at http://<address>/metrics: the SDK's own metrics (temporal_*) beside the alert counters the activities
 * record on the same meter. The runtime can be installed once per process and before any connection or worker, so
 * this runs first in worker/main.ts; tests install their quiet one instead (src/temporal/quiet-runtime.ts).
 */
import { makeTelemetryFilterString, Runtime } from '@temporalio/worker';
import pino, { type DestinationStream, type Logger } from 'pino';
import { REDACT, errorFields } from './redaction';
import { sdkLevelOf, sdkLogger } from './sdk-logger';
import { logLevelFrom, workerMetricsAddress } from './settings';

export interface WorkerRuntime {
  logger: Logger;
  /** Where the Prometheus endpoint listens, if it does. */
  metricsAddress?: string;
}

export function installWorkerRuntime(
  env: NodeJS.ProcessEnv = process.env,
  destination?: DestinationStream,
): WorkerRuntime {
  const level = logLevelFrom(env, 'info');
  const metricsAddress = workerMetricsAddress(env);
  const logger = pino({ level, redact: REDACT, serializers: { err: errorFields } }, destination ?? pino.destination(1));
  // The core's own lines at INFO are per poll and per task; WARN keeps them for what needs an operator.
  const core = level === 'debug' || level === 'trace' ? sdkLevelOf(level) : 'WARN';
  Runtime.install({
    logger: sdkLogger(logger),
    telemetryOptions: {
      logging: { filter: makeTelemetryFilterString({ core, other: 'ERROR' }), forward: {} },
      ...(metricsAddress ? { metrics: { prometheus: { bindAddress: metricsAddress } } } : {}),
    },
  });
  return { logger, metricsAddress };
}
