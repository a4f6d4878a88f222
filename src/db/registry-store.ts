/**
 * The organisation registry's versions in the app's database: append one, read the newest, list them. A registry is
 * checked whole (createRegistry: the schema and the references between units) before it is written, and written in
 * one transaction, so a refused or interrupted replacement leaves the one in force as it was.
 */
import { desc, eq, sql } from 'drizzle-orm';
import { createRegistry, RegistryError, type Registry } from '../org/registry';
import { RegistryFile } from '../schemas/organisation';
import { ADVISORY_LOCKS } from './locks';
import type { Db } from './open';
import { registryVersions } from './schema';

export interface RegistryVersionInfo {
  id: number;
  source: string;
  savedAt: Date;
  savedBy: string | null;
}

/** The newest version's id, or null on an empty table: one index lookup, asked per request. */
export async function newestRegistryId(db: Db): Promise<number | null> {
  const [row] = await db
    .select({ id: registryVersions.id })
    .from(registryVersions)
    .orderBy(desc(registryVersions.id))
    .limit(1);
  return row?.id ?? null;
}

/** One version, parsed again with the schema: a row is trusted no more than a file. */
export async function readRegistryVersion(db: Db, id: number): Promise<{ file: RegistryFile; registry: Registry }> {
  const [row] = await db
    .select({ file: registryVersions.file })
    .from(registryVersions)
    .where(eq(registryVersions.id, id));
  if (!row) throw new RegistryError(`registry version ${id}: not in the database`);
  const parsed = RegistryFile.safeParse(row.file);
  if (!parsed.success)
    throw new RegistryError(
      `registry version ${id}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  return { file: parsed.data, registry: createRegistry(parsed.data) };
}

/**
 * Appends a registry as the one in force. Checked whole first (a RegistryError names the version, unit and field);
 * replacements are serialised by a transaction-level advisory lock, so ids follow the order they were committed in
 * and the newest id is always the last registry saved.
 */
export async function appendRegistry(
  db: Db,
  file: RegistryFile,
  origin: { source: string; savedBy: string | null },
): Promise<{ id: number; registry: Registry }> {
  const registry = createRegistry(file);
  const id = await db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${ADVISORY_LOCKS.registryWrite})`);
    const [row] = await tx
      .insert(registryVersions)
      .values({ file, source: origin.source, savedBy: origin.savedBy })
      .returning({ id: registryVersions.id });
    return row!.id;
  });
  return { id, registry };
}

/**
 * On a first start (an empty table) writes the registry `load` gives; otherwise leaves the table alone and says so.
 * Two instances starting together on an empty database seed it once: the second waits for the lock, then finds the
 * first one's row. `load` runs only when a seed is needed, so a seed file is read at most once.
 */
export async function seedRegistry(
  db: Db,
  load: () => { file: RegistryFile; source: string },
): Promise<{ seeded: boolean; id: number; source: string }> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${ADVISORY_LOCKS.registryWrite})`);
    const [newest] = await tx
      .select({ id: registryVersions.id, source: registryVersions.source })
      .from(registryVersions)
      .orderBy(desc(registryVersions.id))
      .limit(1);
    if (newest) return { seeded: false, ...newest };
    const { file, source } = load();
    createRegistry(file);
    const [row] = await tx
      .insert(registryVersions)
      .values({ file, source, savedBy: null })
      .returning({ id: registryVersions.id });
    return { seeded: true, id: row!.id, source };
  });
}

/** Every version, newest first, without the registries themselves: which was in force from when, saved by whom. */
export async function registryHistory(db: Db): Promise<RegistryVersionInfo[]> {
  return db
    .select({
      id: registryVersions.id,
      source: registryVersions.source,
      savedAt: registryVersions.savedAt,
      savedBy: registryVersions.savedBy,
    })
    .from(registryVersions)
    .orderBy(desc(registryVersions.id));
}
