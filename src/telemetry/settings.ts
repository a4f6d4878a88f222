/**
 * The operations settings every process reads: how much it logs (PIPELINE_LOG_LEVEL), where the worker serves its
 * Prometheus metrics (PIPELINE_WORKER_METRICS_ADDRESS) and where traces go (OTEL_EXPORTER_OTLP_TRACES_ENDPOINT or
 * OTEL_EXPORTER_OTLP_ENDPOINT, the OpenTelemetry SDKs' own variables). A bad value stops the process at start,
 * naming the variable.
 */
import { z } from 'zod';
import { ConfigError } from '../../temporal.config';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const set = (env: NodeJS.ProcessEnv, name: string) => (env[name] === '' ? undefined : env[name]);

/** PIPELINE_LOG_LEVEL, or `fallback`: `info` for the services an operator starts, `silent` for the API in tests. */
export function logLevelFrom(env: NodeJS.ProcessEnv, fallback: LogLevel): LogLevel {
  const raw = set(env, 'PIPELINE_LOG_LEVEL');
  if (raw === undefined) return fallback;
  const parsed = z.enum(LOG_LEVELS).safeParse(raw);
  if (!parsed.success)
    throw new ConfigError(
      'PIPELINE_LOG_LEVEL',
      `is invalid: expected one of ${LOG_LEVELS.join(', ')} (got ${JSON.stringify(raw)})`,
    );
  return parsed.data;
}

/** host:port of the worker's Prometheus endpoint, or undefined: off unless asked for, since it opens a port. */
export function workerMetricsAddress(env: NodeJS.ProcessEnv): string | undefined {
  const raw = set(env, 'PIPELINE_WORKER_METRICS_ADDRESS');
  if (raw === undefined) return undefined;
  const m = /^(\[[0-9a-fA-F:]+\]|[^\s:[\]]+):(\d{1,5})$/.exec(raw);
  if (!m || Number(m[2]) > 65535)
    throw new ConfigError(
      'PIPELINE_WORKER_METRICS_ADDRESS',
      `is invalid: expected host:port such as 127.0.0.1:9464 (got ${JSON.stringify(raw)})`,
    );
  return raw;
}

/**
 * Where spans go over OTLP/HTTP, or undefined (tracing off). OTEL_EXPORTER_OTLP_TRACES_ENDPOINT is the full URL;
 * OTEL_EXPORTER_OTLP_ENDPOINT is the collector's base URL, to which the traces path is added (as the OpenTelemetry
 * specification says).
 */
export function tracesEndpoint(env: NodeJS.ProcessEnv): string | undefined {
  const traces = set(env, 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT');
  const base = set(env, 'OTEL_EXPORTER_OTLP_ENDPOINT');
  const [variable, raw] = traces
    ? ['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', traces]
    : ['OTEL_EXPORTER_OTLP_ENDPOINT', base];
  if (raw === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(
      variable,
      `is invalid: expected an http(s) URL such as http://127.0.0.1:4318 (got ${JSON.stringify(raw)})`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new ConfigError(variable, `is invalid: OTLP/HTTP needs an http or https URL (got ${JSON.stringify(raw)})`);
  return traces ? raw : `${raw.replace(/\/+$/, '')}/v1/traces`;
}
