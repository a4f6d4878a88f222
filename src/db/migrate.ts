/**
 * Brings a database's schema up to date with drizzle's own migrator: the SQL files drizzle-kit generated from
 * src/db/schema.ts (src/db/migrations), each applied once, in order, in one transaction, and recorded in
 * drizzle.__drizzle_migrations. Running it again on an up-to-date database changes nothing.
 */
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { Pool } from 'pg';
import { ADVISORY_LOCKS } from './locks';

export const MIGRATIONS_FOLDER = join(__dirname, 'migrations');

/**
 * On a server several API instances share, an instance that starts while another migrates waits for it (a
 * session-level advisory lock held on the one connection the migration runs on), then finds nothing left to do.
 */
export async function migratePostgres(pool: Pool): Promise<void> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('SELECT pg_advisory_lock($1)', [ADVISORY_LOCKS.migrate]);
    try {
      await migrateNodePg(drizzleNodePg(client), { migrationsFolder: MIGRATIONS_FOLDER });
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [ADVISORY_LOCKS.migrate]);
    }
  } catch (err) {
    // A connection that failed mid-way is closed rather than reused; closing it also drops the lock.
    broken = err instanceof Error ? err : new Error(String(err));
    throw err;
  } finally {
    client.release(broken);
  }
}

/** PGlite is one process's own database: nobody else can be migrating it. */
export async function migratePgliteDatabase(client: PGlite): Promise<void> {
  await migratePglite(drizzlePglite(client), { migrationsFolder: MIGRATIONS_FOLDER });
}
