/**
 * Traces from the API through the workflow to the activity, exported over OTLP/HTTP to a real receiver started
 * here: an API and a worker in this process with tracing on (each its own provider and service name), a
 * candidate registered and taken to the cell's vote over real HTTP. The vote makes the committee's decision
 * overdue, so the case raises an alert and runs its delivery activity.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import type { Worker } from '@temporalio/worker';
import type { Client } from '@temporalio/client';
import { buildApi } from '../../src/api/server';
import { tokenKeys } from '../../src/auth/server-secret';
import { tokenSource } from '../../src/accounts/provision';
import { SECRETARY, signedBy, STEPS } from '../../src/demo/full-case';
import type { AppDatabase } from '../../src/db/open';
import { createClient } from '../../src/temporal/client';
import { startTracing, type Tracing } from '../../src/telemetry/tracing';
import { createWorker } from '../../worker/worker';
import { memoryDatabase } from '../helpers/app-db';
import { testCodecEnv } from '../helpers/codec';
import { startScratchServer, type ScratchServer } from '../helpers/scratch-server';
import { eventually, httpCaller, TOKEN_SECRET } from '../helpers/stack';

interface ReceivedSpan {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId: string;
  name: string;
  kind: number;
  attributes: Record<string, unknown>;
}
/** OTLP's SpanKind: the API's request span is a server span; the interceptors' are internal. */
const SERVER = 2;

/** An OTLP/HTTP receiver: POST /v1/traces with the JSON encoding, which the HTTP exporter sends. */
function otlpReceiver(spans: ReceivedSpan[], contentTypes: string[]): Server {
  return createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/v1/traces') return res.writeHead(404).end();
      contentTypes.push(String(req.headers['content-type']));
      const raw = Buffer.concat(chunks);
      const body = JSON.parse(
        (req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString('utf8'),
      ) as OtlpRequest;
      for (const rs of body.resourceSpans ?? []) {
        const service = rs.resource?.attributes?.find((a) => a.key === 'service.name')?.value?.stringValue ?? '';
        for (const ss of rs.scopeSpans ?? [])
          for (const s of ss.spans ?? [])
            spans.push({
              service,
              traceId: s.traceId,
              spanId: s.spanId,
              parentSpanId: s.parentSpanId ?? '',
              name: s.name,
              kind: s.kind,
              attributes: Object.fromEntries((s.attributes ?? []).map((a) => [a.key, Object.values(a.value)[0]])),
            });
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
}
interface OtlpRequest {
  resourceSpans?: Array<{
    resource?: { attributes?: Array<{ key: string; value?: { stringValue?: string } }> };
    scopeSpans?: Array<{
      spans?: Array<{
        traceId: string;
        spanId: string;
        parentSpanId?: string;
        name: string;
        kind: number;
        attributes?: Array<{ key: string; value: Record<string, unknown> }>;
      }>;
    }>;
  }>;
}

const spans: ReceivedSpan[] = [];
const contentTypes: string[] = [];
let receiver: Server;
let scratch: ScratchServer;
let tracing: { api: Tracing; worker: Tracing };
let worker: Worker;
let running: Promise<void>;
let client: Client;
let database: AppDatabase;
let api: FastifyInstance;
let base: string;

beforeAll(async () => {
  receiver = otlpReceiver(spans, contentTypes);
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  const env = { OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}` };
  tracing = {
    api: (await startTracing('pipeline-api', env))!,
    worker: (await startTracing('pipeline-worker', env))!,
  };
  Object.assign(process.env, testCodecEnv());
  scratch = await startScratchServer('e2e-tracing', { TEMPORAL_TASK_QUEUE: 'e2e-tracing' });
  worker = await createWorker(scratch.config, {}, tracing.worker);
  running = worker.run();
  client = await createClient(scratch.config, tracing.api);
  database = await memoryDatabase();
  api = buildApi({
    client,
    taskQueue: scratch.config.taskQueue,
    database,
    keys: tokenKeys(TOKEN_SECRET),
    tracer: tracing.api.tracer,
  });
  base = await api.listen({ port: 0, host: '127.0.0.1' });
}, 180_000);
afterAll(async () => {
  await api?.close();
  await database?.close();
  worker?.shutdown();
  await running;
  await client?.connection.close();
  await scratch?.discard();
  await tracing?.api.shutdown();
  await tracing?.worker.shutdown();
  await new Promise((r) => receiver?.close(r));
});

test('one trace from the API request through StartWorkflow and the workflow to the activity', async () => {
  const secretary = httpCaller(base, tokenSource(database.db))(SECRETARY);
  const post = async (path: string, body: unknown) => {
    const res = await secretary('POST', path, body);
    expect({ path, status: res.status }).toEqual({ path, status: path === '/cases' ? 201 : 200 });
  };
  await post('/cases', {
    caseId: 'traced',
    profile: { fullName: 'Đinh Thị Vết', birthDate: '1998-04-12', education: 'higher', youthUnionMember: true },
    cellId: 'cb-thpt-a',
    registeredOn: '2025-07-01',
  });
  // The dossier, then the cell's vote of 15/9/2025: the committee's decision is overdue at once.
  for (const [, step] of STEPS.slice(0, 9)) await post('/cases/traced/commands', { ...step, signedBy });

  const byName = (name: string) => spans.filter((s) => s.name === name);
  await eventually(
    async () => {
      await tracing.worker.flush();
      await tracing.api.flush();
      return spans.length;
    },
    () => byName('RunActivity:deliverBatch').length > 0 && byName('StartActivity:deliverBatch').length > 0,
    30_000,
  );
  expect(contentTypes[0]).toBe('application/json');

  // The registration: the API's span, the client's StartWorkflow under it, and in the same trace the workflow's
  // StartActivity (from its main loop, which runs in the workflow's RunWorkflow span) and the activity's RunActivity.
  const register = byName('POST /cases');
  expect(register).toHaveLength(1);
  const request = register[0]!;
  expect(request).toMatchObject({
    service: 'pipeline-api',
    kind: SERVER,
    attributes: { 'http.route': '/cases', 'http.response.status_code': 201 },
  });
  const trace = spans.filter((s) => s.traceId === request.traceId);
  const start = trace.find((s) => s.name === 'StartWorkflow:candidate');
  expect(start).toMatchObject({ service: 'pipeline-api', parentSpanId: request.spanId });
  const startActivity = trace.find((s) => s.name === 'StartActivity:deliverBatch');
  expect(startActivity).toMatchObject({ service: 'pipeline-worker' });
  const runActivity = trace.find((s) => s.name === 'RunActivity:deliverBatch');
  expect(runActivity).toMatchObject({ service: 'pipeline-worker', parentSpanId: startActivity!.spanId });
  // The activity's own client calls (the committees' inboxes) continue the trace.
  expect(trace.filter((s) => s.name === 'SignalWithStartWorkflow:committeeInbox')).not.toHaveLength(0);
  expect(trace.filter((s) => s.name === 'SignalWithStartWorkflow:committeeInbox').map((s) => s.parentSpanId)).toEqual(
    expect.arrayContaining([runActivity!.spanId]),
  );

  // A step: the API's span, the client's Update under it, the workflow's handling of it under that.
  const vote = byName('POST /cases/:id/commands').at(-1)!;
  const stepTrace = spans.filter((s) => s.traceId === vote.traceId);
  const update = stepTrace.find((s) => s.name.startsWith('StartWorkflowUpdate:'));
  expect(update).toMatchObject({ service: 'pipeline-api', parentSpanId: vote.spanId });
  const handled = stepTrace.find((s) => s.name.startsWith('HandleUpdate:'));
  expect(handled).toMatchObject({ service: 'pipeline-worker', parentSpanId: update!.spanId });
  expect(handled!.attributes).toMatchObject({ workflowId: 'candidate-traced', workflowType: 'candidate' });

  // Each request is a trace of its own; no span carries the candidate's name.
  expect(new Set(byName('POST /cases/:id/commands').map((s) => s.traceId)).size).toBe(9);
  expect(JSON.stringify(spans)).not.toContain('Đinh Thị Vết');
});
