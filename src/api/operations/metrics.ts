/**
 * GET /metrics in Prometheus' text format, without a token like the probes: every label is a route template, a
 * method, a status, a command type, a charter rule id or a committee id, never a case id, a name or a query.
 * Each API instance has a registry of its own (two in one test process must not share counters).
 */
import type { Client } from '@temporalio/client';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { CommandRefused } from '../../temporal/cases';
import { overdueCounts, type OverdueCount } from '../../temporal/overdue-counts';
import { throttledRefresh } from '../../util/throttled-refresh';
import { HttpError } from '../errors';
import { routeTemplate } from './route-template';

export const METRICS_ROUTE = '/metrics';

/** How long a scrape reuses the overdue counts, and how long their query may take (Prometheus waits 10 s by default). */
const OVERDUE_TTL_MS = 30_000;
const OVERDUE_QUERY_TIMEOUT_MS = 5_000;

/** The routes that take a command, and the command's type: a registration has no `type` field of its own. */
const COMMAND_ROUTES: Record<string, (req: FastifyRequest) => unknown> = {
  'POST /cases': () => 'REGISTER',
  'POST /cases/:id/commands': (req) => (req.body as { type?: unknown } | undefined)?.type,
};
const COMMAND_TYPE = /^[A-Z][A-Z_]{0,63}$/;

/** Seconds: most answers take milliseconds; a command may wait up to its 20 s timeout for the case's worker. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30];

/** The charter rules a request was refused by (422 with `refusals`), from the error its handler threw. */
function refusedRules(err: unknown): string[] | undefined {
  const refusals =
    err instanceof CommandRefused ? err.refusals : err instanceof HttpError ? err.body.refusals : undefined;
  if (!Array.isArray(refusals)) return undefined;
  return refusals.map((r: { ruleId?: unknown }) => String(r.ruleId));
}

export function installMetrics(app: FastifyInstance, client: Client): void {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];

  const latency = new Histogram({
    name: 'pipeline_api_request_duration_seconds',
    help: 'API requests by method, route template and status, and how long they took',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: LATENCY_BUCKETS,
    registers,
  });
  const commands = new Counter({
    name: 'pipeline_commands_total',
    help: 'Registrations (type REGISTER) and steps sent to cases, accepted or refused by the charter',
    labelNames: ['type', 'outcome'] as const,
    registers,
  });
  const refusals = new Counter({
    name: 'pipeline_command_refusals_total',
    help: 'Charter rules that refused a command (a command refused by two rules counts under each)',
    labelNames: ['type', 'rule'] as const,
    registers,
  });
  // The overdue counts are fetched once per scrape at most, by whichever of these three metrics asks first; the
  // other two wait for the same fetch, so one scrape shows its outcome whole. (Their collect functions run on a
  // scrape, long after `overdue` below is set.)
  const overdueErrors = new Counter({
    name: 'pipeline_overdue_scrape_errors_total',
    help: 'Failed queries of the overdue cases (the gauge keeps its last value meanwhile)',
    registers,
    async collect() {
      await overdue.get();
    },
  });
  const overdueRefreshed = new Gauge({
    name: 'pipeline_overdue_last_success_timestamp_seconds',
    help: 'When the overdue cases were last counted from Temporal',
    registers,
    async collect() {
      await overdue.get();
    },
  });
  const overdue = throttledRefresh<OverdueCount[]>(
    async () => {
      const counts = await overdueCounts(client, Date.now() + OVERDUE_QUERY_TIMEOUT_MS);
      overdueRefreshed.set(Date.now() / 1000);
      return counts;
    },
    {
      ttlMs: OVERDUE_TTL_MS,
      onError: (err) => {
        overdueErrors.inc();
        app.log.warn({ err }, 'metrics: overdue cases could not be counted; keeping the last counts');
      },
    },
  );
  new Gauge({
    name: 'pipeline_overdue_cases',
    help: 'Open cases with an overdue alert, by committee of their chain and alert level (refreshed every 30 s)',
    labelNames: ['committee', 'level'] as const,
    registers,
    async collect() {
      const counts = await overdue.get();
      if (!counts) return;
      this.reset();
      for (const c of counts) this.set({ committee: c.committeeId, level: String(c.level) }, c.cases);
    },
  });

  const rulesOf = new WeakMap<FastifyRequest, string[]>();
  app.addHook('onError', async (req, _reply, err) => {
    const rules = refusedRules(err);
    if (rules) rulesOf.set(req, rules);
  });
  app.addHook('onResponse', async (req, reply) => {
    const route = routeTemplate(req);
    latency.observe({ method: req.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
    const type = COMMAND_ROUTES[`${req.method} ${route}`]?.(req);
    if (typeof type !== 'string' || !COMMAND_TYPE.test(type)) return;
    const rules = rulesOf.get(req);
    if (reply.statusCode < 300) commands.inc({ type, outcome: 'accepted' });
    else if (rules) {
      commands.inc({ type, outcome: 'refused' });
      for (const rule of rules) refusals.inc({ type, rule });
    }
  });

  app.get(METRICS_ROUTE, { schema: { hide: true } }, async (_req, reply) =>
    reply.type(registry.contentType).send(await registry.metrics()),
  );
}
