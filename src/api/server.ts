/**
 * The HTTP API. Every route's params, query and body are the zod schemas the
 * workflow itself uses (fastify-type-provider-zod), so a bad field is a 400
 * naming it before anything reaches Temporal, and the same schemas produce
 * the OpenAPI document at /openapi.json. Every request but sign-in, probes
 * and the dashboard's files comes from a session or an access token
 * (authenticate.ts); what it may do is decided by src/auth/scope.ts against
 * the organisation tree in force today.
 */
import { checkCharterData } from '../charter/check-data';
import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import type { ApiContext, ApiDeps } from './context';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { authorize } from '../auth/scope';
import { currentRegistry } from '../db/current-registry';
import type { Registry } from '../org/registry';
import { Unauthenticated, type Principal } from '../auth/principal';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import { DEFAULT_AUTH_SETTINGS } from '../accounts/settings';
import { authenticate, type Caller } from './authenticate';
import { authRoutes } from './routes/auth';
import { accountRoutes } from './routes/accounts';
import { oidcRoutes } from './routes/oidc';
import { localDateOf } from '../charter/dates';
import { errorHandler, HttpError } from './errors';
import { auditRoutes } from './routes/audit';
import { caseRoutes } from './routes/cases';
import { importRoutes } from './routes/imports';
import { committeeRoutes } from './routes/committees';
import { registryRoutes } from './routes/registry';
import { reportRoutes } from './routes/reports';
import { documentRoutes } from './routes/documents';
import { HEALTH_ROUTES, healthRoutes } from './routes/health';
import { dashboard, isPublic } from '../web/serve';
import { apiLogging, METRICS_ROUTE, operations } from './operations';
import { logLevelFrom } from '../telemetry/settings';
import { CaseCells } from './case-cells';

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
          "A request carries the dashboard's session cookie (with `x-csrf-token` when it changes anything) or `authorization: Bearer <personal access token>` from POST /auth/tokens (`pipeline login`). Errors: 400 names the first field in `field` and lists every field at fault in `errors` (each with its `path`, the form's label as `field: {vi, en}`, a stable `code` such as `required`, `date_format`, `date_not_real` or `education_unknown`, and the message in `vi` and `en`), 401, 403 with the reason, 404, 409, 422 with the charter rule (a registration's refused dates are listed in `errors` too; a cell or committee the registry does not hold is a 422 `unknown_organisation`).",
        version: '1',
      },
      components: {
        securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'ppat_<id>_<secret>' } },
      },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });

  const auth = deps.auth ?? DEFAULT_AUTH_SETTINGS;
  void app.register(fastifyCookie);
  void app.register(fastifyHelmet, {
    // The dashboard loads only its own files and talks only to this API: nothing inline, nothing from elsewhere.
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    // Only over HTTPS does HSTS mean anything; a plain-HTTP deployment (cookieSecure false) must not be pinned.
    strictTransportSecurity: auth.cookieSecure,
  });
  // Off by default; sign-in routes opt in (config.rateLimit), keyed by address and username.
  void app.register(fastifyRateLimit, { global: false });

  // Who is calling is settled before anything else, so an anonymous caller learns nothing from validation. Then the
  // registry in force, which every signed-in route judges by: read from the database, shared by all instances.
  const callers = new WeakMap<FastifyRequest, Caller>();
  const registries = currentRegistry(deps.database.db);
  // Keyed by the principal too, which is this request's own object, so check(p, …) judges by the same version.
  const registryOf = new WeakMap<FastifyRequest | Principal, Registry>();
  app.addHook('onRequest', async (req, reply) => {
    if (isPublic(req.routeOptions.url) || HEALTH_ROUTES.has(req.routeOptions.url ?? '')) return;
    if (req.routeOptions.url === METRICS_ROUTE || req.routeOptions.config.public) return;
    const caller = await authenticate(deps.database.db, auth, req, reply);
    const { registry } = await registries.get();
    callers.set(req, caller);
    registryOf.set(req, registry).set(caller.principal, registry);
  });
  const registryFor = (key: FastifyRequest | Principal) => {
    const r = registryOf.get(key);
    if (!r) throw new Unauthenticated('sign in, or send a personal access token');
    return r;
  };
  const callerOf = (req: FastifyRequest) => {
    const c = callers.get(req);
    if (!c) throw new Unauthenticated('sign in, or send a personal access token');
    return c;
  };

  const ctx: ApiContext = {
    deps,
    auth,
    principal: (req) => callerOf(req).principal,
    caller: callerOf,
    registry: registryFor,
    registries,
    check(p, action) {
      const d = authorize(p, action, registryFor(p).on(localDateOf(Date.now())));
      if (!d.allowed) throw new HttpError(403, { error: 'forbidden', reason: d.reason, message: d.reason.en });
    },
    caseCells: new CaseCells(),
  };

  // On the root, before the route plugins are registered: each inherits it, and none has to reach out of its own
  // scope (no fastify-plugin) to share it.
  app.decorate('pipeline', ctx);
  void app.register(operations);
  void app.register(dashboard);
  void app.register(caseRoutes);
  void app.register(importRoutes);
  void app.register(committeeRoutes);
  void app.register(registryRoutes);
  void app.register(auditRoutes);
  void app.register(reportRoutes);
  void app.register(documentRoutes);
  void app.register(healthRoutes);
  void app.register(authRoutes);
  void app.register(accountRoutes);
  void app.register(oidcRoutes);
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  return app;
}
