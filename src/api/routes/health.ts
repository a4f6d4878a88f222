/**
 * Probes for load balancers and orchestrators, with no token: they say nothing about any case. /healthz answers
 * while the process serves HTTP (restart it if not); /readyz only while it can do its work, that is while
 * Temporal and the app's database both answer (send it no traffic if not). 503 names what is not ready.
 */
import type { FastifyInstance } from 'fastify';
import { temporalHealth } from '../../temporal/health';

export const HEALTH_ROUTES = new Set(['/healthz', '/readyz']);
const READY_TIMEOUT_MS = 2_000;

export async function healthRoutes(app: FastifyInstance) {
  const { deps } = app.pipeline;
  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (_req, reply) => {
    const [temporal, database] = await Promise.all([
      temporalHealth(deps.client, READY_TIMEOUT_MS),
      deps.database.health(READY_TIMEOUT_MS),
    ]);
    const checks = { temporal, database };
    const ready = Object.values(checks).every((c) => c === 'ok');
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not_ready', checks });
  });
}
