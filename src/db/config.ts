/**
 * Where the app's own state lives: the PostgreSQL server PIPELINE_DATABASE_URL names (production: every API
 * instance points at the same one), or else PostgreSQL in this process (PGlite) with its files under .data/app-db,
 * so `npm start` needs nothing installed. Either way the same schema, migrations and queries.
 */
import { z } from 'zod';

export type DatabaseConfig =
  | { kind: 'postgres'; url: string }
  /** dataDir undefined: in memory, gone with the process (tests). */
  | { kind: 'pglite'; dataDir: string | undefined };

export const DEFAULT_PGLITE_DIR = '.data/app-db';

const PostgresUrl = z
  .url({ protocol: /^postgres(ql)?$/, error: 'expected a URL such as postgres://user:password@host:5432/pipeline' })
  .refine(
    (u) => {
      const parsed = URL.canParse(u) ? new URL(u) : null;
      return parsed !== null && (parsed.hostname !== '' || parsed.searchParams.has('host'));
    },
    { error: 'names no host (postgres://user@host:5432/pipeline)' },
  );

export function loadDatabaseConfig(
  env: NodeJS.ProcessEnv = process.env,
  pgliteDir: string = DEFAULT_PGLITE_DIR,
): DatabaseConfig {
  const raw = env.PIPELINE_DATABASE_URL?.trim();
  if (!raw) return { kind: 'pglite', dataDir: pgliteDir };
  const url = PostgresUrl.safeParse(raw);
  if (!url.success)
    throw new Error(
      `configuration: PIPELINE_DATABASE_URL is invalid (${url.error.issues[0]!.message}; got ${JSON.stringify(redactUrl(raw))})`,
    );
  return { kind: 'postgres', url: url.data };
}

/** A URL fit for a log line or an error: the password replaced, whatever else is wrong with it. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url.replace(/(\/\/[^:/@]*:)[^@]*@/, '$1***@');
  }
}

/** How the database is named to an operator: where it is, never its password. */
export function describeDatabase(config: DatabaseConfig): string {
  if (config.kind === 'postgres') return `PostgreSQL at ${redactUrl(config.url)} (PIPELINE_DATABASE_URL)`;
  return config.dataDir
    ? `PGlite in ${config.dataDir} (set PIPELINE_DATABASE_URL for a PostgreSQL server)`
    : 'PGlite in memory';
}
