/**
 * The committees' daily digest on a real dev server (the time-skipping server has neither visibility's
 * ListWorkflowExecutions nor Schedules), mailed to a real SMTP server started here. The worker made by startStack
 * creates the Schedule; the digest workflow is started directly with a chosen day rather than waiting for 07:00.
 * The cases are real: two old ones overdue, one voted on today and due in the chosen day's week, entered over the API.
 */
import { readFileSync } from 'node:fs';
import type { Worker } from '@temporalio/worker';
import { WorkflowNotFoundError, type Connection } from '@temporalio/client';
import type { Principal } from '../../src/auth/principal';
import { vnCalendar } from '../../src/charter/calendar';
import { addDays, dayOfWeek, formatVi, localDateOf, type IsoDate } from '../../src/charter/dates';
import { currentRegistry } from '../../src/db/current-registry';
import { COMMITTEE, SECRETARY, signedBy, STEPS } from '../../src/demo/full-case';
import { demoCases } from '../../src/demo/timeline';
import { provideRegistry } from '../../src/mail/registry-source';
import type { Alert } from '../../src/schemas/alert';
import type { RegistryFile } from '../../src/schemas/organisation';
import { DIGEST_SCHEDULE_ID, DIGEST_TIME_ZONE } from '../../src/temporal/digest-schedule';
import { bundleWorkflows } from '../../src/temporal/bundle';
import { loadConfig } from '../../temporal.config';
import { createWorker } from '../../worker/worker';
import type { dailyDigest } from '../../workflows/digest';
import { digestWorkflowId } from '../../workflows/definitions';
import { startSmtp } from '../helpers/smtp';
import { demoCaseUpTo, DEMO_REGISTRY, eventually, startStack, type Stack } from '../helpers/stack';
import { startWorkerProcess } from '../helpers/worker-process';

const ADMIN: Principal = { userId: 'qt-digest', role: 'admin', orgId: 'tu-demo' };
const from = 'Hệ thống phát triển đảng viên <no-reply@pipeline.example.vn>';
const PROVINCE_MAIL = 'van-phong@tinh-uy-demo.example.vn';
const COMMUNE_MAIL = 'dang-uy@xa-a.example.vn';

let stack: Stack;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let address: string;
/** The due date of the case voted on today: the digest's day, so the case falls due in that day's week. */
let soonDue: IsoDate;

const savedEnv = { ...process.env };
beforeAll(async () => {
  smtp = await startSmtp();
  process.env.PIPELINE_SMTP_URL = smtp.url;
  process.env.PIPELINE_MAIL_FROM = from;
  // The worker runs in this process, beside the API's database: it reads the addresses there, as under npm start.
  provideRegistry(async () => (await currentRegistry(stack.database.db).get()).registry);
  stack = await startStack('e2e-digest');
  address = (stack.client.connection as Connection).options.address;

  // Decided late: the committee's decision after the vote of 15/09/2025 is overdue, the commune committee answers.
  await demoCaseUpTo(stack, 'dg-1', 'RECORD_COMMITTEE_DECISION');
  // The decision met on time (its alert closed), the ceremony overdue since: the cell answers. Older than dg-1's.
  await demoCaseUpTo(stack, 'dg-2', 'RECORD_CEREMONY');
  // A case voted on today: the committee's decision falls due 60 working days from now, never overdue.
  const today = localDateOf(Date.now());
  const fresh = demoCases(today).find((c) => c.caseId === 'demo-binh')!;
  const registered = await stack.as(SECRETARY)('POST', '/cases', {
    caseId: 'dg-soon',
    profile: { fullName: 'Trần Thị Bình', birthDate: fresh.birthDate, education: 'higher', youthUnionMember: true },
    cellId: fresh.cellId,
    registeredOn: fresh.registeredOn,
  });
  expect(registered.status).toBe(201);
  const vote: Record<string, unknown> = { ...STEPS.find(([, s]) => s.type === 'RECORD_CELL_VOTE')![1], date: today };
  for (const [who, step] of [...fresh.steps, [SECRETARY, vote] as const]) {
    const r = await stack.as(who)('POST', '/cases/dg-soon/commands', { ...step, signedBy });
    expect({ step: step.type, status: r.status }).toEqual({ step: step.type, status: 200 });
  }
  const { open } = (await stack.as(SECRETARY)('GET', '/cases/dg-soon')).body.deadlines as {
    open: Array<{ id: string; dueDate: IsoDate }>;
  };
  soonDue = open.find((d) => d.id === 'committee_decision')!.dueDate;
}, 240_000);
afterAll(async () => {
  await stack?.stop();
  await smtp?.close();
  process.env = savedEnv;
});

const schedule = () => stack.client.schedule.getHandle(DIGEST_SCHEDULE_ID);
/** Every schedule on the server with the digest's id (visibility is eventually consistent: asked until one). */
async function digestSchedules(): Promise<string[]> {
  return eventually(
    async () => {
      const ids: string[] = [];
      for await (const s of stack.client.schedule.list())
        if (s.scheduleId === DIGEST_SCHEDULE_ID) ids.push(s.scheduleId);
      return ids;
    },
    (ids) => ids.length === 1,
  );
}
/** Whether the schedule fires at 07:00 Vietnam time, every day, starting the digest on this stack's queue. */
async function firesAtSeven(): Promise<boolean> {
  const d = await schedule().describe();
  const [cal] = d.spec.calendars ?? [];
  return (
    d.spec.timezone === DIGEST_TIME_ZONE &&
    d.spec.calendars?.length === 1 &&
    JSON.stringify([cal!.hour, cal!.minute]) ===
      JSON.stringify([[{ start: 7, end: 7, step: 1 }], [{ start: 0, end: 0, step: 1 }]]) &&
    d.action.type === 'startWorkflow' &&
    d.action.workflowType === 'dailyDigest' &&
    d.action.taskQueue === stack.taskQueue
  );
}

/** Workers as an operator would start more of them: the same code, the same server and queue (one bundle shared). */
async function startWorkers(n: number): Promise<void> {
  const config = loadConfig({ TEMPORAL_ADDRESS: address, TEMPORAL_TASK_QUEUE: stack.taskQueue });
  const workflowBundle = await bundleWorkflows();
  const workers: Worker[] = await Promise.all(
    Array.from({ length: n }, () => createWorker(config, { workflowBundle })),
  );
  const runs = workers.map((w) => w.run());
  for (const w of workers) w.shutdown();
  await Promise.all(runs);
}

test("the worker's start made the digest's Schedule: 07:00 Asia/Ho_Chi_Minh; more workers leave it alone, and a changed spec is put back", async () => {
  expect(await digestSchedules()).toEqual([DIGEST_SCHEDULE_ID]);
  expect(await firesAtSeven()).toBe(true);
  const first = await schedule().describe();
  // A day missed while the cluster was down is caught up the same day, not a week later; a run still sending is
  // left to finish.
  expect(first.policies.catchupWindow).toBe(12 * 3600_000);
  expect(first.policies.overlap).toBe('SKIP');

  // Two more workers starting at once: no error, still one schedule, the same one.
  await startWorkers(2);
  expect(await digestSchedules()).toEqual([DIGEST_SCHEDULE_ID]);
  const after = await schedule().describe();
  expect(after.info.createdAt).toEqual(first.info.createdAt);
  expect(after.info.lastUpdatedAt).toEqual(first.info.lastUpdatedAt);

  // Someone moves it to 08:00 UTC; the next worker to start puts 07:00 Vietnam time back. An operator's pause
  // (temporal schedule toggle --pause, docs/deploy.md) is theirs to lift: it outlives the workers' starts.
  await schedule().update((prev) => ({
    ...prev,
    spec: { calendars: [{ hour: 8, minute: 0 }], timezone: 'UTC' },
  }));
  await schedule().pause('paused by the operator');
  expect(await firesAtSeven()).toBe(false);
  await startWorkers(1);
  expect(await firesAtSeven()).toBe(true);
  expect((await schedule().describe()).state).toMatchObject({ paused: true, note: 'paused by the operator' });
  expect(await digestSchedules()).toEqual([DIGEST_SCHEDULE_ID]);
  await schedule().unpause();
}, 180_000);

const runDigest = (day: IsoDate, run: string) =>
  stack.client.workflow.execute<typeof dailyDigest>('dailyDigest', {
    taskQueue: stack.taskQueue,
    workflowId: `daily-digest-test-${day}-${run}`,
    args: [{ day }],
  });
const digestsOf = (day: IsoDate) =>
  smtp.received.filter((m) => m.header('Message-ID')?.startsWith('<digest.') && m.header('Message-ID')?.includes(day));
/** The lines of a digest's plain text under its overdue heading, up to the next heading. */
function overdueLines(text: string, heading: string, next: string): string[] {
  return text
    .slice(text.indexOf(heading) + heading.length, text.indexOf(next))
    .split('\n')
    .filter(Boolean);
}

async function openAlerts(committeeId: string, wanted: string[]): Promise<Alert[]> {
  const r = await eventually(
    () => stack.as(ADMIN)('GET', `/committees/${committeeId}/alerts?status=open`),
    (r) => wanted.every((id) => JSON.stringify(r.body).includes(`"${id}"`)),
    30_000,
  );
  return (r.body.alerts as Alert[]).filter((a) => wanted.includes(a.alertId));
}

test('a working day: each committee that takes the digest gets one mail listing its open overdue items oldest first, with level and who answers, and what falls due this week, in its language', async () => {
  expect(vnCalendar.isWorkingDay(soonDue)).toBe(true);
  // The province's office asks for English, through the registry as an admin changes it.
  const file = JSON.parse(readFileSync(DEMO_REGISTRY, 'utf8')) as RegistryFile;
  for (const v of file.versions) for (const u of v.units) if (u.id === 'tu-demo') u.mailLanguage = 'en';
  expect((await stack.as(ADMIN)('PUT', '/registry', file)).status).toBe(200);

  const commune = await openAlerts('du-xa-a', ['dg-1/committee_decision/L1', 'dg-2/ceremony/L1']);
  const province = await openAlerts('tu-demo', ['dg-1/committee_decision/L1', 'dg-2/ceremony/L2']);
  const alert = (list: Alert[], caseId: string) => list.find((a) => a.caseId === caseId)!;
  // dg-2's ceremony fell due before dg-1's decision: listed first, though registered after it.
  expect(alert(commune, 'dg-2').dueDate < alert(commune, 'dg-1').dueDate).toBe(true);

  // The first send of a digest is refused (451): the activity's retry sends it, once.
  smtp.refuseNext(1, /^Message-ID: <digest\./m);
  const run = await runDigest(soonDue, 'first');
  // du-bv takes escalations at once only, so no digest; the others are the digest's readers.
  expect(run).toEqual({
    day: soonDue,
    committees: {
      'du-xa-a': { sent: `<digest.du-xa-a.${soonDue}@pipeline.example.vn>` },
      'tu-demo': { sent: `<digest.tu-demo.${soonDue}@pipeline.example.vn>` },
    },
  });
  expect(smtp.refusalsLeft()).toBe(0);
  const mails = digestsOf(soonDue);
  expect(mails.map((m) => m.to).sort()).toEqual([[COMMUNE_MAIL], [PROVINCE_MAIL]]);

  const day = formatVi(soonDue);
  const vi = mails.find((m) => m.to[0] === COMMUNE_MAIL)!;
  expect(vi.header('Message-ID')).toBe(`<digest.du-xa-a.${soonDue}@pipeline.example.vn>`);
  expect(vi.header('Content-Language')).toBe('vi');
  expect(vi.subject()).toBe(`Tổng hợp ngày ${day}: 2 hồ sơ quá hạn, 1 đến hạn trong tuần`);
  const row = (a: Alert, answers: string) =>
    `Hồ sơ: ${a.caseId} | Thời hạn: ${a.summary.vi} | Hạn: ${formatVi(a.dueDate)} | Mức: ${a.level} | Đơn vị phải trả lời: ${answers}`;
  // Only the open ones: dg-2's decision, alerted while it was entered and met on time, is not listed.
  expect(overdueLines(vi.text(), 'Quá hạn (cũ nhất trước)', 'Đến hạn trong tuần')).toEqual([
    row(alert(commune, 'dg-2'), 'Chi bộ Trường THPT A'),
    row(alert(commune, 'dg-1'), 'Đảng ủy xã A'),
  ]);
  expect(vi.text()).toContain(
    `Đến hạn trong tuần\nHồ sơ: dg-soon | Đến hạn: ${day} | Giai đoạn: cấp ủy xem xét quyết định kết nạp\n`,
  );
  const html = vi.html();
  expect(html).toContain(`<td>dg-2</td><td>${alert(commune, 'dg-2').summary.vi}</td>`);
  expect(html.indexOf('<td>dg-2</td>')).toBeLessThan(html.indexOf('<td>dg-1</td>'));
  expect(html).toContain('<th>Đơn vị phải trả lời</th>');

  const en = mails.find((m) => m.to[0] === PROVINCE_MAIL)!;
  expect(en.header('Content-Language')).toBe('en');
  expect(en.subject()).toBe(`Digest of ${day}: 2 overdue, 1 due this week`);
  expect(overdueLines(en.text(), 'Overdue (oldest first)', 'Due this week')).toEqual([
    `Case: dg-2 | Deadline: ${alert(province, 'dg-2').summary.en} | Due: ${formatVi(alert(province, 'dg-2').dueDate)} | Level: 2 | Must answer: Chi bộ Trường THPT A`,
    `Case: dg-1 | Deadline: ${alert(province, 'dg-1').summary.en} | Due: ${formatVi(alert(province, 'dg-1').dueDate)} | Level: 1 | Must answer: Đảng ủy xã A`,
  ]);
  expect(en.text()).toContain(`Due this week\nCase: dg-soon | Due: ${day} | Stage: committee's decision\n`);
  expect(en.html()).toContain('<th>Must answer</th>');

  // Triggered again the same day (a catch-up, a person): Temporal refuses the day's digest workflows, nothing is sent.
  const again = await runDigest(soonDue, 'again');
  expect(again.committees).toEqual({
    'du-xa-a': { already: digestWorkflowId('du-xa-a', soonDue) },
    'tu-demo': { already: digestWorkflowId('tu-demo', soonDue) },
  });
  expect(digestsOf(soonDue)).toHaveLength(2);
  // What was sent is recorded where the once-only guarantee lives: the day's workflow of each committee.
  expect(await stack.client.workflow.getHandle(digestWorkflowId('du-xa-a', soonDue)).result()).toEqual({
    sent: `<digest.du-xa-a.${soonDue}@pipeline.example.vn>`,
  });
}, 180_000);

test('a Sunday and a holiday of the calendar send nothing', async () => {
  const sunday = addDays(soonDue, 7 - dayOfWeek(soonDue));
  // 01/01/2027, a Friday: New Year's Day in the project's calendar.
  const holiday: IsoDate = '2027-01-01' as IsoDate;
  expect([dayOfWeek(sunday), vnCalendar.isWorkingDay(holiday), dayOfWeek(holiday)]).toEqual([0, false, 5]);
  const before = smtp.received.length;
  for (const day of [sunday, holiday]) {
    expect(await runDigest(day, 'off')).toEqual({ day, skipped: 'not a working day', committees: {} });
    await expect(stack.client.workflow.getHandle(digestWorkflowId('du-xa-a', day)).describe()).rejects.toBeInstanceOf(
      WorkflowNotFoundError,
    );
  }
  expect(smtp.received.slice(before).filter((m) => m.header('Message-ID')?.startsWith('<digest.'))).toEqual([]);
}, 60_000);

test('a digest lists what is open when it is built: the next day, after the late ceremony is held, only the decision', async () => {
  const today = localDateOf(Date.now());
  // A ceremony this late needs the superior committee's consent on file first (Quy định thi hành Điều lệ, 4.1).
  for (const step of [
    { type: 'RECORD_DOCUMENT', form: 'VB', kind: 'ceremony_delay_consent', documentNo: '15-CV/TU', date: today },
    { ...STEPS.find(([, s]) => s.type === 'RECORD_CEREMONY')![1], date: today },
  ]) {
    const r = await stack.as(SECRETARY)('POST', '/cases/dg-2/commands', { ...step, signedBy });
    expect({ step: step.type, status: r.status, body: r.status === 200 ? null : r.body }).toEqual({
      step: step.type,
      status: 200,
      body: null,
    });
  }
  const open = await eventually(
    () => stack.as(COMMITTEE)('GET', '/committees/du-xa-a/alerts?status=open'),
    (r) => !JSON.stringify(r.body).includes('dg-2/ceremony'),
  );
  expect(JSON.stringify(open.body)).not.toContain('dg-2/ceremony');
  const next = vnCalendar.addWorkingDays(soonDue, 1);
  await runDigest(next, 'next');
  const [mail] = digestsOf(next).filter((m) => m.to[0] === COMMUNE_MAIL);
  expect(mail!.subject()).toMatch(new RegExp(`^Tổng hợp ngày ${formatVi(next)}: 1 hồ sơ quá hạn`));
  const lines = overdueLines(mail!.text(), 'Quá hạn (cũ nhất trước)', 'Đến hạn trong tuần');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^Hồ sơ: dg-1 \| /);
}, 60_000);

test('a standalone worker set to mail but unable to read the addresses says so at start, naming PIPELINE_DATABASE_URL', async () => {
  const started = startWorkerProcess({
    TEMPORAL_ADDRESS: address,
    TEMPORAL_TASK_QUEUE: 'e2e-digest-misconfigured',
    PIPELINE_SMTP_URL: smtp.url,
    PIPELINE_DATABASE_URL: '',
  });
  await expect(started).rejects.toThrow(
    /exited \(1\) before polling:[\s\S]*PIPELINE_SMTP_URL is set but this worker cannot read the organisations' email addresses: set PIPELINE_DATABASE_URL/,
  );
}, 60_000);
