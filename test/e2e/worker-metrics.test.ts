/**
 * The worker process as an operator starts it (`npm run worker`) with PIPELINE_WORKER_METRICS_ADDRESS: its
 * Prometheus endpoint serves the SDK's own metrics and the alert counters its activities record, and its log is
 * JSON lines without the candidate's personal data. A case taken over real HTTP to an overdue committee decision
 * raises one alert for two committees; one committee's webhook fails once, so the delivery is retried.
 */
import type { ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client, Connection } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import { buildApi } from '../../src/api/server';
import { tokenKeys } from '../../src/auth/server-secret';
import { tokenSource } from '../../src/accounts/provision';
import { SECRETARY, signedBy, STEPS } from '../../src/demo/full-case';
import type { AppDatabase } from '../../src/db/open';
import { memoryDatabase } from '../helpers/app-db';
import { testCodecEnv, testDataConverter } from '../helpers/codec';
import { sample, scrape } from '../helpers/prometheus';
import { freePort, startScratchServer, type ScratchServer } from '../helpers/scratch-server';
import { eventually, httpCaller, TOKEN_SECRET } from '../helpers/stack';
import { killProcess, startWorkerProcess } from '../helpers/worker-process';

const TASK_QUEUE = 'e2e-worker-metrics';
const NAME = 'Lý Thị Chỉ Số';
const codecEnv = testCodecEnv();

let scratch: ScratchServer;
let hooks: Server;
let worker: ChildProcess;
let workerOutput = '';
let metricsUrl: string;
let client: Client;
let database: AppDatabase;
let api: FastifyInstance;
let base: string;
let downAnswered = 0;

beforeAll(async () => {
  scratch = await startScratchServer('e2e-worker-metrics', { TEMPORAL_TASK_QUEUE: TASK_QUEUE });
  // The commune's webhook answers; the province's fails its first delivery, then answers.
  hooks = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(req.url === '/down' && downAnswered++ === 0 ? 503 : 200).end());
  });
  await new Promise<void>((r) => hooks.listen(0, '127.0.0.1', r));
  const hookBase = `http://127.0.0.1:${(hooks.address() as AddressInfo).port}`;
  const address = `127.0.0.1:${await freePort()}`;
  metricsUrl = `http://${address}/metrics`;
  worker = await startWorkerProcess({
    ...codecEnv,
    TEMPORAL_ADDRESS: scratch.config.address,
    TEMPORAL_TASK_QUEUE: TASK_QUEUE,
    PIPELINE_WORKER_METRICS_ADDRESS: address,
    PIPELINE_WEBHOOKS: JSON.stringify({ 'du-xa-a': `${hookBase}/ok`, 'tu-demo': `${hookBase}/down` }),
    PIPELINE_WEBHOOK_SECRET: 'a-webhook-secret-for-e2e',
  });
  for (const out of [worker.stdout!, worker.stderr!]) out.on('data', (b: Buffer) => (workerOutput += b.toString()));
  client = new Client({
    connection: await Connection.connect({ address: scratch.config.address }),
    dataConverter: testDataConverter(codecEnv),
  });
  database = await memoryDatabase();
  api = buildApi({ client, taskQueue: TASK_QUEUE, database, keys: tokenKeys(TOKEN_SECRET) });
  base = await api.listen({ port: 0, host: '127.0.0.1' });
}, 180_000);
afterAll(async () => {
  await api?.close();
  await database?.close();
  await client?.connection.close();
  if (worker) await killProcess(worker);
  await scratch?.discard();
  await new Promise((r) => hooks?.close(r));
});

test('the SDK metrics and the alert counters on the worker endpoint; JSON logs without personal data', async () => {
  const secretary = httpCaller(base, tokenSource(database.db))(SECRETARY);
  const post = async (path: string, body: unknown) => {
    const res = await secretary('POST', path, body);
    expect({ path, status: res.status }).toEqual({ path, status: path === '/cases' ? 201 : 200 });
  };
  await post('/cases', {
    caseId: 'counted',
    profile: { fullName: NAME, birthDate: '1998-04-12', education: 'higher', youthUnionMember: true },
    cellId: 'cb-thpt-a',
    registeredOn: '2025-07-01',
  });
  // Up to the cell's vote of 15/9/2025: the committee's decision is overdue at once, level 1, for the commune
  // committee and the province's.
  for (const [, step] of STEPS.slice(0, 9)) await post('/cases/counted/commands', { ...step, signedBy });

  const counted =
    (name: string, labels: Record<string, string> = {}) =>
    async () =>
      sample((await scrape(metricsUrl)).text, name, labels);
  // The second attempt, after the province's webhook failed the first, delivers everything again.
  await eventually(counted('pipeline_alerts_delivered', { channel: 'webhook' }), (n) => n === 3, 30_000);
  const m = await scrape(metricsUrl);
  expect(m.status).toBe(200);
  // Raised once, though the activity ran twice.
  expect(sample(m.text, 'pipeline_alerts_raised')).toBe(1);
  // The activity's meter tags them with what it runs for (in the SDK's camelCase, unlike its own metrics' labels).
  expect(sample(m.text, 'pipeline_alerts_raised', { activityType: 'deliverBatch', taskQueue: TASK_QUEUE })).toBe(1);
  // Two committees' inboxes on each of the two attempts; webhooks: the commune twice, the province once of two.
  expect(sample(m.text, 'pipeline_alerts_delivered', { channel: 'inbox', kind: 'raise' })).toBe(4);
  expect(sample(m.text, 'pipeline_alerts_delivered', { channel: 'webhook', kind: 'raise' })).toBe(3);
  expect(sample(m.text, 'pipeline_alerts_failed', { channel: 'webhook', kind: 'raise' })).toBe(1);
  expect(sample(m.text, 'pipeline_alerts_failed', { channel: 'inbox' })).toBeUndefined();
  // The SDK's own: workflow tasks and activities this worker ran, and the failed activity attempt.
  expect(sample(m.text, 'temporal_workflow_task_execution_latency_count', { task_queue: TASK_QUEUE })).toBeGreaterThan(
    0,
  );
  expect(sample(m.text, 'temporal_activity_execution_failed', { activity_type: 'deliverBatch' })).toBe(1);
  expect(sample(m.text, 'temporal_worker_start', { task_queue: TASK_QUEUE })).toBe(1);
  expect(m.text).not.toContain(NAME);

  // The worker's log: one JSON object per line, never the candidate's name.
  const lines = workerOutput.split('\n').filter(Boolean);
  expect(lines.length).toBeGreaterThan(0);
  for (const l of lines) expect(() => JSON.parse(l) as unknown).not.toThrow();
  expect(workerOutput).not.toContain(NAME);
  expect(workerOutput).not.toContain('1998-04-12');
  // The failed attempt is logged with the activity's type and the workflow it works for.
  expect(lines.map((l) => JSON.parse(l) as Record<string, unknown>)).toContainEqual(
    expect.objectContaining({ activityType: 'deliverBatch', workflowId: 'candidate-counted', level: 40 }),
  );
});
