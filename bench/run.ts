/**
 * `npm run bench`: the engine against raw Temporal, on the same dev server in
 * the same run. Each figure is reported with its baseline and the ratio:
 *   throughput  full cases (register + every command to official member, until the workflow has closed) per
 *               second, against two bare workflows (no machine, no guards, no zod, no codec): `bareShaped`, which
 *               takes the same Updates and after each does what the engine's case did (the same upserts, timers
 *               and alert activities with their inbox signals, read from a warm-up case's history by shape.ts),
 *               the headline `ratioToShaped`; and `bare`, which only takes the same number of Updates and closes
 *               after the last, kept as `ratio` as before. Events per case by type are reported for all three;
 *   latency     p50/p99 of one command through the HTTP API under the engine's load, against a bare Update under
 *               the bare workflow's load (`p99Ratio`) and a bare Update timed after each command under the same
 *               load (`p99RatioUnderSameLoad`);
 *   audit       cases fetched, replayed and re-checked per second, against bare Worker.runReplayHistories of the
 *               same histories already in memory (`ratio`), and against fetching them and replaying them bare
 *               (`ratioToFetchAndReplay`).
 * The run is BENCH_ROUNDS rounds; each round measures every figure on both sides, the engine first in rounds
 * 1, 4, 5, 8, … and the baseline first in rounds 2, 3, 6, 7, … (engine, bare, bare, engine, …), so neither
 * side always has the warmer process or the fuller database. Between phases the run waits until no workflow
 * has a task or activity pending and the workers hold none, so one phase's deliveries are not in the next
 * phase's time. Each round is reported, and the median of the rounds.
 * Results go to bench/results/<timestamp>.json and stdout; docs/benchmarks.md reports them.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { Client, Connection, WorkflowNotFoundError, type WorkflowHandle } from '@temporalio/client';
import type { SearchAttributePair } from '@temporalio/common';
import { NativeConnection, Worker } from '@temporalio/worker';
import { auditCases } from '../src/audit/report';
import { fetchCaseRuns } from '../src/temporal/case-runs';
import { buildApi } from '../src/api/server';
import { tokenKeys } from '../src/auth/server-secret';
import { provisionToken } from '../src/accounts/provision';
import { iso } from '../src/charter/dates';
import { bundleWorkflows } from '../src/temporal/bundle';
import { caseHandle, registerCase } from '../src/temporal/cases';
import { installQuietRuntime } from '../src/temporal/quiet-runtime';
import type { CommandInput } from '../src/schemas/commands';
import { candidateWorkflowId } from '../workflows/definitions';
import { createWorker } from '../worker/worker';
// A raised alert goes out at once, as in the suites: the policy's grace would hold every case open 30 real minutes.
import '../test/helpers/alert-grace-env';
import { testCodecEnv, testDataConverter } from '../test/helpers/codec';
import { sendInTurn, STEPS } from '../src/demo/full-case';
import { TOKEN_SECRET } from '../test/helpers/stack';
import { memoryDatabase } from '../test/helpers/app-db';
import { startScratchServer } from '../test/helpers/scratch-server';
import { pairOf, stepUpdate, type Shape } from './workflows/bare';
import { createBareActivities } from './bare-activities';
import { differences, eventsByType, meanByType, shapeOf } from './shape';
import { mapConcurrent } from '../src/util/map-concurrent';
import { cpuMeter, type CpuSplit } from './cpu';
import { median, percentile, round } from './stats';
import type { AlertActivities } from '../activities';

const CASES = Number(process.env.BENCH_CASES ?? 60);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 12);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 4);
/** Cases each side runs, untimed, before the first round: the workers' and V8's first-use costs. */
const WARMUP = Number(process.env.BENCH_WARMUP ?? CONCURRENCY);
/** Commands timed per latency phase. */
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 200);
const recordedBy = { userId: 'bench', role: 'cell_secretary' };
const commands = STEPS.map(([, s]) => ({ ...s, signedBy: 'Bí thư', recordedBy }) as CommandInput);
/** A latency load case goes as far as the committee's decision: the steps a cell records. */
const LOAD_STEPS = 9;

/** Typed as the real ones, so a new alert activity cannot be left out here. */
const noOpAlertActivities: AlertActivities = {
  deliverBatch: async () => undefined,
  mailAlerts: async () => [{ skipped: 'benchmark' }],
};

type Side = 'engine' | 'bare';
/**
 * The throughput phases of a round. The shaped baseline runs right after the engine (right before it when the
 * baseline goes first): the headline ratio's two sides are measured back to back, so a drift within the round
 * separates them least. The baseline-first order is the engine-first one reversed, so over two rounds every
 * side's mean place in the round is the same.
 */
const throughputOrderOf = (round: number) =>
  orderOf(round)[0] === 'engine'
    ? (['engine', 'shaped', 'sink', 'bare'] as const)
    : (['bare', 'sink', 'shaped', 'engine'] as const);
/**
 * Engine first in rounds 1, 4, 5, 8, …, the baseline in rounds 2, 3, 6, 7, …: over an even number of rounds
 * each side goes first as often, and over a multiple of four a steady drift across the run (the server's
 * database filling, the processes warming) weighs on both sides alike.
 */
const orderOf = (round: number): Side[] => (round % 4 < 2 ? ['engine', 'bare'] : ['bare', 'engine']);

const sleepMs = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Where a whole case's CPU goes: the dev server, and this process (the worker, the client and the benchmark). */
const perCase = (c: CpuSplit, cases: number) => ({
  server: round((c.serverSeconds * 1000) / cases, 1),
  workerAndClient: round((c.benchProcessSeconds * 1000) / cases, 1),
});

async function main() {
  installQuietRuntime();
  const codecEnv = testCodecEnv();
  Object.assign(process.env, codecEnv);
  const { config, server, discard } = await startScratchServer('bench', { TEMPORAL_TASK_QUEUE: 'bench' });
  const serverPid = server.process.pid!;
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
    activities: createBareActivities(bareClient, 'bench-bare'),
  });
  const workers = [worker, sinkWorker, bareWorker];
  const running = workers.map((w) => w.run());
  /** A candidate of the commune's school cell, registered after the 1/7/2025 reform. */
  const register = (caseId: string, taskQueue = 'bench') =>
    registerCase(client, taskQueue, {
      caseId,
      profile: {
        fullName: `Người ${caseId}`,
        birthDate: iso('1998-04-12'),
        education: 'higher',
        youthUnionMember: true,
      },
      cellId: 'cb-thpt-a',
      committeeIds: ['du-xa-a', 'tu-demo'],
      competentCommitteeId: 'du-xa-a',
      registeredOn: iso('2025-07-01'),
    });
  const engineHandle = (caseId: string) => client.workflow.getHandle(candidateWorkflowId(caseId));
  const startBare = (workflowId: string, steps?: number) =>
    bareClient.workflow.start('bare', {
      workflowId,
      taskQueue: 'bench-bare',
      args: steps === undefined ? [] : [steps],
    });
  const startShaped = (workflowId: string) =>
    bareClient.workflow.start('bareShaped', {
      workflowId,
      taskQueue: 'bench-bare',
      args: [shape],
      // As registerCase starts a case: listed at once, with a summary.
      typedSearchAttributes: shape.start.searchAttributes
        .filter((a) => a.value !== null)
        .map(pairOf) as SearchAttributePair[],
      staticSummary: shape.start.staticSummary,
    });
  const keys = tokenKeys(TOKEN_SECRET);
  // The app's database as npm start has it (PGlite), in memory: each request reads the registry's newest id from it.
  const database = await memoryDatabase();
  const api = buildApi({ client, taskQueue: 'bench', database, keys });
  const base = await api.listen({ port: 0, host: '127.0.0.1' });
  const token = await provisionToken(database.db, { userId: 'bench-du', role: 'committee', orgId: 'du-xa-a' });
  console.log(
    `bench: ${ROUNDS} rounds of ${CASES} cases × ${commands.length + 1} operations, concurrency ${CONCURRENCY}`,
  );

  /**
   * Waits until nothing is left to do: no workflow among `open` or the committees' inboxes has a workflow
   * task or an activity pending, and no worker holds one, twice in a row. A closed case's last signals to
   * the inboxes are still being handled when it closes; without this they would run in the next phase's time.
   */
  const drain = async (open: WorkflowHandle[] = []) => {
    const t = performance.now();
    const pending = async (h: WorkflowHandle) => {
      try {
        const { raw } = await h.describe();
        return Boolean(raw.pendingWorkflowTask) || (raw.pendingActivities?.length ?? 0) > 0;
      } catch (err) {
        if (err instanceof WorkflowNotFoundError) return false;
        throw err;
      }
    };
    for (let quiet = 0; quiet < 2;) {
      await sleepMs(100);
      if (performance.now() - t > 10 * 60_000) throw new Error('bench: the task queues did not drain');
      const inboxes: WorkflowHandle[] = [];
      for await (const w of bareClient.workflow.list({
        query: `(WorkflowType = 'committeeInbox' OR WorkflowType = 'bareInbox') AND ExecutionStatus = 'Running'`,
      }))
        inboxes.push(bareClient.workflow.getHandle(w.workflowId));
      const busy =
        workers.some((w) => {
          const s = w.getStatus();
          return s.numInFlightWorkflowActivations > 0 || s.numInFlightActivities > 0;
        }) || (await mapConcurrent([...open, ...inboxes], 8, pending)).some(Boolean);
      quiet = busy ? 0 : quiet + 1;
    }
    return (performance.now() - t) / 1000;
  };

  // Throughput: every case registered and taken to official member, and its workflow closed.
  const engineCase = (taskQueue: string) => async (caseId: string) => {
    await register(caseId, taskQueue);
    const c = caseHandle(client, caseId);
    for (const command of commands) await sendInTurn(c, command);
  };
  const bareCase = async (id: string) => {
    const h = await startBare(id, commands.length);
    for (const command of commands) await h.executeUpdate(stepUpdate, { args: [command] });
  };
  const shapedCase = async (id: string) => {
    const h = await startShaped(id);
    for (const command of commands) await h.executeUpdate(stepUpdate, { args: [command] });
  };
  const bareResult = (id: string) => bareClient.workflow.getHandle(id).result();
  const throughputSides = {
    engine: { run: engineCase('bench'), closed: (id: string) => engineHandle(id).result() },
    sink: { run: engineCase('bench-sink'), closed: (id: string) => engineHandle(id).result() },
    shaped: { run: shapedCase, closed: bareResult },
    bare: { run: bareCase, closed: bareResult },
  };
  const wholeCases = async (side: keyof typeof throughputSides, prefix: string, n = CASES) => {
    const { run, closed } = throughputSides[side];
    const ids = Array.from({ length: n }, (_, i) => `${prefix}-${i}`);
    const t = performance.now();
    const cpu = cpuMeter(serverPid);
    await mapConcurrent(ids, CONCURRENCY, run);
    // A case is whole once its workflow has closed: the engine's closes after its last deliveries are done.
    const results = (await Promise.all(ids.map(closed))) as Array<{ stage: string } | number>;
    const seconds = (performance.now() - t) / 1000;
    // The inboxes' handling of the last signals is the engine's work too: in the CPU figures, not in the time.
    const drainSeconds = await drain();
    const used = cpu();
    const wrong = results.filter((r) =>
      side === 'bare' || side === 'shaped' ? r !== commands.length : (r as { stage: string }).stage !== 'official',
    );
    if (wrong.length) throw new Error(`bench: ${side} cases ended wrong: ${JSON.stringify(wrong.slice(0, 3))}`);
    return { ids, seconds, drainSeconds, cpu: used };
  };

  // Latency under load: one command at a time through the API, or one bare Update, while other cases advance.
  // The load keeps starting cases until the last sample is taken, then stops after the command in hand. With
  // `alongside`, each sample is followed by one of it, so both see the same load.
  const latency = async (
    one: (i: number) => Promise<void>,
    load: (i: number, stopped: () => boolean) => Promise<void>,
    alongside?: (i: number) => Promise<void>,
  ) => {
    const times: number[] = [];
    const besideTimes: number[] = [];
    let stop = false;
    let next = 0;
    const background = Promise.all(
      Array.from({ length: Math.max(1, CONCURRENCY - 2) }, async () => {
        while (!stop) await load(next++, () => stop);
      }),
    );
    for (let i = 0; i < SAMPLES; i++) {
      let s = performance.now();
      await one(i);
      times.push(performance.now() - s);
      if (!alongside) continue;
      s = performance.now();
      await alongside(i);
      besideTimes.push(performance.now() - s);
    }
    stop = true;
    await background;
    const quantiles = (t: number[]) => ({ p50: round(percentile(t, 50)), p99: round(percentile(t, 99)) });
    return { ...quantiles(times), loadCases: next, ...(alongside ? { alongside: quantiles(besideTimes) } : {}) };
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
  const latencySides: Record<
    Side,
    (r: number) => Promise<{ p50: number; p99: number; loadCases: number; alongside?: { p50: number; p99: number } }>
  > = {
    engine: async (r) => {
      const caseId = `latency-r${r}`;
      await register(caseId);
      // A bare Update timed after each command, under the same load: what the engine adds to one command.
      const beside = await startBare(`bare-beside-r${r}`);
      const measured = await latency(
        async (i) => {
          const res = await fetch(`${base}/cases/${caseId}/commands`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: JSON.stringify(documentBody(i)),
          });
          if (res.status !== 200) throw new Error(`bench: API answered ${res.status}: ${await res.text()}`);
        },
        async (i, stopped) => {
          const id = `load-r${r}-${i}`;
          await register(id);
          for (const command of commands.slice(0, LOAD_STEPS)) {
            if (stopped()) return;
            await caseHandle(client, id).send(command);
          }
        },
        async (i) => void (await beside.executeUpdate(stepUpdate, { args: [documentBody(i)] })),
      );
      const ids = [caseId, ...Array.from({ length: measured.loadCases }, (_, i) => `load-r${r}-${i}`)];
      await drain([...ids.map(engineHandle), bareClient.workflow.getHandle(beside.workflowId)]);
      return measured;
    },
    bare: async (r) => {
      const h = await startBare(`bare-latency-r${r}`);
      const measured = await latency(
        async (i) => void (await h.executeUpdate(stepUpdate, { args: [documentBody(i)] })),
        async (i, stopped) => {
          const l = await startBare(`bare-load-r${r}-${i}`);
          for (const command of commands.slice(0, LOAD_STEPS)) {
            if (stopped()) return;
            await l.executeUpdate(stepUpdate, { args: [command] });
          }
        },
      );
      const ids = [h.workflowId, ...Array.from({ length: measured.loadCases }, (_, i) => `bare-load-r${r}-${i}`)];
      await drain(ids.map((id) => bareClient.workflow.getHandle(id)));
      return measured;
    },
  };

  // Audit: replay + timeline + compliance re-check, against bare replay of the same histories.
  const workflowBundle = await bundleWorkflows();
  const deps = {
    client,
    workflowBundle: async () => workflowBundle,
    dataConverter: client.options.dataConverter,
    loadedDataConverter: client.options.loadedDataConverter,
  };
  const bareReplay = (ids: string[], histories: Awaited<ReturnType<typeof fetchCaseRuns>>[]) =>
    Worker.runReplayHistories(
      { workflowBundle, dataConverter: client.options.dataConverter },
      histories.flatMap((runs, i) =>
        runs.map((run) => ({ workflowId: candidateWorkflowId(ids[i]!), history: run.history })),
      ),
    );
  const auditSides: Record<
    Side,
    (ids: string[], histories: Awaited<ReturnType<typeof fetchCaseRuns>>[]) => Promise<void>
  > = {
    engine: async (ids) => {
      for (let i = 0; i < ids.length; i += 50) await auditCases(deps, ids.slice(i, i + 50));
    },
    bare: async (ids, histories) => {
      for await (const r of bareReplay(ids, histories)) if (r.error) throw r.error;
    },
  };
  /** Raw Temporal replaying live cases: every history fetched as the audit fetches it, then replayed bare. */
  const fetchAndReplay = async (ids: string[]) => {
    const fetched = await Promise.all(ids.map((id) => fetchCaseRuns(client, id)));
    for await (const r of bareReplay(ids, fetched)) if (r.error) throw r.error;
  };

  // Warm-up, untimed: each side's first cases, and both audits (the bundle's code optimised by V8).
  // The shape is the first warm-up engine case's (without a warm-up, that of one engine case run untimed for it).
  const shapeSource = WARMUP > 0 ? 'warm-engine-0' : 'shape-source-0';
  if (WARMUP > 0) await wholeCases('engine', 'warm-engine', WARMUP);
  else await wholeCases('engine', 'shape-source', 1);
  // The engine's case reproduced, before the shaped side first runs (startShaped reads it).
  const shape: Shape = await shapeOf(await fetchCaseRuns(client, shapeSource), client.options.loadedDataConverter);
  if (WARMUP > 0) {
    for (const side of ['sink', 'shaped', 'bare'] as const) await wholeCases(side, `warm-${side}`, WARMUP);
    const warmIds = Array.from({ length: WARMUP }, (_, i) => `warm-engine-${i}`);
    await auditSides.engine(warmIds, []);
    await auditSides.bare(warmIds, await Promise.all(warmIds.map((id) => fetchCaseRuns(client, id))));
  }

  const oneRound = async (r: number) => {
    const order = orderOf(r);
    console.log(`bench: round ${r} of ${ROUNDS}, ${order.join(' first, then ')}`);
    const throughputOrder = throughputOrderOf(r);
    const tp: Partial<Record<keyof typeof throughputSides, Awaited<ReturnType<typeof wholeCases>>>> = {};
    for (const side of throughputOrder) tp[side] = await wholeCases(side, `${side}-r${r}`);
    const engine = tp.engine!;
    const sink = tp.sink!;
    const shaped = tp.shaped!;
    const bare = tp.bare!;

    const lat: Partial<Record<Side, Awaited<ReturnType<(typeof latencySides)['engine']>>>> = {};
    for (const side of order) lat[side] = await latencySides[side](r);

    const histories = await Promise.all(engine.ids.map((id) => fetchCaseRuns(client, id)));
    const auditSeconds: Partial<Record<Side | 'fetchAndReplay', number>> = {};
    for (const side of order) {
      const t = performance.now();
      await auditSides[side](engine.ids, histories);
      auditSeconds[side] = (performance.now() - t) / 1000;
    }
    const tf = performance.now();
    await fetchAndReplay(engine.ids);
    auditSeconds.fetchAndReplay = (performance.now() - tf) / 1000;
    const result = {
      round: r,
      first: order[0]!,
      throughput: {
        engineCasesPerSecond: round(CASES / engine.seconds),
        shapedCasesPerSecond: round(CASES / shaped.seconds),
        bareCasesPerSecond: round(CASES / bare.seconds),
        /** Against the bare workflow of the same shape: the engine's own overhead. */
        ratioToShaped: round(shaped.seconds / engine.seconds),
        /** Against the bare workflow that only takes the Updates, as before. */
        ratio: round(bare.seconds / engine.seconds),
        engineWithNoOpAlertActivities: {
          casesPerSecond: round(CASES / sink.seconds),
          ratio: round(bare.seconds / sink.seconds),
        },
        drainSeconds: {
          engine: round(engine.drainSeconds),
          engineWithNoOpAlertActivities: round(sink.drainSeconds),
          shaped: round(shaped.drainSeconds),
          bare: round(bare.drainSeconds),
        },
      },
      cpuMsPerCase: {
        engine: perCase(engine.cpu, CASES),
        engineWithNoOpAlertActivities: perCase(sink.cpu, CASES),
        shaped: perCase(shaped.cpu, CASES),
        bare: perCase(bare.cpu, CASES),
      },
      commandLatencyMs: {
        /** The engine's command through the API, under the engine's load. */
        engineThroughApi: { p50: lat.engine!.p50, p99: lat.engine!.p99, loadCases: lat.engine!.loadCases },
        /** A bare Update under the bare workflow's (lighter) load, as before. */
        bareUpdate: lat.bare!,
        /** A bare Update timed right after each engine command, under the engine's load. */
        bareUpdateUnderEngineLoad: lat.engine!.alongside!,
        p99Ratio: round(lat.engine!.p99 / lat.bare!.p99),
        p99RatioUnderSameLoad: round(lat.engine!.p99 / lat.engine!.alongside!.p99),
      },
      audit: {
        engineCasesPerSecond: round(CASES / auditSeconds.engine!),
        bareReplayCasesPerSecond: round(CASES / auditSeconds.bare!),
        ratio: round(auditSeconds.bare! / auditSeconds.engine!),
        fetchAndReplayCasesPerSecond: round(CASES / auditSeconds.fetchAndReplay!),
        ratioToFetchAndReplay: round(auditSeconds.fetchAndReplay! / auditSeconds.engine!),
      },
    };
    console.log(JSON.stringify(result));
    return { result, histories, shapedIds: shaped.ids, bareIds: bare.ids };
  };
  const rounds: Array<Awaited<ReturnType<typeof oneRound>>['result']> = [];
  let first: Awaited<ReturnType<typeof oneRound>> | undefined;
  for (let r = 1; r <= ROUNDS; r++) {
    const done = await oneRound(r);
    rounds.push(done.result);
    first ??= done;
  }

  // Events per case by type, the mean over the first round's cases of each side.
  const bareByType = async (ids: string[]) =>
    meanByType(
      await mapConcurrent(ids, 8, async (id) =>
        eventsByType([{ history: await bareClient.workflow.getHandle(id).fetchHistory() }]),
      ),
    );
  const byType = {
    engine: meanByType(first!.histories.map(eventsByType)),
    shaped: await bareByType(first!.shapedIds),
    bare: await bareByType(first!.bareIds),
  };
  const total = (counts: Record<string, number>) =>
    round(
      Object.values(counts).reduce((a, b) => a + b, 0),
      1,
    );
  // The shaped baseline is only fair if it makes the history the engine makes; where it does not, say so. How
  // Updates and activity completions fall into workflow tasks is up to timing, and differs a little between two
  // cases of the same side too; any other difference means the shape left something out.
  const diff = differences(byType.engine, byType.shaped);
  const isTask = (t: string) => t.startsWith('WorkflowTask');
  const shapedDiffersFromEngine = {
    commands: Object.fromEntries(Object.entries(diff).filter(([t]) => !isTask(t))),
    workflowTasks: Object.fromEntries(Object.entries(diff).filter(([t]) => isTask(t))),
  };
  if (Object.keys(shapedDiffersFromEngine.commands).length)
    console.warn(
      `bench: WARNING the shaped baseline does not do what the engine does, events per case [engine, shaped]: ${JSON.stringify(shapedDiffersFromEngine.commands)}`,
    );
  if (Object.keys(shapedDiffersFromEngine.workflowTasks).length)
    console.warn(
      `bench: warning: the shaped baseline's workflow tasks per case differ from the engine's [engine, shaped]: ${JSON.stringify(shapedDiffersFromEngine.workflowTasks)}`,
    );
  const commandsOfShape = [...shape.atStart, ...shape.afterUpdate.flat()];
  const count = (kind: string) => commandsOfShape.filter((c) => c.kind === kind).length;

  await api.close();
  await database.close();
  for (const w of workers) w.shutdown();
  await Promise.all(running);
  await connection.close();
  await discard();

  const med = (pick: (r: (typeof rounds)[number]) => number) => round(median(rounds.map(pick)));
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
    warmupCases: WARMUP,
    latencySamples: SAMPLES,
    shape: {
      source: shapeSource,
      updates: shape.afterUpdate.length,
      upserts: count('upsert'),
      timersStarted: count('startTimer'),
      timersCancelled: count('cancelTimer'),
      alertActivities: count('deliver'),
      inboxSignals: commandsOfShape.reduce((n, c) => n + (c.kind === 'deliver' ? c.signals.length : 0), 0),
    },
    historyEventsPerCase: {
      engine: total(byType.engine),
      shaped: total(byType.shaped),
      bare: total(byType.bare),
      byType,
      shapedDiffersFromEngine,
    },
    median: {
      throughput: {
        engineCasesPerSecond: med((r) => r.throughput.engineCasesPerSecond),
        shapedCasesPerSecond: med((r) => r.throughput.shapedCasesPerSecond),
        bareCasesPerSecond: med((r) => r.throughput.bareCasesPerSecond),
        ratioToShaped: med((r) => r.throughput.ratioToShaped),
        ratio: med((r) => r.throughput.ratio),
        engineWithNoOpAlertActivities: {
          casesPerSecond: med((r) => r.throughput.engineWithNoOpAlertActivities.casesPerSecond),
          ratio: med((r) => r.throughput.engineWithNoOpAlertActivities.ratio),
        },
      },
      commandLatencyMs: {
        engineThroughApi: {
          p50: med((r) => r.commandLatencyMs.engineThroughApi.p50),
          p99: med((r) => r.commandLatencyMs.engineThroughApi.p99),
        },
        bareUpdate: {
          p50: med((r) => r.commandLatencyMs.bareUpdate.p50),
          p99: med((r) => r.commandLatencyMs.bareUpdate.p99),
        },
        bareUpdateUnderEngineLoad: {
          p50: med((r) => r.commandLatencyMs.bareUpdateUnderEngineLoad.p50),
          p99: med((r) => r.commandLatencyMs.bareUpdateUnderEngineLoad.p99),
        },
        p99Ratio: med((r) => r.commandLatencyMs.p99Ratio),
        p99RatioUnderSameLoad: med((r) => r.commandLatencyMs.p99RatioUnderSameLoad),
      },
      audit: {
        engineCasesPerSecond: med((r) => r.audit.engineCasesPerSecond),
        bareReplayCasesPerSecond: med((r) => r.audit.bareReplayCasesPerSecond),
        ratio: med((r) => r.audit.ratio),
        fetchAndReplayCasesPerSecond: med((r) => r.audit.fetchAndReplayCasesPerSecond),
        ratioToFetchAndReplay: med((r) => r.audit.ratioToFetchAndReplay),
      },
    },
    rounds,
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
