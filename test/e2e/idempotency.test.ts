/**
 * A command resent with the same Idempotency-Key is recorded once. The API
 * answers 503 with Retry-After when the case's worker does not answer in
 * time, which invites a retry; the machine accepts a second certificate, so
 * only the key keeps the retry from recording it twice.
 */
import { Client, Connection } from '@temporalio/client';
import type { Worker } from '@temporalio/worker';
import type { FastifyInstance } from 'fastify';
import { buildApi } from '../../src/api/server';
import type { Principal } from '../../src/auth/principal';
import { tokenKeys } from '../../src/auth/server-secret';
import { tokenSource } from '../../src/accounts/provision';
import { localDateOf } from '../../src/charter/dates';
import type { AppDatabase } from '../../src/db/open';
import type { TrailEntry } from '../../src/schemas/trail';
import { createWorker } from '../../worker/worker';
import { testCodecEnv, testDataConverter } from '../helpers/codec';
import { startScratchServer, type ScratchServer } from '../helpers/scratch-server';
import { memoryDatabase } from '../helpers/app-db';
import { TOKEN_SECRET } from '../helpers/stack';

const SECRETARY: Principal = { userId: 'bt-thpt-a', role: 'cell_secretary', orgId: 'cb-thpt-a' };
const today = localDateOf(Date.now());
const keys = tokenKeys(TOKEN_SECRET);

let scratch: ScratchServer;
let client: Client;
let api: FastifyInstance;
let database: AppDatabase;
let base: string;
let worker: { w: Worker; running: Promise<void> } | undefined;

async function startWorker() {
  const w = await createWorker(scratch.config);
  worker = { w, running: w.run() };
}
async function stopWorker() {
  worker!.w.shutdown();
  await worker!.running;
  worker = undefined;
}

beforeAll(async () => {
  const codecEnv = testCodecEnv();
  Object.assign(process.env, codecEnv);
  scratch = await startScratchServer('e2e-idempotency', { TEMPORAL_TASK_QUEUE: 'e2e-idempotency' });
  await startWorker();
  client = new Client({
    connection: await Connection.connect({ address: scratch.config.address }),
    dataConverter: testDataConverter(codecEnv),
  });
  database = await memoryDatabase();
  // A worker that has not answered within 3 s makes the API answer 503, as it would after 20 s in production.
  api = buildApi({
    client,
    taskQueue: 'e2e-idempotency',
    database,
    keys,
    commandTimeoutMs: 3000,
  });
  base = await api.listen({ port: 0, host: '127.0.0.1' });
}, 120_000);
afterAll(async () => {
  await api?.close();
  await database?.close();
  if (worker) await stopWorker();
  await client?.connection.close();
  await scratch?.discard();
});

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${await tokenSource(database.db)(SECRETARY)}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
}

const signed = { form: 'VB', signedBy: 'Bí thư Trần Văn Bình' };
async function registerInTraining(caseId: string) {
  const reg = await call('POST', '/cases', {
    caseId,
    profile: { fullName: 'Nguyễn Thị Hoa', birthDate: '1995-04-12', education: 'higher' },
    cellId: 'cb-thpt-a',
    registeredOn: today,
  });
  expect(reg.status).toBe(201);
  const enrol = await call('POST', `/cases/${caseId}/commands`, {
    type: 'ENROL_COURSE',
    date: today,
    mentor: 'Lê Văn Tâm',
    ...signed,
  });
  expect(enrol.status).toBe(200);
}
const certificate = (no: string) => ({
  type: 'RECORD_CERTIFICATE',
  date: today,
  form: 'CN-NTVĐ',
  certificateNo: no,
  signedBy: 'Bí thư Trần Văn Bình',
});
const entriesOf = async (caseId: string, type: string) => {
  const res = await call('GET', `/cases/${caseId}`);
  return (res.body.trail as TrailEntry[]).filter((t) => t.kind === 'command' && t.type === type);
};

test('a command resent after a 503 with the same key is recorded once, and answered with the same step', async () => {
  await registerInTraining('idem-503');
  await stopWorker();
  const key = 'b3f1c0de-0000-4000-8000-000000000503';
  const first = await call('POST', '/cases/idem-503/commands', certificate('CN-26-001'), { 'idempotency-key': key });
  expect(first.status).toBe(503);
  expect(first.headers.get('retry-after')).toBe('5');
  await startWorker();

  // As the CLI and the dashboard do: the same key again after Retry-After (shortened here), until there is an answer.
  // The new worker may take a few seconds to be given the case (the server first offers it to the stopped one).
  let again = first;
  for (let i = 0; again.status === 503 && i < 10; i++) {
    await new Promise((r) => setTimeout(r, 500));
    again = await call('POST', '/cases/idem-503/commands', certificate('CN-26-001'), { 'idempotency-key': key });
  }
  expect(again.status).toBe(200);
  const once = await call('POST', '/cases/idem-503/commands', certificate('CN-26-001'), { 'idempotency-key': key });
  expect(once).toMatchObject({ status: 200, body: { seq: again.body.seq, stage: 'dossier' } });

  const entries = await entriesOf('idem-503', 'RECORD_CERTIFICATE');
  expect(entries).toHaveLength(1);
  expect(entries[0]).toMatchObject({ seq: again.body.seq, request: { key } });
}, 120_000);

test('without a key the same retry records the certificate twice: the hazard the key exists for', async () => {
  await registerInTraining('idem-none');
  expect((await call('POST', '/cases/idem-none/commands', certificate('CN-26-002'))).status).toBe(200);
  expect((await call('POST', '/cases/idem-none/commands', certificate('CN-26-002'))).status).toBe(200);
  expect(await entriesOf('idem-none', 'RECORD_CERTIFICATE')).toHaveLength(2);
}, 60_000);

test('the same key with another command is a 422 that names the step it recorded, and the case is unchanged', async () => {
  await registerInTraining('idem-reuse');
  const key = '"7d3c1d2e-reused-key"';
  const first = await call('POST', '/cases/idem-reuse/commands', certificate('CN-26-003'), { 'idempotency-key': key });
  expect(first.status).toBe(200);
  const before = await call('GET', '/cases/idem-reuse');
  const other = await call('POST', '/cases/idem-reuse/commands', certificate('CN-26-004'), { 'idempotency-key': key });
  expect(other.status).toBe(422);
  expect(other.body).toMatchObject({ error: 'idempotency_key_reused' });
  expect(other.body.message).toContain(`already recorded step ${String(first.body.seq)} (RECORD_CERTIFICATE)`);
  const after = await call('GET', '/cases/idem-reuse');
  expect(after.body.trail).toEqual(before.body.trail);
  // A structured-field string and the bare token are the same key.
  const bare = await call('POST', '/cases/idem-reuse/commands', certificate('CN-26-003'), {
    'idempotency-key': '7d3c1d2e-reused-key',
  });
  expect(bare).toMatchObject({ status: 200, body: { seq: first.body.seq } });
}, 60_000);

test('a malformed key is a 400 naming the header', async () => {
  const res = await call('POST', '/cases/idem-reuse/commands', certificate('CN-26-005'), {
    'idempotency-key': 'short',
  });
  expect(res.status).toBe(400);
  expect(res.body.message).toContain('idempotency-key');
  expect(res.body.message).toContain('8 to 200 visible ASCII characters');
});
