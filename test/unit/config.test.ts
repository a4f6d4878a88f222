import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadApiConfig } from '../../src/api/config';
import { ConfigError, defaultCachedWorkflows, loadConfig } from '../../temporal.config';

const fails = (env: NodeJS.ProcessEnv) => {
  try {
    loadConfig(env);
  } catch (err) {
    return err;
  }
  throw new Error('expected a ConfigError');
};

describe('temporal.config from the environment', () => {
  test('defaults: the embedded dev server on 7233 with the UI on 8233', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ address: '127.0.0.1:7233', namespace: 'default', taskQueue: 'party-pipeline' });
    expect(c.devServer).toMatchObject({
      port: 7233,
      uiPort: 8233,
      dbFilename: expect.stringMatching(/\.data\/temporal\.db$/),
    });
    expect(c.tls).toBeUndefined();
    expect(c).toMatchObject({ bootstrap: 'create', namespaceRetentionDays: 3650 });
    expect(loadConfig({ PIPELINE_BOOTSTRAP: 'check' }).bootstrap).toBe('check');
  });

  test('the worker caches one case per MiB of its heap limit unless TEMPORAL_MAX_CACHED_WORKFLOWS says otherwise', () => {
    expect(loadConfig({}).maxCachedWorkflows).toBe(defaultCachedWorkflows());
    expect(defaultCachedWorkflows(1024 * 2 ** 20)).toBe(1024);
    expect(defaultCachedWorkflows(4144 * 2 ** 20 + 12_345)).toBe(4144);
    // A tiny heap still caches enough for the cases being worked on at once.
    expect(defaultCachedWorkflows(16 * 2 ** 20)).toBe(100);
    expect(loadConfig({ TEMPORAL_MAX_CACHED_WORKFLOWS: '250' }).maxCachedWorkflows).toBe(250);
    expect(fails({ TEMPORAL_MAX_CACHED_WORKFLOWS: '1' })).toMatchObject({ variable: 'TEMPORAL_MAX_CACHED_WORKFLOWS' });
  });

  test('TEMPORAL_ADDRESS points at a cluster and turns the embedded server off', () => {
    const c = loadConfig({ TEMPORAL_ADDRESS: 'temporal.example.vn:7233', TEMPORAL_API_KEY: 'k' });
    expect(c.address).toBe('temporal.example.vn:7233');
    expect(c.devServer).toBeUndefined();
    expect(c.tls).toBeDefined();
    expect(c.apiKey).toBe('k');
  });

  test.each([
    [{ TEMPORAL_DEV_PORT: '99999' }, 'TEMPORAL_DEV_PORT'],
    [{ TEMPORAL_ADDRESS: 'no-port' }, 'TEMPORAL_ADDRESS'],
    [{ TEMPORAL_TLS: 'yes' }, 'TEMPORAL_TLS'],
    [{ TEMPORAL_ADDRESS: 'h:7233', TEMPORAL_TLS_CERT_PATH: '/c.pem' }, 'TEMPORAL_TLS_KEY_PATH'],
    [{ TEMPORAL_ADDRESS: 'h:7233', TEMPORAL_DEV_SERVER: 'true' }, 'TEMPORAL_ADDRESS'],
    [{ PIPELINE_BOOTSTRAP: 'skip' }, 'PIPELINE_BOOTSTRAP'],
    [{ TEMPORAL_NAMESPACE_RETENTION_DAYS: '40000' }, 'TEMPORAL_NAMESPACE_RETENTION_DAYS'],
  ])('%j is refused naming %s', (env, variable) => {
    const err = fails(env);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).variable).toBe(variable);
    expect((err as Error).message).toContain(variable);
  });
});

describe('the API settings', () => {
  const tmp = () => mkdtempSync(join(tmpdir(), 'api-config-'));

  test('a development machine gets a private token secret once and keeps it', () => {
    const dir = tmp();
    const secretFile = join(dir, 'token-secret');
    const a = loadApiConfig({}, secretFile, join(dir, 'registry.json'));
    expect(statSync(secretFile).mode & 0o777).toBe(0o600);
    const b = loadApiConfig({}, secretFile, join(dir, 'registry.json'));
    expect(Buffer.from(b.keys.secret)).toEqual(Buffer.from(a.keys.secret));
    expect(a.port).toBe(8080);
  });

  test('a bad port or a short secret names the variable', () => {
    expect(() => loadApiConfig({ PIPELINE_API_PORT: 'http' })).toThrow('PIPELINE_API_PORT');
    expect(() => loadApiConfig({ PIPELINE_TOKEN_SECRET: 'short' })).toThrow('PIPELINE_TOKEN_SECRET');
  });

  test("an empty database is seeded from PIPELINE_REGISTRY, else an earlier version's saved file, else the demo", () => {
    const dir = tmp();
    const saved = join(dir, 'registry.json');
    const env = { PIPELINE_TOKEN_SECRET: 'x'.repeat(32) };
    expect(loadApiConfig(env, '', saved).registrySeed).toEqual({
      path: expect.stringMatching(/data\/demo-province\.json$/),
      source: 'demo province (data/demo-province.json)',
    });
    writeFileSync(saved, '{}');
    expect(loadApiConfig(env, '', saved).registrySeed).toEqual({
      path: saved,
      source: `${saved} (an earlier version's saved replacement)`,
    });
    expect(loadApiConfig({ ...env, PIPELINE_REGISTRY: '/srv/org.json' }, '', saved).registrySeed).toEqual({
      path: '/srv/org.json',
      source: 'PIPELINE_REGISTRY=/srv/org.json',
    });
  });

  test('the API listens on 127.0.0.1 unless PIPELINE_API_HOST says otherwise', () => {
    const env = { PIPELINE_TOKEN_SECRET: 'x'.repeat(32) };
    expect(loadApiConfig(env, '').host).toBe('127.0.0.1');
    expect(loadApiConfig({ ...env, PIPELINE_API_HOST: '0.0.0.0', PIPELINE_API_PORT: '8081' }, '')).toMatchObject({
      host: '0.0.0.0',
      port: 8081,
    });
  });
});
