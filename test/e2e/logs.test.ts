/**
 * The API's JSON logs, captured from a real instance at the most verbose level while a candidate is registered
 * and a step sent over real HTTP: one line per request with its id, route template, status, duration and who
 * asked; never the candidate's name or birth date, the bearer token, a body or a query.
 */
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { buildApi } from '../../src/api/server';
import { tokenKeys } from '../../src/auth/server-secret';
import { tokenSource } from '../../src/accounts/provision';
import { accounts } from '../../src/db/schema';
import { candidateWorkflowId } from '../../workflows/definitions';
import { localDateOf } from '../../src/charter/dates';
import type { AppDatabase } from '../../src/db/open';
import { memoryDatabase } from '../helpers/app-db';
import { startStack, TOKEN_SECRET, type Stack } from '../helpers/stack';

let stack: Stack;
let api: FastifyInstance;
let database: AppDatabase;
let base: string;
const lines: string[] = [];

beforeAll(async () => {
  stack = await startStack('e2e-logs');
  database = await memoryDatabase();
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  api = buildApi({
    client: stack.client,
    taskQueue: stack.taskQueue,
    database,
    keys: tokenKeys(TOKEN_SECRET),
    log: { level: 'trace', destination },
  });
  base = await api.listen({ port: 0, host: '127.0.0.1' });
}, 120_000);
afterAll(async () => {
  await api?.close();
  await database?.close();
  await stack?.stop();
});

const SECRETARY = { userId: 'bt-thpt-a', role: 'cell_secretary', orgId: 'cb-thpt-a' } as const;
const NAME = 'Vương Thị Nhật Ký';
const BIRTH = '1993-08-17';
const today = localDateOf(Date.now());

test('request lines carry the request id, route, status and user, and no personal data or token', async () => {
  const token = await tokenSource(database.db)(SECRETARY);
  const call = (method: string, path: string, body?: unknown, requestId?: string) =>
    fetch(`${base}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(requestId ? { 'x-request-id': requestId } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  const caseId = 'logs-case-k4';
  const registered = await call(
    'POST',
    '/cases',
    {
      caseId,
      profile: { fullName: NAME, birthDate: BIRTH, education: 'higher' },
      cellId: 'cb-thpt-a',
      registeredOn: today,
    },
    'register-7f3a9c',
  );
  expect(registered.status).toBe(201);
  // The caller's id is kept and returned.
  expect(registered.headers.get('x-request-id')).toBe('register-7f3a9c');

  const step = await call('POST', `/cases/${caseId}/commands`, {
    type: 'ENROL_COURSE',
    date: today,
    form: 'VB',
    mentor: 'Lê Văn Tâm',
    signedBy: 'Trần Văn Bình',
  });
  expect(step.status).toBe(200);
  // Without one, the API makes one.
  const generated = step.headers.get('x-request-id')!;
  expect(generated).toMatch(/^[0-9a-f-]{36}$/);

  // A refusal whose facts hold the birth date, a bad field, a read with a query, and a header that is no token:
  // none of it may reach the log either.
  const tooOld = await call('POST', '/cases', {
    caseId: 'logs-case-old',
    profile: { fullName: NAME, birthDate: '2030-05-05', education: 'higher' },
    cellId: 'cb-thpt-a',
    registeredOn: today,
  });
  expect(tooOld.status).toBe(422);
  expect((await call('POST', `/cases/${caseId}/commands`, { type: 'ENROL_COURSE', date: BIRTH })).status).toBe(400);
  expect((await call('GET', `/cases/${caseId}?voteOn=${BIRTH}`)).status).toBe(200);
  const odd = await call('GET', '/healthz', undefined, 'Vuong Thi Nhat Ky <script>');
  expect(odd.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  const anonymous = await fetch(`${base}/cases`, { headers: { 'x-request-id': 'anon-1' } });
  expect([anonymous.status, anonymous.headers.get('x-request-id')]).toEqual([401, 'anon-1']);

  // Every line is one JSON object.
  const entries = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  const requests = entries.filter((e) => e.msg === 'request');
  expect(requests.find((e) => e.requestId === 'register-7f3a9c')).toEqual({
    level: 30,
    time: expect.any(Number),
    pid: process.pid,
    hostname: expect.any(String),
    requestId: 'register-7f3a9c',
    msg: 'request',
    method: 'POST',
    route: '/cases',
    status: 201,
    durationMs: expect.any(Number),
    userId: 'bt-thpt-a',
    role: 'cell_secretary',
  });
  expect(requests.find((e) => e.requestId === generated)).toMatchObject({
    route: '/cases/:id/commands',
    status: 200,
    userId: 'bt-thpt-a',
  });
  expect(requests.find((e) => e.requestId === 'anon-1')).toMatchObject({ route: '/cases', status: 401 });
  expect(requests.find((e) => e.requestId === 'anon-1')).not.toHaveProperty('userId');
  expect(requests.map((e) => e.route)).toEqual(
    expect.arrayContaining(['/cases', '/cases/:id/commands', '/cases/:id', '/healthz']),
  );

  const all = lines.join('\n');
  for (const leak of [
    NAME,
    'Vương',
    'Vuong Thi',
    BIRTH,
    '2030-05-05',
    token,
    token.slice(-43),
    'Lê Văn Tâm',
    'voteOn',
    caseId,
  ])
    expect({ leak, found: all.includes(leak) }).toEqual({ leak, found: false });
});

test('no password, hash, session or token reaches a log line, a history or an answer that is not the one handing it out', async () => {
  const db = database.db;
  const admin = { userId: 'qt-logs', role: 'admin', orgId: 'tu-demo' } as const;
  const adminToken = await tokenSource(db)(admin);
  const json = { 'content-type': 'application/json' };
  const asAdmin = (method: string, path: string, body?: unknown) =>
    fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${adminToken}`, ...(body === undefined ? {} : json) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  // An admin creates an account (its one-time password is in this answer only) and resets it.
  const created = (await (
    await asAdmin('POST', '/admin/accounts', {
      username: 'bt-nhat-ky',
      fullName: 'Đinh Thị Nhật',
      grants: [{ role: 'cell_secretary', orgId: 'cb-thpt-a' }],
    })
  ).json()) as { oneTimePassword: string };
  const { oneTimePassword: second } = (await (
    await asAdmin('POST', '/admin/accounts/bt-nhat-ky/reset-password')
  ).json()) as { oneTimePassword: string };

  // The person signs in, changes the password, makes a token; someone guesses wrong.
  const signIn = await fetch(`${base}/auth/sign-in`, {
    method: 'POST',
    headers: json,
    body: JSON.stringify({ username: 'bt-nhat-ky', password: second }),
  });
  const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
  const { csrfToken } = (await signIn.json()) as { csrfToken: string };
  const chosen = 'một câu mật khẩu riêng 2026';
  expect(
    (
      await fetch(`${base}/auth/password`, {
        method: 'POST',
        headers: { ...json, cookie, 'x-csrf-token': csrfToken },
        body: JSON.stringify({ currentPassword: second, newPassword: chosen }),
      })
    ).status,
  ).toBe(200);
  const made = (await (
    await fetch(`${base}/auth/tokens`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ username: 'bt-nhat-ky', password: chosen }),
    })
  ).json()) as { token: string };
  const guessed = 'đoán bừa mật khẩu';
  await fetch(`${base}/auth/sign-in`, {
    method: 'POST',
    headers: json,
    body: JSON.stringify({ username: 'bt-nhat-ky', password: guessed }),
  });
  // The person records a step with the token: their history is checked too.
  const caseId = 'logs-secrets-1';
  expect(
    (
      await fetch(`${base}/cases`, {
        method: 'POST',
        headers: { ...json, authorization: `Bearer ${made.token}` },
        body: JSON.stringify({
          caseId,
          profile: { fullName: 'Người Thử', birthDate: '1995-01-01', education: 'higher' },
          cellId: 'cb-thpt-a',
          registeredOn: today,
        }),
      })
    ).status,
  ).toBe(201);

  // What admins and the person read back.
  const answers = await Promise.all(
    ['/admin/accounts', '/admin/accounts/bt-nhat-ky', '/auth-events?limit=500'].map(async (path) =>
      (await asAdmin('GET', path)).text(),
    ),
  );
  answers.push(await (await fetch(`${base}/me`, { headers: { cookie } })).text());
  answers.push(await (await fetch(`${base}/auth/tokens`, { headers: { cookie } })).text());
  // The case as its workflow keeps it, decoded (the raw history below is sealed by the codec).
  answers.push(await (await asAdmin('GET', `/cases/${caseId}/audit`)).text());
  const { events } = await stack.client.workflow.getHandle(candidateWorkflowId(caseId)).fetchHistory();
  const history = JSON.stringify(events);
  const hashes = (await db.select({ h: accounts.passwordHash }).from(accounts)).flatMap((r) => (r.h ? [r.h] : []));
  const sessionSecret = cookie.split('=')[1]!;

  const secrets = [
    created.oneTimePassword,
    second,
    chosen,
    guessed,
    made.token,
    made.token.slice(-43),
    sessionSecret,
    adminToken,
    ...hashes,
  ];
  for (const [where, text] of [
    ['log', lines.join('\n')],
    ['answers', answers.join('\n')],
    ['history', history],
  ] as const)
    for (const secret of secrets)
      expect({ where, secret: secret.slice(0, 12), found: text.includes(secret) }).toEqual({
        where,
        secret: secret.slice(0, 12),
        found: false,
      });
  expect(answers.join('\n')).not.toMatch(/\$argon2id\$/);
});
