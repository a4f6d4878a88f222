/**
 * What the API's route plugins share: the dependencies, the caller and the scope check. The server decorates
 * itself with it once, as `pipeline`, before it registers the routes, so a route reads it from its own instance
 * and never imports the server.
 */
import type { Client } from '@temporalio/client';
import type { FastifyRequest } from 'fastify';
import type { Action } from '../auth/scope';
import type { Principal, TokenKeys } from '../auth/tokens';
import type { Registry } from '../org/registry';
import type { RegistryFile } from '../schemas/organisation';

export interface ApiDeps {
  client: Client;
  taskQueue: string;
  registry: Registry;
  /** How long a command waits for the case's worker before the answer is 503 (default DEFAULT_COMMAND_TIMEOUT_MS). */
  commandTimeoutMs?: number;
  keys: TokenKeys;
  /** Keeps an admin's new registry beyond a restart; in memory only when absent. */
  saveRegistry?: (file: RegistryFile) => Promise<void>;
}

export interface ApiContext {
  deps: ApiDeps;
  principal(req: FastifyRequest): Principal;
  /** The registry now in force (an admin may replace it). */
  registry(): Registry;
  replaceRegistry(registry: Registry): void;
  check(p: Principal, action: Action): void;
}

declare module 'fastify' {
  interface FastifyInstance {
    pipeline: ApiContext;
  }
}
