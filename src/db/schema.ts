/**
 * The app's own state in PostgreSQL, as drizzle tables: the one description of the schema, from which drizzle-kit
 * generates the migrations (src/db/migrations) and drizzle types every query. Temporal keeps the cases; this keeps
 * what the API instances must share and nobody may lose.
 */
import { bigint, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import type { RegistryFile } from '../schemas/organisation';

/**
 * Every organisation registry the province has had, one row per replacement, never updated or deleted: the newest
 * row is the registry in force, the older ones tell an auditor which was in force when. Ids come from one identity
 * sequence and replacements are serialised (registry-store.ts), so a higher id is always the later registry.
 */
export const registryVersions = pgTable('registry_versions', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  /** The whole registry as PUT /registry received it, validated whole before it was written. */
  file: jsonb('file').$type<RegistryFile>().notNull(),
  /** Where it came from: an admin's PUT /registry, or the file the first start seeded an empty table from. */
  source: text('source').notNull(),
  savedAt: timestamp('saved_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  /** The admin's user id from their token; null for a seed. (Accounts, next, will hold these ids.) */
  savedBy: text('saved_by'),
});
