/**
 * The app's database for a test: PGlite in memory (real PostgreSQL, in this process, gone with it), migrated, and
 * seeded with a registry file (the demo province unless told), exactly as an API instance's start does it. Within
 * a test run it starts from the run's migrated template (test/helpers/global-setup.js) instead of its own initdb.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { describeDatabase } from '../../src/db/config';
import { connectDatabase, pgliteDatabase, type AppDatabase } from '../../src/db/open';
import { seedRegistry } from '../../src/db/registry-store';
import { loadRegistryFile } from '../../src/org/load';
import { RUN_DATABASE } from './prepare-run';

const DEMO_REGISTRY = join(__dirname, '..', '..', 'data', 'demo-province.json');

async function emptyDatabase(): Promise<AppDatabase> {
  const run = process.env.PIPELINE_TEST_RUN_DIR;
  if (!run) return connectDatabase({ kind: 'pglite', dataDir: undefined });
  const loadDataDir = new Blob([readFileSync(join(run, RUN_DATABASE))]);
  const database = pgliteDatabase(
    await PGlite.create({ loadDataDir }),
    describeDatabase({ kind: 'pglite', dataDir: undefined }),
  );
  // Nothing to apply, as an instance that starts on a migrated database finds; it checks so.
  await database.migrate();
  return database;
}

export async function memoryDatabase(registryPath: string = DEMO_REGISTRY): Promise<AppDatabase> {
  const database = await emptyDatabase();
  await seedRegistry(database.db, () => {
    const r = loadRegistryFile(registryPath);
    return { file: { province: r.province, versions: [...r.versions()] }, source: `test seed ${registryPath}` };
  });
  return database;
}
