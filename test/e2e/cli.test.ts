/**
 * The `pipeline` command as a secretary and a committee use it at a terminal:
 * the real bin/pipeline.js in its own process, against the whole service on a
 * dev server. Each command prints a table (checked cell by cell against what
 * the API says) or, with --json, the API's own answer; and exits 0 when done,
 * 2 when the command line is wrong, 4 when the API says no, 1 when it cannot
 * be reached.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Principal } from '../../src/auth/tokens';
import { COMMITTEE, SECRETARY, signedBy, STEPS } from '../../src/demo/full-case';
import { runCliWithInput } from '../helpers/cli';
import { eventually, runCli, startStack, type Stack } from '../helpers/stack';

const HOSPITAL: Principal = { userId: 'du-bv-1', role: 'committee', orgId: 'du-bv' };

let stack: Stack;
let dir: string;
beforeAll(async () => {
  stack = await startStack('e2e-cli');
  dir = mkdtempSync(join(tmpdir(), 'cli-'));
}, 120_000);
afterAll(() => stack?.stop());

const secretary = (...args: string[]) => runCli(stack, SECRETARY, ...args);
const committee = (...args: string[]) => runCli(stack, COMMITTEE, ...args);

/** A JSON file in the test's directory, as a user would keep one. */
function file(name: string, value: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value));
  return path;
}

/** The body rows of every table the command printed, each row its trimmed cells; header rows left out. */
function tableRows(out: string, headerFirstCell: string[]): string[][] {
  return out
    .split('\n')
    .filter((l) => l.startsWith('│'))
    .map((l) =>
      l
        .split('│')
        .slice(1, -1)
        .map((c) => c.trim()),
    )
    .filter((cells) => !headerFirstCell.includes(cells[0]!));
}

const dmy = (iso: string) => iso.slice(0, 10).split('-').reverse().join('/');
const step = (type: string) => ({ ...STEPS.find(([, s]) => s.type === type)![1], signedBy });

const HOA = {
  caseId: 'cli-hoa',
  profile: { fullName: 'Nguyễn Thị Hoa', birthDate: '1995-04-12', education: 'higher', youthUnionMember: true },
  cellId: 'cb-thpt-a',
  registeredOn: '2025-07-01',
};

test('register: the case and its stage, or the JSON answer; a second registration, a cell outside the token and a bad file each exit non-zero', async () => {
  const registered = await secretary('register', file('hoa.json', HOA));
  expect(registered).toEqual({ code: 0, stdout: 'registered cli-hoa (stage source)\n', stderr: '' });

  const json = await secretary('register', file('lan.json', { ...HOA, caseId: 'cli-lan' }), '--json');
  expect(json.code).toBe(0);
  expect(JSON.parse(json.stdout)).toEqual({ caseId: 'cli-lan', stage: 'source' });
  expect((await stack.as(SECRETARY)('GET', '/cases/cli-lan')).body.stage).toBe('source');

  const again = await secretary('register', file('hoa.json', HOA));
  expect(again.code).toBe(4);
  expect(again.stderr).toMatch(/\(409\)/);
  expect(again.stdout).toBe('');

  const outside = await secretary('register', file('thon.json', { ...HOA, caseId: 'cli-thon', cellId: 'cb-thon-1' }));
  expect(outside.code).toBe(4);
  expect(outside.stderr).toMatch(/^forbidden \(403\): /);
  expect((await stack.as(SECRETARY)('GET', '/cases/cli-thon')).status).toBe(404);

  const missing = await secretary('register');
  expect({ code: missing.code, stderr: missing.stderr }).toEqual({
    code: 2,
    stderr: 'register: missing <file.json> (or - for stdin)\n',
  });
  const notJson = await secretary('register', file('broken.json', '{"caseId": '));
  expect(notJson.code).toBe(2);
  expect(notJson.stderr).toContain('is not JSON');
});

test('send: a step from stdin or a file, with the deadlines it opens; a refusal exits 4 with the rule and its reasons in both languages', async () => {
  const enrol = await runCliWithInput(stack, SECRETARY, JSON.stringify(step('ENROL_COURSE')), 'send', 'cli-hoa', '-');
  expect(enrol).toEqual({ code: 0, stdout: 'accepted: cli-hoa is now at stage training\n', stderr: '' });

  // An application before the course certificate: the stage does not take it, and nothing is recorded.
  const refused = await runCliWithInput(
    stack,
    SECRETARY,
    JSON.stringify(step('RECORD_APPLICATION')),
    'send',
    'cli-hoa',
    '-',
  );
  expect(refused.code).toBe(4);
  expect(refused.stdout).toBe('');
  const lines = refused.stderr.trimEnd().split('\n');
  expect(lines[0]).toBe('refused (422):');
  expect(lines[1]).toMatch(/^ {2}stage\.not_allowed: \S/);
  expect(lines[2]).toMatch(/^ {4}\(\S.*\)$/);
  expect((await stack.as(SECRETARY)('GET', '/cases/cli-hoa')).body.stage).toBe('training');

  // The dossier over the API, then the cell's vote from a file: it opens the committee's deadline.
  for (const [who, s] of STEPS.slice(1, 8)) {
    const r = await stack.as(who)('POST', '/cases/cli-hoa/commands', { ...s, signedBy });
    expect({ type: s.type, status: r.status }).toEqual({ type: s.type, status: 200 });
  }
  const voted = await secretary('send', 'cli-hoa', file('vote.json', step('RECORD_CELL_VOTE')));
  const open = (await stack.as(SECRETARY)('GET', '/cases/cli-hoa')).body.deadlines as {
    open: Array<{ id: string; dueDate: string }>;
  };
  expect(open.open.map((d) => d.id)).toEqual(['committee_decision']);
  expect(voted).toEqual({
    code: 0,
    stdout: `accepted: cli-hoa is now at stage committee_review\n  due ${dmy(open.open[0]!.dueDate)}: committee_decision\n`,
    stderr: '',
  });

  const enrolLan = await secretary('send', 'cli-lan', file('enrol.json', step('ENROL_COURSE')), '--json');
  expect(enrolLan.code).toBe(0);
  expect(JSON.parse(enrolLan.stdout)).toMatchObject({ stage: 'training', openDeadlines: [] });

  expect((await secretary('send', 'no-such-case', file('enrol.json', step('ENROL_COURSE')))).code).toBe(4);
  const noCase = await secretary('send');
  expect({ code: noCase.code, stderr: noCase.stderr }).toEqual({ code: 2, stderr: 'send: missing <caseId>\n' });
  expect((await secretary('send', 'cli-lan')).code).toBe(2);
});

test('show: the candidate, stage, deadlines and every step with its signer and recorder; --json is the API answer', async () => {
  const api = (await stack.as(SECRETARY)('GET', '/cases/cli-hoa')).body as {
    deadlines: { history: Array<{ id: string; dueDate: string; answerBy: string }> };
  };
  const shown = await secretary('show', 'cli-hoa');
  expect(shown.code).toBe(0);
  const [head, where] = shown.stdout.split('\n');
  expect(head).toBe('cli-hoa  Nguyễn Thị Hoa');
  expect(where).toBe(
    'giai đoạn / stage: committee_review   chi bộ / cell: cb-thpt-a   cấp ủy / committees: du-xa-a, tu-demo',
  );
  const rows = tableRows(shown.stdout, ['hạn / deadline', '#']);
  const decision = api.deadlines.history.find((d) => d.id === 'committee_decision')!;
  // The deadline table: open, so neither met nor late.
  expect(rows[0]).toEqual(['committee_decision', dmy(decision.dueDate), 'du-xa-a', '', '']);
  // The trail: registration, then each step recorded, by date; the refused one is not there.
  const steps = rows.slice(1);
  expect(steps.map((r) => r[2])).toEqual(['registered', ...STEPS.slice(0, 9).map(([, s]) => s.type)]);
  expect(steps.map((r) => r[0])).toEqual(steps.map((_, i) => String(i + 1)));
  expect(steps.slice(1).map((r) => r[1])).toEqual(STEPS.slice(0, 9).map(([, s]) => dmy(s.date as string)));
  const vote = steps.at(-1)!;
  expect(vote.slice(3)).toEqual(['6-KNĐ', signedBy, SECRETARY.userId, 'committee_review']);

  const json = await secretary('show', 'cli-hoa', '--json');
  expect(json.code).toBe(0);
  const body = JSON.parse(json.stdout) as Record<string, unknown>;
  const fresh = (await stack.as(SECRETARY)('GET', '/cases/cli-hoa')).body;
  for (const k of ['caseId', 'stage', 'context', 'deadlines', 'trail']) expect(body[k]).toEqual(fresh[k]);

  expect((await secretary('show', 'no-such-case')).code).toBe(4);
  expect((await runCli(stack, HOSPITAL, 'show', 'cli-hoa')).code).toBe(4);
  expect((await secretary('show')).code).toBe(2);
});

test('list: the cases one may see with stage, cell, next due date and alert level; pages, filters and --json', async () => {
  type Listed = { cases: Array<{ caseId: string; nextDue: string | null; overdueLevel: number }> };
  // The vote was long ago: the committee's deadline has passed and its alert is raised at once.
  const api = await eventually(
    () => stack.as(SECRETARY)('GET', '/cases?pageSize=50'),
    (r) => (r.body as unknown as Listed).cases.some((c) => c.caseId === 'cli-hoa' && c.overdueLevel === 1),
  );
  const listed = (api.body as unknown as Listed).cases;
  const hoa = listed.find((c) => c.caseId === 'cli-hoa')!;

  const all = await secretary('list');
  expect(all.code).toBe(0);
  expect(tableRows(all.stdout, ['hồ sơ / case']).sort((a, b) => a[0]!.localeCompare(b[0]!))).toEqual([
    ['cli-hoa', 'committee_review', 'cb-thpt-a', dmy(hoa.nextDue!), '1'],
    ['cli-lan', 'training', 'cb-thpt-a', '', ''],
  ]);
  expect(all.stdout.trimEnd().split('\n').at(-1)).toBe('2 case(s)');

  const json = await secretary('list', '--json');
  expect(JSON.parse(json.stdout)).toEqual({ cases: listed, nextPageToken: null });

  const stage = await secretary('list', '--stage', 'training', '--json');
  expect((JSON.parse(stage.stdout) as Listed).cases.map((c) => c.caseId)).toEqual(['cli-lan']);
  const overdue = await secretary('list', '--overdue', '--json');
  expect((JSON.parse(overdue.stdout) as Listed).cases.map((c) => c.caseId)).toEqual(['cli-hoa']);
  const dueBefore = await secretary('list', '--due-before', hoa.nextDue!, '--json');
  expect((JSON.parse(dueBefore.stdout) as Listed).cases.map((c) => c.caseId)).toEqual(['cli-hoa']);

  // One per page: the first alone says there is more; --all follows the pages to the end.
  const one = await secretary('list', '--page-size', '1');
  expect(tableRows(one.stdout, ['hồ sơ / case'])).toHaveLength(1);
  expect(one.stdout.trimEnd().split('\n').at(-1)).toBe('1 case(s) — more with --all');
  const paged = await secretary('list', '--page-size', '1', '--all', '--json');
  expect((JSON.parse(paged.stdout) as Listed).cases.map((c) => c.caseId).sort()).toEqual(['cli-hoa', 'cli-lan']);

  const otherCell = await secretary('list', '--cell', 'cb-thon-1');
  expect(otherCell.code).toBe(4);
  expect(otherCell.stderr).toMatch(/^forbidden \(403\): /);
  const badStage = await secretary('list', '--stage', 'nowhere');
  expect(badStage.code).toBe(4);
  expect(badStage.stderr).toMatch(/\(400\)/);
  const unknownOption = await secretary('list', '--colour');
  expect(unknownOption.code).toBe(2);
});

test("alerts: a committee's inbox as a table or the API's JSON, acknowledged from the terminal; another committee's is refused", async () => {
  const alertId = 'cli-hoa/committee_decision/L1';
  type Inbox = { alerts: Array<{ alertId: string; dueDate: string; acknowledged: { by: string } | null }> };
  const api = await eventually(
    () => stack.as(COMMITTEE)('GET', '/committees/du-xa-a/alerts'),
    (r) => (r.body as unknown as Inbox).alerts.some((a) => a.alertId === alertId),
  );
  const alert = (api.body as unknown as Inbox).alerts.find((a) => a.alertId === alertId)!;

  const shown = await committee('alerts', 'du-xa-a');
  expect(shown.code).toBe(0);
  expect(tableRows(shown.stdout, ['cảnh báo / alert'])).toEqual([
    [alertId, 'cli-hoa', dmy(alert.dueDate), '1', 'du-xa-a', ''],
  ]);
  expect(shown.stdout.trimEnd().split('\n').at(-1)).toBe('1 alert(s)');
  const json = await committee('alerts', 'du-xa-a', '--json');
  expect(JSON.parse(json.stdout)).toEqual({ alerts: (api.body as unknown as Inbox).alerts });

  const acked = await committee('ack', 'du-xa-a', alertId);
  expect(acked.code).toBe(0);
  expect(acked.stdout).toMatch(new RegExp(`^acknowledged ${alertId} \\(du-xa-a-1, \\d{2}/\\d{2}/\\d{4}\\)\\n$`));
  const after = await committee('alerts', 'du-xa-a');
  expect(tableRows(after.stdout, ['cảnh báo / alert'])[0]![5]).toBe('du-xa-a-1');
  const unacked = await committee('alerts', 'du-xa-a', '--unacknowledged', '--json');
  expect(JSON.parse(unacked.stdout)).toEqual({ alerts: [] });

  const hospital = await runCli(stack, HOSPITAL, 'alerts', 'du-xa-a');
  expect(hospital.code).toBe(4);
  expect(hospital.stderr).toMatch(/^forbidden \(403\): /);
  const noCommittee = await committee('alerts');
  expect({ code: noCommittee.code, stderr: noCommittee.stderr }).toEqual({
    code: 2,
    stderr: 'alerts: missing <committee>\n',
  });
});

test('the command line itself: --help, an unknown command, an API that does not answer', async () => {
  const help = await secretary('--help');
  expect(help.code).toBe(0);
  expect(help.stderr).toMatch(/^usage: pipeline <command>/);
  const unknown = await secretary('enrol');
  expect(unknown.code).toBe(2);
  expect(unknown.stderr).toMatch(/^usage: pipeline <command>/);
  // A port nothing listens on: not the user's fault, not a refusal.
  const down = await secretary('show', 'cli-hoa', '--api', 'http://127.0.0.1:9');
  expect(down.code).toBe(1);
  expect(down.stderr).toMatch(/^cannot reach the API at http:\/\/127\.0\.0\.1:9 /);
});
