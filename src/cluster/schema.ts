/**
 * Temporal's two databases (persistence, and visibility: advanced visibility on PostgreSQL needs no
 * Elasticsearch), set up on a fresh server and upgraded on an existing one, with Temporal's own tool, as an
 * operator runs it by hand:
 *
 *   temporal-sql-tool --plugin postgres12 --ep HOST -p PORT -u USER --db temporal create-database   (if missing)
 *   temporal-sql-tool ... --db temporal setup-schema -v 0.0          (version tables; nothing if already there)
 *   temporal-sql-tool ... --db temporal update-schema -d <schemas>/temporal/versioned   (only newer versions)
 *
 * and the same for temporal_visibility with <schemas>/visibility/versioned. The password goes in SQL_PASSWORD.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { TemporalBinaries } from './binaries';
import { pgQuery } from './postgres';
import { TEMPORAL_DATABASES, type PostgresTarget } from './postgres-url';

const run = promisify(execFile);

export interface SchemaReport {
  database: string;
  /** The schema version before, null for a database just created. */
  before: string | null;
  after: string;
}

function toolArgs(target: PostgresTarget, database: string): string[] {
  return [
    '--plugin',
    'postgres12',
    '--ep',
    target.host,
    '-p',
    String(target.port),
    '-u',
    target.user,
    '--db',
    database,
    ...(target.tls
      ? [
          '--tls',
          ...(target.tls.caFile ? ['--tls-ca-file', target.tls.caFile] : []),
          ...(target.tls.verifyHost ? ['--tls-server-name', target.host] : ['--tls-disable-host-verification']),
        ]
      : []),
  ];
}

async function sqlTool(tools: TemporalBinaries, target: PostgresTarget, database: string, command: string[]) {
  const args = [...toolArgs(target, database), ...command];
  try {
    await run(tools.sqlTool, args, { env: { ...process.env, SQL_PASSWORD: target.password } });
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; message: string };
    throw new Error(
      `cluster: temporal-sql-tool ${args.join(' ')} failed: ${e.message}\n${e.stdout ?? ''}${e.stderr ?? ''}`.trimEnd(),
      { cause: err },
    );
  }
}

async function schemaVersion(target: PostgresTarget, database: string): Promise<string | null> {
  try {
    const rows = await pgQuery<{ curr_version: string }>(
      target,
      database,
      'SELECT curr_version FROM schema_version WHERE version_partition = 0 AND db_name = $1',
      [database],
    );
    return rows[0]?.curr_version ?? null;
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === '3D000' || code === '42P01') return null; // no such database, no such table
    throw err;
  }
}

export async function setUpTemporalSchemas(tools: TemporalBinaries, target: PostgresTarget): Promise<SchemaReport[]> {
  const reports: SchemaReport[] = [];
  for (const [database, dir] of [
    [TEMPORAL_DATABASES.temporal, 'temporal'],
    [TEMPORAL_DATABASES.visibility, 'visibility'],
  ] as const) {
    const exists = (await pgQuery(target, 'postgres', 'SELECT 1 FROM pg_database WHERE datname = $1', [database]))
      .length;
    const before = exists ? await schemaVersion(target, database) : null;
    if (!exists) await sqlTool(tools, target, database, ['create-database']);
    await sqlTool(tools, target, database, ['setup-schema', '-v', '0.0']);
    await sqlTool(tools, target, database, ['update-schema', '-d', join(tools.schemaDir, dir, 'versioned')]);
    const after = await schemaVersion(target, database);
    if (!after) throw new Error(`cluster: ${database} has no schema version after update-schema`);
    reports.push({ database, before, after });
  }
  return reports;
}
