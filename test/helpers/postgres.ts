/**
 * A throwaway PostgreSQL server for a test file, from the machine's own binaries (Debian's package): initdb into a
 * temporary directory, pg_ctl start on a free port with its Unix socket in that directory, createdb. Its data is
 * thrown away with it. PostgreSQL refuses to run as root, so as root it runs as the `postgres` system user the
 * package creates (or `nobody` where there is none), owning the temporary directory.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './scratch-server';

export interface TestPostgres {
  /** postgres://postgres@127.0.0.1:<port>/<database>, no password (trust, on 127.0.0.1 and the socket only). */
  url: string;
  /** A URL for another database on the same server, created now. */
  createDatabase(name: string): Promise<string>;
  /** `pg_ctl stop -m fast`: the data stays, so start() brings the same database back on the same port. */
  halt(): void;
  start(): void;
  /** Stops the server and removes its directory. */
  remove(): void;
}

const ROOT = '/usr/lib/postgresql';

function binDir(): string {
  const versions = existsSync(ROOT)
    ? readdirSync(ROOT)
        .filter((v) => existsSync(join(ROOT, v, 'bin', 'initdb')))
        .sort((a, b) => Number(a) - Number(b))
    : [];
  if (!versions.length)
    throw new Error(
      `no PostgreSQL server binaries (${ROOT}/*/bin/initdb): run \`bash scripts/setup-postgres.sh\`, which installs ` +
        "Debian's postgresql package",
    );
  return join(ROOT, versions.at(-1)!, 'bin');
}

/** This process's user, or as root an unprivileged one, since initdb and postgres refuse to run as root. */
function serverUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  for (const name of ['postgres', 'nobody'])
    try {
      const id = (flag: string) => Number(execFileSync('id', [flag, name], { encoding: 'utf8' }).trim());
      return { uid: id('-u'), gid: id('-g') };
    } catch {
      // Not on this machine: the next one.
    }
  throw new Error('running as root with neither a `postgres` nor a `nobody` user to run PostgreSQL as');
}

export async function startTestPostgres(database = 'pipeline'): Promise<TestPostgres> {
  const bin = binDir();
  const user = serverUser();
  const dir = mkdtempSync(join(tmpdir(), 'pg-'));
  const data = join(dir, 'data');
  const log = join(dir, 'server.log');
  mkdirSync(data);
  if (user) for (const d of [dir, data]) chownSync(d, user.uid, user.gid);
  chmodSync(data, 0o700);
  const run = (tool: string, args: string[]) => {
    const r = spawnSync(join(bin, tool), args, {
      cwd: dir,
      encoding: 'utf8',
      uid: user?.uid,
      gid: user?.gid,
      env: { PATH: process.env.PATH, LANG: 'C', HOME: dir },
    });
    if (r.status !== 0) {
      const serverLog = existsSync(log) ? readFileSync(log, 'utf8').slice(-2000) : '';
      throw new Error(
        `${tool} failed (${r.error?.message ?? `code ${r.status}`}):\n${r.stdout}${r.stderr}${serverLog}`,
      );
    }
  };
  const port = await freePort();
  // A test's server: durability is not the point, and fsync is what makes it slow.
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
  run('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
  const start = () => run('pg_ctl', ['start', '-w', '-t', '30', '-D', data, '-l', log, '-o', options]);
  const halt = () => run('pg_ctl', ['stop', '-w', '-m', 'fast', '-D', data]);
  start();
  const created = new Set<string>();
  const createDatabase = async (name: string) => {
    run('createdb', ['-h', dir, '-p', String(port), '-U', 'postgres', name]);
    created.add(name);
    return `postgres://postgres@127.0.0.1:${port}/${name}`;
  };
  try {
    return {
      url: await createDatabase(database),
      createDatabase,
      halt,
      start,
      remove() {
        try {
          if (existsSync(join(data, 'postmaster.pid'))) halt();
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      },
    };
  } catch (err) {
    if (existsSync(join(data, 'postmaster.pid'))) halt();
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}
