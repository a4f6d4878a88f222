/**
 * The `pipeline` command as a secretary and a committee use it at a terminal:
 * the real bin/pipeline.js in its own process, against the whole service on a
 * dev server. Each command prints a table (checked cell by cell against what
 * the API says) or, with --json, the API's own answer; and exits 0 when done,
 * 2 when the command line is wrong, 4 when the API says no, 1 when it cannot
 * be reached. It speaks Vietnamese, English with --lang en, and names stages,
 * steps and deadlines as people call them, never by their codes.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Principal } from '../../src/auth/principal';
import { provisionPassword } from '../../src/accounts/provision';
import { localDateOf } from '../../src/charter/dates';
import { COMMITTEE, SECRETARY, signedBy, STEPS } from '../../src/demo/full-case';
import { DEADLINE_NAMES } from '../../src/machine/deadlines';
import { STAGE_NAMES } from '../../src/schemas/stage-names';
import { runCliWithInput, type CliRun } from '../helpers/cli';
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

/**
 * The real `pipeline` as a person at a terminal runs it: in a directory of theirs, with only the environment given
 * (no token unless the test sets one), stdin piped in.
 */
function cliAs(
  setup: { cwd: string; env: Record<string, string | undefined>; stdin?: string },
  ...args: string[]
): Promise<CliRun> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PIPELINE_TOKEN: undefined,
    PIPELINE_API_URL: undefined,
    ...setup.env,
  };
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  const child = spawn(process.execPath, [join(__dirname, '..', '..', 'bin', 'pipeline.js'), ...args], {
    cwd: setup.cwd,
    env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  child.stdin.end(setup.stdin ?? '');
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (c) => resolve({ code: c ?? 128, stdout, stderr }));
  });
}
const step = (type: string) => ({ ...STEPS.find(([, s]) => s.type === type)![1], signedBy });

const HOA = {
  caseId: 'cli-hoa',
  profile: { fullName: 'Nguyễn Thị Hoa', birthDate: '1995-04-12', education: 'higher', youthUnionMember: true },
  cellId: 'cb-thpt-a',
  registeredOn: '2025-07-01',
};

test('register: the case and its stage, or the JSON answer; a second registration, a cell outside the token and a bad file each exit non-zero', async () => {
  const registered = await secretary('register', file('hoa.json', HOA));
  expect(registered).toEqual({
    code: 0,
    stdout: `đã đăng ký cli-hoa (giai đoạn: ${STAGE_NAMES.source.vi})\n`,
    stderr: '',
  });

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
    stderr: 'register: thiếu <registration.json> (hoặc - để đọc từ stdin)\n',
  });
  const notJson = await secretary('register', file('broken.json', '{"caseId": '), '--lang', 'en');
  expect(notJson.code).toBe(2);
  expect(notJson.stderr).toMatch(/^register: .*broken\.json is not JSON/);
});

test('send: a step from stdin or a file, with the deadlines it opens; a refusal exits 4 with the rule and its reasons in both languages', async () => {
  const enrol = await runCliWithInput(stack, SECRETARY, JSON.stringify(step('ENROL_COURSE')), 'send', 'cli-hoa', '-');
  expect(enrol).toEqual({
    code: 0,
    stdout: `đã ghi nhận: cli-hoa nay ở giai đoạn ${STAGE_NAMES.training.vi}\n`,
    stderr: '',
  });

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
  const voted = await secretary('send', 'cli-hoa', file('vote.json', step('RECORD_CELL_VOTE')), '--lang', 'en');
  const open = (await stack.as(SECRETARY)('GET', '/cases/cli-hoa')).body.deadlines as {
    open: Array<{ id: string; dueDate: string }>;
  };
  expect(open.open.map((d) => d.id)).toEqual(['committee_decision']);
  expect(voted).toEqual({
    code: 0,
    stdout:
      `accepted: cli-hoa is now at stage ${STAGE_NAMES.committee_review.en}\n` +
      `  due ${dmy(open.open[0]!.dueDate)}: ${DEADLINE_NAMES.committee_decision.en}\n`,
    stderr: '',
  });

  const enrolLan = await secretary('send', 'cli-lan', file('enrol.json', step('ENROL_COURSE')), '--json');
  expect(enrolLan.code).toBe(0);
  expect(JSON.parse(enrolLan.stdout)).toMatchObject({ stage: 'training', openDeadlines: [] });

  expect((await secretary('send', 'no-such-case', file('enrol.json', step('ENROL_COURSE')))).code).toBe(4);
  const noCase = await secretary('send');
  expect({ code: noCase.code, stderr: noCase.stderr }).toEqual({ code: 2, stderr: 'send: thiếu tham số <caseId>\n' });
  const noFile = await secretary('send', 'cli-lan');
  expect({ code: noFile.code, stderr: noFile.stderr }).toEqual({
    code: 2,
    stderr: 'send: thiếu <command.json> (hoặc - để đọc từ stdin)\n',
  });
});

test('show: the candidate, stage, deadlines and every step by name with its signer and recorder; --json is the API answer', async () => {
  const api = (await stack.as(SECRETARY)('GET', '/cases/cli-hoa')).body as {
    deadlines: {
      history: Array<{ id: string; dueDate: string; answerBy: string }>;
    };
  };
  const shown = await secretary('show', 'cli-hoa');
  expect(shown.code).toBe(0);
  const [head, where] = shown.stdout.split('\n');
  expect(head).toBe('cli-hoa  Nguyễn Thị Hoa');
  expect(where).toBe(
    `giai đoạn / stage: ${STAGE_NAMES.committee_review.vi}   chi bộ / cell: cb-thpt-a   cấp ủy / committees: du-xa-a, tu-demo`,
  );
  const rows = tableRows(shown.stdout, ['hạn / deadline', '#']);
  const decision = api.deadlines.history.find((d) => d.id === 'committee_decision')!;
  // The deadline table, by the deadline's name: open, so neither met nor late.
  expect(rows[0]).toEqual([DEADLINE_NAMES.committee_decision.vi, dmy(decision.dueDate), 'du-xa-a', '', '']);
  // The trail: registration, then each step recorded, by date and by the name its form has; the refused one is not
  // there, and no code shows.
  const steps = rows.slice(1);
  expect(steps).toHaveLength(10);
  expect(steps[0]![2]).toBe('Đưa vào diện quần chúng ưu tú');
  expect(steps[1]![2]).toBe('Cử đi học lớp bồi dưỡng nhận thức về Đảng');
  expect(steps[9]![2]).toBe('Nghị quyết chi bộ đề nghị kết nạp (6-KNĐ)');
  for (const r of steps) expect(r[2]).not.toMatch(/^[A-Z_]+$|^registered$/);
  expect(steps.map((r) => r[0])).toEqual(steps.map((_, i) => String(i + 1)));
  expect(steps.slice(1).map((r) => r[1])).toEqual(STEPS.slice(0, 9).map(([, s]) => dmy(s.date as string)));
  const vote = steps.at(-1)!;
  expect(vote.slice(3)).toEqual(['6-KNĐ', signedBy, SECRETARY.userId, STAGE_NAMES.committee_review.vi]);
  const english = await secretary('show', 'cli-hoa', '--lang', 'en');
  expect(tableRows(english.stdout, ['hạn / deadline', '#']).at(-1)![2]).toBe("Cell's vote (6-KNĐ)");

  const json = await secretary('show', 'cli-hoa', '--json');
  expect(json.code).toBe(0);
  const body = JSON.parse(json.stdout) as Record<string, unknown>;
  const fresh = (await stack.as(SECRETARY)('GET', '/cases/cli-hoa')).body;
  for (const k of ['caseId', 'stage', 'context', 'deadlines', 'trail']) expect(body[k]).toEqual(fresh[k]);

  expect((await secretary('show', 'no-such-case')).code).toBe(4);
  expect((await runCli(stack, HOSPITAL, 'show', 'cli-hoa')).code).toBe(4);
  expect((await secretary('show')).code).toBe(2);
});

test('list: the cases one may see with name, stage, cell, next due date and alert level; pages, filters and --json', async () => {
  type Listed = {
    cases: Array<{ caseId: string; fullName?: string | null; nextDue: string | null; overdueLevel: number }>;
  };
  // The vote was long ago: the committee's deadline has passed and its alert is raised at once.
  const api = await eventually(
    () => stack.as(SECRETARY)('GET', '/cases?pageSize=50'),
    (r) => (r.body as unknown as Listed).cases.some((c) => c.caseId === 'cli-hoa' && c.overdueLevel === 1),
  );
  const listed = (api.body as unknown as Listed).cases;
  const hoa = listed.find((c) => c.caseId === 'cli-hoa')!;
  const lan = listed.find((c) => c.caseId === 'cli-lan')!;

  const all = await secretary('list');
  expect(all.code).toBe(0);
  expect(tableRows(all.stdout, ['hồ sơ / case']).sort((a, b) => a[0]!.localeCompare(b[0]!))).toEqual([
    ['cli-hoa', hoa.fullName ?? '', STAGE_NAMES.committee_review.vi, 'cb-thpt-a', dmy(hoa.nextDue!), '1'],
    ['cli-lan', lan.fullName ?? '', STAGE_NAMES.training.vi, 'cb-thpt-a', '', ''],
  ]);
  expect(all.stdout.trimEnd().split('\n').at(-1)).toBe('2 hồ sơ');
  const english = await secretary('list', '--stage', 'training', '--lang', 'en');
  expect(tableRows(english.stdout, ['hồ sơ / case'])).toEqual([
    ['cli-lan', lan.fullName ?? '', STAGE_NAMES.training.en, 'cb-thpt-a', '', ''],
  ]);
  expect(english.stdout.trimEnd().split('\n').at(-1)).toBe('1 case(s)');

  const json = await secretary('list', '--json');
  expect(JSON.parse(json.stdout)).toEqual({ cases: listed, nextPageToken: null });

  const stage = await secretary('list', '--stage', 'training', '--json');
  expect((JSON.parse(stage.stdout) as Listed).cases.map((c) => c.caseId)).toEqual(['cli-lan']);
  const overdue = await secretary('list', '--overdue', '--json');
  expect((JSON.parse(overdue.stdout) as Listed).cases.map((c) => c.caseId)).toEqual(['cli-hoa']);
  const dueBefore = await secretary('list', '--due-before', hoa.nextDue!, '--json');
  expect((JSON.parse(dueBefore.stdout) as Listed).cases.map((c) => c.caseId)).toEqual(['cli-hoa']);
  // As people write dates, too.
  const dueBeforeDmy = await secretary('list', '--due-before', dmy(hoa.nextDue!), '--json');
  expect((JSON.parse(dueBeforeDmy.stdout) as Listed).cases.map((c) => c.caseId)).toEqual(['cli-hoa']);

  // One per page: the first alone says there is more; --all follows the pages to the end.
  const one = await secretary('list', '--page-size', '1');
  expect(tableRows(one.stdout, ['hồ sơ / case'])).toHaveLength(1);
  expect(one.stdout.trimEnd().split('\n').at(-1)).toBe('1 hồ sơ — còn nữa, thêm --all');
  const paged = await secretary('list', '--page-size', '1', '--all', '--json');
  expect((JSON.parse(paged.stdout) as Listed).cases.map((c) => c.caseId).sort()).toEqual(['cli-hoa', 'cli-lan']);

  const otherCell = await secretary('list', '--cell', 'cb-thon-1');
  expect(otherCell.code).toBe(4);
  expect(otherCell.stderr).toMatch(/^forbidden \(403\): /);
  // Wrong command lines name the option, before anything is asked of the API.
  const badStage = await secretary('list', '--stage', 'nowhere');
  expect(badStage.code).toBe(2);
  expect(badStage.stderr).toMatch(
    /^list: tùy chọn '--stage <stage>': 'nowhere' không hợp lệ: chỉ nhận source, training, /,
  );
  const unknownOption = await secretary('list', '--colour');
  expect({ code: unknownOption.code, stderr: unknownOption.stderr }).toEqual({
    code: 2,
    stderr: "list: không có tùy chọn '--colour'\n",
  });
  const badDate = await secretary('list', '--due-before', '31/02/2026', '--lang', 'en');
  expect({ code: badDate.code, stderr: badDate.stderr }).toEqual({
    code: 2,
    stderr: "list: option '--due-before <date>': '31/02/2026' is not valid: there is no such day.\n",
  });
});

test("alerts: a committee's open alerts with their status as a table or the API's JSON, acknowledged from the terminal; another committee's is refused", async () => {
  const alertId = 'cli-hoa/committee_decision/L1';
  type Inbox = {
    alerts: Array<{ alertId: string; dueDate: string; status: string; acknowledged: { by: string } | null }>;
  };
  const api = await eventually(
    () => stack.as(COMMITTEE)('GET', '/committees/du-xa-a/alerts?status=open'),
    (r) => (r.body as unknown as Inbox).alerts.some((a) => a.alertId === alertId),
  );
  const alert = (api.body as unknown as Inbox).alerts.find((a) => a.alertId === alertId)!;
  const decisionDue = DEADLINE_NAMES.committee_decision.vi;

  const shown = await committee('alerts', 'du-xa-a');
  expect(shown.code).toBe(0);
  expect(tableRows(shown.stdout, ['cảnh báo / alert'])).toEqual([
    [alertId, 'cli-hoa', decisionDue, 'đang mở', dmy(alert.dueDate), '1', 'du-xa-a', ''],
  ]);
  expect(shown.stdout.trimEnd().split('\n').at(-1)).toBe('1 cảnh báo');
  const json = await committee('alerts', 'du-xa-a', '--json');
  expect(JSON.parse(json.stdout)).toEqual({ alerts: (api.body as unknown as Inbox).alerts });

  const acked = await committee('ack', 'du-xa-a', alertId);
  expect(acked.code).toBe(0);
  expect(acked.stdout).toMatch(new RegExp(`^đã xác nhận ${alertId} \\(du-xa-a-1, \\d{2}/\\d{2}/\\d{4}\\)\\n$`));
  const after = await committee('alerts', 'du-xa-a');
  expect(tableRows(after.stdout, ['cảnh báo / alert'])[0]![7]).toBe('du-xa-a-1');
  const unacked = await committee('alerts', 'du-xa-a', '--unacknowledged', '--json');
  expect(JSON.parse(unacked.stdout)).toEqual({ alerts: [] });

  const hospital = await runCli(stack, HOSPITAL, 'alerts', 'du-xa-a');
  expect(hospital.code).toBe(4);
  expect(hospital.stderr).toMatch(/^forbidden \(403\): /);
  const noCommittee = await committee('alerts');
  expect({ code: noCommittee.code, stderr: noCommittee.stderr }).toEqual({
    code: 2,
    stderr: 'alerts: thiếu tham số <committee>\n',
  });
  const both = await committee('alerts', 'du-xa-a', '--all', '--status', 'closed');
  expect({ code: both.code, stderr: both.stderr }).toEqual({
    code: 2,
    stderr: "alerts: không dùng '--status <status>' cùng với '--all'\n",
  });
});

test('audit --as-of: the stage on the day, then its deadlines and open alerts as tables, the date written either way', async () => {
  type AsOf = {
    asOf: {
      stage: string;
      deadlines: Array<{
        kind: string;
        startedOn: string;
        dueDate: string;
        answerBy: string;
        overdue: boolean;
      }>;
      openAlerts: Array<{ alertId: string; dueDate: string; level: number; raisedOn: string; recipients: string[] }>;
    };
  };
  const today = localDateOf(Date.now());
  const api = (await runCli(stack, COMMITTEE, 'audit', 'cli-hoa', '--as-of', today, '--json')).stdout;
  const { asOf } = JSON.parse(api) as AsOf;
  // The committee's decision is overdue today and its alert open: both tables have a row to check.
  expect(asOf.deadlines.map((d) => [d.kind, d.overdue])).toEqual([['committee_decision', true]]);
  expect(asOf.openAlerts.map((a) => a.alertId)).toEqual(['cli-hoa/committee_decision/L1']);

  const out = await committee('audit', 'cli-hoa', '--as-of', dmy(today));
  expect(out.code).toBe(0);
  expect(out.stdout).toContain(`Ngày ${dmy(today)}: giai đoạn ${STAGE_NAMES.committee_review.vi}; bước gần nhất: `);
  const deadline = asOf.deadlines[0]!;
  expect(tableRows(out.stdout, ['thời hạn / deadline']).filter((r) => r.length === 5)).toEqual([
    [
      DEADLINE_NAMES.committee_decision.vi,
      dmy(deadline.startedOn),
      dmy(deadline.dueDate),
      deadline.answerBy,
      'quá hạn',
    ],
  ]);
  const a = asOf.openAlerts[0]!;
  expect(tableRows(out.stdout, ['cảnh báo / alert']).filter((r) => r[0] === a.alertId)).toEqual([
    [
      a.alertId,
      DEADLINE_NAMES.committee_decision.vi,
      dmy(a.dueDate),
      String(a.level),
      dmy(a.raisedOn),
      a.recipients.join(', '),
    ],
  ]);
  const iso = await committee('audit', 'cli-hoa', '--as-of', today);
  expect(iso.stdout.replace(/^.*\n/, '')).toBe(out.stdout.replace(/^.*\n/, ''));

  const before = await committee('audit', 'cli-hoa', '--as-of', '01/01/2020', '--lang', 'en');
  expect(before.stdout).toContain('On 01/01/2020 the case was not registered yet.');
  const notADay = await committee('audit', 'cli-hoa', '--as-of', '31/02/2026');
  expect({ code: notADay.code, stderr: notADay.stderr }).toEqual({
    code: 2,
    stderr: "audit: tùy chọn '--as-of <date>': '31/02/2026' không hợp lệ: không có ngày này trong lịch.\n",
  });
});

test('alerts: a closed alert leaves the default list, shows with --all and --status closed with its closing day', async () => {
  const alertId = 'cli-hoa/committee_decision/L1';
  const [who, decision] = STEPS.find(([, s]) => s.type === 'RECORD_COMMITTEE_DECISION')!;
  expect((await stack.as(who)('POST', '/cases/cli-hoa/commands', { ...decision, signedBy })).status).toBe(200);
  type Inbox = { alerts: Array<{ alertId: string; dueDate: string; closedOn: string | null }> };
  const api = await eventually(
    () => stack.as(COMMITTEE)('GET', '/committees/du-xa-a/alerts?status=closed'),
    (r) => (r.body as unknown as Inbox).alerts.some((a) => a.alertId === alertId),
  );
  const closed = (api.body as unknown as Inbox).alerts.find((a) => a.alertId === alertId)!;

  // By default the open ones only (the ceremony, due since the decision, may have raised one by now).
  const open = tableRows((await committee('alerts', 'du-xa-a')).stdout, ['cảnh báo / alert']);
  expect(open.map((r) => r[0])).not.toContain(alertId);
  for (const r of open) expect(r[3]).toBe('đang mở');
  const row = [
    alertId,
    'cli-hoa',
    DEADLINE_NAMES.committee_decision.vi,
    `đã đóng ${dmy(closed.closedOn!)}`,
    dmy(closed.dueDate),
    '1',
    'du-xa-a',
    'du-xa-a-1',
  ];
  const all = tableRows((await committee('alerts', 'du-xa-a', '--all')).stdout, ['cảnh báo / alert']);
  expect(all.filter((r) => r[0] === alertId)).toEqual([row]);
  const onlyClosed = await committee('alerts', 'du-xa-a', '--status', 'closed', '--lang', 'en');
  expect(tableRows(onlyClosed.stdout, ['cảnh báo / alert'])).toEqual([
    [alertId, 'cli-hoa', DEADLINE_NAMES.committee_decision.en, `closed ${dmy(closed.closedOn!)}`, ...row.slice(4)],
  ]);
});

/** Every command the CLI has, as `pipeline --help` lists them. */
const COMMANDS = [
  'register',
  'send',
  'show',
  'list',
  'alerts',
  'ack',
  'import',
  'audit',
  'document',
  'login',
  'logout',
  'simulate',
];

test('the command line itself: --help on every command in both languages, an unknown command, an API that does not answer', async () => {
  const help = await secretary('--help');
  expect(help.code).toBe(0);
  expect(help.stdout).toMatch(/^Cách dùng: pipeline \[options\] \[command\]/);
  const listed = [...help.stdout.matchAll(/^ {2}([a-z]+) /gm)].map((m) => m[1]).filter((c) => c !== 'help');
  expect(listed).toEqual(COMMANDS);
  expect(help.stdout).not.toContain('token');
  // Independent processes: run side by side, each judged on its own.
  const helps = await Promise.all(
    COMMANDS.map(async (command) => ({
      command,
      vi: await secretary(command, '--help'),
      en: await secretary('--lang', 'en', 'help', command),
    })),
  );
  for (const { command, vi, en } of helps) {
    expect({ command, code: vi.code, usage: vi.stdout.split('\n')[0] }).toEqual({
      command,
      code: 0,
      usage: expect.stringMatching(new RegExp(`^Cách dùng: pipeline ${command} `)),
    });
    expect(vi.stdout).toContain('Tùy chọn:');
    expect({ command, code: en.code, usage: en.stdout.split('\n')[0] }).toEqual({
      command,
      code: 0,
      usage: expect.stringMatching(new RegExp(`^Usage: pipeline ${command} `)),
    });
  }
  expect((await secretary('list', '--help')).stdout).toMatch(/--overdue +chỉ hồ sơ quá hạn/);
  expect((await secretary('audit', '--help', '--lang', 'en')).stdout).toMatch(/--as-of <date> +the stage, deadlines/);

  const unknown = await secretary('enrol');
  expect({ code: unknown.code, stderr: unknown.stderr }).toEqual({
    code: 2,
    stderr: "pipeline: không có lệnh 'enrol'\n",
  });
  const token = await secretary('token', '--role', 'admin');
  expect(token.code).toBe(2);
  // A port nothing listens on: not the user's fault, not a refusal.
  const down = await secretary('show', 'cli-hoa', '--api', 'http://127.0.0.1:9');
  expect(down.code).toBe(1);
  expect(down.stderr).toMatch(/^không kết nối được API tại http:\/\/127\.0\.0\.1:9 /);
  const downEn = await secretary('show', 'cli-hoa', '--api', 'http://127.0.0.1:9', '--lang', 'en');
  expect(downEn.stderr).toMatch(/^cannot reach the API at http:\/\/127\.0\.0\.1:9 /);
}, 300_000);

test('document: a form of the case saved under the name the API gives, or --out; a form not yet due and a wrong one refused', async () => {
  const cwd = mkdtempSync(join(tmpdir(), 'cli-doc-'));
  const env = { PIPELINE_API_URL: stack.base, PIPELINE_TOKEN: await stack.tokenOf(SECRETARY) };
  const pdf = await cliAs({ cwd, env }, 'document', 'cli-hoa', '6-KNĐ', '--format', 'pdf');
  expect({ code: pdf.code, stderr: pdf.stderr }).toEqual({ code: 0, stderr: '' });
  const saved = join(cwd, '6-KNĐ-cli-hoa.pdf');
  const [first, second] = pdf.stdout.trimEnd().split('\n');
  expect(first).toBe(`đã lưu ${saved} (${statSync(saved).size} byte)`);
  expect(second).toMatch(/^số văn bản gợi ý \d+ \(chưa ghi\)$/);
  expect(readFileSync(saved).subarray(0, 5).toString()).toBe('%PDF-');

  const out = join(cwd, 'nghi-quyet.docx');
  const docx = await cliAs({ cwd, env }, 'document', 'cli-hoa', '6-KNĐ', '--format', 'docx', '--out', out, '--json');
  expect(docx.code).toBe(0);
  expect(JSON.parse(docx.stdout)).toMatchObject({ file: out, bytes: statSync(out).size, recorded: false });
  // A Word file is a zip.
  expect(readFileSync(out).subarray(0, 2).toString()).toBe('PK');

  const notYet = await cliAs({ cwd, env }, 'document', 'cli-lan', '6-KNĐ', '--format', 'pdf');
  expect(notYet.code).toBe(4);
  expect(notYet.stderr).toMatch(/^step_missing \(409\): /);
  expect(existsSync(join(cwd, '6-KNĐ-cli-lan.pdf'))).toBe(false);
  const wrongForm = await cliAs({ cwd, env }, 'document', 'cli-hoa', '7-KNĐ', '--format', 'pdf');
  expect(wrongForm.code).toBe(2);
  expect(wrongForm.stderr).toMatch(/^document: <form>: '7-KNĐ' không hợp lệ: chỉ nhận 6-KNĐ, /);
  const noFormat = await cliAs({ cwd, env }, 'document', 'cli-hoa', '6-KNĐ');
  expect({ code: noFormat.code, stderr: noFormat.stderr }).toEqual({
    code: 2,
    stderr: "document: thiếu tùy chọn bắt buộc '--format <format>'\n",
  });
});

test('login keeps a token readable only by its owner that later commands use; env and --token come first; logout revokes it', async () => {
  const who = { userId: 'cli-login', role: 'committee' as const, orgId: 'du-xa-a', name: 'Đặng Văn Khoa' };
  const password = 'mật khẩu dài và đúng';
  await provisionPassword(stack.database.db, who, password);
  const cwd = mkdtempSync(join(tmpdir(), 'cli-login-'));
  const xdg = join(cwd, 'config');
  const file = join(xdg, 'party-pipeline', 'credentials.json');
  const env = { XDG_CONFIG_HOME: xdg };

  const wrong = await cliAs(
    { cwd, env: { ...env, PIPELINE_API_URL: stack.base }, stdin: 'sai\n' },
    'login',
    '--user',
    who.userId,
    '--password-stdin',
  );
  expect({ code: wrong.code, stderr: wrong.stderr }).toEqual({
    code: 4,
    stderr: expect.stringMatching(/^invalid_credentials \(401\): /),
  });
  expect(existsSync(file)).toBe(false);
  // No terminal to ask on, and no --password-stdin: said, not hung.
  const noTty = await cliAs({ cwd, env: { ...env, PIPELINE_API_URL: stack.base } }, 'login', '--user', who.userId);
  expect({ code: noTty.code, stderr: noTty.stderr }).toEqual({
    code: 2,
    stderr: 'login: không có terminal để hỏi mật khẩu: dùng --password-stdin\n',
  });

  const login = await cliAs(
    { cwd, env, stdin: `${password}\n` },
    'login',
    '--api',
    stack.base,
    '--user',
    who.userId,
    '--role',
    'committee',
    '--org',
    'du-xa-a',
    '--expires-days',
    '2',
    '--password-stdin',
  );
  expect({ code: login.code, stderr: login.stderr }).toEqual({ code: 0, stderr: '' });
  const kept = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
  expect(kept).toEqual({
    api: stack.base,
    token: expect.any(String),
    id: expect.any(String),
    username: who.userId,
    role: 'committee',
    orgId: 'du-xa-a',
    expiresAt: expect.any(String),
  });
  const days = (Date.parse(kept.expiresAt!) - Date.now()) / 86_400_000;
  expect(days).toBeGreaterThan(1.9);
  expect(days).toBeLessThanOrEqual(2);
  expect(login.stdout).toBe(
    `đã đăng nhập ${stack.base} là ${who.userId} (committee, du-xa-a); mã hết hạn ngày ` +
      `${dmy(localDateOf(Date.parse(kept.expiresAt!)))}, lưu ở ${file}\n`,
  );
  expect(statSync(file).mode & 0o777).toBe(0o600);
  expect(statSync(join(xdg, 'party-pipeline')).mode & 0o777).toBe(0o700);
  // The token is a real one: the API takes it as this person.
  const me = await fetch(`${stack.base}/committees/du-xa-a/alerts`, {
    headers: { authorization: `Bearer ${kept.token}` },
  });
  expect(me.status).toBe(200);

  // Later commands, with neither token nor address given, use the saved sign-in.
  const alerts = await cliAs({ cwd, env }, 'alerts', 'du-xa-a', '--all', '--json');
  expect(alerts.code).toBe(0);
  expect(JSON.parse(alerts.stdout).alerts.map((a: { alertId: string }) => a.alertId)).toContain(
    'cli-hoa/committee_decision/L1',
  );
  // PIPELINE_TOKEN and --token come before the file, even for the API it was saved for.
  const envToken = await cliAs(
    { cwd, env: { ...env, PIPELINE_API_URL: stack.base, PIPELINE_TOKEN: 'not-a-token' } },
    'alerts',
    'du-xa-a',
  );
  expect({ code: envToken.code, stderr: envToken.stderr }).toEqual({
    code: 4,
    stderr: expect.stringMatching(/\(401\)/),
  });
  const flagToken = await cliAs({ cwd, env }, 'alerts', 'du-xa-a', '--api', stack.base, '--token', 'not-a-token');
  expect({ code: flagToken.code, stderr: flagToken.stderr }).toEqual({
    code: 4,
    stderr: expect.stringMatching(/\(401\)/),
  });

  const logout = await cliAs({ cwd, env }, 'logout');
  expect(logout).toEqual({
    code: 0,
    stdout: `đã đăng xuất ${who.userId} khỏi ${stack.base}: đã thu hồi mã ${kept.id}; đã xóa ${file}\n`,
    stderr: '',
  });
  expect(existsSync(file)).toBe(false);
  // Revoked on the server, not only forgotten here.
  const revoked = await fetch(`${stack.base}/committees/du-xa-a/alerts`, {
    headers: { authorization: `Bearer ${kept.token}` },
  });
  expect(revoked.status).toBe(401);
  const after = await cliAs({ cwd, env: { ...env, PIPELINE_API_URL: stack.base } }, 'alerts', 'du-xa-a');
  expect({ code: after.code, stderr: after.stderr }).toEqual({
    code: 4,
    stderr: 'unauthenticated (401): chưa đăng nhập: chạy pipeline login, hoặc đặt PIPELINE_TOKEN / --token\n',
  });
  expect(await cliAs({ cwd, env }, 'logout')).toEqual({ code: 0, stdout: 'chưa đăng nhập\n', stderr: '' });
});
