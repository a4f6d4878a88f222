/**
 * One PostgreSQL server seen three ways: the URL the app gets (PIPELINE_DATABASE_URL), the host/port/user the
 * Temporal services and temporal-sql-tool get, and the URL of each of the three databases on it.
 */
export interface PostgresTarget {
  host: string;
  port: number;
  user: string;
  password: string;
  /** From the URL's sslmode and sslrootcert; `verify-full` also checks the server's name. */
  tls?: { caFile?: string; verifyHost: boolean };
}

/** Temporal's databases, beside the app's on the same server, with the names Temporal's documentation uses. */
export const TEMPORAL_DATABASES = { temporal: 'temporal', visibility: 'temporal_visibility' } as const;

export function targetFromUrl(url: string, variable = 'PIPELINE_DATABASE_URL'): PostgresTarget & { database: string } {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new Error(`configuration: ${variable} is not a URL (expected postgres://user:password@host:5432/pipeline)`);
  }
  const database = decodeURIComponent(u.pathname.replace(/^\//, ''));
  if (!/^postgres(ql)?:$/.test(u.protocol) || !u.hostname || !database || !u.username)
    throw new Error(
      `configuration: ${variable} must name a user, a host and a database (postgres://user:password@host:5432/pipeline)`,
    );
  const sslmode = u.searchParams.get('sslmode') ?? 'disable';
  const tls = ['require', 'verify-ca', 'verify-full'].includes(sslmode)
    ? { caFile: u.searchParams.get('sslrootcert') ?? undefined, verifyHost: sslmode === 'verify-full' }
    : undefined;
  return {
    host: u.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: u.port ? Number(u.port) : 5432,
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    tls,
    database,
  };
}

export function urlOf(target: PostgresTarget, database: string): string {
  const u = new URL('postgres://localhost');
  u.hostname = target.host.includes(':') ? `[${target.host}]` : target.host;
  u.port = String(target.port);
  u.username = encodeURIComponent(target.user);
  u.password = encodeURIComponent(target.password);
  u.pathname = `/${encodeURIComponent(database)}`;
  if (target.tls) {
    u.searchParams.set('sslmode', target.tls.verifyHost ? 'verify-full' : 'require');
    if (target.tls.caFile) u.searchParams.set('sslrootcert', target.tls.caFile);
  }
  return u.toString();
}
