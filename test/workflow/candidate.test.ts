/**
 * The candidate workflow's contract on the real (time-skipping) server:
 * one case per candidate, refusals that never touch the history, state that
 * survives continue-as-new, and alerts that a retried delivery cannot double.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { temporal } from '@temporalio/proto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { iso, startOfLocalDay, type IsoDate } from '../../src/charter/dates';
import {
  CaseCellChanged,
  CaseConflict,
  caseHandle,
  CommandRefused,
  InvalidCommand,
  registerCase,
} from '../../src/temporal/cases';
import { alertIdOf } from '../../src/case/alerts';
import { type Alert } from '../../src/schemas/alert';
import { acknowledgeUpdate, inboxWorkflowId, listAlertsQuery } from '../../workflows/definitions';
import { fetchCaseRuns } from '../../src/temporal/case-runs';
import { timelineOf } from '../../src/audit/timeline';
import type { CommandInput } from '../../src/schemas/commands';
import { createAlertActivities } from '../../activities';
import { verifySignature } from '../../src/alerts/webhook';
import { bundleWorkflows, createTimeSkippingEnv } from '../helpers/temporal';
import { eventsUntil, registration } from '../helpers/commands';
import { testDataConverter } from '../helpers/codec';

const { EventType } = temporal.api.enums.v1;
const taskQueue = 'candidate-tests';
let env: TestWorkflowEnvironment;
let worker: Worker;
let running: Promise<void>;

const dataConverter = testDataConverter();

beforeAll(async () => {
  env = await createTimeSkippingEnv(dataConverter);
  const workflowBundle = await bundleWorkflows();
  worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle,
    dataConverter,
    activities: createAlertActivities({ client: env.client, taskQueue, webhooks: { urls: {}, secret: '' } }),
  });
  running = worker.run();
});
afterAll(async () => {
  worker?.shutdown();
  await running;
  await env?.teardown();
});

const signed = {
  signedBy: 'Bí thư Trần Văn Bình',
  recordedBy: { userId: 'secretary-1', role: 'cell_secretary' },
};

/** A case registered on `day`, whose clock reads 09:00 of 15/3/2024 in Hà Nội whatever the server's date. */
async function register(caseId: string, day: IsoDate, historyLimit?: number) {
  const clockOffsetMs = startOfLocalDay(iso('2024-03-15')).getTime() + 9 * 3600_000 - (await env.currentTimeMs());
  await registerCase(env.client, taskQueue, registration({ caseId, registeredOn: day }), {
    clockOffsetMs,
    historyLimit,
  });
  return caseHandle(env.client, caseId);
}

/**
 * What the history holds besides workflow tasks: the real server drops the
 * (speculative) task of a rejected Update, the test server keeps it empty.
 */
async function recordedEvents(caseId: string): Promise<string[]> {
  const history = await env.client.workflow.getHandle(`candidate-${caseId}`).fetchHistory();
  return (history.events ?? [])
    .map((e) => EventType[e.eventType ?? 0] ?? String(e.eventType))
    .filter((t) => !/WORKFLOW_TASK_(SCHEDULED|STARTED|COMPLETED)$/.test(t));
}

test('registering the same candidate twice is a conflict, not a second case', async () => {
  const c = await register('twice', '2024-01-05' as IsoDate);
  const { runId } = await c.handle.describe();
  await expect(register('twice', '2024-01-05' as IsoDate)).rejects.toBeInstanceOf(CaseConflict);
  expect((await c.handle.describe()).runId).toBe(runId);
  expect(await c.stage()).toBe('source');
});

test('a refused command returns the rule and reason and leaves the history and the case untouched', async () => {
  const c = await register('refused', '2024-01-05' as IsoDate);
  await c.send({ type: 'ENROL_COURSE', date: '2024-01-08', form: 'VB', mentor: 'Lê Văn Tâm', ...signed });
  const before = { events: await recordedEvents('refused'), snapshot: await c.snapshot(), trail: await c.trail() };

  const refusal = await c
    .send({ type: 'RECORD_APPLICATION', date: '2024-01-09', form: '1-KNĐ', ...signed })
    .catch((e: unknown) => e);
  expect(refusal).toBeInstanceOf(CommandRefused);
  expect((refusal as CommandRefused).refusals[0]).toMatchObject({
    ruleId: 'stage.not_allowed',
    reason: { vi: expect.any(String), en: expect.any(String) },
  });

  const invalid = await c
    .send({ type: 'RECORD_CERTIFICATE', date: '2024-02-31', form: 'CN-NTVĐ', certificateNo: 'CN-1', ...signed })
    .catch((e: unknown) => e);
  expect(invalid).toBeInstanceOf(InvalidCommand);
  expect((invalid as Error).message).toMatch(/^date: /);

  expect(before.events).toContain('EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED');
  expect(await recordedEvents('refused')).toEqual(before.events);
  expect(await c.snapshot()).toEqual(before.snapshot);
  expect(await c.trail()).toEqual(before.trail);
});

test('a command judged against a cell the case is not in is refused and recorded nowhere; a retry of the move itself is answered', async () => {
  const c = await register('assumed-cell', '2024-01-05' as IsoDate);
  const enrol = { type: 'ENROL_COURSE', date: '2024-01-08', form: 'VB', mentor: 'Lê Văn Tâm', ...signed } as const;
  await expect(c.send(enrol, { assumedCellId: 'cb-thon-1' })).rejects.toBeInstanceOf(CaseCellChanged);
  const untouched = { events: await recordedEvents('assumed-cell'), trail: await c.trail() };
  expect(untouched.trail.map((t) => t.kind)).toEqual(['registered']);
  await c.send(enrol, { assumedCellId: 'cb-thpt-a' });

  const move = {
    type: 'MOVE_CELL',
    date: '2024-01-09',
    form: 'VB',
    toCellId: 'cb-thon-1',
    toCommitteeIds: ['du-xa-a', 'hu-a', 'tu-demo'],
    ...signed,
  } satisfies CommandInput;
  const moved = await c.send(move, { assumedCellId: 'cb-thpt-a', idempotencyKey: 'move-1' });
  // The same request again, after a lost answer: it still assumes the old cell, and is answered as it was.
  expect(await c.send(move, { assumedCellId: 'cb-thpt-a', idempotencyKey: 'move-1' })).toEqual(moved);
  const cert = {
    type: 'RECORD_CERTIFICATE',
    date: '2024-01-10',
    form: 'CN-NTVĐ',
    certificateNo: 'CN-1',
    ...signed,
  } as const;
  await expect(c.send(cert, { assumedCellId: 'cb-thpt-a' })).rejects.toBeInstanceOf(CaseCellChanged);
  expect((await c.send(cert, { assumedCellId: 'cb-thon-1' })).stage).toBe('dossier');
  expect(untouched.events).not.toContain('EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED');
});

test('an accepted command records who sent it and returns the new stage', async () => {
  const c = await register('accepted', '2024-01-05' as IsoDate);
  const accepted = await c.send({
    type: 'ENROL_COURSE',
    date: '2024-01-08',
    form: 'VB',
    mentor: 'Lê Văn Tâm',
    ...signed,
  });
  expect(accepted.stage).toBe('training');
  const last = (await c.trail()).at(-1)!;
  expect(last).toMatchObject({
    kind: 'command',
    type: 'ENROL_COURSE',
    date: '2024-01-08',
    form: 'VB',
    signedBy: signed.signedBy,
    recordedBy: signed.recordedBy,
    stageBefore: 'source',
    stageAfter: 'training',
  });
});

test('continue-as-new carries the snapshot, the trail and the deadlines into the next run', async () => {
  const c = await register('long-lived', '2024-01-05' as IsoDate, 20);
  const { runId: firstRun } = await c.handle.describe();
  await c.send({ type: 'ENROL_COURSE', date: '2024-01-08', form: 'VB', mentor: 'Lê Văn Tâm', ...signed });
  await c.send({ type: 'RECORD_CERTIFICATE', date: '2024-02-05', form: 'CN-NTVĐ', certificateNo: 'CN-1', ...signed });
  await c.send({ type: 'RECORD_APPLICATION', date: '2024-02-06', form: '1-KNĐ', ...signed });
  await c.send({ type: 'RECORD_PERSONAL_HISTORY', date: '2024-02-07', form: '2-KNĐ', ...signed });

  let described = await c.handle.describe();
  for (let i = 0; i < 100 && described.runId === firstRun; i++) {
    await new Promise((r) => setTimeout(r, 50));
    described = await c.handle.describe();
  }
  expect(described.runId).not.toBe(firstRun);
  const trail = await c.trail();
  // Where the run was cut depends on the history's length; what matters is that nothing was lost or doubled.
  const kinds = trail.map((t) => t.type ?? t.kind);
  expect(kinds).toContain('continued_as_new');
  expect(kinds.filter((k) => k !== 'continued_as_new')).toEqual([
    'registered',
    'ENROL_COURSE',
    'RECORD_CERTIFICATE',
    'RECORD_APPLICATION',
    'RECORD_PERSONAL_HISTORY',
  ]);
  expect(await c.stage()).toBe('dossier');
  // The new run keeps taking commands where the old one stopped.
  await c.send({ type: 'RECORD_COMMENTS', date: '2024-03-01', form: '5-KNĐ', ...signed });
  expect((await c.trail()).at(-1)).toMatchObject({ type: 'RECORD_COMMENTS', stageAfter: 'dossier' });
});

test('a delivery retried after a lost acknowledgement is still one alert; the committee acknowledges it once', async () => {
  const deliver = createAlertActivities({ client: env.client, taskQueue, webhooks: { urls: {}, secret: '' } });
  const alert: Alert = {
    alertId: alertIdOf('retried', 'committee_decision#1', 1),
    caseId: 'retried',
    deadlineId: 'committee_decision#1',
    deadlineKind: 'committee_decision',
    dueDate: iso('2026-03-12'),
    level: 1,
    answerBy: 'du-xa-b',
    recipients: ['du-xa-b', 'hu-b'],
    raisedOn: iso('2026-03-13'),
    summary: { vi: 'Quyết định kết nạp', en: 'Admission decision' },
  };
  await deliver.deliverBatch([{ raise: alert }]);
  await deliver.deliverBatch([{ raise: alert }]);

  const inbox = env.client.workflow.getHandle(inboxWorkflowId('du-xa-b'));
  const entries = await inbox.query(listAlertsQuery);
  expect(entries).toHaveLength(1);
  expect(entries[0]).toMatchObject({ alertId: alert.alertId, status: 'open', acknowledged: null });
  expect(await env.client.workflow.getHandle(inboxWorkflowId('hu-b')).query(listAlertsQuery)).toHaveLength(1);

  const by = 'committee-du-xa-b';
  const acked = await inbox.executeUpdate(acknowledgeUpdate, {
    args: [{ alertId: alert.alertId, by, on: '2026-03-14' }],
  });
  expect(acked.acknowledged).toEqual({ by, on: '2026-03-14' });
  const unknown = await inbox
    .executeUpdate(acknowledgeUpdate, { args: [{ alertId: 'no-such-alert', by, on: iso('2026-03-14') }] })
    .catch((e: Error) => e);
  expect((unknown as Error).cause).toMatchObject({ message: 'no alert no-such-alert in the inbox of du-xa-b' });

  const malformed = await inbox
    .executeUpdate(acknowledgeUpdate, { args: [{ alertId: alert.alertId, by, on: '31/02/2026' as IsoDate }] })
    .catch((e: Error) => e);
  expect((malformed as Error).cause).toMatchObject({ message: expect.stringMatching(/^acknowledgement\.on: /) });

  await deliver.deliverBatch([
    {
      close: {
        caseId: 'retried',
        deadlineId: 'committee_decision#1',
        closedOn: iso('2026-03-16'),
        workingDaysLate: 2,
        recipients: ['du-xa-b', 'hu-b'],
      },
    },
  ]);
  expect(await inbox.query(listAlertsQuery)).toEqual([
    expect.objectContaining({
      status: 'closed',
      closedOn: '2026-03-16',
      workingDaysLate: 2,
      acknowledged: { by, on: '2026-03-14' },
    }),
  ]);
});

test('what one step raises and closes reaches the committees as one delivery, and its search attributes as one upsert', async () => {
  // Paper dates of 2024 recorded on 1/10/2024: when the cell's resolution (5/6) is recorded, the committee's decision is
  // overdue past its second level, and the decision (15/7) closes that deadline and opens the ceremony's, overdue too.
  const clockOffsetMs = startOfLocalDay(iso('2024-10-01')).getTime() + 9 * 3600_000 - (await env.currentTimeMs());
  await registerCase(env.client, taskQueue, registration({ caseId: 'batched' }), { clockOffsetMs });
  const c = caseHandle(env.client, 'batched');
  for (const e of eventsUntil('ceremony')) await c.send(e as CommandInput);

  const timeline = await timelineOf(await fetchCaseRuns(env.client, 'batched'), env.client.options.loadedDataConverter);
  const byActivity = new Map<number, string[]>();
  for (const e of timeline)
    if (e.kind === 'alert_sent' || e.kind === 'alert_closed') {
      const what = e.kind === 'alert_sent' ? `L${e.payload.level} ${e.payload.deadlineKind}` : 'closed';
      byActivity.set(e.eventId, [...(byActivity.get(e.eventId) ?? []), `${what} ${String(e.payload.deadlineId)}`]);
    }
  expect([...byActivity.values()]).toEqual([
    ['L1 committee_decision committee_decision', 'L2 committee_decision committee_decision'],
    ['closed committee_decision', 'L1 ceremony ceremony', 'L2 ceremony ceremony', 'L3 ceremony ceremony'],
  ]);
  // The decision's workflow task (its commands follow its completion event) schedules one delivery, one mailing of
  // what it raised (to the committees that take escalations by mail), and one upsert.
  const history = await c.handle.fetchHistory();
  const tasks = (history.events ?? [])
    .map((e) => EventType[e.eventType ?? 0])
    .join(' ')
    .split('EVENT_TYPE_WORKFLOW_TASK_COMPLETED');
  const count = (task: string, type: string) => task.split(type).length - 1;
  const delivering = tasks.filter((task) => count(task, 'EVENT_TYPE_ACTIVITY_TASK_SCHEDULED') > 0);
  expect(delivering).toHaveLength(2);
  expect(count(delivering[1]!, 'EVENT_TYPE_ACTIVITY_TASK_SCHEDULED')).toBe(2);
  expect(count(delivering[1]!, 'EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES')).toBe(1);

  // Each committee's inbox holds its part: the decision's levels, closed, and the ceremony's, open.
  const inboxOf = async (committeeId: string) =>
    (await env.client.workflow.getHandle(inboxWorkflowId(committeeId)).query(listAlertsQuery))
      .filter((a) => a.caseId === 'batched')
      .map((a) => `L${a.level} ${a.deadlineKind} ${a.status}`)
      .sort();
  // The deliveries run beside the case, so they may land a moment after the step.
  for (let i = 0; i < 50 && (await inboxOf('tu-demo')).length < 2; i++) await new Promise((r) => setTimeout(r, 100));
  expect(await inboxOf('cb-thpt-a')).toEqual(['L1 ceremony open']);
  expect(await inboxOf('du-xa-a')).toEqual(['L1 ceremony open', 'L1 committee_decision closed']);
  expect(await inboxOf('hu-a')).toEqual(['L1 committee_decision closed', 'L2 ceremony open']);
  expect(await inboxOf('tu-demo')).toEqual(['L2 committee_decision closed', 'L3 ceremony open']);
});

test("personal data is sealed in the history: only the codec's key opens it", async () => {
  const c = await register('sealed', '2024-01-05' as IsoDate);
  await c.send({ type: 'ENROL_COURSE', date: '2024-01-08', form: 'VB', mentor: 'Lê Văn Tâm', ...signed });
  const history = await c.handle.fetchHistory();
  const payloads = (history.events ?? []).flatMap((e) => [
    ...(e.workflowExecutionStartedEventAttributes?.input?.payloads ?? []),
    ...(e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.args?.payloads ?? []),
    ...(e.workflowExecutionUpdateCompletedEventAttributes?.outcome?.success?.payloads ?? []),
  ]);
  expect(payloads.length).toBeGreaterThanOrEqual(3);
  const clear = (b: Uint8Array | null | undefined) => Buffer.from(b ?? []).toString('utf8');
  for (const p of payloads) {
    expect(clear(p.metadata?.encoding)).toBe('binary/encrypted');
    expect(clear(p.metadata?.['encryption-key-id'])).toBe('test-1');
    for (const secret of ['Nguyễn Văn An', '2000-03-15', 'Lê Văn Tâm']) expect(clear(p.data)).not.toContain(secret);
  }
  // The same bytes, opened with the key, are the registration.
  const [started] = await dataConverter.payloadCodecs[0]!.decode([payloads[0]!]);
  expect(clear(started!.data)).toContain('Nguyễn Văn An');
});

test('a committee webhook receives the alert signed, with the same idempotency key on every retry', async () => {
  const secret = 'a-webhook-secret-of-32-characters';
  const received: Array<{ url?: string; body: string; headers: Record<string, string | string[] | undefined> }> = [];
  let answer = 503;
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      received.push({ url: req.url, body, headers: req.headers });
      res.writeHead(req.url === '/ok' ? 200 : answer).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/alerts`;
  try {
    const deliver = createAlertActivities({
      client: env.client,
      taskQueue,
      webhooks: { urls: { 'du-xa-w': url }, secret },
    });
    const alert: Alert = {
      alertId: alertIdOf('hooked', 'ceremony', 1),
      caseId: 'hooked',
      deadlineId: 'ceremony',
      deadlineKind: 'ceremony',
      dueDate: iso('2025-02-24'),
      level: 1,
      answerBy: 'cb-w',
      recipients: ['du-xa-w'],
      raisedOn: iso('2025-02-25'),
      summary: { vi: 'Lễ kết nạp', en: 'Admission ceremony' },
    };
    // A failing receiver makes the activity throw, so Temporal retries it; a 4xx is final.
    await expect(deliver.deliverBatch([{ raise: alert }])).rejects.toThrow(/answered 503/);
    answer = 200;
    await deliver.deliverBatch([{ raise: alert }]);
    answer = 400;
    await expect(deliver.deliverBatch([{ raise: alert }])).rejects.toMatchObject({
      nonRetryable: true,
      type: 'WebhookRejected',
    });

    expect(received).toHaveLength(3);
    for (const r of received) {
      expect(r.headers['idempotency-key']).toBe(`${alert.alertId}@du-xa-w`);
      const timestamp = String(r.headers['x-pipeline-timestamp']);
      expect(verifySignature(r.body, timestamp, String(r.headers['x-pipeline-signature']), secret)).toBe(true);
      expect(verifySignature(r.body, timestamp, String(r.headers['x-pipeline-signature']), 'another-secret')).toBe(
        false,
      );
      expect(JSON.parse(r.body)).toEqual({ type: 'alert.raised', alert });
    }
    // The inbox, unlike the webhook, was written once.
    expect(await env.client.workflow.getHandle(inboxWorkflowId('du-xa-w')).query(listAlertsQuery)).toHaveLength(1);

    // In a batch, a committee whose webhook fails does not hold up another's: both inboxes and the working
    // webhook get the closure, and the activity still fails so that the failing one is retried.
    const both = createAlertActivities({
      client: env.client,
      taskQueue,
      webhooks: { urls: { 'du-xa-w': url, 'du-xa-v': url.replace('/alerts', '/ok') }, secret },
    });
    answer = 503;
    const closure = {
      caseId: 'hooked',
      deadlineId: 'ceremony',
      closedOn: iso('2025-03-03'),
      workingDaysLate: 4,
      recipients: ['du-xa-w', 'du-xa-v'],
    };
    await expect(both.deliverBatch([{ close: closure }])).rejects.toThrow(/answered 503/);
    expect(received.filter((r) => r.url === '/ok').map((r) => JSON.parse(r.body) as unknown)).toEqual([
      { type: 'alert.closed', closure },
    ]);
    expect(await env.client.workflow.getHandle(inboxWorkflowId('du-xa-w')).query(listAlertsQuery)).toEqual([
      expect.objectContaining({ status: 'closed', closedOn: '2025-03-03', workingDaysLate: 4 }),
    ]);
  } finally {
    server.close();
  }
});
