/**
 * The demo `npm start` seeds, under the policy's 30-minute grace (not the suites' 0): the case whose committee
 * decision is deliberately overdue shows its alert at once, in the commune committee's inbox, at its webhook and by
 * mail; the official member, entered step by step, raised alerts for deadlines met on time, and those reach no
 * inbox, no webhook and no mail while the audit's timeline shows them held. A real SMTP server and a real webhook
 * receiver record what arrives.
 */
import type { Principal } from '../../src/auth/principal';
import { heldAlertIds } from '../../src/case/alert-hold';
import { localDateOf } from '../../src/charter/dates';
import { currentRegistry } from '../../src/db/current-registry';
import { SECRETARY } from '../../src/demo/full-case';
import { seedDemo } from '../../src/demo/seed';
import { provideRegistry } from '../../src/mail/registry-source';
import { startSmtp } from '../helpers/smtp';
import { startWebhookReceiver, type WebhookReceiver } from '../helpers/webhook-receiver';
import { eventually, startStack, type Stack } from '../helpers/stack';

const ADMIN: Principal = { userId: 'qt-demo-grace', role: 'admin', orgId: 'tu-demo' };
const bodies = ['cb-thpt-a', 'du-xa-a', 'tu-demo'];
let stack: Stack;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let webhook: WebhookReceiver;

const savedEnv = { ...process.env };
beforeAll(async () => {
  webhook = await startWebhookReceiver();
  const url = webhook.url;
  smtp = await startSmtp();
  // As npm start runs: the policy's grace, mail and webhooks on.
  delete process.env.PIPELINE_ALERT_GRACE_MINUTES;
  Object.assign(process.env, {
    PIPELINE_SMTP_URL: smtp.url,
    PIPELINE_WEBHOOKS: JSON.stringify(Object.fromEntries(bodies.map((b) => [b, url]))),
    PIPELINE_WEBHOOK_SECRET: 'a-webhook-secret-of-32-characters',
  });
  provideRegistry(async () => (await currentRegistry(stack.database.db).get()).registry);
  stack = await startStack('e2e-demo-grace');
  const { registry } = await currentRegistry(stack.database.db).get();
  expect(await seedDemo(stack.client, stack.taskQueue, registry, localDateOf(Date.now()))).toBe(5);
}, 240_000);
afterAll(async () => {
  await stack?.stop();
  await smtp?.close();
  webhook?.close();
  process.env = savedEnv;
});

const inboxFor = async (caseId: string) =>
  (
    await Promise.all(
      bodies.map(
        async (b) =>
          (await stack.as(ADMIN)('GET', `/committees/${b}/alerts?status=all`)).body.alerts as Array<{
            caseId: string;
            alertId: string;
          }>,
      ),
    )
  )
    .flat()
    .filter((a) => a.caseId === caseId);
const postedFor = (caseId: string) => webhook.posted.filter((b) => b.includes(`"caseId":"${caseId}"`));
const mailedFor = (caseId: string) =>
  smtp.received.filter((m) => m.header('Message-ID')?.startsWith(`<alert.${caseId}_`));

test('the deliberately overdue decision (demo-cuong) reaches the commune committee at once: inbox, webhook and mail', async () => {
  const inbox = await eventually(
    () => inboxFor('demo-cuong'),
    (a) => a.some((x) => x.alertId === 'demo-cuong/committee_decision/L1'),
    30_000,
  );
  expect(inbox.map((a) => a.alertId)).toContain('demo-cuong/committee_decision/L1');
  const mails = await eventually(
    async () => mailedFor('demo-cuong'),
    (m) => m.length > 0,
    30_000,
  );
  expect(mails.map((m) => [m.to, m.header('Message-ID')])).toEqual([
    [['dang-uy@xa-a.example.vn'], '<alert.demo-cuong_committee_decision_L1.du-xa-a@pipeline.example.vn>'],
  ]);
  expect(postedFor('demo-cuong').length).toBeGreaterThan(0);
}, 60_000);

test("the official member's alerts, raised while it was entered and met on time, reach no inbox, no webhook and no mail; the audit's timeline shows them held", async () => {
  // A loaded machine may answer 503 (the case's worker busy): asked again, as the dashboard does.
  const read = await eventually(
    () => stack.as(SECRETARY)('GET', '/cases/demo-dung'),
    (r) => r.status !== 503,
  );
  expect([read.status, read.body.stage]).toEqual([200, 'official']);
  const raised = (read.body.trail as Array<{ kind: string; detail: { deadlineId: string; level: number } }>)
    .filter((e) => e.kind === 'alert')
    .map((e) => `demo-dung/${e.detail.deadlineId}/L${e.detail.level}`);
  expect(raised.length).toBeGreaterThan(0);

  // demo-cuong's alert went through every channel before this test began; demo-dung's have gone through none.
  expect(await inboxFor('demo-dung')).toEqual([]);
  expect(postedFor('demo-dung')).toEqual([]);
  expect(mailedFor('demo-dung')).toEqual([]);

  const audit = await stack.as(SECRETARY)('GET', '/cases/demo-dung/audit');
  expect(audit.status).toBe(200);
  const held = (audit.body.timeline as Array<{ kind: string; summary?: string | null }>).flatMap((e) =>
    e.kind === 'timer' ? (heldAlertIds(e.summary ?? null)?.alertIds ?? []) : [],
  );
  for (const id of raised) expect(held).toContain(id);
}, 60_000);
