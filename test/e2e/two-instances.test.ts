/**
 * API instances keep no state of their own: two of them over one database (PGlite here; a real PostgreSQL server in
 * postgres.test.ts), on two ports, over real HTTP. A registry replaced through one is what the other serves, lets
 * register with, and authorises by, at its very next request; the replaced version stays in the database's history.
 * What an instance remembers of a case (its cell) is only a guess that the case itself checks.
 */
import type { FastifyInstance } from 'fastify';
import { buildApi } from '../../src/api/server';
import type { Principal } from '../../src/auth/principal';
import { tokenKeys } from '../../src/auth/server-secret';
import { tokenSource } from '../../src/accounts/provision';
import { registryHistory } from '../../src/db/registry-store';
import { localDateOf } from '../../src/charter/dates';
import { startStack, TOKEN_SECRET, type Stack } from '../helpers/stack';
import { AUDITOR, callWith, replacementThroughAIsSeenByB, SECRETARY, type Call } from '../helpers/two-instances';

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

const THON_SECRETARY: Principal = { userId: 'bt-thon-1', role: 'cell_secretary', orgId: 'cb-thon-1' };

test('a step judged against the cell an instance remembers is judged again, by the case itself, once the case has moved through the other', async () => {
  const today = localDateOf(Date.now());
  const signedBy = 'Bí thư Trần Văn Bình';
  const caseId = 'moved-through-b';
  const registered = await call(stack.base, SECRETARY, 'POST', '/cases', {
    caseId,
    profile: { fullName: 'Lê Thị Chuyển', birthDate: '1999-01-15', education: 'higher' },
    cellId: 'cb-thpt-a',
    registeredOn: today,
  });
  expect(registered.status).toBe(201);
  // A learns the case's cell with this step, and keeps it for the next.
  const enrol = { type: 'ENROL_COURSE', date: today, form: 'VB', mentor: 'Lê Văn Tâm', signedBy };
  expect((await call(stack.base, SECRETARY, 'POST', `/cases/${caseId}/commands`, enrol)).status).toBe(200);
  // B moves it; A is not told.
  const move = { type: 'MOVE_CELL', date: today, form: 'VB', signedBy, toCellId: 'cb-thon-1' };
  expect((await call(bBase, SECRETARY, 'POST', `/cases/${caseId}/commands`, move)).status).toBe(200);
  const trail = (await call(bBase, AUDITOR, 'GET', `/cases/${caseId}`)).body.trail as unknown[];

  // A judges the old cell's secretary against the cell it remembers and sends the step on that condition; the case
  // refuses it, and A judges it again against the cell the server gives: she may no longer act on the case.
  const certificate = { type: 'RECORD_CERTIFICATE', date: today, form: 'CN-NTVĐ', certificateNo: 'CN-7', signedBy };
  const stale = await call(stack.base, SECRETARY, 'POST', `/cases/${caseId}/commands`, certificate);
  expect(stale.status).toBe(403);
  const read = await call(stack.base, AUDITOR, 'GET', `/cases/${caseId}`);
  expect({ stage: read.body.stage, trail: read.body.trail }).toEqual({ stage: 'training', trail });

  // The new cell's secretary records it through A.
  const recorded = await call(stack.base, THON_SECRETARY, 'POST', `/cases/${caseId}/commands`, certificate);
  expect({ status: recorded.status, stage: recorded.body.stage }).toEqual({ status: 200, stage: 'dossier' });
});
