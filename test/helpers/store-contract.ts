/**
 * What the app's database must do whichever engine holds it: the same tests on PGlite (app-database.test.ts) and on
 * a real PostgreSQL server (postgres.test.ts). `fresh` gives an empty, unmigrated database each time.
 */
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { iso } from '../../src/charter/dates';
import { currentRegistry } from '../../src/db/current-registry';
import type { AppDatabase } from '../../src/db/open';
import { appendRegistry, readRegistryVersion, registryHistory, seedRegistry } from '../../src/db/registry-store';
import { MIGRATIONS_FOLDER } from '../../src/db/migrate';
import { RegistryError } from '../../src/org/registry';
import { demoFile, movedCell } from './two-instances';

export const journal = () =>
  (JSON.parse(readFileSync(`${MIGRATIONS_FOLDER}/meta/_journal.json`, 'utf8')) as { entries: unknown[] }).entries;

/** Either driver answers with { rows }; drizzle's type for it depends on the driver. */
const rows = async <T>(database: AppDatabase, query: ReturnType<typeof sql>) =>
  ((await database.db.execute(query)) as unknown as { rows: T[] }).rows;

const applied = (database: AppDatabase) =>
  rows<{ id: number; hash: string }>(database, sql`SELECT id, hash FROM drizzle.__drizzle_migrations ORDER BY id`);

const seedDemo = () => ({ file: demoFile(), source: 'demo province (data/demo-province.json)' });

export function registryStoreContract(fresh: () => Promise<AppDatabase>) {
  let opened: AppDatabase[] = [];
  const open = async () => {
    const d = await fresh();
    opened.push(d);
    return d;
  };
  afterEach(async () => {
    await Promise.all(opened.map((d) => d.close()));
    opened = [];
  });

  test('the migrations build the schema on an empty database, and running them again changes nothing', async () => {
    const database = await open();
    await database.migrate();
    const tables = await rows<{ table_name: string }>(
      database,
      sql`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
    );
    expect(tables.map((t) => t.table_name)).toEqual([
      'access_tokens',
      'account_grants',
      'accounts',
      'auth_events',
      'document_numbers',
      'registry_versions',
      'sessions',
    ]);
    const first = await applied(database);
    expect(first).toHaveLength(journal().length);

    const { id } = await seedRegistry(database.db, seedDemo);
    await database.migrate();
    expect(await applied(database)).toEqual(first);
    expect((await registryHistory(database.db)).map((v) => v.id)).toEqual([id]);
  });

  test('an empty table is seeded once, with where the registry came from; a later start leaves it alone', async () => {
    const database = await open();
    await database.migrate();
    const load = jest.fn(seedDemo);
    const seeded = await seedRegistry(database.db, load);
    expect(seeded).toMatchObject({ seeded: true, source: 'demo province (data/demo-province.json)' });
    const again = await seedRegistry(database.db, load);
    expect(again).toEqual({ seeded: false, id: seeded.id, source: seeded.source });
    // The seed file is not even read once the database has a registry.
    expect(load).toHaveBeenCalledTimes(1);
    const [version] = await registryHistory(database.db);
    expect(version).toMatchObject({ id: seeded.id, source: seeded.source, savedBy: null });
    expect(version!.savedAt).toBeInstanceOf(Date);
    expect((await readRegistryVersion(database.db, seeded.id)).file).toEqual(demoFile());
  });

  test('a replacement is a new version in force at once; the one it replaced stays as it was', async () => {
    const database = await open();
    await database.migrate();
    const { id: first } = await seedRegistry(database.db, seedDemo);
    // Two instances' views of one database: one replaces, the other reads.
    const a = currentRegistry(database.db);
    const b = currentRegistry(database.db);
    expect((await b.get()).id).toBe(first);
    const saved = await a.replace(movedCell(), 'qt-1');
    expect(saved.id).toBeGreaterThan(first);
    const seen = await b.get();
    expect(seen.id).toBe(saved.id);
    expect(seen.registry.on(iso('2026-01-01')).committeesAbove('cb-thpt-a')).toEqual(['du-bv', 'tu-demo']);

    expect((await registryHistory(database.db)).map((v) => [v.id, v.source, v.savedBy])).toEqual([
      [saved.id, 'PUT /registry', 'qt-1'],
      [first, 'demo province (data/demo-province.json)', null],
    ]);
    expect((await readRegistryVersion(database.db, first)).file).toEqual(demoFile());
    expect((await readRegistryVersion(database.db, saved.id)).file).toEqual(movedCell());
  });

  test('an invalid registry is refused with the field named, and nothing is written', async () => {
    const database = await open();
    await database.migrate();
    await seedRegistry(database.db, seedDemo);
    const before = await registryHistory(database.db);
    const broken = movedCell();
    broken.versions[1]!.units[2]!.competentCommitteeId = 'cb-thon-1';
    const refused = appendRegistry(database.db, broken, { source: 'PUT /registry', savedBy: 'qt-1' });
    await expect(refused).rejects.toThrow(RegistryError);
    await expect(refused).rejects.toThrow(/versions\[1\] \(from 2025-07-01\) units\[2\]\.competentCommitteeId: /);
    expect(await registryHistory(database.db)).toEqual(before);
  });

  test('the database itself refuses to change or remove a version', async () => {
    const database = await open();
    await database.migrate();
    const { id } = await seedRegistry(database.db, seedDemo);
    for (const statement of [
      sql`UPDATE registry_versions SET saved_by = 'someone'`,
      sql`DELETE FROM registry_versions`,
      sql`TRUNCATE registry_versions`,
    ])
      await expect(database.db.execute(statement)).rejects.toMatchObject({
        cause: expect.objectContaining({ message: expect.stringMatching(/registry_versions is append-only/) }),
      });
    expect(await registryHistory(database.db)).toEqual([expect.objectContaining({ id, savedBy: null })]);
  });
}
