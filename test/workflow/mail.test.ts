/**
 * Committee mail over a real SMTP server started here: an escalation mailed once to a committee that asked for
 * them at once, even when the server refuses at first, while the case answers its commands.
 */
import { join } from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { iso, startOfLocalDay } from '../../src/charter/dates';
import { caseHandle, registerCase } from '../../src/temporal/cases';
import { loadRegistryFile } from '../../src/org/load';
import type { CommandInput } from '../../src/schemas/commands';
import { createAlertActivities, createMailActivities } from '../../activities';
import { sendInTurn, signedBy, STEPS } from '../../src/demo/full-case';
import { bundleWorkflows, createTimeSkippingEnv } from '../helpers/temporal';
import { registration } from '../helpers/commands';
import { startSmtp } from '../helpers/smtp';

const taskQueue = 'mail-tests';
const from = 'Hệ thống <no-reply@pipeline.example.vn>';
const registry = loadRegistryFile(join(__dirname, '..', '..', 'data', 'demo-province.json'));
let env: TestWorkflowEnvironment;
let worker: Worker;
let running: Promise<void>;
let smtp: Awaited<ReturnType<typeof startSmtp>>;

beforeAll(async () => {
  smtp = await startSmtp({ refuseFirst: 2 });
  env = await createTimeSkippingEnv();
  const deps = { client: env.client, mail: { smtpUrl: smtp.url, from }, registry: async () => registry };
  worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: await bundleWorkflows(),
    activities: {
      ...createAlertActivities({ ...deps, taskQueue, webhooks: { urls: {}, secret: '' } }),
      ...createMailActivities(deps),
    },
  });
  running = worker.run();
});
afterAll(async () => {
  worker?.shutdown();
  await running;
  await env?.teardown();
  await smtp?.close();
});

async function until<T>(f: () => T | Promise<T>, ok: (v: T) => boolean): Promise<T> {
  for (;;) {
    const v = await f();
    if (ok(v)) return v;
    // Real time, not env.sleep: skipping time while a send is in flight would time the activity out and send twice.
    await new Promise((r) => setTimeout(r, 500));
  }
}

test('an escalation reaches a committee that asked for it at once exactly once, after refusals; the case answers meanwhile', async () => {
  const clockOffsetMs = startOfLocalDay(iso('2026-11-27')).getTime() + 9 * 3600_000 - (await env.currentTimeMs());
  const base = registration();
  await registerCase(
    env.client,
    taskQueue,
    registration({
      caseId: 'mailed',
      registeredOn: iso('2025-07-01'),
      youthUnionExists: true,
      competentCommitteeId: 'du-xa-a',
      profile: { ...base.profile, youthUnionMember: true },
    }),
    { clockOffsetMs, alertGraceMinutes: 0 },
  );
  const c = caseHandle(env.client, 'mailed');
  // Up to the cell's vote: the committee's decision is long overdue, and the alert goes out at once.
  for (const [who, step] of STEPS.slice(0, 10))
    await sendInTurn(c, { ...step, signedBy, recordedBy: { userId: who.userId, role: who.role } } as CommandInput);
  // The server refuses (451) while the case takes its next step: nothing waits for the mail.
  expect(smtp.received).toEqual([]);
  expect(await c.stage()).toBe('ceremony');
  await until(
    () => smtp.received.filter((m) => m.header('Message-ID')?.includes('alert.mailed_committee_decision')),
    (m) => m.length > 0,
  );
  // Let the accepted attempt report its completion before time skips ahead, then look for any second copy.
  await new Promise((r) => setTimeout(r, 2_000));
  await env.sleep(10 * 60_000);
  const mails = smtp.received.filter((m) => m.header('Message-ID')?.includes('alert.mailed_committee_decision'));
  expect(mails).toHaveLength(1);
  expect(smtp.refusalsLeft()).toBe(0);
  const [mail] = mails;
  expect(mail!.to).toEqual(['dang-uy@xa-a.example.vn']);
  expect(mail!.header('Message-ID')).toBe('<alert.mailed_committee_decision_L1.du-xa-a@pipeline.example.vn>');
  expect(mail!.subject()).toMatch(
    /^\[Cảnh báo mức 1\] Hồ sơ mailed quá hạn: hạn cấp ủy quyết định kết nạp \d{2}\/\d{2}\/\d{4}$/,
  );
  expect(mail!.text()).toContain('Đơn vị phải trả lời: Đảng ủy xã A');
  expect(mail!.raw).toMatch(/Content-Type: text\/html/);
});
