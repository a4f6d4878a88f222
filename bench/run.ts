/**
 * `npm run bench`: the engine against raw Temporal, on the same dev server in
 * the same run. Each figure is reported with its baseline and the ratio:
 *   throughput  full cases (register + every command to official member) per second,
 *               against a bare workflow taking the same number of Updates (no machine, no guards, no codec);
 *   latency     p50/p99 of one command through the HTTP API under that load, against the bare Update;
 *   audit       cases replayed and re-checked per second, against bare Worker.runReplayHistories of the same histories.
 * Results go to bench/results/<timestamp>.json and docs/benchmarks.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { auditCases } from '../src/audit/report';
import { fetchCaseRuns } from '../src/audit/runs';
import { buildApi } from '../src/api/server';
import { issueToken, tokenKeys } from '../src/auth/tokens';
import { iso } from '../src/charter/dates';
import { loadRegistryFile } from '../src/org/load';
import { bundleWorkflows } from '../src/temporal/bundle';
import { caseHandle, registerCase } from '../src/temporal/cases';
import { installQuietRuntime } from '../src/temporal/quiet-runtime';
import type { CommandInput } from '../src/schemas/commands';
import { candidateWorkflowId } from '../workflows/definitions';
import { createWorker } from '../worker/worker';
import { testCodecEnv, testDataConverter } from '../test/helpers/codec';
import { sendInTurn, STEPS } from '../src/demo/full-case';
import { DEMO_REGISTRY, TOKEN_SECRET } from '../test/helpers/stack';
import { startScratchServer } from '../test/helpers/scratch-server';
import { finishUpdate, stepUpdate } from './workflows/bare';
import { mapConcurrent } from '../src/util/map-concurrent';
import { cpuMeter, type CpuSplit } from './cpu';
import type { AlertActivities } from '../activities';

const CASES = Number(process.env.BENCH_CASES ?? 60);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 12);
const recordedBy = { userId: 'bench', role: 'cell_secretary' };
const commands = STEPS.map(([, s]) => ({ ...s, signedBy: 'Bí thư', recordedBy }) as CommandInput);

/** Typed as the real ones, so a new alert activity cannot be left out here. */
const noOpAlertActivities: AlertActivities = {
  deliverAlert: async () => undefined,
  deliverClosure: async () => undefined,
  deliverBatch: async () => undefined,
};

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const round = (x: number, d = 2) => Number(x.toFixed(d));
/** Where a whole case's CPU goes: the dev server, and this process (the worker, the client and the benchmark). */
const perCase = (c: CpuSplit) => ({
  server: round((c.serverSeconds * 1000) / CASES, 1),
  workerAndClient: round((c.benchProcessSeconds * 1000) / CASES, 1),
});

async function main() {
  installQuietRuntime();
  const codecEnv = testCodecEnv();
  Object.assign(process.env, codecEnv);
  const { config, server } = await startScratchServer('bench', { TEMPORAL_TASK_QUEUE: 'bench' });
  const connection = await Connection.connect({ address: config.address });
  const client = new Client({ connection, dataConverter: testDataConverter(codecEnv) });
  const bareClient = new Client({ connection });
  const worker = await createWorker(config);
  // The same engine with its alerts delivered nowhere: what delivering the back-dated cases' alerts to the committees' inboxes costs.
  const sinkWorker = await createWorker({ ...config, taskQueue: 'bench-sink' }, { activities: noOpAlertActivities });
  const bareWorker = await Worker.create({
    connection: await NativeConnection.connect({ address: config.address }),
    taskQueue: 'bench-bare',
    workflowsPath: require.resolve('./workflows/bare'),
  });
  const running = [worker.run(), sinkWorker.run(), bareWorker.run()];
  /** A candidate of the commune's school cell, registered after the 1/7/2025 reform. */
  const register = (caseId: string, taskQueue = 'bench') =>
    registerCase(client, taskQueue, {
      caseId,
      profile: { fullName: `Người ${caseId}`, birthDate: iso('1998-04-12'), education: 'higher' },
      cellId: 'cb-thpt-a',
      committeeIds: ['du-xa-a', 'tu-demo'],
      competentCommitteeId: 'du-xa-a',
      registeredOn: iso('2025-07-01'),
    });
  const keys = tokenKeys(TOKEN_SECRET);
  const api = buildApi({ client, taskQueue: 'bench', registry: loadRegistryFile(DEMO_REGISTRY), keys });
  const base = await api.listen({ port: 0, host: '127.0.0.1' });
  const token = await issueToken(keys, { userId: 'bench-du', role: 'committee', orgId: 'du-xa-a' });
  console.log(`bench: ${CASES} cases × ${commands.length + 1} operations, concurrency ${CONCURRENCY}`);

  // Throughput, the engine: every case registered and taken to official member.
  const wholeCases = async (prefix: string, taskQueue: string) => {
    const ids = Array.from({ length: CASES }, (_, i) => `${prefix}-${i}`);
    const t = performance.now();
    const cpu = cpuMeter(server.process.pid!);
    await mapConcurrent(ids, CONCURRENCY, async (caseId) => {
      await register(caseId, taskQueue);
      const c = caseHandle(client, caseId);
      for (const command of commands) await sendInTurn(c, command);
    });
    const seconds = (performance.now() - t) / 1000;
    const used = cpu();
    const stages = await Promise.all(ids.map((id) => caseHandle(client, id).stage()));
    if (stages.some((s) => s !== 'official')) throw new Error(`bench: not every case is official: ${stages}`);
    return { ids, seconds, cpu: used };
  };
  const engine = await wholeCases('bench', 'bench');
  const engineIds = engine.ids;
  const sink = await wholeCases('sink', 'bench-sink');

  // Throughput, the baseline: the same number of workflows and Updates, bare.
  let t = performance.now();
  const cpu = cpuMeter(server.process.pid!);
  await mapConcurrent(
    Array.from({ length: CASES }, (_, i) => `bare-${i}`),
    CONCURRENCY,
    async (id) => {
      const h = await bareClient.workflow.start('bare', { workflowId: id, taskQueue: 'bench-bare' });
      for (const command of commands) await h.executeUpdate(stepUpdate, { args: [command] });
      await h.executeUpdate(finishUpdate);
    },
  );
  const bareSeconds = (performance.now() - t) / 1000;
  const bareCpu = cpu();

  // Latency under load: one command through the API while cases advance, against the bare Update under the same load.
  const latency = async (one: (i: number) => Promise<void>, load: (i: number) => Promise<void>) => {
    const times: number[] = [];
    let stop = false;
    const background = mapConcurrent(
      Array.from({ length: CASES }, (_, i) => i),
      CONCURRENCY - 2,
      async (i) => {
        if (!stop) await load(i);
      },
    );
    for (let i = 0; i < 200; i++) {
      const s = performance.now();
      await one(i);
      times.push(performance.now() - s);
    }
    stop = true;
    await background;
    return { p50: round(percentile(times, 50)), p99: round(percentile(times, 99)) };
  };
  const loadEngine = async (i: number) => {
    const id = `load-${i}`;
    await register(id);
    for (const command of commands.slice(0, 9)) await caseHandle(client, id).send(command);
  };
  // A command the case always takes: a document on the file.
  const documentBody = (i: number) => ({
    type: 'RECORD_DOCUMENT',
    date: '2026-11-01',
    form: 'VB',
    kind: 'other',
    documentNo: `VB-${i}`,
    signedBy: 'Bí thư',
  });
  await register('latency');
  const engineLatency = await latency(async (i) => {
    const res = await fetch(`${base}/cases/latency/commands`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(documentBody(i)),
    });
    if (res.status !== 200) throw new Error(`bench: API answered ${res.status}: ${await res.text()}`);
  }, loadEngine);
  const bareHandle = await bareClient.workflow.start('bare', { workflowId: 'bare-latency', taskQueue: 'bench-bare' });
  const bareLatency = await latency(
    async (i) => void (await bareHandle.executeUpdate(stepUpdate, { args: [documentBody(i)] })),
    async (i) => {
      const h = await bareClient.workflow.start('bare', { workflowId: `bare-load-${i}`, taskQueue: 'bench-bare' });
      for (const command of commands.slice(0, 9)) await h.executeUpdate(stepUpdate, { args: [command] });
    },
  );

  // Audit: replay + timeline + compliance re-check, against bare replay of the same histories.
  const workflowBundle = await bundleWorkflows();
  const deps = {
    client,
    workflowBundle: async () => workflowBundle,
    dataConverter: client.options.dataConverter,
    loadedDataConverter: client.options.loadedDataConverter,
  };
  const histories = await Promise.all(engineIds.map((id) => fetchCaseRuns(client, id)));
  const bareReplay = (n: number) =>
    Worker.runReplayHistories(
      { workflowBundle, dataConverter: client.options.dataConverter },
      histories
        .slice(0, n)
        .flatMap((runs, i) =>
          runs.map((run) => ({ workflowId: candidateWorkflowId(engineIds[i]!), history: run.history })),
        ),
    );
  // Both warmed up first (the bundle's code optimised by V8), so neither pays for going first.
  await auditCases(deps, engineIds.slice(0, 10));
  for await (const r of bareReplay(10)) if (r.error) throw r.error;
  t = performance.now();
  for (let i = 0; i < engineIds.length; i += 50) await auditCases(deps, engineIds.slice(i, i + 50));
  const auditSeconds = (performance.now() - t) / 1000;
  t = performance.now();
  for await (const r of bareReplay(histories.length)) if (r.error) throw r.error;
  const bareReplaySeconds = (performance.now() - t) / 1000;
  const engineEvents =
    histories.reduce((n, runs) => n + runs.reduce((m, r) => m + (r.history.events?.length ?? 0), 0), 0) / CASES;
  const bareEvents = (await bareClient.workflow.getHandle('bare-0').fetchHistory()).events?.length ?? 0;
  const kinds = new Map<string, number>();
  for (const e of histories[0]![0]!.history.events ?? []) {
    const k = String(e.eventType);
    kinds.set(k, (kinds.get(k) ?? 0) + 1);
  }

  await api.close();
  worker.shutdown();
  sinkWorker.shutdown();
  bareWorker.shutdown();
  await Promise.all(running);
  await connection.close();
  await server.stop();

  const result = {
    at: new Date().toISOString(),
    machine: {
      cpus: cpus().length,
      cpu: cpus()[0]?.model,
      memoryGiB: round(totalmem() / 2 ** 30, 1),
      node: process.version,
    },
    cases: CASES,
    operationsPerCase: commands.length + 1,
    concurrency: CONCURRENCY,
    throughput: {
      engineCasesPerSecond: round(CASES / engine.seconds),
      bareCasesPerSecond: round(CASES / bareSeconds),
      ratio: round(bareSeconds / engine.seconds),
      engineWithNoOpAlertActivities: {
        casesPerSecond: round(CASES / sink.seconds),
        ratio: round(bareSeconds / sink.seconds),
      },
    },
    cpuMsPerCase: {
      engine: perCase(engine.cpu),
      engineWithNoOpAlertActivities: perCase(sink.cpu),
      bare: perCase(bareCpu),
    },
    historyEventsPerCase: { engine: round(engineEvents, 1), bare: bareEvents, engineByType: Object.fromEntries(kinds) },
    commandLatencyMs: { engineThroughApi: engineLatency, bareUpdate: bareLatency },
    audit: {
      engineCasesPerSecond: round(CASES / auditSeconds),
      bareReplayCasesPerSecond: round(CASES / bareReplaySeconds),
      ratio: round(bareReplaySeconds / auditSeconds),
    },
  };
  mkdirSync(join(__dirname, 'results'), { recursive: true });
  writeFileSync(
    join(__dirname, 'results', `${result.at.replace(/[:.]/g, '-')}.json`),
    JSON.stringify(result, null, 2) + '\n',
  );
  console.log(JSON.stringify(result, null, 2));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
