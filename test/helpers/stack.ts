/**
 * The whole service for end-to-end tests: a real dev server on free ports
 * with its own SQLite file, a worker, the API on a free port, and a way to
 * call it as any user over real HTTP.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import type { Worker } from '@temporalio/worker';
import type { FastifyInstance } from 'fastify';
import { buildApi } from '../../src/api/server';
import type { Principal } from '../../src/auth/principal';
import { tokenKeys } from '../../src/auth/server-secret';
import { tokenSource } from '../../src/accounts/provision';
import { DEFAULT_AUTH_SETTINGS, type AuthSettings } from '../../src/accounts/settings';
import type { OidcSettings } from '../../src/accounts/oidc-settings';
import { SECRETARY, signedBy, STEPS } from '../../src/demo/full-case';
import type { AppDatabase } from '../../src/db/open';
import { memoryDatabase } from './app-db';
import { startScratchServer } from './scratch-server';
import { createWorker } from '../../worker/worker';
import { testCodecEnv, testDataConverter } from './codec';
import { bundleWorkflows } from './temporal';

export const DEMO_REGISTRY = join(__dirname, '..', '..', 'data', 'demo-province.json');
export const TOKEN_SECRET = 'an-e2e-token-secret-of-32-characters!!';

export interface Stack {
  base: string;
  client: Client;
  taskQueue: string;
  /** The app's database the API reads its registry from (PGlite in memory). */
  database: AppDatabase;
  as(p: Principal | null): Caller;
  /** A personal access token of p's, their account made on first use. */
  tokenOf(p: Principal): Promise<string>;
  stop(): Promise<void>;
}
export type Caller = (
  method: string,
  path: string,
  body?: unknown,
) => Promise<{ status: number; body: Record<string, unknown> }>;

/** Calls an API at `base` over real HTTP as a user, with a personal access token of theirs (made on first use). */
export const httpCaller =
  (base: string, tokens: (p: Principal) => Promise<string>) =>
  (p: Principal | null): Caller =>
  async (method, path, body) => {
    const headers: Record<string, string> = body === undefined ? {} : { 'content-type': 'application/json' };
    if (p) headers.authorization = `Bearer ${await tokens(p)}`;
    const res = await fetch(`${base}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    // A path like /cases/.. normalises to the dashboard's page, which is HTML.
    const json = res.headers.get('content-type')?.includes('application/json');
    return {
      status: res.status,
      body: json ? ((await res.json()) as Record<string, unknown>) : { text: await res.text() },
    };
  };

export async function startStack(
  taskQueue = 'e2e',
  // An identity provider's redirect URL names the API's port, so a test using one chooses the port beforehand.
  options: { auth?: Partial<AuthSettings>; oidc?: OidcSettings; apiPort?: number } = {},
): Promise<Stack> {
  const codecEnv = testCodecEnv();
  Object.assign(process.env, codecEnv);
  const keys = tokenKeys(TOKEN_SECRET);
  const scratch = await startScratchServer('e2e', { TEMPORAL_TASK_QUEUE: taskQueue });
  const { config } = scratch;
  const worker: Worker = await createWorker(config, { workflowBundle: await bundleWorkflows() });
  const running = worker.run();
  const client = new Client({
    connection: await Connection.connect({ address: config.address }),
    dataConverter: testDataConverter(codecEnv),
  });
  const database = await memoryDatabase();
  const auth = { ...DEFAULT_AUTH_SETTINGS, ...options.auth };
  const api: FastifyInstance = buildApi({ client, taskQueue, database, keys, auth, oidc: options.oidc });
  const base = await api.listen({ port: options.apiPort ?? 0, host: '127.0.0.1' });
  const tokenOf = tokenSource(database.db);
  return {
    base,
    client,
    taskQueue,
    database,
    tokenOf,
    as: httpCaller(base, tokenOf),
    async stop() {
      await api.close();
      await database.close();
      worker.shutdown();
      await running;
      await client.connection.close();
      await scratch.discard();
    },
  };
}

const CLI = join(__dirname, '..', '..', 'bin', 'pipeline.js');

/** The real `pipeline` command against a stack's API, as a user at a terminal would run it. */
/**
 * Registers a Youth Union member in cb-thpt-a (listed 01/07/2025) and records the demo case's steps up to (not
 * including) `until`, each as its recorder, over the API.
 */
export async function demoCaseUpTo(stack: Stack, caseId: string, until: string): Promise<void> {
  const r = await stack.as(SECRETARY)('POST', '/cases', {
    caseId,
    profile: { fullName: `Ứng viên ${caseId}`, birthDate: '1998-04-12', education: 'higher', youthUnionMember: true },
    cellId: 'cb-thpt-a',
    registeredOn: '2025-07-01',
  });
  expect(r.status).toBe(201);
  for (const [who, step] of STEPS) {
    if (step.type === until) break;
    const res = await stack.as(who)('POST', `/cases/${caseId}/commands`, { ...step, signedBy });
    expect({ step: step.type, status: res.status, body: res.status === 200 ? null : res.body }).toEqual({
      step: step.type,
      status: 200,
      body: null,
    });
  }
}

export async function runCli(
  stack: Stack,
  principal: Principal,
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  const token = await stack.tokenOf(principal);
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { env: { ...process.env, PIPELINE_API_URL: stack.base, PIPELINE_TOKEN: token }, maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) =>
        resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** Visibility is eventually consistent: ask again until the answer is the expected one. */
export async function eventually<T>(f: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await f();
    if (ok(v) || Date.now() > until) return v;
    if (process.env.E2E_DEBUG) console.log('eventually: not yet', JSON.stringify(v).slice(0, 500));
    await new Promise((r) => setTimeout(r, 200));
  }
}
