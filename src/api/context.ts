/** What the API's route modules share: the dependencies, the caller and the scope check. */
import type { Client } from '@temporalio/client';
import type {
  FastifyBaseLogger,
  FastifyInstance,
  FastifyRequest,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
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

export type ZodApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;
