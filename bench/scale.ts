/**
 * `npm run bench` (second part): a province-sized load. N open cases, each
 * waiting on a live deadline timer (the committee's decision, due weeks from
 * now), against N bare workflows waiting on one timer each, on the same dev
 * server. For N = 1,000 and 10,000 (BENCH_SCALE): how fast they start and
 * settle on a worker (each has had its first task: its due date is in
 * visibility), the worker's resident memory and memory per cached case, and
 * how long a committee's visibility queries take at that size. The engine's
 * worker runs with the product's bounded cache (TEMPORAL_MAX_CACHED_WORKFLOWS,
 * BENCH_ENGINE_CACHE to change it); the bare worker keeps every workflow.
 * The side that goes first alternates from one size to the next (the engine
 * first at the first size), so neither always starts on the emptier database;
 * a size listed twice (BENCH_SCALE=1000,1000) measures it in both orders.
 * Nothing of one side runs in the other's time: a side's measurement ends
 * when all its workflows wait on timers months away, and its worker is gone.
 *
 * The cases start at the committee's decision from a snapshot the real
 * machine produced (the input a continue-as-new carries), so 10,000 open
 * cases exist in minutes rather than after the 90,000 Updates of walking
 * each one there; every guard was passed on the way to that snapshot.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import type { SearchAttributePair } from '@temporalio/common';
import { addDays, daysBetween, iso, localDateOf, startOfLocalDay } from '../src/charter/dates';
import { carry, openCase, resume, searchAttributesOf, stageOfCase, type CarriedCase } from '../src/case/state';
import { SA } from '../src/schemas/search-attributes';
import { takeStep } from '../src/case/step';
import { Registration } from '../src/schemas/candidate';
import { Command } from '../src/schemas/commands';
import { listCases, visibilityQuery } from '../src/temporal/case-list';
import { installQuietRuntime } from '../src/temporal/quiet-runtime';
import { candidateWorkflowId } from '../workflows/definitions';
// A raised alert goes out at once, as in the suites: the policy's grace would hold every case open 30 real minutes.
import '../test/helpers/alert-grace-env';
import { testCodecEnv, testDataConverter } from '../test/helpers/codec';
import { STEPS } from '../src/demo/full-case';
import { startScratchServer } from '../test/helpers/scratch-server';
import { mapConcurrent } from '../src/util/map-concurrent';

const SIZES = (process.env.BENCH_SCALE ?? '1000,10000').split(',').map(Number);
const START_CONCURRENCY = 32;
const round = (x: number, d = 2) => Number(x.toFixed(d));
const sleepMs = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A case of the commune's school cell just voted by its cell: the committee's decision is due in 30 working days. */
function votedCase(): { carried: CarriedCase; dueDate: string } {
  const today = localDateOf(Date.now());
  const clock = { at: new Date().toISOString(), today };
  const upTo = STEPS.findIndex(([, s]) => s.type === 'RECORD_CELL_VOTE');
  // Whole weeks, so every step keeps its weekday; the vote lands in the last seven days.
  const shift = Math.floor(daysBetween(iso('2025-09-15'), today) / 7) * 7;
  // Through the case core, as the workflow takes them: the carried state holds the trail and the deadline ledger.
  let state = openCase(
    Registration.parse({
      caseId: 'template',
      // Born as much later as the steps are moved, so the candidate stays of youth age for the Youth Union's route.
      profile: {
        fullName: 'Người mẫu',
        birthDate: addDays(iso('1998-04-12'), shift),
        education: 'higher',
        youthUnionMember: true,
      },
      cellId: 'cb-thpt-a',
      committeeIds: ['du-xa-a', 'tu-demo'],
      competentCommitteeId: 'du-xa-a',
      registeredOn: addDays(iso('2025-07-01'), shift),
    }),
    clock,
  );
  for (const [, step] of STEPS.slice(0, upTo + 1)) {
    const command = Command.parse({
      ...step,
      date: addDays(iso(step.date as string), shift),
      signedBy: 'Bí thư',
      recordedBy: { userId: 'bench', role: 'cell_secretary' },
    });
    const r = takeStep(state, { ...command, recordedOn: today }, 'command', clock);
    if (!r.ok) throw new Error(`bench: ${step.type} refused: ${JSON.stringify(r.refusals)}`);
    state = r.state;
  }
  if (stageOfCase(state) !== 'committee_review') throw new Error(`bench: template ended at ${stageOfCase(state)}`);
  if (!state.ledger.some((d) => d.metOn === null)) throw new Error('bench: the template has no open deadline');
  return { carried: carry(state), dueDate: addDays(today, 120) };
}

interface WorkerReport {
  cached: number;
  rss: number;
}

function spawnWorker(kind: 'engine' | 'bare', taskQueue: string, max: string, env: NodeJS.ProcessEnv) {
  const child: ChildProcess = fork(join(__dirname, 'scale-worker.ts'), [kind, taskQueue, max], {
    execArgv: ['--import', 'tsx'],
    env,
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  let last: WorkerReport | undefined;
  child.on('message', (m) => (last = m as WorkerReport));
  return {
    child,
    report: () => last,
    async until(ok: (r: WorkerReport) => boolean, timeoutMs: number) {
      const end = Date.now() + timeoutMs;
      while (!(last && ok(last))) {
        if (Date.now() > end) throw new Error(`bench: ${kind} worker stuck at ${JSON.stringify(last)}`);
        if (child.exitCode !== null) throw new Error(`bench: ${kind} worker exited ${child.exitCode}`);
        await sleepMs(200);
      }
      return last;
    },
    async stop() {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await exited;
    },
  };
}

async function main() {
  installQuietRuntime();
  const codecEnv = testCodecEnv();
  const { config, devEnv, discard } = await startScratchServer('bench-scale', { TEMPORAL_TASK_QUEUE: 'scale' });
  const connection = await Connection.connect({ address: config.address });
  const client = new Client({ connection, dataConverter: testDataConverter(codecEnv) });
  const bareClient = new Client({ connection });
  const env = { ...process.env, ...codecEnv, ...devEnv };
  const { carried, dueDate } = votedCase();
  const withId = (id: string): CarriedCase => ({
    ...carried,
    persisted: { ...carried.persisted, context: { ...carried.persisted.context, caseId: id } },
    origin: { ...carried.origin, caseId: id },
  });
  const startAttributes = (id: string) =>
    searchAttributesOf(resume(withId(id))).filter(
      (p): p is SearchAttributePair => p.value !== null && p.key.name !== SA.nextDue.name,
    );
  const dueAt = startOfLocalDay(iso(dueDate)).getTime();

  const measure = async (kind: 'engine' | 'bare', n: number, k: number) => {
    const queue = `scale-${kind}-${n}-${k}`;
    const cache = kind === 'bare' ? String(n + 100) : (process.env.BENCH_ENGINE_CACHE ?? '');
    const worker = spawnWorker(kind, queue, cache, env);
    const idle = await worker.until(() => true, 60_000);
    await sleepMs(2000);
    const rssBefore = worker.report()!.rss ?? idle.rss;
    const ids = Array.from({ length: n }, (_, i) => `${queue}-${i}`);
    let t = performance.now();
    await mapConcurrent(ids, START_CONCURRENCY, async (id) => {
      if (kind === 'engine')
        await client.workflow.start('candidate', {
          workflowId: candidateWorkflowId(id),
          taskQueue: queue,
          args: [
            {
              carried: withId(id),
            },
          ],
          // As a registration lists its case at start; the due date is left to the case's first task (see settled).
          typedSearchAttributes: startAttributes(id),
        });
      else await bareClient.workflow.start('bareWaiting', { workflowId: id, taskQueue: queue, args: [dueAt] });
    });
    const startSeconds = (performance.now() - t) / 1000;
    // Settled: every workflow has had its first task (its due date is in visibility) and waits on its timer.
    const settled = `TaskQueue = '${queue}' AND NextDueDate > '2000-01-01T00:00:00Z'`;
    for (let waited = 0; (await client.workflow.count(settled)).count < n; waited += 500) {
      if (waited > 60 * 60_000) throw new Error(`bench: ${kind} ${n} did not settle`);
      await sleepMs(500);
    }
    const settleSeconds = (performance.now() - t) / 1000;
    const cached = worker.report()!.cached;
    await sleepMs(2000);
    const rssAfter = worker.report()!.rss;
    let visibility: { countMs: number; listMs: number; counted: number } | undefined;
    if (kind === 'engine') {
      // What a committee asks: everything under it due by a date (all sizes so far are on the server).
      const filter = { committeeId: 'du-xa-a', dueBefore: iso(dueDate) };
      await sleepMs(1000);
      t = performance.now();
      const { count } = await client.workflow.count(visibilityQuery(filter));
      const countMs = round(performance.now() - t);
      t = performance.now();
      await listCases(client, filter, { pageSize: 50 });
      visibility = { countMs, listMs: round(performance.now() - t), counted: count };
    }
    await worker.stop();
    return {
      startPerSecond: round(n / startSeconds),
      settleSeconds: round(settleSeconds),
      settledPerSecond: round(n / settleSeconds),
      rssMiB: { before: round(rssBefore / 2 ** 20, 1), after: round(rssAfter / 2 ** 20, 1) },
      cachedWorkflows: cached,
      rssKiBPerCachedCase: round((rssAfter - rssBefore) / 1024 / Math.max(1, cached), 1),
      ...(visibility ? { visibility } : {}),
    };
  };

  const sizes = [];
  for (const [k, n] of SIZES.entries()) {
    const order: Array<'engine' | 'bare'> = k % 2 === 0 ? ['engine', 'bare'] : ['bare', 'engine'];
    console.log(`bench scale: ${n} open cases with live timers, ${order.join(' then ')}`);
    const measured: Partial<Record<'engine' | 'bare', Awaited<ReturnType<typeof measure>>>> = {};
    for (const kind of order) measured[kind] = await measure(kind, n, k);
    const engine = measured.engine!;
    const bare = measured.bare!;
    sizes.push({
      cases: n,
      first: order[0]!,
      engine,
      bare,
      ratio: {
        settledPerSecond: round(engine.settledPerSecond / bare.settledPerSecond),
        memoryPerCase: round(engine.rssKiBPerCachedCase / bare.rssKiBPerCachedCase),
      },
    });
    console.log(JSON.stringify(sizes.at(-1)));
  }
  await connection.close();
  await discard();

  const result = {
    at: new Date().toISOString(),
    kind: 'scale',
    machine: {
      cpus: cpus().length,
      cpu: cpus()[0]?.model,
      memoryGiB: round(totalmem() / 2 ** 30, 1),
      node: process.version,
    },
    dueDate,
    sizes,
  };
  mkdirSync(join(__dirname, 'results'), { recursive: true });
  writeFileSync(
    join(__dirname, 'results', `${result.at.replace(/[:.]/g, '-')}-scale.json`),
    JSON.stringify(result, null, 2) + '\n',
  );
  console.log(JSON.stringify(result, null, 2));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
