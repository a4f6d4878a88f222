import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadApiConfig } from '../../src/api/config';
import { ConfigError, loadConfig } from '../../temporal.config';

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

  test("the demo registry, or an admin's saved replacement of it; an explicit file is read and written in place", () => {
    const dir = tmp();
    const saved = join(dir, 'registry.json');
    const env = { PIPELINE_TOKEN_SECRET: 'x'.repeat(32) };
    expect(loadApiConfig(env, '', saved)).toMatchObject({
      registryPath: expect.stringMatching(/data\/demo-province\.json$/),
      registrySavePath: saved,
    });
    writeFileSync(saved, '{}');
    expect(loadApiConfig(env, '', saved).registryPath).toBe(saved);
    expect(loadApiConfig({ ...env, PIPELINE_REGISTRY: '/srv/org.json' }, '', saved)).toMatchObject({
      registryPath: '/srv/org.json',
      registrySavePath: '/srv/org.json',
    });
  });
});
