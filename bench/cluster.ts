/**
 * The engine on the production-shaped cluster (four Temporal services on PostgreSQL) against the dev server
 * (one process on SQLite), on this machine in the same run, with one and then two worker processes:
 *   throughput  whole cases (register + every command to official member) per second;
 *   latency     p50/p99 of one command (a workflow Update, from the client) while the other cases run;
 *   audit       cases replayed and re-checked per second, from the same histories.
 * Each phase runs in worker processes started as an operator starts them (`npm run worker`) on a task queue of
 * its own, after an untimed warm-up, BENCH_ROUNDS times (one worker, two, one, …); the median of each is reported. BENCH_CLUSTER_ADDRESS measures a cluster already running instead of
 * starting one. Results go to bench/results/<timestamp>-cluster.json and stdout; docs/benchmarks.md reports them.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { auditCases } from '../src/audit/report';
import { bundleWorkflows } from '../src/temporal/bundle';
import { caseHandle, registerCase } from '../src/temporal/cases';
import type { CommandInput } from '../src/schemas/commands';
import { sendInTurn, STEPS } from '../src/demo/full-case';
import { mapConcurrent } from '../src/util/map-concurrent';
// A raised alert goes out at once, as in the suites: the policy's grace would hold every case open 30 real minutes.
import '../test/helpers/alert-grace-env';
import { testCodecEnv, testDataConverter } from '../test/helpers/codec';
import { backDatedRegistration } from '../test/helpers/load';
import { startScratchServer } from '../test/helpers/scratch-server';
import { killProcess, startWorkerProcess } from '../test/helpers/worker-process';
import { startCluster } from '../src/cluster';
import { installQuietRuntime } from '../src/temporal/quiet-runtime';
import { median, percentile, round } from './stats';

const CASES = Number(process.env.BENCH_CASES ?? 40);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const WORKER_COUNTS = [1, 2];
/** Each (target, workers) pair is measured this many times, one and two workers in turn; the median is reported. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const recordedBy = { userId: 'bench', role: 'cell_secretary' };
const commands = STEPS.map(([, s]) => ({ ...s, signedBy: 'Bí thư', recordedBy }) as CommandInput);

interface Target {
  name: 'devServer' | 'cluster';
  address: string;
  stop(): Promise<void>;
}

async function devServer(): Promise<Target> {
  const { config, discard } = await startScratchServer('bench-cluster-dev');
  return { name: 'devServer', address: config.address, stop: discard };
}

async function cluster(): Promise<Target> {
  const given = process.env.BENCH_CLUSTER_ADDRESS;
  if (given) return { name: 'cluster', address: given, stop: async () => undefined };
  const c = await startCluster({ dir: mkdtempSync(join(tmpdir(), 'bench-cluster-')), workers: 0, apis: 0 });
  return { name: 'cluster', address: c.temporalAddress, stop: () => c.stop() };
}

async function measure(target: Target, workerCount: number, roundNo: number) {
  const codecEnv = testCodecEnv();
  const taskQueue = `bench-${target.name}-${workerCount}w-r${roundNo}`;
  const workers: ChildProcess[] = [];
  for (let i = 0; i < workerCount; i++)
    workers.push(
      await startWorkerProcess({ ...codecEnv, TEMPORAL_ADDRESS: target.address, TEMPORAL_TASK_QUEUE: taskQueue }),
    );
  const connection = await Connection.connect({ address: target.address });
  const client = new Client({ connection, dataConverter: testDataConverter(codecEnv) });
  const latencies: number[] = [];
  const wholeCase = async (caseId: string) => {
    await registerCase(client, taskQueue, backDatedRegistration(caseId));
    const c = caseHandle(client, caseId);
    for (const command of commands) {
      const t = performance.now();
      await sendInTurn(c, command);
      latencies.push(performance.now() - t);
    }
  };
  try {
    const warm = Array.from({ length: CONCURRENCY }, (_, i) => `${taskQueue}-warm-${i}`);
    await mapConcurrent(warm, CONCURRENCY, wholeCase);
    latencies.length = 0;
    const ids = Array.from({ length: CASES }, (_, i) => `${taskQueue}-${i}`);
    const t = performance.now();
    await mapConcurrent(ids, CONCURRENCY, wholeCase);
    const seconds = (performance.now() - t) / 1000;
    const workflowBundle = await bundleWorkflows();
    const deps = {
      client,
      workflowBundle: async () => workflowBundle,
      dataConverter: client.options.dataConverter,
      loadedDataConverter: client.options.loadedDataConverter,
    };
    await auditCases(deps, warm);
    const a = performance.now();
    const audited = await auditCases(deps, ids);
    const auditSeconds = (performance.now() - a) / 1000;
    const unclean = audited.filter((r) => !('clean' in r) || !r.clean || !r.replayed).length;
    if (unclean) throw new Error(`bench: ${unclean} of ${ids.length} cases did not audit clean on ${target.name}`);
    return {
      target: target.name,
      workers: workerCount,
      casesPerSecond: round(CASES / seconds),
      commandLatencyMs: { p50: round(percentile(latencies, 50)), p99: round(percentile(latencies, 99)) },
      auditCasesPerSecond: round(CASES / auditSeconds),
    };
  } finally {
    await connection.close();
    for (const w of workers) await killProcess(w);
  }
}

async function main() {
  installQuietRuntime();
  const rounds: Array<Awaited<ReturnType<typeof measure>> & { round: number }> = [];
  for (const start of [devServer, cluster]) {
    const target = await start();
    try {
      for (let r = 1; r <= ROUNDS; r++)
        // Two workers first in even rounds, so neither count always meets the fuller database.
        for (const n of r % 2 ? WORKER_COUNTS : [...WORKER_COUNTS].reverse()) {
          const m = await measure(target, n, r);
          console.log(
            `bench:cluster round ${r} ${m.target.padEnd(9)} ${m.workers} worker(s): ${m.casesPerSecond} cases/s, ` +
              `command p50 ${m.commandLatencyMs.p50} ms p99 ${m.commandLatencyMs.p99} ms, audit ${m.auditCasesPerSecond} cases/s`,
          );
          rounds.push({ round: r, ...m });
        }
    } finally {
      await target.stop();
    }
  }
  const results = (['devServer', 'cluster'] as const).flatMap((target) =>
    WORKER_COUNTS.map((workers) => {
      const of = rounds.filter((r) => r.target === target && r.workers === workers);
      return {
        target,
        workers,
        casesPerSecond: round(median(of.map((r) => r.casesPerSecond))),
        commandLatencyMs: {
          p50: round(median(of.map((r) => r.commandLatencyMs.p50))),
          p99: round(median(of.map((r) => r.commandLatencyMs.p99))),
        },
        auditCasesPerSecond: round(median(of.map((r) => r.auditCasesPerSecond))),
      };
    }),
  );
  for (const r of results)
    console.log(
      `bench:cluster median    ${r.target.padEnd(9)} ${r.workers} worker(s): ${r.casesPerSecond} cases/s, ` +
        `command p50 ${r.commandLatencyMs.p50} ms p99 ${r.commandLatencyMs.p99} ms, audit ${r.auditCasesPerSecond} cases/s`,
    );
  const at = new Date().toISOString().replace(/[:.]/g, '-');
  const dir = join(__dirname, 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${at}-cluster.json`);
  const machine = { cpus: cpus().length, memoryGiB: round(totalmem() / 2 ** 30, 1), node: process.version };
  writeFileSync(
    file,
    JSON.stringify(
      { at, cases: CASES, concurrency: CONCURRENCY, rounds: ROUNDS, machine, results, each: rounds },
      null,
      2,
    ) + '\n',
  );
  console.log(`bench:cluster: ${file}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
