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
import { iso, type IsoDate } from '../../src/charter/dates';
import { caseHandle, CommandRefused, registerCase } from '../../src/temporal/cases';
import { startDevServer, type RunningDevServer } from '../../src/temporal/dev-server';
import type { CommandInput } from '../../src/schemas/commands';
import { inboxWorkflowId } from '../../src/schemas/inbox';
import { listAlertsQuery } from '../../workflows/definitions';
import { fetchCaseRuns } from '../../src/audit/runs';
import { timelineOf } from '../../src/audit/timeline';
import { testCodecEnv, testDataConverter } from '../helpers/codec';
import { STEPS as FULL_CASE, signedBy } from '../../src/demo/full-case';
import { startScratchServer } from '../helpers/scratch-server';
import { killProcess, startWorkerProcess } from '../helpers/worker-process';

const CASES = 200;
const codecEnv = testCodecEnv();
let config: TemporalConfig;
let server: RunningDevServer;
let client: Client;
const workers = new Set<ChildProcess>();
/** Everything the worker processes printed, checked for personal data at the end. */
let workerOutput = '';

beforeAll(async () => {
  ({ config, server } = await startScratchServer('chaos', { TEMPORAL_TASK_QUEUE: 'chaos' }));
  client = new Client({
    connection: await Connection.connect({ address: config.address }),
    dataConverter: testDataConverter(codecEnv),
  });
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
const kill = killProcess;

const recordedBy = { userId: 'bt-1', role: 'cell_secretary' };
/** The whole dossier to the cell's vote: its dates are past, so the commune's decision is overdue and every alert level is raised. */
const STEPS = FULL_CASE.slice(0, 9).map(([, s]) => ({ ...s, signedBy, recordedBy }) as CommandInput);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Sends a command until its outcome is known, as a careful client does. A
 * refusal after an unknown outcome means the first attempt was applied (the
 * machine refuses a step twice); the trail says for sure at the end.
 */
async function sendSurely(caseId: string, step: CommandInput, attempt = 0): Promise<void> {
  try {
    await caseHandle(client, caseId).send(step);
  } catch (err) {
    if (err instanceof CommandRefused && attempt > 0) return;
    if (attempt > 200) throw err;
    await sleep(250);
    return sendSurely(caseId, step, attempt + 1);
  }
}

async function registerSurely(caseId: string, attempt = 0): Promise<void> {
  try {
    await registerCase(client, 'chaos', {
      caseId,
      profile: { fullName: `Nguyễn Văn ${caseId}`, birthDate: iso('1995-04-12'), education: 'higher' },
      cellId: 'cb-thpt-a',
      committeeIds: ['du-xa-a', 'tu-demo'],
      competentCommitteeId: 'du-xa-a',
      registeredOn: iso('2025-07-01') as IsoDate,
    });
  } catch (err) {
    if ((err as Error).constructor.name === 'CaseConflict') return;
    if (attempt > 200) throw err;
    await sleep(250);
    return registerSurely(caseId, attempt + 1);
  }
}

async function drive(ids: string[], concurrency = 16) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < ids.length) {
        const id = ids[next++]!;
        await registerSurely(id);
        for (const step of STEPS) await sendSurely(id, step);
      }
    }),
  );
}

async function expectEveryCaseExact(ids: string[]) {
  let expectedAlerts: number | undefined;
  for (const id of ids) {
    const c = caseHandle(client, id);
    const [stage, trail] = await Promise.all([c.stage(), c.trail()]);
    const commands = trail.filter((e) => e.kind === 'command').map((e) => `${e.type} ${e.date}`);
    expect({ id, stage, commands }).toEqual({
      id,
      stage: 'committee_review',
      commands: STEPS.map((s) => `${s.type} ${s.date}`),
    });
    // Each alert scheduled once in the case's history (the audit's reading of it): none raised twice, none skipped.
    const timeline = await timelineOf(await fetchCaseRuns(client, id), client.options.loadedDataConverter);
    const alerts = timeline.flatMap((e) => (e.kind === 'alert_sent' ? [String(e.payload.alertId)] : []));
    // Every case has the same dates, so the same alerts: the first case sets the count the others must match.
    expectedAlerts ??= alerts.length;
    expect(expectedAlerts).toBeGreaterThanOrEqual(1);
    expect({ id, alerts: alerts.length }).toEqual({ id, alerts: expectedAlerts });
    expect(new Set(alerts).size).toBe(alerts.length);
  }
  // Every case's first alert reached the deciding committee's inbox exactly once.
  const inbox = await client.workflow.getHandle(inboxWorkflowId('du-xa-a')).query(listAlertsQuery, {});
  const firstLevel = inbox.filter((a) => a.level === 1 && ids.includes(a.caseId));
  expect(firstLevel.map((a) => a.caseId).sort()).toEqual([...ids].sort());
}

test(`${CASES} cases advance while the worker is SIGKILLed every few seconds`, async () => {
  const ids = Array.from({ length: CASES }, (_, i) => `kill-${i}`);
  let worker = await startWorker();
  let stop = false;
  let kills = 0;
  const killer = (async () => {
    while (!stop) {
      await sleep(4000);
      if (stop) break;
      await kill(worker);
      kills++;
      worker = await startWorker();
    }
  })();
  await drive(ids);
  stop = true;
  await killer;
  expect(kills).toBeGreaterThanOrEqual(3);
  process.stderr.write(
    `chaos: ${CASES} cases, ${CASES * (STEPS.length + 1)} operations, worker SIGKILLed ${kills} times\n`,
  );
  // Let the last worker raise what fell due (all four escalation levels are in the past).
  await sleep(5000);
  await expectEveryCaseExact(ids);
  await kill(worker);
}, 900_000);

test('the dev server stopped and started again mid-load on the same SQLite file: nothing lost', async () => {
  const ids = Array.from({ length: 60 }, (_, i) => `restart-${i}`);
  const worker = await startWorker();
  const driving = drive(ids, 8);
  await sleep(4000);
  await server.stop();
  await sleep(2000);
  server = await startDevServer(config);
  await driving;
  await sleep(5000);
  await expectEveryCaseExact(ids);
  await kill(worker);
}, 900_000);

test("nothing the workers printed through all of that holds a candidate's personal data", () => {
  expect(workerOutput.length).toBeGreaterThan(0);
  for (const clear of ['Nguyễn Văn', '1995-04-12', 'Phạm Văn Dũng', 'Hoàng Thị Em', 'Lê Văn Tâm'])
    expect({ clear, found: workerOutput.includes(clear) }).toEqual({ clear, found: false });
});
