/**
 * The production shape (npm run cluster: PostgreSQL, Temporal's four services as separate processes, two workers
 * and two API instances) doing a province's work, and carrying it on through faults: a candidate taken to official
 * member through both API instances in turn, with both workers taking tasks; load while the history service is
 * SIGKILLed and PostgreSQL restarted; one worker killed for good. Each time every case ends exactly as its commands
 * imply: each command once, each alert raised once and delivered once.
 */
import type { Client } from '@temporalio/client';
import type { Cluster } from '../../src/cluster';
import { COMMITTEE, SECRETARY, signedBy, STEPS } from '../../src/demo/full-case';
import { fetchCaseRuns } from '../../src/temporal/case-runs';
import { apiCaller, closeApiCallers, clusterClient, startTestCluster, workflowTasks } from '../helpers/cluster';
import { createLoad, sleep, type Load } from '../helpers/load';
import { eventually } from '../helpers/stack';

const AUDITOR = { userId: 'ubkt-1', role: 'auditor', orgId: 'tu-demo' } as const;
/** The cluster's workers poll the product's task queue (temporal.config.ts). */
const TASK_QUEUE = 'party-pipeline';

let cluster: Cluster;
let client: Client;
let load: Load;

beforeAll(async () => {
  cluster = await startTestCluster('cluster');
  client = await clusterClient(cluster);
  load = createLoad(client, TASK_QUEUE);
}, 300_000);
afterAll(async () => {
  await client?.connection.close();
  if (cluster) await closeApiCallers(cluster);
  await cluster?.stop();
}, 120_000);

/** The worker processes that ran these cases' workflow tasks, from `since` on. */
async function pidsOf(caseIds: string[], since = 0): Promise<Set<number>> {
  const pids = new Set<number>();
  for (const id of caseIds)
    for (const run of await fetchCaseRuns(client, id))
      for (const task of workflowTasks(run.history)) if (task.at >= since) pids.add(task.pid);
  return pids;
}

test('registration to official member with the steps sent through API instance A and B in turn; both workers take tasks', async () => {
  const [a, b] = [apiCaller(cluster, 0), apiCaller(cluster, 1)];
  const registered = await a(SECRETARY)('POST', '/cases', {
    caseId: 'ab-1',
    profile: { fullName: 'Nguyễn Thị Hoa', birthDate: '1998-04-12', education: 'higher', youthUnionMember: true },
    cellId: 'cb-thpt-a',
    registeredOn: '2025-07-01',
  });
  expect(registered.status).toBe(201);
  for (const [i, [who, step]] of STEPS.entries()) {
    const through = i % 2 === 0 ? b : a;
    if (step.type === 'RECORD_RECOGNITION_VOTE')
      // Probation ends on the anniversary of the ceremony; the workflow's own timer moves the case on.
      await eventually(
        () => through(COMMITTEE)('GET', '/cases/ab-1'),
        (r) => r.body.stage === 'recognition_vote',
      );
    const res = await through(who)('POST', '/cases/ab-1/commands', { ...step, signedBy });
    expect({
      step: step.type,
      through: i % 2 ? 'A' : 'B',
      status: res.status,
      body: res.status === 200 ? null : res.body,
    }).toEqual({ step: step.type, through: i % 2 ? 'A' : 'B', status: 200, body: null });
  }
  const read = await b(COMMITTEE)('GET', '/cases/ab-1');
  expect(read.body).toMatchObject({ stage: 'official', context: { officialSince: '2026-10-20' } });
  const audit = await a(AUDITOR)('GET', '/cases/ab-1/audit');
  expect(audit.body).toMatchObject({ replayed: true, clean: true, findings: [] });

  // More cases at once, so both workers poll with work waiting: each must have run some of the tasks.
  const ids = Array.from({ length: 24 }, (_, i) => `spread-${i}`);
  await load.drive(ids, 8);
  await load.expectEveryCaseExact(ids);
  const pids = await pidsOf(['ab-1', ...ids]);
  expect([...pids].sort()).toEqual(cluster.workers.map((w) => w.pid).sort());
}, 600_000);

test('the history service SIGKILLed and restarted mid-load, then PostgreSQL restarted mid-load: nothing lost or doubled', async () => {
  const ids = Array.from({ length: 48 }, (_, i) => `fault-${i}`);
  load.reset();
  const driving = load.drive(ids, 8);
  await sleep(3000);
  const history = cluster.services.history;
  const killedAt = Date.now();
  await history.kill();
  await sleep(2000);
  await history.start();
  const historyBack = Date.now();
  await sleep(4000);
  const restartedAt = Date.now();
  // As after a crash: no clean shutdown, recovery from the WAL at start.
  await cluster.postgres.restart({ immediate: true });
  const postgresBack = Date.now();
  await driving;
  const hits = [load.hitBy([killedAt, historyBack]), load.hitBy([restartedAt, postgresBack])];
  process.stderr.write(
    `cluster: history down ${historyBack - killedAt} ms, PostgreSQL ${postgresBack - restartedAt} ms; ` +
      `${load.failures()} attempts failed and were retried; per fault (failed, held): ` +
      `${hits.map((h) => `${h.failed}/${h.held}`).join(', ')}\n`,
  );
  // Both faults met live traffic: an attempt in flight failed and was sent again, or was held across it.
  for (const h of hits) expect(h.failed + h.held).toBeGreaterThan(0);
  await sleep(5000);
  await load.expectEveryCaseExact(ids);
}, 900_000);

test('one worker killed for good: the other carries on with every case', async () => {
  const [gone, left] = cluster.workers as [(typeof cluster.workers)[0], (typeof cluster.workers)[0]];
  const goneAt = Date.now();
  await gone.kill();
  const ids = Array.from({ length: 24 }, (_, i) => `one-left-${i}`);
  load.reset();
  await load.drive(ids, 8);
  await sleep(3000);
  await load.expectEveryCaseExact(ids);
  // Everything after the kill ran on the worker left.
  const after = await pidsOf(ids, goneAt);
  expect([...after]).toEqual([left.pid]);
}, 600_000);
