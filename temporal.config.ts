/**
 * Where the engine finds Temporal, and how the embedded dev server runs.
 * Every value can be overridden by an environment variable; a bad value stops
 * the process at start with the variable's name, never halfway through a case.
 */
import { z } from 'zod';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { getHeapStatistics } from 'node:v8';

/** Custom search attributes: lists such as "everything overdue under committee X" need no second database. */
export const SEARCH_ATTRIBUTES = {
  CandidateStage: 'Keyword',
  CellId: 'Keyword',
  CommitteeIds: 'KeywordList',
  NextDueDate: 'Datetime',
  OverdueLevel: 'Int',
  AdmissionYear: 'Int',
} as const;

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const port = z.coerce.number().int().min(1).max(65535);

/** Environment variable → field. Kept as one table so the error can name the variable. */
const EnvSchema = z.object({
  TEMPORAL_ADDRESS: z
    .string()
    .regex(/^[^\s:]+:\d+$/, 'expected host:port')
    .default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('party-pipeline'),
  TEMPORAL_TLS: bool.default(false),
  TEMPORAL_TLS_CERT_PATH: z.string().min(1).optional(),
  TEMPORAL_TLS_KEY_PATH: z.string().min(1).optional(),
  TEMPORAL_TLS_CA_PATH: z.string().min(1).optional(),
  TEMPORAL_TLS_SERVER_NAME: z.string().min(1).optional(),
  TEMPORAL_API_KEY: z.string().min(1).optional(),
  /** Runs the embedded dev server; on by default unless TEMPORAL_ADDRESS names a cluster. */
  TEMPORAL_DEV_SERVER: bool.optional(),
  TEMPORAL_DEV_IP: z.string().min(1).default('127.0.0.1'),
  TEMPORAL_DEV_PORT: port.default(7233),
  TEMPORAL_DEV_UI_PORT: port.default(8233),
  TEMPORAL_DEV_DB: z.string().min(1).default('.data/temporal.db'),
  /**
   * Cases the worker keeps in memory between their steps; unset, one per MiB of the worker's heap limit
   * (`defaultCachedWorkflows`). A case is touched a few times a year, so the cache is bounded; a case evicted
   * from it replays its history (~0.1 s) when next touched.
   */
  TEMPORAL_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(2).max(100_000).optional(),
  PIPELINE_CACHE_DIR: z
    .string()
    .min(1)
    .default(join(homedir(), '.cache', 'party-pipeline')),
  /**
   * What the worker and the API do at start when the namespace or a search attribute is missing
   * (src/temporal/bootstrap.ts): `create` it, or only `check` and stop naming what an operator must create.
   */
  PIPELINE_BOOTSTRAP: z.enum(['create', 'check']).default('create'),
  /**
   * How long a namespace the bootstrap creates keeps a closed case's history, which is what the audit replays.
   * The server silently caps retention at 100 years; an existing namespace's retention is never changed.
   */
  TEMPORAL_NAMESPACE_RETENTION_DAYS: z.coerce.number().int().min(1).max(36_500).default(3650),
});

/**
 * A cached case costs about 0.25 MB of resident memory (bench/scale.ts; the rules, the machine and the compiled
 * schemas are shared by every workflow), so one case per MiB of the heap limit gives the cache about a quarter
 * of the heap: the rest is for replaying evicted cases, the activities and the collector's headroom. Node sizes
 * its default heap from the machine's memory (a quarter of it, up to about 4 GiB) and `--max-old-space-size`
 * sets it, so a smaller machine gets a smaller cache: about 1,000 cases in a 1 GiB heap, 4,000 in a 4 GiB one.
 */
export function defaultCachedWorkflows(heapLimitBytes = getHeapStatistics().heap_size_limit): number {
  return Math.max(100, Math.floor(heapLimitBytes / 2 ** 20));
}

export interface TemporalConfig {
  address: string;
  namespace: string;
  taskQueue: string;
  tls?: { serverName?: string; serverRootCACertificatePath?: string; clientCertPath?: string; clientKeyPath?: string };
  apiKey?: string;
  devServer?: { ip: string; port: number; uiPort: number; dbFilename: string };
  maxCachedWorkflows: number;
  cacheDir: string;
  bootstrap: 'create' | 'check';
  namespaceRetentionDays: number;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    detail: string,
  ) {
    super(`configuration: ${variable} ${detail}`);
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): TemporalConfig {
  const picked = Object.fromEntries(Object.keys(EnvSchema.shape).map((k) => [k, env[k] === '' ? undefined : env[k]]));
  const parsed = EnvSchema.safeParse(picked);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(
      String(issue.path[0]),
      `is invalid: ${issue.message} (got ${JSON.stringify(picked[String(issue.path[0])])})`,
    );
  }
  const e = parsed.data;
  const devServer = e.TEMPORAL_DEV_SERVER ?? picked.TEMPORAL_ADDRESS === undefined;
  if (devServer && picked.TEMPORAL_ADDRESS !== undefined)
    throw new ConfigError(
      'TEMPORAL_ADDRESS',
      'conflicts with TEMPORAL_DEV_SERVER=true: the embedded server listens on TEMPORAL_DEV_IP:TEMPORAL_DEV_PORT',
    );
  if (Boolean(e.TEMPORAL_TLS_CERT_PATH) !== Boolean(e.TEMPORAL_TLS_KEY_PATH)) {
    const missing = e.TEMPORAL_TLS_CERT_PATH ? 'TEMPORAL_TLS_KEY_PATH' : 'TEMPORAL_TLS_CERT_PATH';
    throw new ConfigError(missing, 'is required: a client certificate and its key go together');
  }
  // Any TLS setting means TLS: a CA or a server name given without TEMPORAL_TLS=true must not be ignored silently.
  const tlsWanted =
    e.TEMPORAL_TLS ||
    Boolean(e.TEMPORAL_TLS_CERT_PATH || e.TEMPORAL_TLS_CA_PATH || e.TEMPORAL_TLS_SERVER_NAME) ||
    Boolean(e.TEMPORAL_API_KEY);
  return {
    address: devServer ? `${e.TEMPORAL_DEV_IP}:${e.TEMPORAL_DEV_PORT}` : e.TEMPORAL_ADDRESS,
    namespace: e.TEMPORAL_NAMESPACE,
    taskQueue: e.TEMPORAL_TASK_QUEUE,
    tls: tlsWanted
      ? {
          serverName: e.TEMPORAL_TLS_SERVER_NAME,
          serverRootCACertificatePath: e.TEMPORAL_TLS_CA_PATH,
          clientCertPath: e.TEMPORAL_TLS_CERT_PATH,
          clientKeyPath: e.TEMPORAL_TLS_KEY_PATH,
        }
      : undefined,
    apiKey: e.TEMPORAL_API_KEY,
    devServer: devServer
      ? {
          ip: e.TEMPORAL_DEV_IP,
          port: e.TEMPORAL_DEV_PORT,
          uiPort: e.TEMPORAL_DEV_UI_PORT,
          dbFilename: resolve(e.TEMPORAL_DEV_DB),
        }
      : undefined,
    maxCachedWorkflows: e.TEMPORAL_MAX_CACHED_WORKFLOWS ?? defaultCachedWorkflows(),
    cacheDir: e.PIPELINE_CACHE_DIR,
    bootstrap: e.PIPELINE_BOOTSTRAP,
    namespaceRetentionDays: e.TEMPORAL_NAMESPACE_RETENTION_DAYS,
  };
}
