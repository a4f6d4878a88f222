/**
 * GET /metrics over real HTTP, without a token: requests by route template, commands accepted and refused by
 * charter rule, open overdue cases per committee and level from Temporal's visibility, Node's own process metrics;
 * and a scrape that still answers when Temporal does not. No case id, name or query reaches a label.
 */
import { Client, Connection } from '@temporalio/client';
import { buildApi } from '../../src/api/server';
import { tokenKeys } from '../../src/auth/server-secret';
import { localDateOf } from '../../src/charter/dates';
import { memoryDatabase } from '../helpers/app-db';
import { freePort } from '../helpers/scratch-server';
import { sample, scrape as scrapeUrl } from '../helpers/prometheus';
import { demoCaseUpTo, eventually, startStack, TOKEN_SECRET, type Stack } from '../helpers/stack';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack('e2e-metrics');
}, 120_000);
afterAll(() => stack?.stop());

const SECRETARY = { userId: 'bt-thpt-a', role: 'cell_secretary', orgId: 'cb-thpt-a' } as const;
const NAME = 'Quách Thị Đo Lường';
const today = localDateOf(Date.now());
const scrape = (base: string) => scrapeUrl(`${base}/metrics`);

test('requests by route template, and commands accepted and refused by charter rule, without a token', async () => {
  const as = stack.as(SECRETARY);
  const caseId = 'metrics-case-qz7';
  expect(
    (
      await as('POST', '/cases', {
        caseId,
        profile: { fullName: NAME, birthDate: '1994-06-30', education: 'higher' },
        cellId: 'cb-thpt-a',
        registeredOn: today,
      })
    ).status,
  ).toBe(201);
  const enrol = { type: 'ENROL_COURSE', date: today, form: 'VB', mentor: 'Lê Văn Tâm', signedBy: 'Trần Văn Bình' };
  expect((await as('POST', `/cases/${caseId}/commands`, enrol)).status).toBe(200);
  const refused = await as('POST', `/cases/${caseId}/commands`, {
    type: 'RECORD_APPLICATION',
    date: today,
    form: '1-KNĐ',
    signedBy: 'Trần Văn Bình',
  });
  expect(refused.status).toBe(422);
  const rule = (refused.body.refusals as Array<{ ruleId: string }>)[0]!.ruleId;
  // A bad field is neither accepted nor refused by the charter.
  expect((await as('POST', `/cases/${caseId}/commands`, { ...enrol, date: 'soon' })).status).toBe(400);
  expect((await as('GET', `/cases/${caseId}?voteOn=${today}`)).status).toBe(200);
  expect((await stack.as(null)('GET', '/cases')).status).toBe(401);

  const m = await scrape(stack.base);
  expect(m.status).toBe(200);
  expect(m.type).toMatch(/^text\/plain; version=0\.0\.4/);
  const requests = (method: string, route: string, status: string) =>
    sample(m.text, 'pipeline_api_request_duration_seconds_count', { method, route, status });
  expect(requests('POST', '/cases', '201')).toBe(1);
  expect(requests('POST', '/cases/:id/commands', '200')).toBe(1);
  expect(requests('POST', '/cases/:id/commands', '422')).toBe(1);
  expect(requests('POST', '/cases/:id/commands', '400')).toBe(1);
  expect(requests('GET', '/cases/:id', '200')).toBe(1);
  expect(requests('GET', '/cases', '401')).toBe(1);
  expect(
    sample(m.text, 'pipeline_api_request_duration_seconds_bucket', {
      method: 'POST',
      route: '/cases/:id/commands',
      status: '200',
      le: '+Inf',
    }),
  ).toBe(1);

  expect(sample(m.text, 'pipeline_commands_total', { type: 'REGISTER', outcome: 'accepted' })).toBe(1);
  expect(sample(m.text, 'pipeline_commands_total', { type: 'ENROL_COURSE', outcome: 'accepted' })).toBe(1);
  expect(sample(m.text, 'pipeline_commands_total', { type: 'RECORD_APPLICATION', outcome: 'refused' })).toBe(1);
  expect(sample(m.text, 'pipeline_command_refusals_total', { type: 'RECORD_APPLICATION', rule })).toBe(1);
  expect(sample(m.text, 'pipeline_commands_total', { type: 'ENROL_COURSE', outcome: 'refused' })).toBeUndefined();

  // Node's own process metrics, on this instance's registry.
  expect(sample(m.text, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
  expect(m.text).toMatch(/^nodejs_heap_size_used_bytes \d+/m);
  // Route templates only: no case id, name, birth date or query anywhere.
  for (const leak of [caseId, NAME, '1994-06-30', 'voteOn', today]) expect(m.text).not.toContain(leak);
});

test('open overdue cases per committee and level, counted from visibility on scrape', async () => {
  // The demo case up to the committee's decision, dated in 2025: the decision is long overdue, level 1.
  await demoCaseUpTo(stack, 'metrics-overdue', 'RECORD_COMMITTEE_DECISION');
  await eventually(
    () => stack.as(SECRETARY)('GET', '/cases?overdue=true'),
    (r) =>
      (r.body.cases as Array<{ caseId: string }> | undefined)?.some((c) => c.caseId === 'metrics-overdue') ?? false,
  );
  // A fresh instance (its own registry and cache): its first scrape asks Temporal.
  const database = await memoryDatabase();
  const api = buildApi({ client: stack.client, taskQueue: stack.taskQueue, database, keys: tokenKeys(TOKEN_SECRET) });
  try {
    const m = await scrape(await api.listen({ port: 0, host: '127.0.0.1' }));
    expect(m.status).toBe(200);
    // The case counts under each committee of its chain: the commune's and the province's.
    expect(sample(m.text, 'pipeline_overdue_cases', { committee: 'du-xa-a', level: '1' })).toBe(1);
    expect(sample(m.text, 'pipeline_overdue_cases', { committee: 'tu-demo', level: '1' })).toBe(1);
    expect(sample(m.text, 'pipeline_overdue_cases', { level: '2' })).toBeUndefined();
    expect(sample(m.text, 'pipeline_overdue_scrape_errors_total')).toBe(0);
    expect(sample(m.text, 'pipeline_overdue_last_success_timestamp_seconds')).toBeGreaterThan(Date.now() / 1000 - 60);
    // And nothing of the first instance's requests: each instance counts its own.
    expect(m.text).not.toContain('pipeline_commands_total{');
  } finally {
    await api.close();
    await database.close();
  }
});

test('with Temporal unreachable the scrape still answers, counting the failure instead of the overdue cases', async () => {
  const client = new Client({ connection: Connection.lazy({ address: `127.0.0.1:${await freePort()}` }) });
  const database = await memoryDatabase();
  const api = buildApi({ client, taskQueue: 'e2e-metrics-down', database, keys: tokenKeys(TOKEN_SECRET) });
  try {
    const base = await api.listen({ port: 0, host: '127.0.0.1' });
    const started = Date.now();
    const m = await scrape(base);
    expect(Date.now() - started).toBeLessThan(9_000);
    expect(m.status).toBe(200);
    expect(sample(m.text, 'pipeline_overdue_scrape_errors_total')).toBe(1);
    expect(sample(m.text, 'pipeline_overdue_cases')).toBeUndefined();
    expect(sample(m.text, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    // Within the interval the failed query is not sent again.
    expect(sample((await scrape(base)).text, 'pipeline_overdue_scrape_errors_total')).toBe(1);
  } finally {
    await api.close();
    await database.close();
  }
});
