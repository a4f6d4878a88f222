/**
 * The app's database for a test: PGlite in memory (real PostgreSQL, in this process, gone with it), migrated, and
 * seeded with a registry file (the demo province unless told), exactly as an API instance's start does it.
 */
import { join } from 'node:path';
import { connectDatabase, type AppDatabase } from '../../src/db/open';
import { seedRegistry } from '../../src/db/registry-store';
import { loadRegistryFile } from '../../src/org/load';

const DEMO_REGISTRY = join(__dirname, '..', '..', 'data', 'demo-province.json');

export async function memoryDatabase(registryPath: string = DEMO_REGISTRY): Promise<AppDatabase> {
  const database = await connectDatabase({ kind: 'pglite', dataDir: undefined });
  await seedRegistry(database.db, () => {
    const r = loadRegistryFile(registryPath);
    return { file: { province: r.province, versions: [...r.versions()] }, source: `test seed ${registryPath}` };
  });
  return database;
}
