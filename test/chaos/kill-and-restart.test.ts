/**
 * Faults under load, on the real dev server with real worker processes:
 * 200 cases advance while the worker is SIGKILLed again and again, and
 * while the server itself is stopped and started on the same SQLite file.
 * At the end every case is in the state its commands imply, every command
 * is in its trail exactly once, and every alert was raised once, none lost.
 */
import type { ChildProcess } from 'node:child_process';
import { Client, Connection } from '@temporalio/client';
import { type TemporalConfig } from '../../temporal.config';
import { startDevServer, type RunningDevServer } from '../../src/temporal/dev-server';
import { testCodecEnv, testDataConverter } from '../helpers/codec';
import { startScratchServer } from '../helpers/scratch-server';
import { killProcess as kill, startWorkerProcess } from '../helpers/worker-process';
import { createLoad, LOAD_PERSONAL_DATA, LOAD_STEPS as STEPS, sleep, type Load } from '../helpers/load';

const CASES = 200;
const codecEnv = testCodecEnv();
let config: TemporalConfig;
let server: RunningDevServer;
let client: Client;
let load: Load;
const workers = new Set<ChildProcess>();
/** Everything the worker processes printed, checked for personal data at the end. */
let workerOutput = '';

beforeAll(async () => {
  ({ config, server } = await startScratchServer('chaos', { TEMPORAL_TASK_QUEUE: 'chaos' }));
  client = new Client({
    connection: await Connection.connect({ address: config.address }),
    dataConverter: testDataConverter(codecEnv),
  });
  load = createLoad(client, 'chaos');
}, 120_000);
afterAll(async () => {
  for (const w of workers) w.kill('SIGKILL');
  await client?.connection.close();
  await server?.stop();
});

async function startWorker(): Promise<ChildProcess> {
  const child = await startWorkerProcess({
    ...codecEnv,
    TEMPORAL_ADDRESS: config.address,
    TEMPORAL_TASK_QUEUE: 'chaos',
  });
  workers.add(child);
  child.stdout!.on('data', (b: Buffer) => (workerOutput += b.toString()));
  child.stderr!.on('data', (b: Buffer) => (workerOutput += b.toString()));
  child.once('exit', () => workers.delete(child));
  return child;
}

test(`${CASES} cases advance while the worker is SIGKILLed every few seconds`, async () => {
  const ids = Array.from({ length: CASES }, (_, i) => `kill-${i}`);
  load.reset();
  let worker = await startWorker();
  let stop = false;
  /** From each SIGKILL until its replacement polls: when no worker runs the cases. */
  const outages: Array<[number, number]> = [];
  const killer = (async () => {
    while (!stop) {
      await sleep(4000);
      if (stop) break;
      const from = Date.now();
      await kill(worker);
      worker = await startWorker();
      outages.push([from, Date.now()]);
    }
  })();
  await load.drive(ids);
  stop = true;
  await killer;
  expect(outages.length).toBeGreaterThanOrEqual(3);
  const hits = outages.map(load.hitBy);
  const failed = hits.reduce((n, h) => n + h.failed, 0);
  const held = hits.reduce((n, h) => n + h.held, 0);
  process.stderr.write(
    `chaos: ${CASES} cases, ${CASES * (STEPS.length + 1)} operations, worker SIGKILLed ${outages.length} times; ` +
      `${load.failures()} attempts failed and were retried, ${failed} of them overlapping a time no worker ran; ` +
      `${held} attempts were held across a whole outage\n`,
  );
  // The kills met live traffic: attempts in flight during an outage failed (and were sent again with their key)
  // or were held across all of it. Which of the two depends on how quickly a new worker takes the case.
  expect(failed + held).toBeGreaterThan(0);
  // Let the last worker raise what fell due.
  await sleep(5000);
  await load.expectEveryCaseExact(ids);
  await kill(worker);
}, 900_000);

test('the dev server stopped and started again mid-load on the same SQLite file: nothing lost', async () => {
  const ids = Array.from({ length: 60 }, (_, i) => `restart-${i}`);
  load.reset();
  const worker = await startWorker();
  const driving = load.drive(ids, 8);
  await sleep(4000);
  const from = Date.now();
  await server.stop();
  await sleep(2000);
  server = await startDevServer(config);
  const to = Date.now();
  await driving;
  const hit = load.hitBy([from, to]);
  process.stderr.write(
    `chaos: server restarted mid-load; ${load.failures()} attempts failed and were retried, ${hit.failed} of them ` +
      `overlapping the time it was down; ${hit.held} attempts were held across the whole outage\n`,
  );
  expect(hit.failed + hit.held).toBeGreaterThan(0);
  await sleep(5000);
  await load.expectEveryCaseExact(ids);
  await kill(worker);
}, 900_000);

test("nothing the workers printed through all of that holds a candidate's personal data", () => {
  expect(workerOutput.length).toBeGreaterThan(0);
  for (const clear of LOAD_PERSONAL_DATA)
    expect({ clear, found: workerOutput.includes(clear) }).toEqual({ clear, found: false });
});
