/**
 * The API's probes over real HTTP: alive and ready with Temporal and the app's database up; alive but not ready,
 * naming what failed, when nothing answers at Temporal's address or at the database's. Neither asks for a token.
 */
import { Client, Connection } from '@temporalio/client';
import { buildApi } from '../../src/api/server';
import type { Principal } from '../../src/auth/principal';
import { tokenKeys } from '../../src/auth/server-secret';
import { openDatabase } from '../../src/db/open';
import { freePort } from '../helpers/scratch-server';
import { startStack, TOKEN_SECRET, type Stack } from '../helpers/stack';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack('e2e-health');
});
afterAll(async () => {
  await stack?.stop();
});

const AUDITOR: Principal = { userId: 'ubkt-1', role: 'auditor', orgId: 'tu-demo' };

interface Readiness {
  status: string;
  checks: { temporal: string; database: string };
}

test('with Temporal and the database up the API is alive and ready, and the probes need no token', async () => {
  const alive = await fetch(`${stack.base}/healthz`);
  expect([alive.status, await alive.json()]).toEqual([200, { status: 'ok' }]);
  const ready = await fetch(`${stack.base}/readyz`);
  expect([ready.status, await ready.json()]).toEqual([
    200,
    { status: 'ready', checks: { temporal: 'ok', database: 'ok' } },
  ]);
  // Everything else still asks for one.
  expect((await fetch(`${stack.base}/cases`)).status).toBe(401);
});

test('with nothing answering at the Temporal address the API is alive but not ready, and says why', async () => {
  const address = `127.0.0.1:${await freePort()}`;
  const client = new Client({ connection: Connection.lazy({ address }) });
  const api = buildApi({
    client,
    taskQueue: 'e2e-health-down',
    database: stack.database,
    keys: tokenKeys(TOKEN_SECRET),
  });
  const base = await api.listen({ port: 0, host: '127.0.0.1' });
  try {
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const ready = await fetch(`${base}/readyz`);
    const body = (await ready.json()) as Readiness;
    expect(ready.status).toBe(503);
    expect(body.status).toBe('not_ready');
    expect(body.checks.temporal).toMatch(/^unreachable: /);
    expect(body.checks.database).toBe('ok');
  } finally {
    await api.close();
  }
});

test('with nothing answering at the database address the API is alive but not ready, names the database, and a signed-in request is a 503 to retry', async () => {
  const url = `postgres://pipeline@127.0.0.1:${await freePort()}/pipeline`;
  const database = await openDatabase({ kind: 'postgres', url });
  const api = buildApi({
    client: stack.client,
    taskQueue: 'e2e-health-db-down',
    database,
    keys: tokenKeys(TOKEN_SECRET),
  });
  const base = await api.listen({ port: 0, host: '127.0.0.1' });
  try {
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const ready = await fetch(`${base}/readyz`);
    const body = (await ready.json()) as Readiness;
    expect([ready.status, body.status, body.checks.temporal]).toEqual([503, 'not_ready', 'ok']);
    expect(body.checks.database).toMatch(/^unreachable: .*ECONNREFUSED/);
    // The stack's own instance, whose database is up, answers the same request.
    expect((await stack.as(AUDITOR)('GET', '/registry')).status).toBe(200);
    const token = await stack.tokenOf(AUDITOR);
    const refused = await fetch(`${base}/registry`, { headers: { authorization: `Bearer ${token}` } });
    expect([refused.status, refused.headers.get('retry-after')]).toEqual([503, '5']);
    expect(((await refused.json()) as { message: string }).message).toMatch(/database is not answering/);
  } finally {
    await api.close();
    await database.close();
  }
});
