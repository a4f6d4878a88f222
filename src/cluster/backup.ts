/**
 * Backup and restore of what a deployment keeps: Temporal's database (every case's history, the source of truth),
 * its visibility database (the lists and counts), and the app's (the registry's versions). One logical dump per
 * database in pg_dump's custom format, and a manifest with each file's size and SHA-256 and the schema versions,
 * so a restore can refuse a damaged or partial backup before it writes anything.
 *
 * A dump is one snapshot per database, not one across the three: a case that moves while the dumps run can be
 * newer in one than in another. `npm run backup` is therefore meant for a quiet moment (or a stopped frontend);
 * docs/deploy.md gives the continuous alternative (base backups with WAL archiving) for a province's scale.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { ensureDatabase, pgQuery } from './postgres';
import type { PostgresTarget } from './postgres-url';

export const BACKUP_FORMAT = 'party-pipeline-backup/1';

const Role = z.enum(['temporal', 'visibility', 'app']);
export type DatabaseRole = z.infer<typeof Role>;

const Manifest = z.object({
  format: z.literal(BACKUP_FORMAT),
  takenAt: z.string(),
  databases: z.array(
    z.object({
      role: Role,
      name: z.string().min(1),
      file: z.string().regex(/^[\w.-]+\.dump$/, 'a file name in the backup directory'),
      bytes: z.number().int().positive(),
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
      /** Temporal's schema version (schema_version table), or the app's last migration; null when it has none. */
      schemaVersion: z.string().nullable(),
    }),
  ),
});
export type BackupManifest = z.infer<typeof Manifest>;

export class BackupError extends Error {}

/**
 * The hosts of the running cluster, heartbeating: no data, and restored they are worse than nothing, since the new
 * services first try to join those (gone) hosts and give up only after ringpop's 30 s join timeout.
 */
const MEMBERSHIP = 'cluster_membership';

/** Which database holds what, by name on the server. */
export type DatabaseNames = Record<DatabaseRole, string>;

/** Dumps the three databases into `dir` (created; must not hold a backup already) and writes its manifest last. */
export async function backupDatabases(
  binDir: string,
  target: PostgresTarget,
  names: DatabaseNames,
  dir: string,
): Promise<BackupManifest> {
  if (existsSync(join(dir, 'manifest.json')))
    throw new BackupError(`backup: ${dir} already holds a backup; choose an empty directory`);
  mkdirSync(dir, { recursive: true });
  const databases: BackupManifest['databases'] = [];
  for (const role of Role.options) {
    const name = names[role];
    const file = `${role}.dump`;
    const ephemeral = role === 'temporal' ? [`--exclude-table-data=${MEMBERSHIP}`] : [];
    await run(
      join(binDir, 'pg_dump'),
      [...connectionArgs(target), '--format=custom', ...ephemeral, `--file=${join(dir, file)}`, name],
      target,
    );
    databases.push({
      role,
      name,
      file,
      bytes: statSync(join(dir, file)).size,
      sha256: await sha256Of(join(dir, file)),
      schemaVersion: await schemaVersionOf(target, role, name),
    });
  }
  // Written last: a directory without it is a backup that did not finish.
  const manifest: BackupManifest = { format: BACKUP_FORMAT, takenAt: new Date().toISOString(), databases };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  return manifest;
}

/** Reads and checks a backup: its manifest, and every file's size and digest. */
export async function readBackup(dir: string): Promise<BackupManifest> {
  const path = join(dir, 'manifest.json');
  if (!existsSync(path))
    throw new BackupError(`restore: ${dir} has no manifest.json (not a backup, or one that did not finish)`);
  const parsed = Manifest.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success)
    throw new BackupError(
      `restore: ${path}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`).join('; ')}`,
    );
  for (const d of parsed.data.databases) {
    const file = join(dir, d.file);
    if (!existsSync(file)) throw new BackupError(`restore: ${file} is missing`);
    if (statSync(file).size !== d.bytes || (await sha256Of(file)) !== d.sha256)
      throw new BackupError(`restore: ${file} is not the file the backup wrote (size or SHA-256 differs)`);
  }
  const roles = parsed.data.databases.map((d) => d.role);
  const missing = Role.options.filter((r) => !roles.includes(r));
  if (missing.length) throw new BackupError(`restore: ${path} has no dump of ${missing.join(', ')}`);
  return parsed.data;
}

/**
 * Restores a checked backup into `names` on `target`, before anything uses them: each database is created if
 * missing and must hold no table yet, so a restore never mixes with live data. Temporal's schema tool then
 * upgrades the restored schemas, if the backup is older than the server, as it upgrades any database.
 */
export async function restoreDatabases(
  binDir: string,
  target: PostgresTarget,
  names: DatabaseNames,
  dir: string,
): Promise<BackupManifest> {
  const manifest = await readBackup(dir);
  for (const role of Role.options) {
    await ensureDatabase(target, names[role]);
    const [row] = await pgQuery<{ tables: string }>(
      target,
      names[role],
      `SELECT count(*)::text AS tables FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema')`,
    );
    if (row?.tables !== '0')
      throw new BackupError(
        `restore: database ${names[role]} already holds ${row?.tables} tables; restore into a new server or drop it first`,
      );
  }
  for (const d of manifest.databases)
    await run(
      join(binDir, 'pg_restore'),
      [...connectionArgs(target), '--no-owner', '--exit-on-error', `--dbname=${names[d.role]}`, join(dir, d.file)],
      target,
    );
  // A dump made by other means may still list the old hosts.
  await pgQuery(target, names.temporal, `DELETE FROM ${MEMBERSHIP}`);
  return manifest;
}

function connectionArgs(t: PostgresTarget): string[] {
  return [`--host=${t.host}`, `--port=${t.port}`, `--username=${t.user}`, '--no-password'];
}

/** Runs a PostgreSQL client program with the password in its environment (never on its command line). */
function run(program: string, args: string[], t: PostgresTarget): Promise<void> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PGPASSWORD: t.password,
      PGSSLMODE: t.tls ? (t.tls.verifyHost ? 'verify-full' : 'require') : 'disable',
    };
    if (t.tls?.caFile) env.PGSSLROOTCERT = t.tls.caFile;
    const child = spawn(program, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.once('error', (err) => reject(new BackupError(`${program}: ${err.message}`)));
    child.once('exit', (code) =>
      code === 0
        ? resolve()
        : reject(new BackupError(`${program} ${args.at(-1)} failed (code ${code}):\n${stderr.trim()}`)),
    );
  });
}

function sha256Of(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(file)
      .on('data', (b) => hash.update(b))
      .once('error', reject)
      .once('end', () => resolve(hash.digest('hex')));
  });
}

async function schemaVersionOf(target: PostgresTarget, role: DatabaseRole, name: string): Promise<string | null> {
  const query =
    role === 'app'
      ? `SELECT max(created_at)::text AS v FROM drizzle.__drizzle_migrations`
      : `SELECT curr_version AS v FROM schema_version LIMIT 1`;
  try {
    const [row] = await pgQuery<{ v: string | null }>(target, name, query);
    return row?.v ?? null;
  } catch {
    return null;
  }
}
