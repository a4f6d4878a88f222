import { describeDatabase, loadDatabaseConfig, redactUrl } from '../../src/db/config';

describe('the app database setting', () => {
  test('without PIPELINE_DATABASE_URL: PGlite in .data/app-db, nothing to install', () => {
    expect(loadDatabaseConfig({})).toEqual({ kind: 'pglite', dataDir: '.data/app-db' });
    expect(loadDatabaseConfig({ PIPELINE_DATABASE_URL: '  ' }, '/tmp/x')).toEqual({
      kind: 'pglite',
      dataDir: '/tmp/x',
    });
  });

  test('a PostgreSQL URL, with a host or a socket directory', () => {
    for (const url of [
      'postgres://pipeline@127.0.0.1:5432/pipeline',
      'postgresql://pipeline:s3cret@db.internal/pipeline?sslmode=require',
      'postgres:///pipeline?host=/var/run/postgresql',
    ])
      expect(loadDatabaseConfig({ PIPELINE_DATABASE_URL: url })).toEqual({ kind: 'postgres', url });
  });

  test('anything else stops the start naming the variable, and never shows a password', () => {
    for (const url of ['mysql://root@127.0.0.1/pipeline', 'not a url', 'postgres://', 'postgres://u:s3cret@:5432/db'])
      expect(() => loadDatabaseConfig({ PIPELINE_DATABASE_URL: url })).toThrow(
        /^configuration: PIPELINE_DATABASE_URL is invalid/,
      );
    expect(() => loadDatabaseConfig({ PIPELINE_DATABASE_URL: 'mysql://root:s3cret@h/db' })).not.toThrow(/s3cret/);
    expect(() => loadDatabaseConfig({ PIPELINE_DATABASE_URL: 'postgres://u:s3cret@:5432/db' })).not.toThrow(/s3cret/);
  });

  test('an operator sees where the database is, not its password', () => {
    expect(redactUrl('postgres://app:s3cret@db:5432/pipeline')).toBe('postgres://app:***@db:5432/pipeline');
    expect(describeDatabase({ kind: 'postgres', url: 'postgres://app:s3cret@db/pipeline' })).toBe(
      'PostgreSQL at postgres://app:***@db/pipeline (PIPELINE_DATABASE_URL)',
    );
    expect(describeDatabase({ kind: 'pglite', dataDir: '.data/app-db' })).toMatch(/^PGlite in \.data\/app-db/);
  });
});
