/**
 * A fresh cluster as an operator meets it, then its backup restored into another. On a cluster nothing has
 * touched, a worker allowed only to check (PIPELINE_BOOTSTRAP=check) stops naming the namespace and every search
 * attribute it lacks, and one allowed to create them does. Then a working cluster's three databases are dumped
 * and restored into a new cluster, where every case is intact: its history is the one backed up (the audit's
 * hash chain) and audits as before, clean where it was; it is listed, its committee's alerts are there, and it
 * takes its next step; the registry's replacement is there too.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import { SEARCH_ATTRIBUTES } from '../../temporal.config';
import { auditCases } from '../../src/audit/report';
import { readBackup } from '../../src/cluster/backup';
import type { Cluster } from '../../src/cluster';
import { COMMITTEE, SECRETARY, signedBy, STEPS } from '../../src/demo/full-case';
import { localDateOf } from '../../src/charter/dates';
import { bundleWorkflows } from '../../src/temporal/bundle';
import { inboxWorkflowId, listAlertsQuery } from '../../workflows/definitions';
import { apiCaller, closeApiCallers, clusterClient, startTestCluster } from '../helpers/cluster';
import { createLoad, sleep } from '../helpers/load';
import { freePort } from '../helpers/scratch-server';
import { eventually } from '../helpers/stack';
import { ADMIN, AUDITOR, demoFile } from '../helpers/two-instances';
import { killProcess, startWorkerProcess } from '../helpers/worker-process';

const TASK_QUEUE = 'party-pipeline';
const DECISION = STEPS.find(([, s]) => s.type === 'RECORD_COMMITTEE_DECISION')![1];

const ENROL = STEPS.find(([, s]) => s.type === 'ENROL_COURSE')![1];

/** What the audit makes of each case: whether it replays, what it finds, and the hash chain's head. */
async function audit(client: Client, ids: string[]) {
  const bundle = await bundleWorkflows();
  const reports = await auditCases(
    {
      client,
      workflowBundle: async () => bundle,
      dataConverter: client.options.dataConverter,
      loadedDataConverter: client.options.loadedDataConverter,
    },
    ids,
  );
  return reports.map((r) => {
    if (!('clean' in r)) throw new Error(`audit of ${r.caseId}: ${r.error}: ${r.message}`);
    return { caseId: r.caseId, replayed: r.replayed, clean: r.clean, findings: r.findings, head: r.chain.head };
  });
}

let first: Cluster | undefined;
let restored: Cluster | undefined;
const clients: Client[] = [];
afterAll(async () => {
  for (const c of clients) await c.connection.close();
  for (const c of [restored, first]) if (c) await closeApiCallers(c);
  await restored?.stop();
  await first?.stop();
}, 120_000);

beforeAll(async () => {
  first = await startTestCluster('bootstrap', { workers: 0, apis: 0 });
}, 300_000);

test('on a fresh cluster, a worker that may only check stops and names the namespace and every search attribute', async () => {
  const err = await startWorkerProcess({ ...first!.env, PIPELINE_BOOTSTRAP: 'check' }).then(
    () => new Error('expected the worker to stop'),
    (e: Error) => e,
  );
  expect(err.message).toContain('PIPELINE_BOOTSTRAP=check forbids creating them');
  expect(err.message).toContain(`  - the namespace ${first!.namespace}`);
  for (const [name, type] of Object.entries(SEARCH_ATTRIBUTES))
    expect(err.message).toContain(`  - the search attribute ${name} of type ${type}`);
}, 120_000);

test('a worker that may create them does, and a worker that may only check then starts', async () => {
  await first!.startWorker();
  const client = await clusterClient(first!);
  clients.push(client);
  const { customAttributes } = await client.connection.operatorService.listSearchAttributes({
    namespace: first!.namespace,
  });
  expect(Object.keys(customAttributes ?? {}).sort()).toEqual(Object.keys(SEARCH_ATTRIBUTES).sort());
  const checking = await startWorkerProcess({ ...first!.env, PIPELINE_BOOTSTRAP: 'check' });
  await killProcess(checking);
}, 120_000);

test('a backup restored into a new cluster: every case audits as before, is listed, has its alerts and takes its next step', async () => {
  const api = await first!.startApi(await freePort());
  const a = apiCaller(first!, 0);
  expect(api.url).toBe(first!.apis[0]!.url);
  const renamed = demoFile();
  renamed.versions.at(-1)!.units.find((u) => u.id === 'du-bv')!.name = 'Đảng ủy Bệnh viện tỉnh (tên mới)';
  expect((await a(ADMIN)('PUT', '/registry', renamed)).status).toBe(200);

  // Back-dated cases at the committee's decision, overdue with their alerts raised, and cases begun today, on time.
  const ids = Array.from({ length: 12 }, (_, i) => `kept-${i}`);
  const load = createLoad(clients[0]!, TASK_QUEUE);
  await load.drive(ids, 6);
  await sleep(3000);
  await load.expectEveryCaseExact(ids);
  const today = localDateOf(Date.now());
  const onTime = ['today-0', 'today-1'];
  for (const caseId of onTime) {
    const r = await a(SECRETARY)('POST', '/cases', {
      caseId,
      profile: { fullName: `Ứng viên ${caseId}`, birthDate: '1999-01-15', education: 'higher', youthUnionMember: true },
      cellId: 'cb-thpt-a',
      registeredOn: today,
    });
    expect(r.status).toBe(201);
    const enrol = await a(SECRETARY)('POST', `/cases/${caseId}/commands`, { ...ENROL, date: today, signedBy });
    expect(enrol.status).toBe(200);
  }
  const all = [...ids, ...onTime];
  const before = await audit(clients[0]!, all);
  expect(before.filter((r) => r.clean).map((r) => r.caseId)).toEqual(onTime);

  const backupDir = join(mkdtempSync(join(tmpdir(), 'backup-')), 'backup');
  // As an operator runs it, against the server PIPELINE_DATABASE_URL names.
  const backup = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/backup.ts', backupDir], {
    cwd: join(__dirname, '..', '..'),
    env: { ...process.env, PIPELINE_DATABASE_URL: first!.databases.app },
    encoding: 'utf8',
  });
  expect({ code: backup.status, stderr: backup.stderr }).toEqual({ code: 0, stderr: '' });
  const manifest = await readBackup(backupDir);
  expect(manifest.databases.map((d) => [d.role, d.schemaVersion !== null])).toEqual([
    ['temporal', true],
    ['visibility', true],
    ['app', true],
  ]);
  const firstDir = first!.dir;
  await closeApiCallers(first!);
  await first!.stop();
  first = undefined;

  // The secrets come from the operator's store, never from the backup: here, the first cluster's file.
  const dir = mkdtempSync(join(tmpdir(), 'restored-'));
  copyFileSync(join(firstDir, 'secrets.json'), join(dir, 'secrets.json'));
  restored = await startTestCluster('restored', { dir, restoreFrom: backupDir, workers: 1, apis: 1 });
  const client = await clusterClient(restored);
  clients.push(client);
  const b = apiCaller(restored, 0);

  // Each case's history is the one backed up, event for event (the audit's hash chain), and reads as it did.
  expect(await audit(client, all)).toEqual(before);
  const listed = await eventually(
    () => b(COMMITTEE)('GET', '/cases?stage=committee_review'),
    (r) => (r.body.cases as unknown[] | undefined)?.length === ids.length,
  );
  expect((listed.body.cases as Array<{ caseId: string }>).map((c) => c.caseId).sort()).toEqual([...ids].sort());
  const inbox = await client.workflow.getHandle(inboxWorkflowId('du-xa-a')).query(listAlertsQuery, {});
  expect(
    inbox
      .filter((x) => x.level === 1)
      .map((x) => x.caseId)
      .sort(),
  ).toEqual([...ids].sort());
  for (const id of ids) {
    const res = await b(COMMITTEE)('POST', `/cases/${id}/commands`, { ...DECISION, signedBy });
    expect({ id, status: res.status, body: res.status === 200 ? null : res.body }).toEqual({
      id,
      status: 200,
      body: null,
    });
  }
  const registry = await b(AUDITOR)('GET', '/registry');
  expect(registry.body).toEqual(renamed);
}, 900_000);
