/**
 * The app's database as one handle, whichever engine holds it: drizzle on node-postgres for a PostgreSQL server,
 * drizzle on PGlite for the embedded default. Both are the same PostgreSQL dialect, so every query, the schema and
 * the migrations are written once.
 */
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { sql } from 'drizzle-orm';
import { DrizzleQueryError } from 'drizzle-orm/errors';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { Pool } from 'pg';
import { describeDatabase, type DatabaseConfig } from './config';
import { migratePgliteDatabase, migratePostgres } from './migrate';
import * as schema from './schema';

/** What the store's queries run on: either engine. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface AppDatabase {
  readonly db: Db;
  /** Where it is, for an operator: never the password. */
  readonly description: string;
  /** Applies the migrations not yet applied (see migrate.ts); safe to run from several instances at once. */
  migrate(): Promise<void>;
  /** 'ok', or why not, within the deadline: for the readiness probe. */
  health(timeoutMs: number): Promise<string>;
  close(): Promise<void>;
}

export class DatabaseUnavailable extends Error {}

/** Opens the handle without talking to the database yet (a pool connects on its first query). */
export async function openDatabase(config: DatabaseConfig): Promise<AppDatabase> {
  const description = describeDatabase(config);
  if (config.kind === 'postgres') {
    // Failing fast matters more than waiting: a probe or a request should learn the database is gone in seconds.
    const pool = new Pool({ connectionString: config.url, connectionTimeoutMillis: 5_000, max: 10 });
    // An idle connection the server drops (a restart, a failover) is reported here; without a listener it would
    // end the process. The next query opens a new connection.
    pool.on('error', (err) => console.error(`database: an idle connection failed (${err.message})`));
    return handle(
      drizzleNodePg(pool, { schema }),
      description,
      () => migratePostgres(pool),
      () => pool.end(),
    );
  }
  if (config.dataDir) mkdirSync(config.dataDir, { recursive: true });
  return pgliteDatabase(await PGlite.create(config.dataDir), description);
}

/** The app's database on a PGlite instance the caller made (the test suites make theirs from a migrated dump). */
export function pgliteDatabase(client: PGlite, description: string): AppDatabase {
  return handle(
    drizzlePglite(client, { schema }),
    description,
    () => migratePgliteDatabase(client),
    () => client.close(),
  );
}

/**
 * Opens, checks the database answers, and migrates: what an API instance does before it serves. An unreachable
 * server stops it here with the variable to look at, not at its first request.
 */
export async function connectDatabase(config: DatabaseConfig): Promise<AppDatabase> {
  const database = await openDatabase(config);
  try {
    await database.db.execute(sql`SELECT 1`);
  } catch (err) {
    await database.close().catch(() => undefined);
    throw new DatabaseUnavailable(`cannot reach ${database.description}: ${messageOf(err)}`, { cause: err });
  }
  try {
    await database.migrate();
  } catch (err) {
    await database.close().catch(() => undefined);
    throw new DatabaseUnavailable(`migrating ${database.description} failed: ${messageOf(err)}`, { cause: err });
  }
  return database;
}

function handle(db: Db, description: string, migrate: () => Promise<void>, close: () => Promise<void>): AppDatabase {
  let closed: Promise<void> | undefined;
  return {
    db,
    description,
    migrate,
    async health(timeoutMs) {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<string>((resolve) => {
        timer = setTimeout(() => resolve(`unreachable: no answer within ${timeoutMs} ms`), timeoutMs);
      });
      try {
        return await Promise.race([db.execute(sql`SELECT 1`).then(() => 'ok'), late]);
      } catch (err) {
        return `unreachable: ${messageOf(err)}`;
      } finally {
        clearTimeout(timer);
      }
    },
    close: () => (closed ??= close()),
  };
}

/**
 * What went wrong, in the driver's words: drizzle wraps them as "Failed query: …" with the driver's error as the
 * cause, and node-postgres reports a refused connection as an AggregateError with an empty message.
 */
export function messageOf(err: unknown): string {
  if (err instanceof DrizzleQueryError && err.cause) return messageOf(err.cause);
  if (err instanceof AggregateError && !err.message) return err.errors.map(messageOf).join('; ');
  if (err instanceof Error) return err.message || String((err as { code?: string }).code ?? err.name);
  return String(err);
}
