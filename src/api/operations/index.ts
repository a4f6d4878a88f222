/**
 * What operators see of an API instance: Prometheus metrics at /metrics, one JSON log line per request with its
 * id, and a trace span per request when tracing is on. Registered on the root before the route plugins, and not
 * encapsulated (Fastify's `skip-override`, what fastify-plugin sets), so its hooks see every route.
 */
import type { FastifyInstance } from 'fastify';
import { installMetrics } from './metrics';
import { installRequestLog } from './request-log';
import { installRequestTracing } from './request-trace';

export { METRICS_ROUTE } from './metrics';
export { apiLogging, type ApiLogOptions } from './request-log';

async function operationsPlugin(app: FastifyInstance) {
  const { deps } = app.pipeline;
  installRequestLog(app);
  installMetrics(app, deps.client);
  if (deps.tracer) installRequestTracing(app, deps.tracer);
}

export const operations = Object.assign(operationsPlugin, { [Symbol.for('skip-override')]: true });
