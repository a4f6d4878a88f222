/**
 * The API's probes over real HTTP: alive and ready with Temporal up; alive but not ready, naming Temporal, when
 * nothing answers at its address. Neither asks for a token.
 */
import { Client, Connection } from '@temporalio/client';
import { buildApi } from '../../src/api/server';
import { tokenKeys } from '../../src/auth/tokens';
import { loadRegistryFile } from '../../src/org/load';
import { freePort } from '../helpers/scratch-server';
import { DEMO_REGISTRY, startStack, TOKEN_SECRET, type Stack } from '../helpers/stack';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack('e2e-health');
});
afterAll(async () => {
  await stack?.stop();
});

test('with Temporal up the API is alive and ready, and the probes need no token', async () => {
  const alive = await fetch(`${stack.base}/healthz`);
  expect([alive.status, await alive.json()]).toEqual([200, { status: 'ok' }]);
  const ready = await fetch(`${stack.base}/readyz`);
  expect([ready.status, await ready.json()]).toEqual([200, { status: 'ready', checks: { temporal: 'ok' } }]);
  // Everything else still asks for one.
  expect((await fetch(`${stack.base}/cases`)).status).toBe(401);
});

test('with nothing answering at the Temporal address the API is alive but not ready, and says why', async () => {
  const address = `127.0.0.1:${await freePort()}`;
  const client = new Client({ connection: Connection.lazy({ address }) });
  const api = buildApi({
    client,
    taskQueue: 'e2e-health-down',
    registry: loadRegistryFile(DEMO_REGISTRY),
    keys: tokenKeys(TOKEN_SECRET),
  });
  const base = await api.listen({ port: 0, host: '127.0.0.1' });
  try {
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const ready = await fetch(`${base}/readyz`);
    const body = (await ready.json()) as { status: string; checks: { temporal: string } };
    expect(ready.status).toBe(503);
    expect(body.status).toBe('not_ready');
    expect(body.checks.temporal).toMatch(/^unreachable: /);
  } finally {
    await api.close();
  }
});
