/**
 * The HTTP API. Every route's params, query and body are the zod schemas the
 * workflow itself uses (fastify-type-provider-zod), so a bad field is a 400
 * naming it before anything reaches Temporal, and the same schemas produce
 * the OpenAPI document at /openapi.json. Every request but that one carries
 * a signed token; what it may do is decided by src/auth/scope.ts against the
 * organisation tree in force today.
 */
import { checkCharterData } from '../charter/check-data';
import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import type { ApiContext, ApiDeps } from './context';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { authorize } from '../auth/scope';
import { currentRegistry } from '../db/current-registry';
import type { Registry } from '../org/registry';
import { Unauthenticated, verifyToken, type Principal } from '../auth/tokens';
import { localDateOf } from '../charter/dates';
import { errorHandler, HttpError } from './errors';
import { auditRoutes } from './routes/audit';
import { caseRoutes } from './routes/cases';
import { committeeRoutes } from './routes/committees';
import { registryRoutes } from './routes/registry';
import { reportRoutes } from './routes/reports';
import { HEALTH_ROUTES, healthRoutes } from './routes/health';
import { dashboard, isPublic } from '../web/serve';
import { apiLogging, METRICS_ROUTE, operations } from './operations';
import { logLevelFrom } from '../telemetry/settings';

export function buildApi(deps: ApiDeps): FastifyInstance {
  checkCharterData();
  const app = Fastify({
    bodyLimit: 64 * 1024,
    ...apiLogging(deps.log ?? { level: logLevelFrom(process.env, 'silent') }),
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  void app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Party membership candidate pipeline',
        description:
          'Register candidates, record their steps, read and list cases, committees’ alerts, bulk import, the organisation registry. ' +
          'Every request carries `authorization: Bearer <token>`. Errors: 400 names the field, 401, 403 with the reason, 404, 409, 422 with the charter rule.',
        version: '1',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });

  // Who is calling is settled before anything else, so an anonymous caller learns nothing from validation. Then the
  // registry in force, which every signed-in route judges by: read from the database, shared by all instances.
  const principals = new WeakMap<FastifyRequest, Principal>();
  const registries = currentRegistry(deps.database.db);
  // Keyed by the principal too, which is this request's own object, so check(p, …) judges by the same version.
  const registryOf = new WeakMap<FastifyRequest | Principal, Registry>();
  app.addHook('onRequest', async (req) => {
    if (isPublic(req.routeOptions.url) || HEALTH_ROUTES.has(req.routeOptions.url ?? '')) return;
    if (req.routeOptions.url === METRICS_ROUTE) return;
    const header = req.headers.authorization;
    if (!header?.startsWith('Bearer ')) throw new Unauthenticated('a Bearer token is required');
    const principal = await verifyToken(deps.keys, header.slice('Bearer '.length));
    const { registry } = await registries.get();
    principals.set(req, principal);
    registryOf.set(req, registry).set(principal, registry);
  });
  const registryFor = (key: FastifyRequest | Principal) => {
    const r = registryOf.get(key);
    if (!r) throw new Unauthenticated('a Bearer token is required');
    return r;
  };

  const ctx: ApiContext = {
    deps,
    principal(req) {
      const p = principals.get(req);
      if (!p) throw new Unauthenticated('a Bearer token is required');
      return p;
    },
    registry: registryFor,
    registries,
    check(p, action) {
      const d = authorize(p, action, registryFor(p).on(localDateOf(Date.now())));
      if (!d.allowed) throw new HttpError(403, { error: 'forbidden', reason: d.reason, message: d.reason.en });
    },
  };

  // On the root, before the route plugins are registered: each inherits it, and none has to reach out of its own
  // scope (no fastify-plugin) to share it.
  app.decorate('pipeline', ctx);
  void app.register(operations);
  void app.register(dashboard);
  void app.register(caseRoutes);
  void app.register(committeeRoutes);
  void app.register(registryRoutes);
  void app.register(auditRoutes);
  void app.register(reportRoutes);
  void app.register(healthRoutes);
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  return app;
}
