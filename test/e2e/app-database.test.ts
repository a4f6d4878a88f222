/**
 * The app's database on PGlite, the embedded default of `npm start`: migrations, seeding, replacements and their
 * history (the same tests as on a real PostgreSQL server, postgres.test.ts), and a data directory that keeps all of
 * it across a restart.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectDatabase, openDatabase } from '../../src/db/open';
import { appendRegistry, registryHistory, seedRegistry } from '../../src/db/registry-store';
import { registryStoreContract } from '../helpers/store-contract';
import { demoFile, movedCell } from '../helpers/two-instances';

describe('on PGlite in memory', () => {
  registryStoreContract(() => openDatabase({ kind: 'pglite', dataDir: undefined }));
});

test('on a PGlite data directory, the versions outlive the process that wrote them', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'app-db-'));
  const config = { kind: 'pglite', dataDir: join(dir, 'app-db') } as const;
  try {
    const first = await connectDatabase(config);
    const seeded = await seedRegistry(first.db, () => ({ file: demoFile(), source: 'demo' }));
    const replaced = await appendRegistry(first.db, movedCell(), { source: 'PUT /registry', savedBy: 'qt-1' });
    await first.close();

    const second = await connectDatabase(config);
    try {
      expect(await seedRegistry(second.db, () => ({ file: demoFile(), source: 'demo' }))).toMatchObject({
        seeded: false,
        id: replaced.id,
      });
      expect((await registryHistory(second.db)).map((v) => v.id)).toEqual([replaced.id, seeded.id]);
    } finally {
      await second.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
