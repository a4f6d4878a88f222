/**
 * No noise while digitising: a secretary entering an old case step by step makes each deadline overdue for a moment
 * until the next step meets it. The reported case is the demo's official member: entered in turn, it raised alerts
 * "today" for deadlines met on time. An alert closed within the policy's grace reaches no one (no inbox entry, no
 * webhook, no mail to the commune committee, which takes escalations at once), while the trail and the audit's
 * timeline still show it; one still open when the grace ends is sent. The mail goes to a real SMTP server.
 */
import { join } from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { iso, startOfLocalDay, type IsoDate } from '../../src/charter/dates';
import { caseHandle, registerCase } from '../../src/temporal/cases';
import { inboxHandle } from '../../src/temporal/inbox';
import { fetchCaseRuns } from '../../src/temporal/case-runs';
import { timelineOf } from '../../src/audit/timeline';
import { heldAlertIds } from '../../src/case/alert-hold';
import type { CommandInput } from '../../src/schemas/commands';
import { createAlertActivities } from '../../activities';
import { loadRegistryFile } from '../../src/org/load';
import { startSmtp } from '../helpers/smtp';
import { startWebhookReceiver, type WebhookReceiver } from '../helpers/webhook-receiver';
import { candidateWorkflowId } from '../../workflows/definitions';
import { sendInTurn, signedBy, STEPS } from '../../src/demo/full-case';
import { bundleWorkflows, createTimeSkippingEnv } from '../helpers/temporal';
import { registration } from '../helpers/commands';
import { testDataConverter } from '../helpers/codec';

const taskQueue = 'alert-grace-tests';
const dataConverter = testDataConverter();
const committees = ['cb-thpt-a', 'du-xa-a', 'hu-a', 'tu-demo'];
let env: TestWorkflowEnvironment;
let worker: Worker;
let running: Promise<void>;
let webhook: WebhookReceiver;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
// du-xa-a takes escalations at once ('both'), so every alert that reaches it is also mailed.
const registry = loadRegistryFile(join(__dirname, '..', '..', 'data', 'demo-province.json'));

beforeAll(async () => {
  webhook = await startWebhookReceiver();
  const url = webhook.url;
  smtp = await startSmtp();
  env = await createTimeSkippingEnv(dataConverter);
  worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: await bundleWorkflows(),
    dataConverter,
    activities: createAlertActivities({
      client: env.client,
      taskQueue,
      webhooks: { urls: Object.fromEntries(committees.map((c) => [c, url])), secret: 'a-webhook-secret-of-32-chars!!' },
      mail: { smtpUrl: smtp.url, from: 'Hệ thống <no-reply@pipeline.example.vn>' },
      registry: async () => registry,
    }),
  });
  running = worker.run();
});
afterAll(async () => {
  worker?.shutdown();
  await running;
  await env?.teardown();
  webhook?.close();
  await smtp?.close();
});

/** The demo's official member, registered with its clock at 09:00 on `today`, its steps sent in turn as a person would. */
async function enterOfficialMember(caseId: string, today: IsoDate, alertGraceMinutes: number, steps = STEPS.length) {
  const clockOffsetMs = startOfLocalDay(today).getTime() + 9 * 3600_000 - (await env.currentTimeMs());
  const base = registration();
  await registerCase(
    env.client,
    taskQueue,
    registration({
      caseId,
      registeredOn: iso('2025-07-01'),
      youthUnionExists: true,
      competentCommitteeId: 'du-xa-a',
      profile: { ...base.profile, fullName: 'Phạm Thị Dung', birthDate: iso('1998-04-12'), youthUnionMember: true },
    }),
    { clockOffsetMs, alertGraceMinutes },
  );
  const c = caseHandle(env.client, caseId);
  for (const [who, step] of STEPS.slice(0, steps))
    await sendInTurn(c, { ...step, signedBy, recordedBy: { userId: who.userId, role: who.role } } as CommandInput);
  return c;
}

const inboxesOf = async (caseId: string) =>
  (await Promise.all(committees.map((id) => inboxHandle(env.client, id).alerts({ status: 'all' }))))
    .flat()
    .filter((e) => e.caseId === caseId);
const postedFor = (caseId: string) => webhook.posted.filter((b) => b.includes(`"caseId":"${caseId}"`));
const mailedFor = (caseId: string) =>
  smtp.received.filter((m) => m.header('Message-ID')?.startsWith(`<alert.${caseId}_`));

/** Mail goes out from activities the case does not wait for: asked again in real time until it has come. */
async function until<T>(f: () => T, ok: (v: T) => boolean): Promise<T> {
  for (;;) {
    const v = f();
    if (ok(v)) return v;
    await new Promise((r) => setTimeout(r, 200));
  }
}

test('the reported case: without a grace, the official member entered in turn alerts committees (inbox, webhook, mail) for deadlines met on time', async () => {
  const c = await enterOfficialMember('noisy', iso('2026-11-28'), 0);
  expect(await c.stage()).toBe('official');
  const alerts = (await c.trail()).filter((e) => e.kind === 'alert');
  expect(alerts.length).toBeGreaterThan(0);
  // The deliveries run beside the case: a closure may reach an inbox a moment after its raise did.
  let delivered = await inboxesOf('noisy');
  for (let i = 0; i < 100 && !delivered.every((e) => e.status === 'closed'); i++) {
    await new Promise((r) => setTimeout(r, 200));
    delivered = await inboxesOf('noisy');
  }
  expect(delivered.length).toBeGreaterThan(0);
  // Every one of them was closed by a step on time: noise.
  expect(delivered.every((e) => e.status === 'closed' && e.workingDaysLate === 0)).toBe(true);
  expect(postedFor('noisy').length).toBeGreaterThan(0);
  // And mailed to the commune committee, which takes escalations at once.
  const mails = await until(
    () => mailedFor('noisy'),
    (m) => m.length > 0,
  );
  expect(mails[0]!.to).toEqual(['dang-uy@xa-a.example.vn']);
});

test('with the grace, the same entry reaches no inbox, no webhook and no mail; the trail and the audit timeline keep the alerts', async () => {
  const c = await enterOfficialMember('quiet', iso('2026-11-28'), 30);
  expect(await c.stage()).toBe('official');
  // Past every grace: whatever was held has been released or withdrawn by now.
  await env.sleep(31 * 60_000);
  expect(await inboxesOf('quiet')).toEqual([]);
  expect(postedFor('quiet')).toEqual([]);
  expect(mailedFor('quiet')).toEqual([]);
  // Not one mail was even attempted: the case's history schedules no mailAlerts.
  const history = await env.client.workflow.getHandle(candidateWorkflowId('quiet')).fetchHistory();
  const scheduled = (history.events ?? []).flatMap((e) =>
    e.activityTaskScheduledEventAttributes ? [e.activityTaskScheduledEventAttributes.activityType?.name] : [],
  );
  expect(scheduled).not.toContain('mailAlerts');
  expect(scheduled).not.toContain('deliverBatch');

  const trail = await c.trail();
  const raised = trail.filter((e) => e.kind === 'alert').map((e) => (e.detail as { deadlineId: string }).deadlineId);
  expect(raised.length).toBeGreaterThan(0);
  expect(trail.filter((e) => e.kind === 'alert_closed').length).toBeGreaterThan(0);

  const timeline = await timelineOf(await fetchCaseRuns(env.client, 'quiet'), env.client.options.loadedDataConverter);
  // The grace's timers name the alerts they held, so the audit shows each one (src/case/alert-hold.ts).
  const held = timeline.flatMap((e) => (e.kind === 'timer' ? [heldAlertIds(e.summary)?.alertIds ?? []] : [])).flat();
  for (const deadlineId of new Set(raised)) expect(held).toContain(`quiet/${deadlineId}/L1`);
  expect(timeline.some((e) => e.kind === 'alert_sent')).toBe(false);
});

test('an alert still open when the grace ends is sent then, to the inbox, the webhook and by mail', async () => {
  // Up to the cell's vote of 15/9/2025: the committee's decision, due in 60 working days, is long overdue.
  const c = await enterOfficialMember('late', iso('2026-11-28'), 30, 9);
  expect(await c.stage()).toBe('committee_review');
  await env.sleep(20 * 60_000);
  expect(await inboxesOf('late')).toEqual([]);
  await env.sleep(11 * 60_000);
  const delivered = await inboxesOf('late');
  expect(delivered.map((e) => [e.alertId, e.status])).toContainEqual(['late/committee_decision/L1', 'open']);
  expect(postedFor('late').length).toBeGreaterThan(0);
  const mails = await until(
    () => mailedFor('late'),
    (m) => m.length > 0,
  );
  expect(mails.map((m) => m.header('Message-ID'))).toEqual([
    '<alert.late_committee_decision_L1.du-xa-a@pipeline.example.vn>',
  ]);
});
