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
import { iso, localDateOf, type IsoDate } from '../../src/charter/dates';
import { caseHandle, CommandRefused, registerCase } from '../../src/temporal/cases';
import { startDevServer, type RunningDevServer } from '../../src/temporal/dev-server';
import type { CommandInput } from '../../src/schemas/commands';
import { inboxWorkflowId, listAlertsQuery } from '../../workflows/definitions';
import { alertIdOf } from '../../src/schemas/alert';
import type { CaseContext } from '../../src/schemas/case';
import { deadlineOf } from '../../src/machine/deadlines';
import { levelRaisedOn, recipientsAt } from '../../src/machine/escalation';
import { fetchCaseRuns } from '../../src/temporal/case-runs';
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
/** The whole dossier to the cell's vote: its dates are past, so the commune's decision is overdue and its alerts are raised at once. */
const STEPS = FULL_CASE.slice(0, 9).map(([, s]) => ({ ...s, signedBy, recordedBy }) as CommandInput);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Every attempt the client made, when it started and ended and whether it
 * failed: a fault that no request ever met would prove nothing, so each test
 * checks that its outage hit live traffic.
 */
let attempts: Array<{ start: number; end: number; failed: boolean }> = [];
async function attempt<T>(f: () => Promise<T>): Promise<T> {
  const start = Date.now();
  try {
    const v = await f();
    attempts.push({ start, end: Date.now(), failed: false });
    return v;
  } catch (err) {
    attempts.push({ start, end: Date.now(), failed: true });
    throw err;
  }
}
/** Attempts that failed and overlapped the fault, and those held from before it began until after it ended. */
const hitBy = ([from, to]: [number, number]) => ({
  failed: attempts.filter((a) => a.failed && a.start <= to && a.end >= from).length,
  held: attempts.filter((a) => a.start < from && a.end > to).length,
});
const failures = () => attempts.filter((a) => a.failed).length;
/**
 * How long a careful client keeps retrying one step. Generous: on a loaded
 * machine a restarted worker takes many seconds to poll, and a case whose
 * workflow task timed out refuses Updates until a worker has run it again.
 */
const RETRY_FOR_MS = 240_000;

/**
 * Sends a command until its outcome is known, as a careful client does: one
 * Idempotency-Key for the step, sent again with every retry, so a retry of a
 * step already applied is answered with its first outcome. A refusal is real:
 * these steps are all permitted, once.
 */
async function sendSurely(
  caseId: string,
  step: CommandInput,
  key: string,
  since = Date.now(),
  tries = 0,
): Promise<void> {
  try {
    // A deadline shorter than an outage, as a user's patience is: an attempt the outage holds up fails and is sent
    // again. Not so short that a busy but healthy worker's answer is given up on, and the retries back off, so a
    // loaded machine does not turn slow answers into a storm of retries.
    await attempt(() => caseHandle(client, caseId).send(step, { idempotencyKey: key, timeoutMs: 5000 }));
  } catch (err) {
    if (err instanceof CommandRefused || Date.now() - since > RETRY_FOR_MS) throw err;
    await sleep(Math.min(250 * 2 ** tries, 4000));
    return sendSurely(caseId, step, key, since, tries + 1);
  }
}

async function registerSurely(caseId: string, since = Date.now()): Promise<void> {
  try {
    await attempt(() =>
      registerCase(client, 'chaos', {
        caseId,
        profile: {
          fullName: `Nguyễn Văn ${caseId}`,
          birthDate: iso('1995-04-12'),
          education: 'higher',
          youthUnionMember: true,
        },
        cellId: 'cb-thpt-a',
        committeeIds: ['du-xa-a', 'tu-demo'],
        competentCommitteeId: 'du-xa-a',
        registeredOn: iso('2025-07-01') as IsoDate,
      }),
    );
  } catch (err) {
    if ((err as Error).constructor.name === 'CaseConflict') return;
    if (Date.now() - since > RETRY_FOR_MS) throw err;
    await sleep(250);
    return registerSurely(caseId, since);
  }
}

async function drive(ids: string[], concurrency = 16) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < ids.length) {
        const id = ids[next++]!;
        await registerSurely(id);
        for (const [i, step] of STEPS.entries()) await sendSurely(id, step, `${id}:${i}`);
      }
    }),
  );
}

/**
 * The alerts the escalation ladder implies for a case at the committee's
 * decision: each level whose day has come, in order, stopping at the first the
 * ladder or the organisation chain does not have, computed by the same pure
 * functions the workflow uses from the case's own facts.
 */
function expectedAlerts(ctx: CaseContext, today: IsoDate) {
  const deadline = deadlineOf(ctx, 'committee_decision')!;
  const alerts = [];
  for (let level = 1; ; level++) {
    const on = levelRaisedOn(ctx, deadline, level);
    if (!on || on > today) break;
    alerts.push({
      alertId: alertIdOf(ctx.caseId, deadline.id, level),
      level,
      dueDate: deadline.dueDate,
      recipients: recipientsAt(ctx, deadline, level),
    });
  }
  return alerts;
}

async function expectEveryCaseExact(ids: string[]) {
  const today = localDateOf(Date.now());
  for (const id of ids) {
    const c = caseHandle(client, id);
    const [{ stage, context }, trail] = await Promise.all([c.snapshot(), c.trail()]);
    const commands = trail.filter((e) => e.kind === 'command').map((e) => `${e.type} ${e.date}`);
    expect({ id, stage, commands }).toEqual({
      id,
      stage: 'committee_review',
      commands: STEPS.map((s) => `${s.type} ${s.date}`),
    });
    // The facts the ladder is computed from are the ones the commands set, not whatever the case holds.
    expect(context.cellVote?.on).toBe(STEPS.at(-1)!.date);
    // Each alert scheduled once in the case's history (the audit's reading of it): none raised twice, none skipped.
    const timeline = await timelineOf(await fetchCaseRuns(client, id), client.options.loadedDataConverter);
    const alerts = timeline.flatMap((e) =>
      e.kind === 'alert_sent'
        ? [
            {
              alertId: e.payload.alertId,
              level: e.payload.level,
              dueDate: e.payload.dueDate,
              recipients: e.payload.recipients,
            },
          ]
        : [],
    );
    const expected = expectedAlerts(context, today);
    expect(expected.length).toBeGreaterThanOrEqual(1);
    expect({ id, alerts }).toEqual({ id, alerts: expected });
  }
  // Every case's first alert reached the deciding committee's inbox exactly once.
  const inbox = await client.workflow.getHandle(inboxWorkflowId('du-xa-a')).query(listAlertsQuery, {});
  const firstLevel = inbox.filter((a) => a.level === 1 && ids.includes(a.caseId));
  expect(firstLevel.map((a) => a.caseId).sort()).toEqual([...ids].sort());
}

test(`${CASES} cases advance while the worker is SIGKILLed every few seconds`, async () => {
  const ids = Array.from({ length: CASES }, (_, i) => `kill-${i}`);
  attempts = [];
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
  await drive(ids);
  stop = true;
  await killer;
  expect(outages.length).toBeGreaterThanOrEqual(3);
  const hits = outages.map(hitBy);
  const failed = hits.reduce((n, h) => n + h.failed, 0);
  const held = hits.reduce((n, h) => n + h.held, 0);
  process.stderr.write(
    `chaos: ${CASES} cases, ${CASES * (STEPS.length + 1)} operations, worker SIGKILLed ${outages.length} times; ` +
      `${failures()} attempts failed and were retried, ${failed} of them overlapping a time no worker ran; ` +
      `${held} attempts were held across a whole outage\n`,
  );
  // The kills met live traffic: attempts in flight during an outage failed (and were sent again with their key)
  // or were held across all of it. Which of the two depends on how quickly a new worker takes the case.
  expect(failed + held).toBeGreaterThan(0);
  // Let the last worker raise what fell due.
  await sleep(5000);
  await expectEveryCaseExact(ids);
  await kill(worker);
}, 900_000);

test('the dev server stopped and started again mid-load on the same SQLite file: nothing lost', async () => {
  const ids = Array.from({ length: 60 }, (_, i) => `restart-${i}`);
  attempts = [];
  const worker = await startWorker();
  const driving = drive(ids, 8);
  await sleep(4000);
  const from = Date.now();
  await server.stop();
  await sleep(2000);
  server = await startDevServer(config);
  const to = Date.now();
  await driving;
  const hit = hitBy([from, to]);
  process.stderr.write(
    `chaos: server restarted mid-load; ${failures()} attempts failed and were retried, ${hit.failed} of them ` +
      `overlapping the time it was down; ${hit.held} attempts were held across the whole outage\n`,
  );
  expect(hit.failed + hit.held).toBeGreaterThan(0);
  await sleep(5000);
  await expectEveryCaseExact(ids);
  await kill(worker);
}, 900_000);

test("nothing the workers printed through all of that holds a candidate's personal data", () => {
  expect(workerOutput.length).toBeGreaterThan(0);
  for (const clear of ['Nguyễn Văn', '1995-04-12', 'Phạm Văn Dũng', 'Hoàng Thị Em', 'Lê Văn Tâm'])
    expect({ clear, found: workerOutput.includes(clear) }).toEqual({ clear, found: false });
});
