/**
 * The file `pipeline login` keeps its token in: only its owner reads it, a rewrite replaces it whole, every
 * command finds it unless --token or PIPELINE_TOKEN says otherwise, and it is never sent to another API.
 */
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync, mkdirSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiError, apiTarget, filenameOf } from '../../src/cli/api-client';
import {
  credentialsPath,
  readCredentials,
  removeCredentials,
  writeCredentials,
  type Credentials,
} from '../../src/cli/credentials';

const saved = (over: Partial<Credentials> = {}): Credentials => ({
  api: 'http://127.0.0.1:8080',
  token: 'pat_secret',
  id: 'tok-1',
  username: 'bi-thu-thpt-a',
  role: 'cell_secretary',
  orgId: 'cb-thpt-a',
  expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
  ...over,
});

let env: NodeJS.ProcessEnv;
beforeEach(() => {
  env = { XDG_CONFIG_HOME: mkdtempSync(join(tmpdir(), 'xdg-')) };
});

test('kept under XDG_CONFIG_HOME, else ~/.config, in party-pipeline/credentials.json', () => {
  expect(credentialsPath(env)).toBe(join(env.XDG_CONFIG_HOME!, 'party-pipeline', 'credentials.json'));
  expect(credentialsPath({ HOME: '/home/lan' })).toBe('/home/lan/.config/party-pipeline/credentials.json');
});

test('written 600 in a 700 directory (tightened if it existed), read back as written, no temporary file left', () => {
  const dir = join(env.XDG_CONFIG_HOME!, 'party-pipeline');
  mkdirSync(dir);
  chmodSync(dir, 0o755);
  const path = writeCredentials(saved(), env);
  expect(statSync(path).mode & 0o777).toBe(0o600);
  expect(statSync(dir).mode & 0o777).toBe(0o700);
  expect(readCredentials(env)).toEqual(saved({ expiresAt: readCredentials(env)!.expiresAt }));
  expect(readdirSync(dir)).toEqual(['credentials.json']);

  // A second sign-in replaces the first whole.
  writeCredentials(saved({ token: 'pat_other', id: 'tok-2' }), env);
  expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({ token: 'pat_other', id: 'tok-2' });
  expect(statSync(path).mode & 0o777).toBe(0o600);
  expect(readdirSync(dir)).toEqual(['credentials.json']);

  removeCredentials(env);
  expect(readCredentials(env)).toBeUndefined();
  removeCredentials(env);
});

test('a file that is not a saved sign-in is named in the error, not taken for one', () => {
  mkdirSync(join(env.XDG_CONFIG_HOME!, 'party-pipeline'));
  writeFileSync(credentialsPath(env), '{"token": 1');
  expect(() => readCredentials(env)).toThrow(`${credentialsPath(env)} is not a sign-in saved by pipeline login`);
  writeFileSync(credentialsPath(env), JSON.stringify({ token: 'x' }));
  expect(() => readCredentials(env)).toThrow(/is not a sign-in saved by pipeline login/);
});

test('every command uses the saved token for the API it came from; --token and PIPELINE_TOKEN come first', () => {
  expect(apiTarget({}, env)).toEqual({ url: 'http://127.0.0.1:8080' });
  writeCredentials(saved({ api: 'https://dang.example.vn/' }), env);
  expect(apiTarget({}, env)).toEqual({ url: 'https://dang.example.vn', token: 'pat_secret', tokenFrom: 'login' });
  expect(apiTarget({}, { ...env, PIPELINE_TOKEN: 'env-token' })).toEqual({
    url: 'http://127.0.0.1:8080',
    token: 'env-token',
    tokenFrom: 'env',
  });
  expect(apiTarget({ token: 'flag-token', api: 'https://dang.example.vn' }, env)).toEqual({
    url: 'https://dang.example.vn',
    token: 'flag-token',
    tokenFrom: 'option',
  });
  // Another API never sees it.
  expect(apiTarget({ api: 'http://127.0.0.1:9999' }, env)).toEqual({ url: 'http://127.0.0.1:9999' });
  expect(apiTarget({}, { ...env, PIPELINE_API_URL: 'http://127.0.0.1:9999' })).toEqual({
    url: 'http://127.0.0.1:9999',
  });
});

test('an expired sign-in is refused before any request, with the day it expired in Vietnam', () => {
  writeCredentials(saved({ expiresAt: '2026-01-31T18:00:00.000Z' }), env);
  const err = (() => {
    try {
      apiTarget({}, env);
    } catch (e) {
      return e;
    }
  })();
  expect(err).toBeInstanceOf(ApiError);
  expect((err as ApiError).status).toBe(401);
  expect((err as ApiError).message).toContain('01/02/2026');
  expect((err as ApiError).message).toContain('pipeline login');
});

test("a document's file name from Content-Disposition: the UTF-8 name first, then the plain one", () => {
  expect(filenameOf(`attachment; filename="6-KND.pdf"; filename*=UTF-8''6-KN%C4%90%20Hoa.pdf`)).toBe('6-KNĐ Hoa.pdf');
  expect(filenameOf('attachment; filename="6-KND \\"a\\".docx"')).toBe('6-KND "a".docx');
  expect(filenameOf('attachment; filename=plain.pdf')).toBe('plain.pdf');
  expect(filenameOf('attachment')).toBeUndefined();
  expect(filenameOf(null)).toBeUndefined();
});
