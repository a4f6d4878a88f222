/**
 * The cluster's first admin (src/accounts/first-admin.ts) once its APIs have migrated and seeded the app database:
 * acting for the province at the top of the registry in force.
 */
import { ensureFirstAdmin } from '../accounts/first-admin';
import { currentRegistry } from '../db/current-registry';
import { openDatabase } from '../db/open';
import { localDateOf } from '../charter/dates';
import type { Cluster } from './cluster';

/** The first admin's one-time password, or null when the province has accounts already. */
export async function firstAdminOf(cluster: Cluster): Promise<string | null> {
  const database = await openDatabase({ kind: 'postgres', url: cluster.databases.app });
  try {
    const { registry } = await currentRegistry(database.db).get();
    const top = registry
      .on(localDateOf(Date.now()))
      .units()
      .find((u) => u.parentId === null)!;
    return await ensureFirstAdmin(database.db, top.id);
  } finally {
    await database.close();
  }
}
