/**
 * What the API's route plugins share: the dependencies, the caller, the registry in force and the scope check. The
 * server decorates itself with it once, as `pipeline`, before it registers the routes, so a route reads it from its
 * own instance and never imports the server.
 */
import type { Tracer } from '@opentelemetry/api';
import type { Client } from '@temporalio/client';
import type { FastifyRequest } from 'fastify';
import type { Action } from '../auth/scope';
import type { Principal } from '../auth/principal';
import type { TokenKeys } from '../auth/server-secret';
import type { AuthSettings } from '../accounts/settings';
import type { OidcSettings } from '../accounts/oidc-settings';
import type { Caller } from './authenticate';
import type { CurrentRegistry } from '../db/current-registry';
import type { AppDatabase } from '../db/open';
import type { Registry } from '../org/registry';
import type { ApiLogOptions } from './operations';
import type { CaseCells } from './case-cells';

export interface ApiDeps {
  client: Client;
  taskQueue: string;
  /** The app's own state (the registry's versions), shared by every API instance: migrated and seeded already. */
  database: AppDatabase;
  /** How long a command waits for the case's worker before the answer is 503 (default DEFAULT_COMMAND_TIMEOUT_MS). */
  commandTimeoutMs?: number;
  /** The server's secret: seals list page tokens and derives imported case ids (not for signing in). */
  keys: TokenKeys;
  /** Sessions, lockout, rate limits, cookies; defaults when absent (tests). */
  auth?: AuthSettings;
  /** The province's identity provider (src/api/routes/oidc.ts); none: password sign-in only. */
  oidc?: OidcSettings | null;
  /** JSON logs; without it, PIPELINE_LOG_LEVEL or silent (tests). */
  log?: ApiLogOptions;
  /** A span per request, parent of the client's (src/telemetry/tracing.ts); none when tracing is off. */
  tracer?: Tracer;
}

export interface ApiContext {
  deps: ApiDeps;
  auth: AuthSettings;
  principal(req: FastifyRequest): Principal;
  /** The principal and, for a dashboard session, the session. */
  caller(req: FastifyRequest): Caller;
  /**
   * The registry in force when the request arrived, read from the database once per request (so one request never
   * mixes two versions, and a replacement through another instance counts from the next request).
   */
  registry(req: FastifyRequest): Registry;
  /** The newest registry and how to replace it (PUT /registry). */
  registries: CurrentRegistry;
  /** Whether `p` may do `action`, judged against the registry their request was read with. */
  check(p: Principal, action: Action): void;
  /** The cells of cases this instance has seen lately, to authorise a command without asking the server first. */
  caseCells: CaseCells;
}

declare module 'fastify' {
  interface FastifyInstance {
    pipeline: ApiContext;
  }
}
