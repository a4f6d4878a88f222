/**
 * API instances keep no state of their own: two of them over one database (PGlite here; a real PostgreSQL server in
 * postgres.test.ts), on two ports, over real HTTP. A registry replaced through one is what the other serves, lets
 * register with, and authorises by, at its very next request; the replaced version stays in the database's history.
 */
import type { FastifyInstance } from 'fastify';
import { buildApi } from '../../src/api/server';
import type { Principal } from '../../src/auth/principal';
import { tokenKeys } from '../../src/auth/server-secret';
import { tokenSource } from '../../src/accounts/provision';
import { registryHistory } from '../../src/db/registry-store';
import { startStack, TOKEN_SECRET, type Stack } from '../helpers/stack';
import { AUDITOR, callWith, replacementThroughAIsSeenByB, type Call } from '../helpers/two-instances';

let stack: Stack;
let call: Call;
let b: FastifyInstance;
let bBase: string;
beforeAll(async () => {
  stack = await startStack('e2e-two-instances');
  call = callWith(tokenSource(stack.database.db));
  b = buildApi({
    client: stack.client,
    taskQueue: stack.taskQueue,
    database: stack.database,
    keys: tokenKeys(TOKEN_SECRET),
  });
  bBase = await b.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await b?.close();
  await stack?.stop();
});

const HOSPITAL: Principal = { userId: 'du-bv-1', role: 'committee', orgId: 'du-bv' };
const COMMUNE: Principal = { userId: 'du-xa-a-1', role: 'committee', orgId: 'du-xa-a' };

test('a registry replaced through instance A is served, registered with and authorised by through instance B at once', async () => {
  expect(stack.base).not.toBe(bBase);
  const { before, after } = await replacementThroughAIsSeenByB(call, stack.base, bBase, 'two');

  // The case itself, through B, as its worker holds it: the new chain, and the hospital's committee decides.
  const read = await call(bBase, AUDITOR, 'GET', `/cases/${after}`);
  expect(read.body.context).toMatchObject({ committeeIds: ['du-bv', 'tu-demo'], competentCommitteeId: 'du-bv' });
  // Who may read a case in cb-thpt-a is the new tree's answer, on both instances.
  for (const base of [stack.base, bBase]) {
    expect((await call(base, HOSPITAL, 'GET', `/cases/${after}`)).status).toBe(200);
    expect((await call(base, COMMUNE, 'GET', `/cases/${before}`)).status).toBe(403);
  }

  // The replaced registry is still there, for an auditor to see which was in force when.
  const history = await registryHistory(stack.database.db);
  expect(history.map((v) => [v.source, v.savedBy])).toEqual([
    ['PUT /registry', 'qt-1'],
    [expect.stringMatching(/^test seed .*demo-province\.json$/), null],
  ]);
  expect(history[0]!.id).toBeGreaterThan(history[1]!.id);
});
