/**
 * Two API instances in front of one database, over real HTTP: what one is told about the registry, the other acts
 * on at its very next request. Used on PGlite (two instances in one process) and on a real PostgreSQL server (two
 * `npm run api` processes).
 */
import { readFileSync } from 'node:fs';
import type { Principal } from '../../src/auth/principal';
import { localDateOf } from '../../src/charter/dates';
import type { RegistryFile } from '../../src/schemas/organisation';
import { DEMO_REGISTRY, eventually } from './stack';

export const ADMIN: Principal = { userId: 'qt-1', role: 'admin', orgId: 'tu-demo' };
export const AUDITOR: Principal = { userId: 'ubkt-1', role: 'auditor', orgId: 'tu-demo' };
export const SECRETARY: Principal = { userId: 'bt-thpt-a', role: 'cell_secretary', orgId: 'cb-thpt-a' };

export const demoFile = (): RegistryFile => JSON.parse(readFileSync(DEMO_REGISTRY, 'utf8')) as RegistryFile;

/** The demo province with cb-thpt-a moved from the commune's committee to the hospital's, in its newest version. */
export function movedCell(): RegistryFile {
  const file = demoFile();
  const cell = file.versions.at(-1)!.units.find((u) => u.id === 'cb-thpt-a')!;
  cell.parentId = 'du-bv';
  cell.competentCommitteeId = 'du-bv';
  return file;
}

export type Call = (
  base: string,
  p: Principal,
  method: string,
  path: string,
  body?: unknown,
) => Promise<{ status: number; body: Record<string, unknown> }>;

/** Calls any instance as a user, with their access token from the shared database (tokenSource). */
export const callWith =
  (tokens: (p: Principal) => Promise<string>): Call =>
  async (base, p, method, path, body) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${await tokens(p)}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

const registration = (caseId: string) => ({
  caseId,
  profile: { fullName: `Ứng viên ${caseId}`, birthDate: '1999-01-15', education: 'higher' },
  cellId: 'cb-thpt-a',
  registeredOn: localDateOf(Date.now()),
});

/**
 * B serves a registration first (so it holds the registry in force), A replaces the registry, and B at once serves
 * the new one: GET /registry, and the committee chain a registration gets. Returns the two case ids, registered
 * before and after, for the caller to check further through its own means.
 */
export async function replacementThroughAIsSeenByB(call: Call, a: string, b: string, prefix: string) {
  const before = `${prefix}-before`;
  const after = `${prefix}-after`;
  expect(await call(b, AUDITOR, 'GET', '/registry')).toEqual({ status: 200, body: demoFile() });
  expect((await call(b, SECRETARY, 'POST', '/cases', registration(before))).status).toBe(201);

  // A refused replacement through A changes nothing that B serves.
  const broken = movedCell();
  broken.versions.at(-1)!.units.find((u) => u.id === 'cb-thpt-a')!.parentId = 'nowhere';
  const refused = await call(a, ADMIN, 'PUT', '/registry', broken);
  expect(refused.status).toBe(400);
  expect(String(refused.body.message)).toMatch(/versions\[1\].*units\[2\]\.parentId: no unit 'nowhere'/);
  expect((await call(b, AUDITOR, 'GET', '/registry')).body).toEqual(demoFile());

  const replaced = await call(a, ADMIN, 'PUT', '/registry', movedCell());
  expect(replaced).toMatchObject({ status: 200, body: { province: 'Tỉnh Demo', versions: 2 } });
  // No pause: B's next request is judged by the new registry.
  expect((await call(b, AUDITOR, 'GET', '/registry')).body).toEqual(movedCell());
  expect((await call(b, SECRETARY, 'POST', '/cases', registration(after))).status).toBe(201);

  // Each case carries the chain of the registry its registration was judged by (listed from Temporal's visibility,
  // which may lag a moment behind the registration).
  const chains = async () => {
    const list = await call(b, AUDITOR, 'GET', '/cases?cellId=cb-thpt-a');
    const cases = (list.body.cases ?? []) as Array<{ caseId: string; committeeIds: string[] }>;
    return Object.fromEntries(cases.filter((c) => c.caseId.startsWith(prefix)).map((c) => [c.caseId, c.committeeIds]));
  };
  const expected = { [before]: ['du-xa-a', 'tu-demo'], [after]: ['du-bv', 'tu-demo'] };
  expect(await eventually(chains, (c) => c[before]?.length === 2 && c[after]?.length === 2)).toEqual(expected);
  return { before, after };
}
