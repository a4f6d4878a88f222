import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serviceConfig, writeTemporalConfig } from '../../src/cluster/config-yaml';
import { clusterLayout, portsOf, TEMPORAL_SERVICES } from '../../src/cluster/layout';
import { targetFromUrl, urlOf } from '../../src/cluster/postgres-url';
import { ManagedProcess, stopLeftovers } from '../../src/cluster/processes';
import { loadOrCreateSecrets, secretsEnv } from '../../src/cluster/secrets';
import { raw, toYaml } from '../../src/cluster/yaml';

const tmp = (name: string) => mkdtempSync(join(tmpdir(), `${name}-`));

describe('cluster layout', () => {
  test('every port of a layout is distinct, npm run cluster’s fixed ones included', () => {
    for (const layout of [
      clusterLayout({ dir: '/tmp/x', basePort: 20_000, workers: 10, apis: 10 }),
      clusterLayout({
        dir: '/tmp/x',
        basePort: 17233,
        postgresPort: 55432,
        apiPorts: [8081, 8082],
        workerMetricsPorts: [9465, 9466],
      }),
    ]) {
      const ports = portsOf(layout, { postgres: true }).map(([p]) => p);
      expect(new Set(ports).size).toBe(ports.length);
    }
  });

  test('npm run cluster’s ports: the frontend on the base port, the APIs and metrics where given', () => {
    const l = clusterLayout({
      dir: '/tmp/x',
      basePort: 17233,
      postgresPort: 55432,
      apiPorts: [8081, 8082],
      workerMetricsPorts: [9465, 9466],
    });
    expect(l.temporal.frontend).toEqual({ grpc: 17233, membership: 17243, metrics: 17253, pprof: 17263 });
    expect(l.temporal.worker.grpc).toBe(17236);
    expect([l.postgresPort, l.apiPorts, l.workerMetricsPorts, l.historyShards]).toEqual([
      55432,
      [8081, 8082],
      [9465, 9466],
      4,
    ]);
  });

  test('a bad base port or count is refused, naming the option', () => {
    expect(() => clusterLayout({ dir: '/tmp/x', basePort: 80 })).toThrow(/basePort/);
    expect(() => clusterLayout({ dir: '/tmp/x', basePort: 65500 })).toThrow(/basePort/);
    expect(() => clusterLayout({ dir: '/tmp/x', basePort: 20_000, workers: 11 })).toThrow(/workers/);
    expect(() => clusterLayout({ dir: '/tmp/x', basePort: 20_000, apis: 3, apiPorts: [1, 2] })).toThrow(/apiPorts/);
  });
});

describe('toYaml', () => {
  test('maps, lists of scalars and of maps, quoted strings, raw template text', () => {
    expect(
      toYaml({
        a: { b: 1, c: 'x: "y"', d: true, skipped: undefined },
        list: ['p', 2],
        maps: [{ value: 255, constraints: { ns: 'n' } }],
        password: raw('{{ env "P" | quote }}'),
      }),
    ).toBe(
      [
        'a:',
        '  b: 1',
        '  c: "x: \\"y\\""',
        '  d: true',
        'list:',
        '  - "p"',
        '  - 2',
        'maps:',
        '  - value: 255',
        '    constraints:',
        '      ns: "n"',
        'password: {{ env "P" | quote }}',
        '',
      ].join('\n'),
    );
  });

  test('a key that would need quoting is refused rather than written wrong', () => {
    expect(() => toYaml({ 'a b': 1 })).toThrow(/quoting/);
  });
});

describe('Temporal configuration', () => {
  const layout = clusterLayout({ dir: '/tmp/c', basePort: 20_000 });
  const target = { host: '127.0.0.1', port: 20_040, user: 'postgres', password: 'not-in-the-file' };

  test('the services’ files differ only in their own metrics and pprof addresses', () => {
    const [first, ...others] = TEMPORAL_SERVICES.map((s) => serviceConfig(s, layout, target, '/d.yaml'));
    const common = (c: unknown) => ({ ...(c as Record<string, unknown>), global: undefined });
    for (const other of others) expect(common(other)).toEqual(common(first));
    const globals = TEMPORAL_SERVICES.map((s) => JSON.stringify(serviceConfig(s, layout, target, '/d.yaml')));
    expect(new Set(globals).size).toBe(4);
  });

  test('written files hold the password as a template reading TEMPORAL_SQL_PASSWORD, never the password', () => {
    const dir = tmp('cluster-config');
    const l = clusterLayout({ dir, basePort: 20_000 });
    const dynamic = writeTemporalConfig(l, target);
    const history = readFileSync(join(l.configDir, 'history.yaml'), 'utf8');
    expect(history.split('\n')[0]).toMatch(/^# enable-template/);
    expect(history).toContain('password: {{ env "TEMPORAL_SQL_PASSWORD" | quote }}');
    expect(history).not.toContain(target.password);
    expect(history).toContain('numHistoryShards: 4');
    expect(history).toContain(`listenAddress: "127.0.0.1:${l.temporal.history.metrics}"`);
    expect(history).toContain(`filepath: ${JSON.stringify(dynamic)}`);
    expect(readFileSync(dynamic, 'utf8')).toMatch(/limit\.maxIDLength:\n {2}- value: 255/);
  });
});

describe('PostgreSQL URLs', () => {
  test('a password with URL-special characters survives the round trip', () => {
    const target = { host: 'db.example', port: 6543, user: 'app user', password: 'p@ss:w/rd %?#' };
    expect(targetFromUrl(urlOf(target, 'temporal_visibility'))).toEqual({
      ...target,
      tls: undefined,
      database: 'temporal_visibility',
    });
  });

  test('port 5432 by default; sslmode require and verify-full become TLS, with or without the host check', () => {
    expect(targetFromUrl('postgres://u:p@h/app')).toMatchObject({ port: 5432, database: 'app', tls: undefined });
    expect(targetFromUrl('postgres://u:p@h/app?sslmode=require').tls).toEqual({ caFile: undefined, verifyHost: false });
    expect(targetFromUrl('postgres://u:p@h/app?sslmode=verify-full&sslrootcert=/ca.pem').tls).toEqual({
      caFile: '/ca.pem',
      verifyHost: true,
    });
  });

  test('a URL without a database is refused, naming the variable', () => {
    expect(() => targetFromUrl('postgres://u:p@h:5432')).toThrow(/PIPELINE_DATABASE_URL/);
    expect(() => targetFromUrl('not a url')).toThrow(/PIPELINE_DATABASE_URL/);
  });
});

describe('cluster secrets', () => {
  test('made once, mode 600, the same on every later start', () => {
    const file = join(tmp('cluster-secrets'), 'secrets.json');
    const first = loadOrCreateSecrets(file);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(loadOrCreateSecrets(file)).toEqual(first);
    expect(Buffer.from(first.codecKeys[first.codecKeyId]!, 'base64')).toHaveLength(32);
  });

  test('the operator’s own variables win over the file', () => {
    const s = loadOrCreateSecrets(join(tmp('cluster-secrets'), 'secrets.json'));
    expect(secretsEnv(s, {})).toEqual({
      PIPELINE_TOKEN_SECRET: s.tokenSecret,
      PIPELINE_CODEC_KEYS: JSON.stringify(s.codecKeys),
      PIPELINE_CODEC_KEY_ID: s.codecKeyId,
    });
    expect(secretsEnv(s, { PIPELINE_TOKEN_SECRET: 'x'.repeat(32), PIPELINE_CODEC_KEYS: '{}' })).toEqual({});
  });
});

describe('processes a killed harness left behind', () => {
  test('are stopped by the next start on the same directory; a pid that is not ours is left alone', async () => {
    const dir = tmp('cluster-leftovers');
    const runDir = join(dir, 'run');
    const ours = new ManagedProcess(
      { name: 'worker-1', command: 'sleep', args: ['600'], env: process.env, logFile: join(dir, 'logs', 'w.log') },
      runDir,
      dir,
    );
    // A process without the cluster's marker, as one that reused a stale pid would be.
    const stranger = spawn('sleep', ['600'], { stdio: 'ignore' });
    writeFileSync(join(runDir, 'api-1.pid'), `${stranger.pid}\n`);
    try {
      expect(await stopLeftovers(runDir, dir)).toEqual(['worker-1']);
      expect((await ours.exited).signal).toBe('SIGKILL');
      expect(stranger.exitCode === null && stranger.signalCode === null).toBe(true);
      expect(readdirSync(runDir)).toEqual([]);
    } finally {
      stranger.kill('SIGKILL');
      await ours.kill();
    }
  });
});
