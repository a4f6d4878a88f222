/**
 * The app's database on a real PostgreSQL server, as production runs it (node-postgres): the store's tests as on
 * PGlite; instances that start together migrate one at a time and seed once; and two `npm run api` processes on
 * one server, where a registry replaced through one is served by the other at once, /readyz names the database
 * while it is down, and a start against a bad or unreachable PIPELINE_DATABASE_URL stops naming it.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { openDatabase, type AppDatabase } from '../../src/db/open';
import { registryHistory, seedRegistry } from '../../src/db/registry-store';
import { testCodecEnv } from '../helpers/codec';
import { spawnApi, stopApi, type ApiProcess } from '../helpers/api-process';
import { startTestPostgres, type TestPostgres } from '../helpers/postgres';
import { freePort, startScratchServer, type ScratchServer } from '../helpers/scratch-server';
import { eventually, TOKEN_SECRET } from '../helpers/stack';
import { journal, registryStoreContract } from '../helpers/store-contract';
import { AUDITOR, callWith, demoFile, replacementThroughAIsSeenByB, type Call } from '../helpers/two-instances';
import { tokenSource } from '../../src/accounts/provision';

let pg: TestPostgres;
beforeAll(async () => {
  pg = await startTestPostgres();
});
afterAll(() => pg?.remove());

describe('on a real PostgreSQL server', () => {
  let n = 0;
  registryStoreContract(async () => openDatabase({ kind: 'postgres', url: await pg.createDatabase(`store_${++n}`) }));
});

test('instances starting together on an empty database migrate one at a time and seed it once', async () => {
  const url = await pg.createDatabase('together');
  const handles: AppDatabase[] = await Promise.all([1, 2, 3, 4].map(() => openDatabase({ kind: 'postgres', url })));
  try {
    await Promise.all(handles.map((h) => h.migrate()));
    const seeds = await Promise.all(
      handles.map((h) => seedRegistry(h.db, () => ({ file: demoFile(), source: `seed by ${handles.indexOf(h)}` }))),
    );
    expect(seeds.filter((s) => s.seeded)).toHaveLength(1);
    expect(new Set(seeds.map((s) => s.id)).size).toBe(1);
    const applied = (await handles[0]!.db.execute(
      sql`SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations`,
    )) as unknown as {
      rows: Array<{ n: number }>;
    };
    expect(applied.rows[0]!.n).toBe(journal().length);
    expect(await registryHistory(handles[0]!.db)).toHaveLength(1);
  } finally {
    await Promise.all(handles.map((h) => h.close()));
  }
});

describe('two `npm run api` processes on one PostgreSQL server', () => {
  let scratch: ScratchServer;
  let env: Record<string, string>;
  let url: string;
  let seedFile: string;
  const apis: ApiProcess[] = [];
  // Tokens are made in the instances' own database (opened here, first queried once they have migrated it).
  let tokensDb: AppDatabase;
  let call: Call;
  beforeAll(async () => {
    scratch = await startScratchServer('e2e-postgres');
    url = await pg.createDatabase('apis');
    tokensDb = await openDatabase({ kind: 'postgres', url });
    call = callWith(tokenSource(tokensDb.db));
    // The province an operator names with PIPELINE_REGISTRY: the demo's, under its own file name.
    seedFile = join(mkdtempSync(join(tmpdir(), 'seed-')), 'tinh.json');
    writeFileSync(seedFile, JSON.stringify(demoFile()));
    env = {
      ...testCodecEnv(),
      TEMPORAL_ADDRESS: scratch.config.address,
      TEMPORAL_TASK_QUEUE: 'e2e-postgres',
      PIPELINE_TOKEN_SECRET: TOKEN_SECRET,
      PIPELINE_DATABASE_URL: url,
      PIPELINE_REGISTRY: seedFile,
    };
  });
  afterAll(async () => {
    await Promise.all(apis.map(stopApi));
    await tokensDb?.close();
    await scratch?.discard();
  });

  test('they start together on the empty database, and a replacement through A is served by B at once', async () => {
    const ports = [await freePort(), await freePort()];
    const started = ports.map((port) => spawnApi({ ...env, PIPELINE_API_PORT: String(port) }));
    apis.push(...started);
    await Promise.all(started.map((p) => p.ready));
    const [a, b] = ports.map((port) => `http://127.0.0.1:${port}`) as [string, string];

    await replacementThroughAIsSeenByB(call, a, b, 'pg');

    // One seed, recorded with where it came from, and the replacement after it.
    const database = await openDatabase({ kind: 'postgres', url });
    try {
      expect((await registryHistory(database.db)).map((v) => [v.source, v.savedBy])).toEqual([
        ['PUT /registry', 'qt-1'],
        [`PIPELINE_REGISTRY=${seedFile}`, null],
      ]);
    } finally {
      await database.close();
    }
    expect(
      started.map((p) => p.output().match(/registry version \d+ seeded from PIPELINE_REGISTRY/) !== null).sort(),
    ).toEqual([false, true]);
  });

  test('while PostgreSQL is down /readyz names the database and requests are 503; then both serve again', async () => {
    const [a, b] = apis.map((p) => p.output().match(/listening on (http:\/\/\S+)/)![1]!) as [string, string];
    pg.halt();
    try {
      const ready = await fetch(`${a}/readyz`);
      const body = (await ready.json()) as { status: string; checks: Record<string, string> };
      expect([ready.status, body.checks.temporal]).toEqual([503, 'ok']);
      expect(body.checks.database).toMatch(/^unreachable: /);
      expect((await call(b, AUDITOR, 'GET', '/registry')).status).toBe(503);
      expect((await fetch(`${b}/healthz`)).status).toBe(200);
    } finally {
      pg.start();
    }
    for (const base of [a, b]) {
      const ready = await eventually(
        () => fetch(`${base}/readyz`).then((r) => r.status),
        (s) => s === 200,
      );
      expect(ready).toBe(200);
      expect((await call(base, AUDITOR, 'GET', '/registry')).status).toBe(200);
    }
  });

  test('SIGTERM stops each instance cleanly', async () => {
    for (const p of apis) {
      expect(await stopApi(p)).toBe(0);
      expect(p.output()).toContain('api: stopped');
    }
  });

  test('a bad or unreachable PIPELINE_DATABASE_URL stops the start, naming it', async () => {
    const bad = spawnApi({ ...env, PIPELINE_DATABASE_URL: 'mysql://root@127.0.0.1/pipeline' });
    expect(await bad.exited).toBe(1);
    expect(bad.output()).toMatch(/PIPELINE_DATABASE_URL is invalid/);
    const nowhere = `postgres://postgres:secret@127.0.0.1:${await freePort()}/pipeline`;
    const unreachable = spawnApi({ ...env, PIPELINE_DATABASE_URL: nowhere });
    expect(await unreachable.exited).toBe(1);
    expect(unreachable.output()).toMatch(
      /cannot reach PostgreSQL at postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:\d+\/pipeline \(PIPELINE_DATABASE_URL\): .*ECONNREFUSED/,
    );
    expect(unreachable.output()).not.toContain('secret');
  });
});
