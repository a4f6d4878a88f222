/**
 * The demo `npm start` seeds tells a true story on the day it is seeded: every case can take its next step today,
 * the committee's decision is overdue (an alert in its inbox), and the case at the cell's vote has papers that run
 * out before next month's meeting, which its checklist names with their dates as the secretary reads them.
 */
import type { Browser } from 'playwright-core';
import type { Principal } from '../../src/auth/principal';
import { formatVi, localDateOf, type IsoDate } from '../../src/charter/dates';
import { currentRegistry } from '../../src/db/current-registry';
import { COMMITTEE, SECRETARY, signedBy, STEPS } from '../../src/demo/full-case';
import { seedDemo } from '../../src/demo/seed';
import { launchBrowser, screenshot, signedInPage, textContaining } from '../helpers/browser';
import { eventually, startStack, type Stack } from '../helpers/stack';

const VILLAGE_SECRETARY: Principal = { userId: 'bt-thon-1', role: 'cell_secretary', orgId: 'cb-thon-1' };

let stack: Stack;
let browser: Browser;
let today: IsoDate;
beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack('e2e-demo-story'), launchBrowser()]);
  const { registry } = await currentRegistry(stack.database.db).get();
  today = localDateOf(Date.now());
  expect(await seedDemo(stack.client, stack.taskQueue, registry, today)).toBe(5);
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

/** full-case.ts's step of `type`, dated today. */
const todays = (type: string) => ({ ...STEPS.find(([, s]) => s.type === type)![1], date: today, signedBy });

interface DossierItem {
  form: string;
  label: { vi: string };
  status: string;
  expiresOn: IsoDate | null;
  ruleId: string | null;
}

/** In this file's order: the checklist is read while demo-binh still awaits its vote, which the next test records. */
test("the case at the cell's vote can vote today, and its checklist names the papers expiring before next month's meeting with their dates", async () => {
  const read = async (voteOn?: IsoDate) =>
    (await stack.as(SECRETARY)('GET', `/cases/demo-binh${voteOn ? `?voteOn=${voteOn}` : ''}`)).body.dossier as {
      eligible: boolean;
      voteOn: IsoDate;
      items: DossierItem[];
    };
  expect((await read(today)).eligible).toBe(true);
  // The checklist's own vote date: next month's meeting.
  const dossier = await read();
  expect(dossier.voteOn > today).toBe(true);
  expect(dossier.eligible).toBe(false);
  const expiring = dossier.items.filter((i) => i.status === 'expires_before_vote');
  expect(expiring.map((i) => i.form).sort()).toEqual(['3-KNĐ', '4-KNĐ', '5-KNĐ']);
  for (const i of expiring) expect(i.expiresOn! > today && i.expiresOn! <= dossier.voteOn).toBe(true);
  // Nothing the vote needs is missing or already expired (the vote's own resolution and the decision come later).
  expect(dossier.items.filter((i) => i.ruleId && (i.status === 'expired' || i.status === 'missing'))).toEqual([]);

  const page = await signedInPage(browser, stack, SECRETARY);
  await page.goto(`${stack.base}/#/case/demo-binh`);
  const notice = page.locator('#papers-to-renew');
  for (const i of expiring)
    expect(await textContaining(notice, formatVi(i.expiresOn!))).toContain(`${i.label.vi} (${i.form})`);
  const text = await notice.innerText();
  expect(text).toContain('Giấy tờ cần làm lại');
  // Every date the notice gives is dd/MM/yyyy, and it names no paper that is not about to expire.
  expect(text.match(/\d{4}-\d{2}-\d{2}/)).toBeNull();
  expect(await notice.locator('li').count()).toBe(expiring.length);
  // Beside the deadlines (the charter sets none for the vote), the first paper to run out and when.
  const first = [...expiring].sort((a, b) => a.expiresOn!.localeCompare(b.expiresOn!))[0]!;
  expect(await page.locator('#papers-first-expiry').innerText()).toContain(
    `${first.label.vi}, từ ngày ${formatVi(first.expiresOn!)}`,
  );
  await screenshot(page, 'demo-papers-to-renew');
  await page.context().close();
}, 120_000);

test('each demo case stands where its story says, and can take its next step today', async () => {
  const stageOf = async (id: string) => (await stack.as(SECRETARY)('GET', `/cases/${id}`)).body.stage;
  expect({
    an: await stageOf('demo-an'),
    binh: await stageOf('demo-binh'),
    cuong: await stageOf('demo-cuong'),
    dung: await stageOf('demo-dung'),
    em: (await stack.as(VILLAGE_SECRETARY)('GET', '/cases/demo-em')).body.stage,
  }).toEqual({
    an: 'dossier',
    binh: 'cell_vote',
    cuong: 'committee_review',
    dung: 'official',
    em: 'training',
  });

  // The committee's decision is overdue: the commune committee has the alert.
  const alerts = await eventually(
    () => stack.as(COMMITTEE)('GET', '/committees/du-xa-a/alerts'),
    (r) => JSON.stringify(r.body).includes('demo-cuong'),
    30_000,
  );
  expect(JSON.stringify(alerts.body)).toContain('demo-cuong');

  // Every living case takes its next step today, as its recorder would record it.
  const next: Array<[Principal, string, Record<string, unknown>]> = [
    [SECRETARY, 'demo-an', todays('RECORD_COMMENTS')],
    [SECRETARY, 'demo-binh', todays('RECORD_CELL_VOTE')],
    [COMMITTEE, 'demo-cuong', todays('RECORD_COMMITTEE_DECISION')],
    [VILLAGE_SECRETARY, 'demo-em', todays('RECORD_CERTIFICATE')],
  ];
  for (const [who, id, step] of next) {
    const r = await stack.as(who)('POST', `/cases/${id}/commands`, step);
    expect({ id, step: step.type, status: r.status, body: r.status === 200 ? null : r.body }).toEqual({
      id,
      step: step.type,
      status: 200,
      body: null,
    });
  }
}, 120_000);
