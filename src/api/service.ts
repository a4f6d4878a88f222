/**
 * One API instance, composed: the Temporal client, the app's database (opened, migrated, its registry seeded on a
 * first start), the routes, listening. `npm run api` (src/api/main.ts) runs one, `npm start` runs one beside its
 * worker and dev server, `npm run cluster` runs two on one PostgreSQL: the same composition each time. The instance
 * keeps nothing of its own, so any number of them can serve the same province.
 */
import type { Client } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import type { TemporalConfig } from '../../temporal.config';
import type { DatabaseConfig } from '../db/config';
import { currentRegistry } from '../db/current-registry';
import { connectDatabase, type AppDatabase } from '../db/open';
import { seedRegistry } from '../db/registry-store';
import { loadRegistryFile } from '../org/load';
import type { Registry } from '../org/registry';
import { createClient } from '../temporal/client';
import { logLevelFrom } from '../telemetry/settings';
import { startTracing } from '../telemetry/tracing';
import type { ApiConfig, RegistrySeed } from './config';
import { buildApi } from './server';

export interface ApiService {
  app: FastifyInstance;
  url: string;
  client: Client;
  database: AppDatabase;
  /** What the start found or did about the registry, for the operator. */
  registryNote: string;
  /** The registry in force now (the demo seeding asks for it). */
  registry(): Promise<Registry>;
  /** Stops taking requests, lets those in flight finish, then closes the database and the Temporal connection. */
  close(): Promise<void>;
}

export async function startApiService(options: {
  temporal: TemporalConfig;
  api: ApiConfig;
  database: DatabaseConfig;
}): Promise<ApiService> {
  const { temporal, api } = options;
  const logLevel = logLevelFrom(process.env, 'info');
  // Traces (when an OTLP endpoint is set) start at the client, so every Temporal call of a request is in its trace.
  const tracing = await startTracing('pipeline-api');
  const client = await createClient(temporal, tracing).catch(async (err: unknown) => {
    await tracing?.shutdown();
    throw err;
  });
  let database: AppDatabase | undefined;
  try {
    database = await connectDatabase(options.database);
    const seed = await seedRegistry(database.db, () => readSeed(api.registrySeed));
    const registryNote = seed.seeded
      ? `registry version ${seed.id} seeded from ${seed.source}`
      : `registry version ${seed.id} from the database` +
        (api.registrySeed.source.startsWith('PIPELINE_REGISTRY=')
          ? ' (PIPELINE_REGISTRY only seeds an empty database; it was not read)'
          : '');
    const app = buildApi({
      client,
      taskQueue: temporal.taskQueue,
      database,
      keys: api.keys,
      auth: api.auth,
      oidc: api.oidc,
      log: { level: logLevel },
      tracer: tracing?.tracer,
    });
    const url = await app.listen({ port: api.port, host: api.host });
    const db = database;
    const registries = currentRegistry(db.db);
    let closing: Promise<void> | undefined;
    return {
      app,
      url,
      client,
      database: db,
      registryNote,
      registry: async () => (await registries.get()).registry,
      close: () =>
        (closing ??= (async () => {
          try {
            await app.close();
          } finally {
            await db.close();
            await client.connection.close();
            await tracing?.shutdown();
          }
        })()),
    };
  } catch (err) {
    await database?.close();
    await client.connection.close();
    await tracing?.shutdown();
    throw err;
  }
}

/** The seed file as the database stores it: read and checked like any registry file (JSON or CSV). */
function readSeed(seed: RegistrySeed) {
  const registry = loadRegistryFile(seed.path);
  return { file: { province: registry.province, versions: [...registry.versions()] }, source: seed.source };
}
