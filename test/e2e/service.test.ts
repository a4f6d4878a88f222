/**
 * The service's edges over real HTTP on the dev server: every route refused
 * to anonymous, expired and forged callers; each role refused outside its
 * scope; lists by cell, committee, stage and overdue with pagination; the
 * OpenAPI document; the registry replaced only whole and only by an admin.
 */
import { readFileSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import type { Principal } from '../../src/auth/principal';
import { createAccessToken, revokeAccessToken } from '../../src/accounts/access-tokens';
import { createSession } from '../../src/accounts/sessions';
import { DEFAULT_AUTH_SETTINGS } from '../../src/accounts/settings';
import { cookieName } from '../../src/api/authenticate';
import { sessions } from '../../src/db/schema';
import { localDateOf } from '../../src/charter/dates';
import { DEMO_REGISTRY, eventually, startStack, type Stack } from '../helpers/stack';

let stack: Stack;
const today = localDateOf(Date.now());
const signedBy = 'Bí thư Trần Văn Bình';

const SECRETARY: Principal = { userId: 'bt-thpt-a', role: 'cell_secretary', orgId: 'cb-thpt-a' };
const OTHER_SECRETARY: Principal = { userId: 'bt-thon-1', role: 'cell_secretary', orgId: 'cb-thon-1' };
const COMMUNE: Principal = { userId: 'du-xa-a-1', role: 'committee', orgId: 'du-xa-a' };
const HOSPITAL: Principal = { userId: 'du-bv-1', role: 'committee', orgId: 'du-bv' };
const PROVINCE: Principal = { userId: 'tu-1', role: 'committee', orgId: 'tu-demo' };
const AUDITOR: Principal = { userId: 'ubkt-1', role: 'auditor', orgId: 'tu-demo' };
const ADMIN: Principal = { userId: 'qt-1', role: 'admin', orgId: 'tu-demo' };

const registration = (caseId: string, cellId = 'cb-thpt-a') => ({
  caseId,
  profile: { fullName: 'Nguyễn Văn An', birthDate: '1999-01-15', education: 'higher' },
  cellId,
  registeredOn: today,
});
const enrol = { type: 'ENROL_COURSE', date: today, form: 'VB', mentor: 'Lê Văn Tâm', signedBy };
const decide = {
  type: 'RECORD_COMMITTEE_DECISION',
  date: today,
  form: '9-KNĐ',
  decision: 'admit',
  committeeId: 'du-xa-a',
  tally: { members: 9, agree: 8, minutesHash: 'c'.repeat(64) },
  signedBy,
};
const registryFile = JSON.parse(readFileSync(DEMO_REGISTRY, 'utf8')) as Record<string, unknown>;
const importBody = (cellId: string) => ({
  cellId,
  dryRun: true,
  rows: [{ fullName: 'A', birthDate: '01/02/2000', education: 'THPT', registeredOn: today }],
});

/** Every route with a request a permitted caller could send. */
const ROUTES: Array<[string, string, unknown?]> = [
  ['POST', '/cases', registration('any-1')],
  ['POST', '/imports', importBody('cb-thpt-a')],
  ['POST', '/cases/m-1/commands', enrol],
  ['GET', '/cases/m-1'],
  ['GET', '/cases'],
  ['GET', '/committees/du-xa-a/alerts'],
  ['POST', '/committees/du-xa-a/alerts/x/ack'],
  ['GET', '/registry'],
  ['PUT', '/registry', registryFile],
  ['GET', '/cases/m-1/audit'],
  ['POST', '/audits', { caseIds: ['m-1'] }],
  ['GET', '/me'],
  ['GET', '/committees/du-xa-a/targets'],
  ['GET', '/admin/accounts'],
  ['POST', '/admin/accounts', { username: 'moi-1', fullName: 'Người Mới', grants: [] }],
  ['POST', '/admin/accounts/bt-thpt-a/reset-password'],
  ['PUT', '/admin/accounts/bt-thpt-a/grants', { grants: [{ role: 'admin', orgId: 'tu-demo' }] }],
  ['GET', '/auth-events'],
  ['POST', '/auth/sign-out-everywhere'],
  ['POST', '/auth/password', { currentPassword: 'x', newPassword: 'một mật khẩu mới dài' }],
  ['GET', '/auth/tokens'],
  ['DELETE', '/auth/tokens/abc'],
  ['POST', '/auth/act', { role: 'admin', orgId: 'tu-demo' }],
  ['POST', '/auth/sign-out'],
  ['GET', '/admin/accounts/bt-thpt-a'],
  ['PATCH', '/admin/accounts/bt-thpt-a', { enabled: false }],
  ['POST', '/admin/accounts/bt-thpt-a/unlock'],
  ['POST', '/admin/accounts/bt-thpt-a/sign-out-everywhere'],
  ['DELETE', '/admin/accounts/bt-thpt-a/sessions/0123456789abcdef'],
  ['DELETE', '/admin/accounts/bt-thpt-a/tokens/abc'],
  ['GET', '/cases/m-1/documents'],
  ['GET', '/cases/m-1/documents/9-KNĐ?format=pdf&number=12'],
  ['GET', '/reports/admissions/du-xa-a/2026/document?format=pdf&number=3'],
  ['GET', '/imports/cells'],
  ['POST', '/imports/preview', { junk: true }],
  ['POST', '/imports/rejected', { rows: [] }],
];

/** Routes that need no caller: signing in, the identity provider's round trip, the API's description. */
const PUBLIC_ROUTES = new Set([
  'POST /auth/sign-in',
  'POST /auth/tokens',
  'GET /auth/oidc',
  'GET /auth/oidc/start',
  'GET /auth/oidc/callback',
]);

beforeAll(async () => {
  stack = await startStack('e2e-service');
  for (const id of ['m-1', 'm-2', 'm-3'])
    expect((await stack.as(SECRETARY)('POST', '/cases', registration(id))).status).toBe(201);
  expect((await stack.as(OTHER_SECRETARY)('POST', '/cases', registration('m-4', 'cb-thon-1'))).status).toBe(201);
  expect((await stack.as(SECRETARY)('POST', '/cases/m-2/commands', enrol)).status).toBe(200);
}, 120_000);
afterAll(() => stack?.stop());

/** A session of `p` as the dashboard holds it: the cookie and its CSRF token. */
async function sessionOf(p: Principal, change?: (idHash: string) => Promise<unknown>) {
  await stack.tokenOf(p); // makes the account
  const s = await createSession(stack.database.db, DEFAULT_AUTH_SETTINGS, {
    username: p.userId,
    grant: { role: p.role, orgId: p.orgId },
    method: 'password',
    ip: null,
    userAgent: null,
  });
  await change?.(s.idHash);
  return { cookie: `${cookieName(DEFAULT_AUTH_SETTINGS)}=${s.cookie}`, csrf: s.csrfToken };
}

test('every route refuses anonymous, expired, revoked and forged callers with 401, before looking at the body; nothing changes', async () => {
  const db = stack.database.db;
  const registryBefore = (await stack.as(AUDITOR)('GET', '/registry')).body;
  const expiredToken = await createAccessToken(db, {
    username: (await stack.tokenOf(ADMIN), ADMIN.userId),
    grant: { role: ADMIN.role, orgId: ADMIN.orgId },
    label: 'expired',
    expiresAt: new Date(Date.now() - 60_000),
  });
  const revokedToken = await createAccessToken(db, {
    username: ADMIN.userId,
    grant: { role: ADMIN.role, orgId: ADMIN.orgId },
    label: 'revoked',
    expiresAt: new Date(Date.now() + 3_600_000),
  });
  await revokeAccessToken(db, revokedToken.id, ADMIN.userId);
  const expiredSession = await sessionOf(ADMIN, (idHash) =>
    db
      .update(sessions)
      .set({ lastSeenAt: new Date(Date.now() - 3 * 3_600_000) })
      .where(eq(sessions.idHash, idHash)),
  );
  const revokedSession = await sessionOf(ADMIN, (idHash) =>
    db.update(sessions).set({ revokedAt: new Date() }).where(eq(sessions.idHash, idHash)),
  );
  const forgedCookie = `${cookieName(DEFAULT_AUTH_SETTINGS)}=${'A'.repeat(43)}`;
  const callers: Array<[string, Record<string, string>]> = [
    ['anonymous', {}],
    ['expired token', { authorization: `Bearer ${expiredToken.token}` }],
    ['revoked token', { authorization: `Bearer ${revokedToken.token}` }],
    ['forged token', { authorization: `Bearer ppat_${'a'.repeat(16)}_${'b'.repeat(43)}` }],
    ['a JWT', { authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJxdC0xIn0.c2lnbmF0dXJl' }],
    ['basic', { authorization: 'Basic abc' }],
    ['expired session', { cookie: expiredSession.cookie, 'x-csrf-token': expiredSession.csrf }],
    ['revoked session', { cookie: revokedSession.cookie, 'x-csrf-token': revokedSession.csrf }],
    ['forged cookie', { cookie: forgedCookie, 'x-csrf-token': 'x' }],
  ];
  for (const [method, path, body] of ROUTES)
    for (const [who, headers] of callers) {
      const res = await fetch(`${stack.base}${path}`, {
        method,
        headers: { ...headers, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify({ ...(body as object), junk: { __proto__: 1 } }),
      });
      expect({ method, path, who, status: res.status }).toEqual({ method, path, who, status: 401 });
    }
  const spec = await fetch(`${stack.base}/openapi.json`);
  expect(spec.status).toBe(200);
  // Nothing the refused requests asked for happened.
  expect((await stack.as(AUDITOR)('GET', '/cases/any-1')).status).toBe(404);
  expect((await stack.as(AUDITOR)('GET', '/registry')).body).toEqual(registryBefore);
});

test('a live session without its CSRF token, or with another session’s, changes nothing: 403', async () => {
  const mine = await sessionOf(ADMIN);
  const other = await sessionOf(SECRETARY);
  const registryBefore = (await stack.as(AUDITOR)('GET', '/registry')).body;
  for (const [method, path, body] of ROUTES.filter(([m]) => m !== 'GET'))
    for (const csrf of [undefined, other.csrf, '']) {
      const res = await fetch(`${stack.base}${path}`, {
        method,
        headers: {
          cookie: mine.cookie,
          'content-type': 'application/json',
          ...(csrf === undefined ? {} : { 'x-csrf-token': csrf }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      expect({ method, path, csrf: csrf?.slice(0, 4), status: res.status }).toEqual({
        method,
        path,
        csrf: csrf?.slice(0, 4),
        status: 403,
      });
      expect(((await res.json()) as { error: string }).error).toBe('csrf');
    }
  // With it, the session reads and writes as its person.
  const me = await fetch(`${stack.base}/me`, { headers: { cookie: mine.cookie } });
  expect(((await me.json()) as { userId: string; csrfToken: string }).csrfToken).toBe(mine.csrf);
  expect((await stack.as(AUDITOR)('GET', '/registry')).body).toEqual(registryBefore);
  expect((await stack.as(AUDITOR)('GET', '/cases/any-1')).status).toBe(404);
});

test('an access token acts only as its one role: a secretary’s token cannot manage accounts or read the sign-in log', async () => {
  for (const [method, path, body] of [
    ['GET', '/admin/accounts', undefined],
    [
      'POST',
      '/admin/accounts',
      { username: 'ke-gian', fullName: 'Kẻ Gian', grants: [{ role: 'admin', orgId: 'tu-demo' }] },
    ],
    ['GET', '/auth-events', undefined],
  ] as const) {
    const res = await stack.as(SECRETARY)(method, path, body);
    expect({ path, status: res.status }).toEqual({ path, status: 403 });
  }
  expect((await stack.as(ADMIN)('GET', '/admin/accounts/ke-gian')).status).toBe(404);
});

test('each role is refused outside its scope with 403 and a reason', async () => {
  const expectations: Array<[Principal, string, string, unknown, number]> = [
    // A secretary of another cell of the same commune.
    [OTHER_SECRETARY, 'GET', '/cases/m-1', undefined, 403],
    [OTHER_SECRETARY, 'POST', '/cases/m-1/commands', enrol, 403],
    [OTHER_SECRETARY, 'GET', '/cases?cellId=cb-thpt-a', undefined, 403],
    [OTHER_SECRETARY, 'GET', '/cases?committeeId=du-xa-a', undefined, 403],
    [OTHER_SECRETARY, 'POST', '/cases', registration('x-1'), 403],
    [OTHER_SECRETARY, 'POST', '/imports', importBody('cb-thpt-a'), 403],
    [OTHER_SECRETARY, 'GET', '/committees/du-xa-a/alerts', undefined, 403],
    [OTHER_SECRETARY, 'PUT', '/registry', registryFile, 403],
    [OTHER_SECRETARY, 'GET', '/registry', undefined, 200],
    [OTHER_SECRETARY, 'GET', '/committees/du-xa-a/targets', undefined, 403],
    // A committee of another subtree.
    [HOSPITAL, 'GET', '/cases/m-1', undefined, 403],
    [HOSPITAL, 'POST', '/cases/m-1/commands', enrol, 403],
    [HOSPITAL, 'GET', '/cases?committeeId=du-xa-a', undefined, 403],
    [HOSPITAL, 'GET', '/committees/du-xa-a/alerts', undefined, 403],
    [HOSPITAL, 'POST', '/committees/du-xa-a/alerts/x/ack', undefined, 403],
    [HOSPITAL, 'POST', '/imports', importBody('cb-thpt-a'), 403],
    [HOSPITAL, 'GET', '/committees/du-xa-a/targets', undefined, 403],
    // The province reads everything under it but decides only as itself.
    [PROVINCE, 'GET', '/cases/m-1', undefined, 200],
    [PROVINCE, 'GET', '/cases?committeeId=du-xa-a', undefined, 200],
    [PROVINCE, 'POST', '/cases/m-2/commands', decide, 403],
    [PROVINCE, 'POST', '/committees/du-xa-a/alerts/x/ack', undefined, 403],
    // An auditor reads anything and changes nothing.
    [AUDITOR, 'GET', '/cases/m-4', undefined, 200],
    [AUDITOR, 'GET', '/cases', undefined, 200],
    [AUDITOR, 'GET', '/committees/du-xa-a/targets', undefined, 200],
    [AUDITOR, 'POST', '/cases', registration('x-2'), 403],
    [AUDITOR, 'POST', '/cases/m-1/commands', enrol, 403],
    [AUDITOR, 'POST', '/imports', importBody('cb-thpt-a'), 403],
    [AUDITOR, 'POST', '/committees/du-xa-a/alerts/x/ack', undefined, 403],
    [AUDITOR, 'PUT', '/registry', registryFile, 403],
    // An admin manages the registry, not cases.
    [ADMIN, 'POST', '/cases/m-1/commands', enrol, 403],
    [ADMIN, 'POST', '/cases', registration('x-3'), 403],
    // A secretary decides nothing.
    [SECRETARY, 'POST', '/cases/m-2/commands', decide, 403],
  ];
  const got = [];
  for (const [p, method, path, body] of expectations) {
    const res = await stack.as(p)(method, path, body);
    got.push([
      p.userId,
      method,
      path,
      res.status,
      res.status === 403 ? typeof (res.body.reason as { vi?: string })?.vi : '',
    ]);
  }
  expect(got).toEqual(
    expectations.map(([p, method, path, , status]) => [p.userId, method, path, status, status === 403 ? 'string' : '']),
  );
  // Nothing refused changed anything.
  expect((await stack.as(AUDITOR)('GET', '/cases/m-1')).body.stage).toBe('source');
  expect((await stack.as(AUDITOR)('GET', '/cases/x-1')).status).toBe(404);
});

test('lists by cell, committee, stage and overdue, a page at a time; a secretary sees only their cell', async () => {
  const ids = (r: { body: Record<string, unknown> }) =>
    ((r.body.cases as Array<{ caseId: string }>) ?? []).map((c) => c.caseId).sort();
  const all = await eventually(
    () => stack.as(AUDITOR)('GET', '/cases'),
    (r) => ids(r).length === 4,
  );
  expect(ids(all)).toEqual(['m-1', 'm-2', 'm-3', 'm-4']);
  // A secretary's default is their own cell; the commune's is its subtree.
  expect(ids(await stack.as(SECRETARY)('GET', '/cases'))).toEqual(['m-1', 'm-2', 'm-3']);
  expect(ids(await stack.as(COMMUNE)('GET', '/cases'))).toEqual(['m-1', 'm-2', 'm-3', 'm-4']);
  expect(ids(await stack.as(COMMUNE)('GET', '/cases?cellId=cb-thon-1'))).toEqual(['m-4']);
  expect(ids(await stack.as(HOSPITAL)('GET', '/cases'))).toEqual([]);
  const training = await eventually(
    () => stack.as(COMMUNE)('GET', '/cases?stage=training'),
    (r) => ids(r).length === 1,
  );
  expect(ids(training)).toEqual(['m-2']);
  expect(ids(await stack.as(AUDITOR)('GET', '/cases?overdue=true'))).toEqual([]);

  const seen: string[] = [];
  let token: string | null = null;
  do {
    const page: { status: number; body: Record<string, unknown> } = await stack.as(AUDITOR)(
      'GET',
      `/cases?pageSize=3${token ? `&pageToken=${token}` : ''}`,
    );
    expect(page.status).toBe(200);
    expect(ids(page).length).toBeLessThanOrEqual(3);
    seen.push(...ids(page));
    token = page.body.nextPageToken as string | null;
  } while (token);
  expect(seen.sort()).toEqual(['m-1', 'm-2', 'm-3', 'm-4']);
  // A page token belongs to its list: carried over to another filter it is refused, not passed on.
  const firstPage = await stack.as(AUDITOR)('GET', '/cases?pageSize=1');
  const carried = await stack.as(AUDITOR)(
    'GET',
    `/cases?pageSize=1&stage=source&pageToken=${String(firstPage.body.nextPageToken)}`,
  );
  expect({ status: carried.status, field: carried.body.field }).toEqual({ status: 400, field: 'pageToken' });

  for (const [query, field] of [
    ['pageSize=1000', 'pageSize'],
    ['stage=nowhere', 'stage'],
    ['cellId=DROP%20TABLE', 'cellId'],
    ['dueBefore=2026-02-31', 'dueBefore'],
    ['pageToken=%27%20OR%201%3D1', 'pageToken'],
    ['surprise=1', 'surprise'],
  ]) {
    const res = await stack.as(AUDITOR)('GET', `/cases?${query}`);
    expect({ query, status: res.status, field: res.body.field }).toEqual({ query, status: 400, field });
  }
});

test('commands are checked by the schema before Temporal: unknown type, extra or server-filled fields, a move to a cell that does not exist', async () => {
  const c = stack.as(SECRETARY);
  expect((await c('POST', '/cases/m-3/commands', { ...enrol, type: 'BECOME_GENERAL' })).body.field).toBe('type');
  expect((await c('POST', '/cases/m-3/commands', { ...enrol, extra: 1 })).body.field).toBe('extra');
  const move = { type: 'MOVE_CELL', date: today, form: 'VB', signedBy, toCellId: 'cb-nowhere' };
  expect((await c('POST', '/cases/m-3/commands', { ...move, toCommitteeIds: ['tu-demo'] })).body.field).toBe(
    'toCommitteeIds',
  );
  const nowhere = await c('POST', '/cases/m-3/commands', move);
  expect({ status: nowhere.status, field: nowhere.body.field }).toEqual({ status: 400, field: 'toCellId' });
  expect((await c('POST', '/cases/bad%20id/commands', enrol)).body.field).toBe('id');
  const huge = await c('POST', '/cases/m-3/commands', { ...enrol, note: 'x'.repeat(70_000) });
  expect(huge.status).toBe(413);
  expect((await stack.as(AUDITOR)('GET', '/cases/m-3')).body.stage).toBe('source');

  // A move's new committees come from the registry, not the caller.
  const moved = await c('POST', '/cases/m-3/commands', { ...move, toCellId: 'cb-thon-2' });
  expect(moved.status).toBe(200);
  const read = await stack.as(AUDITOR)('GET', '/cases/m-3');
  expect(read.body.context).toMatchObject({ cellId: 'cb-thon-2', committeeIds: ['du-xa-a', 'tu-demo'] });
});

test('the OpenAPI document describes every route from the same zod schemas', async () => {
  const spec = (await (await fetch(`${stack.base}/openapi.json`)).json()) as {
    openapi: string;
    paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: unknown }> } }>>;
  };
  expect(spec.openapi).toMatch(/^3\./);
  expect(Object.keys(spec.paths).sort()).toEqual([
    '/admin/accounts',
    '/admin/accounts/{username}',
    '/admin/accounts/{username}/grants',
    '/admin/accounts/{username}/reset-password',
    '/admin/accounts/{username}/sessions/{id}',
    '/admin/accounts/{username}/sign-out-everywhere',
    '/admin/accounts/{username}/tokens/{id}',
    '/admin/accounts/{username}/unlock',
    '/audits',
    '/auth-events',
    '/auth/act',
    '/auth/oidc',
    '/auth/oidc/callback',
    '/auth/oidc/start',
    '/auth/password',
    '/auth/sign-in',
    '/auth/sign-out',
    '/auth/sign-out-everywhere',
    '/auth/tokens',
    '/auth/tokens/{id}',
    '/cases',
    '/cases/{caseId}/documents',
    '/cases/{caseId}/documents/{form}',
    '/cases/{id}',
    '/cases/{id}/audit',
    '/cases/{id}/commands',
    '/committees/{id}/alerts',
    '/committees/{id}/alerts/{alertId}/ack',
    '/committees/{id}/targets',
    '/imports',
    '/imports/cells',
    '/imports/preview',
    '/imports/rejected',
    '/me',
    '/registry',
    '/reports/admissions/{committeeId}/{year}/document',
  ]);
  // The refusal sweep above covers every route that needs a caller: a new route cannot be left out of it.
  const swept = ROUTES.map(([method, path]) => `${method} ${path.split('?')[0]}`);
  for (const [path, methods] of Object.entries(spec.paths as Record<string, Record<string, unknown>>))
    for (const method of Object.keys(methods).map((m) => m.toUpperCase())) {
      if (PUBLIC_ROUTES.has(`${method} ${path}`)) continue;
      const pattern = new RegExp(`^${method} ${path.replace(/\{[^}]+\}/g, '[^/]+')}$`);
      expect({ route: `${method} ${path}`, swept: swept.some((r) => pattern.test(r)) }).toEqual({
        route: `${method} ${path}`,
        swept: true,
      });
    }
  const commandSchema = JSON.stringify(
    spec.paths['/cases/{id}/commands']!.post!.requestBody!.content['application/json'],
  );
  for (const type of ['ENROL_COURSE', 'RECORD_CELL_VOTE', 'RECORD_RECOGNITION_DECISION', 'MOVE_CELL'])
    expect(commandSchema).toContain(type);
  expect(commandSchema).not.toContain('recordedBy');
});

test('the registry is replaced only by an admin and only whole: a bad file names the field and changes nothing', async () => {
  const broken = structuredClone(registryFile) as { versions: Array<{ units: Array<Record<string, unknown>> }> };
  broken.versions[1]!.units[2]!.parentId = 'nowhere';
  const refused = await stack.as(ADMIN)('PUT', '/registry', broken);
  expect(refused.status).toBe(400);
  expect(String(refused.body.message)).toMatch(/versions\[1\].*units\[2\]\.parentId: no unit .nowhere./);
  const badType = structuredClone(registryFile) as { versions: Array<{ units: Array<Record<string, unknown>> }> };
  badType.versions[0]!.units[0]!.officialMembers = -3;
  expect((await stack.as(ADMIN)('PUT', '/registry', badType)).body.field).toBe('versions.0.units.0.officialMembers');
  expect((await stack.as(AUDITOR)('GET', '/registry')).body).toEqual(registryFile);

  const renamed = structuredClone(registryFile) as { province: string };
  renamed.province = 'Tỉnh thử nghiệm (đổi tên)';
  expect((await stack.as(ADMIN)('PUT', '/registry', renamed)).status).toBe(200);
  expect((await stack.as(AUDITOR)('GET', '/registry')).body.province).toBe('Tỉnh thử nghiệm (đổi tên)');
});
