/**
 * The cluster's PostgreSQL: the operator's server when PIPELINE_DATABASE_URL names one, else Debian's PostgreSQL
 * on a data directory of the cluster's own, initialised on first start and reused afterwards, listening on
 * 127.0.0.1 only, with password (SCRAM) authentication. It refuses to run as root, so as root it runs as the
 * `postgres` system user that Debian's package creates.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Client } from 'pg';
import { ManagedProcess } from './processes';
import { urlOf, type PostgresTarget } from './postgres-url';
import { NotRetryable, readyOrStopped, waitUntilReady } from './wait';

export interface PostgresHandle {
  target: PostgresTarget;
  /** The operator's server (PIPELINE_DATABASE_URL): never started, stopped or restarted here. */
  external: boolean;
  logFile?: string;
  dataDir?: string;
  /** A fast shutdown (`pg_ctl stop -m fast`), then a start; `immediate`: as after a crash, with recovery at start. */
  restart(options?: { immediate?: boolean }): Promise<void>;
  stop(): Promise<void>;
}

/** The superuser initdb creates; with a local server, Temporal and the app connect as it. */
const SUPERUSER = 'postgres';

export function externalPostgres(target: PostgresTarget): PostgresHandle {
  const refuse = async () => {
    throw new Error(
      'cluster: PostgreSQL is the operator’s (PIPELINE_DATABASE_URL): it is not restarted or stopped here',
    );
  };
  return { target, external: true, restart: refuse, stop: async () => undefined };
}

/** Who runs initdb and postgres: this user, or as root the `postgres` system user. */
function runAs(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  try {
    const id = (flag: string) => Number(execFileSync('id', [flag, SUPERUSER], { encoding: 'utf8' }).trim());
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    throw new Error(
      'cluster: PostgreSQL refuses to run as root, and there is no `postgres` user to run it as: install Debian’s ' +
        'postgresql package (scripts/setup-postgres.sh), create the user, or run as an unprivileged user',
    );
  }
}

/** The user PostgreSQL runs as must reach its data directory through every directory above it. */
function ensureTraversable(dataDir: string, user: { uid: number; gid: number }, ownedUpTo: string) {
  for (let d = dirname(dataDir); ; d = dirname(d)) {
    const mode = statSync(d).mode;
    if ((mode & 0o001) === 0) {
      // Directories the cluster owns (a test's mkdtemp is 0700) are opened for traversal only, not for listing.
      if (d === ownedUpTo || d.startsWith(ownedUpTo + '/')) chmodSync(d, mode | 0o001);
      else
        throw new Error(
          `cluster: PostgreSQL runs as uid ${user.uid}, which cannot reach ${dataDir} through ${d}: chmod o+x ${d}, ` +
            'or choose another directory',
        );
    }
    if (d === dirname(d) || d === '/') return;
  }
}

function initdb(binDir: string, dataDir: string, password: string, user: { uid: number; gid: number } | undefined) {
  mkdirSync(dataDir, { recursive: true });
  if (user) chownSync(dataDir, user.uid, user.gid);
  chmodSync(dataDir, 0o700);
  const pwDir = mkdtempSync(join(tmpdir(), 'pipeline-initdb-'));
  const pwFile = join(pwDir, 'pw');
  writeFileSync(pwFile, password + '\n', { mode: 0o600 });
  if (user) {
    chownSync(pwDir, user.uid, user.gid);
    chownSync(pwFile, user.uid, user.gid);
  }
  try {
    const r = spawnSync(
      join(binDir, 'initdb'),
      [
        '-D',
        dataDir,
        '-U',
        SUPERUSER,
        '--pwfile',
        pwFile,
        // Only TCP with a password; no Unix socket is opened (see start), so `peer` is for a socket never used.
        '--auth-host=scram-sha-256',
        '--auth-local=peer',
        // UTF-8 for Vietnamese names; the C collation sorts by code point, the same on every machine.
        '-E',
        'UTF8',
        '--locale=C',
      ],
      { encoding: 'utf8', uid: user?.uid, gid: user?.gid },
    );
    if (r.status !== 0)
      throw new Error(
        `cluster: initdb of ${dataDir} failed (${r.error?.message ?? `code ${r.status}`}):\n${r.stdout}${r.stderr}`,
      );
  } finally {
    rmSync(pwDir, { recursive: true, force: true });
  }
}

export async function pgQuery<T extends object = Record<string, unknown>>(
  target: PostgresTarget,
  database: string,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = new Client({ connectionString: urlOf(target, database), connectionTimeoutMillis: 2000 });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

export interface LocalPostgresOptions {
  binDir: string;
  dataDir: string;
  host: string;
  port: number;
  password: string;
  logFile: string;
  runDir: string;
  clusterDir: string;
  env: NodeJS.ProcessEnv;
}

export async function startLocalPostgres(o: LocalPostgresOptions): Promise<PostgresHandle> {
  const user = runAs();
  if (user) ensureTraversable(o.dataDir, user, o.clusterDir);
  if (!existsSync(join(o.dataDir, 'PG_VERSION'))) initdb(o.binDir, o.dataDir, o.password, user);
  const target: PostgresTarget = { host: o.host, port: o.port, user: SUPERUSER, password: o.password };
  let server: ManagedProcess | undefined;

  const start = async () => {
    server = new ManagedProcess(
      {
        name: 'postgres',
        command: join(o.binDir, 'postgres'),
        args: [
          '-D',
          o.dataDir,
          '-p',
          String(o.port),
          '-c',
          `listen_addresses=${o.host}`,
          // No Unix socket: its path would be limited to ~100 bytes and need a directory PostgreSQL may write.
          '-c',
          'unix_socket_directories=',
          // Four Temporal services with up to 30 connections each, and the workers' and APIs' pools.
          '-c',
          'max_connections=200',
        ],
        env: o.env,
        logFile: o.logFile,
        user,
        stopSignal: 'SIGINT',
        emergencySignal: 'SIGQUIT',
      },
      o.runDir,
      o.clusterDir,
    );
    const started = server;
    await readyOrStopped(started, () =>
      waitUntilReady(
        `PostgreSQL on ${o.host}:${o.port}`,
        () =>
          pgQuery(target, 'postgres', 'SELECT 1').catch((err: { code?: string }) => {
            if (err.code === '28P01')
              throw new NotRetryable(
                `cluster: ${o.dataDir} was initialised with another password than secrets.json's postgresPassword ` +
                  '(was secrets.json replaced?): restore that file, or remove the data directory to start afresh',
              );
            throw err;
          }),
        { process: started, timeoutMs: 60_000 },
      ),
    );
  };
  const stop = async () => {
    // SIGINT is the fast shutdown `pg_ctl stop -m fast` sends: sessions are ended, the data is checkpointed.
    await server?.stop(60_000);
  };
  await start();
  return {
    target,
    external: false,
    logFile: o.logFile,
    dataDir: o.dataDir,
    stop,
    async restart({ immediate = false } = {}) {
      if (immediate && server?.running) {
        // `pg_ctl stop -m immediate`: no checkpoint; the next start replays the write-ahead log, as after a crash.
        server.child.kill('SIGQUIT');
        await server.exited;
      } else await stop();
      await start();
    },
  };
}

/** Creates `database` on the server unless it exists; another process creating it at the same moment is fine. */
export async function ensureDatabase(target: PostgresTarget, database: string): Promise<boolean> {
  const found = await pgQuery(target, 'postgres', 'SELECT 1 FROM pg_database WHERE datname = $1', [database]);
  if (found.length) return false;
  try {
    await pgQuery(target, 'postgres', `CREATE DATABASE "${database.replace(/"/g, '""')}"`);
    return true;
  } catch (err) {
    // duplicate_database, or the unique index on pg_database when both creations ran at the same moment
    if (['42P04', '23505'].includes((err as { code?: string }).code ?? '')) return false;
    throw err;
  }
}
