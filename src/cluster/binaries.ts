/**
 * The programs a cluster runs, all from `scripts/setup-cluster.sh`: temporal-server and temporal-sql-tool with
 * their schema directories in the cache, PostgreSQL from Debian's package. A missing one is an error naming the
 * script, never a download.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export class MissingClusterBinary extends Error {}

export interface TemporalBinaries {
  version: string;
  server: string;
  sqlTool: string;
  /** `<schemaDir>/temporal/versioned` and `<schemaDir>/visibility/versioned`: PostgreSQL v12 schemas of `version`. */
  schemaDir: string;
}

const SETUP = 'Run `bash scripts/setup-cluster.sh` (or `npm run cluster`, which runs it) to build it';

export function temporalBinaries(cacheDir: string, env: NodeJS.ProcessEnv = process.env): TemporalBinaries {
  const bin = join(cacheDir, 'bin');
  const server = join(bin, 'temporal-server');
  const sqlTool = join(bin, 'temporal-sql-tool');
  for (const [path, what] of [
    [server, 'temporal-server'],
    [sqlTool, 'temporal-sql-tool'],
  ] as const)
    if (!existsSync(path)) throw new MissingClusterBinary(`${what} not found at ${path}. ${SETUP}.`);
  let version: string;
  try {
    version = readFileSync(join(bin, 'temporal-server.version'), 'utf8').trim();
  } catch {
    throw new MissingClusterBinary(`${join(bin, 'temporal-server.version')} is missing. ${SETUP} again.`);
  }
  const wanted = env.TEMPORAL_SERVER_VERSION;
  if (wanted && wanted !== version)
    throw new MissingClusterBinary(
      `TEMPORAL_SERVER_VERSION is ${wanted} but ${server} is ${version}. ${SETUP} at ${wanted}.`,
    );
  const schemaDir = join(cacheDir, 'temporal-schema', version, 'postgresql', 'v12');
  if (!existsSync(join(schemaDir, 'temporal', 'versioned')) || !existsSync(join(schemaDir, 'visibility', 'versioned')))
    throw new MissingClusterBinary(`The PostgreSQL schemas of Temporal ${version} are not in ${schemaDir}. ${SETUP}.`);
  return { version, server, sqlTool, schemaDir };
}

/**
 * PostgreSQL's server programs (initdb, postgres): PIPELINE_POSTGRES_BIN, or the newest Debian's package installed
 * under /usr/lib/postgresql/<major>/bin.
 */
export function postgresBinDir(env: NodeJS.ProcessEnv = process.env, root = '/usr/lib/postgresql'): string {
  const given = env.PIPELINE_POSTGRES_BIN;
  if (given) {
    if (!existsSync(join(given, 'initdb')))
      throw new MissingClusterBinary(`PIPELINE_POSTGRES_BIN is ${given}, which holds no initdb`);
    return given;
  }
  let majors: number[] = [];
  try {
    majors = readdirSync(root)
      .map(Number)
      .filter((m) => Number.isInteger(m) && existsSync(join(root, String(m), 'bin', 'initdb')))
      .sort((a, b) => b - a);
  } catch {
    // no such directory: not installed
  }
  if (!majors.length)
    throw new MissingClusterBinary(
      `PostgreSQL's initdb not found under ${root}/*/bin. Run \`bash scripts/setup-postgres.sh\`, set ` +
        'PIPELINE_POSTGRES_BIN to the directory of initdb and postgres, or set PIPELINE_DATABASE_URL to a server of yours.',
    );
  return join(root, String(majors[0]), 'bin');
}
