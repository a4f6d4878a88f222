/**
 * The auditor's view over real HTTP on the dev server: a case copied from
 * paper records with irregularities shows each as a finding; the state on a
 * past date; the history's hash chain; and a history edited by hand fails
 * replay with a message that says why.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { compareChains, hashChain } from '../../src/audit/hash-chain';
import { replayRuns } from '../../src/audit/replay';
import { verifyHistories } from '../../src/audit/report';
import { fetchCaseRuns, type CaseRun } from '../../src/temporal/case-runs';
import type { Principal } from '../../src/auth/principal';
import { bundleWorkflows } from '../../src/temporal/bundle';
import { registerCase } from '../../src/temporal/cases';
import { temporal } from '@temporalio/proto';
import { iso, localDateOf } from '../../src/charter/dates';
import { eventually, runCli, startStack, type Stack } from '../helpers/stack';

let stack: Stack;
let workflowBundle: WorkflowBundleWithSourceMap;
beforeAll(async () => {
  [stack, workflowBundle] = await Promise.all([startStack('e2e-audit'), bundleWorkflows()]);
}, 120_000);
afterAll(() => stack?.stop());

const SECRETARY: Principal = { userId: 'bt-thpt-a', role: 'cell_secretary', orgId: 'cb-thpt-a' };
const COMMUNE: Principal = { userId: 'to-chuc-xa-a', role: 'committee', orgId: 'du-xa-a' };
const AUDITOR: Principal = { userId: 'ubkt-1', role: 'auditor', orgId: 'tu-demo' };
const HOSPITAL: Principal = { userId: 'du-bv-1', role: 'committee', orgId: 'du-bv' };
const signedBy = 'Bí thư Trần Văn Bình';
const official = (fullName: string) => ({ kind: 'official_member', fullName, together_since: '2022-01-01' });

/**
 * An old case copied from its paper dossier: a too-young candidate, not a member of the school's Youth Union yet
 * introduced by two official members, a stale introduction, a short vote, a late decision.
 */
const PAPER_STEPS: Array<Record<string, unknown>> = [
  { date: '2024-09-03', type: 'ENROL_COURSE', form: 'VB', mentor: 'Lê Văn Tâm' },
  { date: '2024-10-01', type: 'RECORD_CERTIFICATE', form: 'CN-NTVĐ', certificateNo: 'CN-24-300' },
  { date: '2024-10-07', type: 'RECORD_APPLICATION', form: '1-KNĐ' },
  { date: '2024-10-08', type: 'RECORD_PERSONAL_HISTORY', form: '2-KNĐ' },
  { date: '2024-10-10', type: 'RECORD_INTRODUCTION', form: '3-KNĐ', slot: 1, introducer: official('Phạm Văn Dũng') },
  { date: '2025-05-05', type: 'RECORD_COMMENTS', form: '5-KNĐ' },
  { date: '2025-05-06', type: 'RECORD_INTRODUCTION', form: '3-KNĐ', slot: 2, introducer: official('Hoàng Thị Em') },
  { date: '2025-05-20', type: 'RECORD_VERIFICATION', form: '2-KNĐ', outcome: 'pass' },
  {
    date: '2025-06-02',
    type: 'RECORD_CELL_VOTE',
    form: '6-KNĐ',
    resolution: 'propose_admission',
    tally: { officialMembers: 15, present: 14, excusedAbsent: 0, yes: 8, no: 6, minutesHash: 'a'.repeat(64) },
  },
  {
    date: '2025-09-15',
    type: 'RECORD_COMMITTEE_DECISION',
    form: '9-KNĐ',
    decision: 'admit',
    committeeId: 'hu-a',
    tally: { members: 9, agree: 8, minutesHash: 'c'.repeat(64) },
  },
];

type Report = {
  replayed: boolean;
  clean: boolean;
  findings: Array<{ kind: string; ruleId?: string; step?: string; deadlineId?: string }>;
  steps: Array<{ type: string; recordedBy: string; paperRecord: boolean; policyId: string }>;
  timeline: Array<{ kind: string }>;
  asOf?: { stage: string; registered: boolean; deadlines: Array<{ kind: string; overdue: boolean }> };
  chain: { head: string; links: Array<{ runId: string; eventId: number; hash: string }> };
};

test('a case copied from paper records shows each irregularity as a finding, by the rules in force on its date', async () => {
  const registered = await stack.as(COMMUNE)('POST', '/cases', {
    caseId: 'paper-1',
    profile: { fullName: 'Đỗ Văn Trẻ', birthDate: '2007-09-01', education: 'upper_secondary' },
    cellId: 'cb-thpt-a',
    registeredOn: '2024-09-02',
  });
  expect(registered.status).toBe(201);
  // Only a committee copies paper records; the secretary's live step would be refused by the charter.
  expect(
    (await stack.as(SECRETARY)('POST', '/cases/paper-1/commands', { ...PAPER_STEPS[0], signedBy, paperRecord: true }))
      .status,
  ).toBe(403);
  const answers = [];
  for (const step of PAPER_STEPS) {
    const res = await stack.as(COMMUNE)('POST', '/cases/paper-1/commands', { ...step, signedBy, paperRecord: true });
    expect({ type: step.type, status: res.status }).toEqual({ type: step.type, status: 200 });
    answers.push(res.body);
  }
  // The cell vote was accepted as a record of what happened, with its irregularities said at once.
  // (Its introductions, 7 months old, are within the 12 months of Guidance 01-HD/TW; the registry gives the cell 18
  // official members, not the 15 the paper says.)
  expect((answers[8]!.irregularities as Array<{ ruleId: string }>).map((r) => r.ruleId).sort()).toEqual([
    'age.minimum',
    'cell_vote.registry_members',
    'cell_vote.two_thirds',
  ]);

  const audit = await stack.as(AUDITOR)('GET', '/cases/paper-1/audit?asOf=2025-09-01');
  expect(audit.status).toBe(200);
  const r = audit.body as unknown as Report;
  expect(r.replayed).toBe(true);
  expect(r.clean).toBe(false);
  expect(r.findings.map((f) => [f.kind, f.ruleId ?? f.deadlineId]).sort()).toEqual([
    ['deadline_met_late', 'committee_decision'],
    ['deadline_overdue', 'ceremony'],
    ['should_have_been_refused', 'age.minimum'],
    ['should_have_been_refused', 'cell_vote.registry_members'],
    // Decided by the district committee on 15/9/2025, after the reform of 1/7/2025 made the commune's competent.
    ['should_have_been_refused', 'committee.competent'],
    // Both introductions: of youth age where a Youth Union exists, not its member (Charter art. 4).
    ['should_have_been_refused', 'introducer.youth_union_member'],
    ['should_have_been_refused', 'introducer.youth_union_member'],
    ['vote_below_two_thirds', 'cell_vote.two_thirds'],
  ]);
  expect(r.steps).toHaveLength(PAPER_STEPS.length);
  expect(r.steps.every((s) => s.paperRecord && s.recordedBy === 'to-chuc-xa-a')).toBe(true);
  expect(r.steps.map((s) => s.policyId)).toEqual([...Array(9).fill('2021'), '2025-07']);
  // On 1/9/2025 the case waited for the district committee, whose deadline had passed.
  expect(r.asOf).toMatchObject({
    stage: 'committee_review',
    registered: true,
    deadlines: [{ kind: 'committee_decision', overdue: true }],
  });
  expect(new Set(r.timeline.map((e) => e.kind))).toEqual(
    new Set(['registered', 'command', 'alert_sent', 'alert_closed']),
  );

  const before = await stack.as(AUDITOR)('GET', '/cases/paper-1/audit?asOf=2024-01-01');
  expect((before.body as unknown as Report).asOf).toMatchObject({ registered: false, stage: null });
  expect((await stack.as(HOSPITAL)('GET', '/cases/paper-1/audit')).status).toBe(403);
  expect((await stack.as(AUDITOR)('GET', '/cases/paper-1/audit?asOf=2025-02-30')).body.field).toBe('asOf');
  expect((await stack.as(AUDITOR)('GET', '/cases/nobody/audit')).status).toBe(404);

  // A case recorded today has its deadline ahead: a timer, with its due date in the summary.
  const today = localDateOf(Date.now());
  expect(
    (
      await stack.as(COMMUNE)('POST', '/cases', {
        caseId: 'paper-2',
        profile: { fullName: 'Vũ Thị Mai', birthDate: '1990-01-01', education: 'higher' },
        cellId: 'cb-thpt-a',
        registeredOn: today,
      })
    ).status,
  ).toBe(201);
  for (const step of PAPER_STEPS.slice(0, 9))
    expect(
      (
        await stack.as(COMMUNE)('POST', '/cases/paper-2/commands', {
          ...step,
          date: today,
          signedBy,
          paperRecord: true,
        })
      ).status,
    ).toBe(200);
  const live = (await stack.as(AUDITOR)('GET', '/cases/paper-2/audit')).body as unknown as Report;
  expect(live.timeline).toContainEqual(
    expect.objectContaining({
      kind: 'timer',
      summary: expect.stringMatching(/^admission decision due \d\d\/\d\d\/\d{4}: alert level 1$/),
    }),
  );

  const html = await fetch(`${stack.base}/cases/paper-1/audit?format=html`, {
    headers: { authorization: `Bearer ${await issueFor(AUDITOR)}` },
  });
  expect(html.headers.get('content-type')).toMatch(/text\/html/);
  const page = await html.text();
  expect(page).toContain('Biểu quyết dưới hai phần ba');
  expect(page).toContain('02/06/2025');
  // Each step with the rules it was judged by, broken ones marked.
  expect(page).toMatch(/✗ cell_vote\.two_thirds/);
  expect(page).toContain('Thời hạn / Deadlines');
});

test('the hash chain: the same history twice is identical, a new step grows it, an edited event changes it there', async () => {
  const chainOf = async () =>
    ((await stack.as(AUDITOR)('GET', '/cases/paper-1/audit')).body as unknown as Report).chain.links;
  // paper-1's overdue deadlines raise their alerts in the background: wait until its history stops growing.
  const first = await eventually(
    async () => [await chainOf(), await new Promise((r) => setTimeout(r, 500)).then(chainOf)] as const,
    ([a, b]) => a.length === b.length,
  ).then(([a]) => a);
  expect(compareChains(first, await chainOf())).toEqual({ verdict: 'identical', events: first.length });
  const withdrawn = await stack.as(SECRETARY)('POST', '/cases/paper-1/commands', {
    type: 'WITHDRAW',
    date: '2025-10-01',
    form: 'VB',
    reason: 'chuyển công tác',
    signedBy,
  });
  expect(withdrawn.status).toBe(200);
  const grown = await chainOf();
  expect(compareChains(first, grown)).toMatchObject({ verdict: 'grown', shared: first.length });

  const runs = await fetchCaseRuns(stack.client, 'paper-1');
  const edited = cloneRuns(runs);
  const events = edited[0]!.history.events!;
  const i = events.findIndex((e) => e.eventType === temporal.api.enums.v1.EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED);
  events[i]!.activityTaskScheduledEventAttributes!.activityId = 'forged';
  expect(compareChains(hashChain(runs), hashChain(edited))).toEqual({
    verdict: 'changed',
    firstDifference: { runId: runs[0]!.runId, eventId: Number(events[i]!.eventId) },
    shared: i,
  });
});

test('a history edited by hand fails replay with a message that says why; one recorded before a workflow change still replays', async () => {
  const dataConverter = stack.client.options.dataConverter;
  const runs = await fetchCaseRuns(stack.client, 'paper-1');
  expect(
    await replayRuns(
      runs.map((run) => ({ workflowId: 'candidate-paper-1', run })),
      { workflowBundle, dataConverter },
    ),
  ).toEqual([{ runId: runs[0]!.runId, ok: true }]);

  // A vote's tally changed in the stored history: the sealed payload no longer opens.
  const sealed = cloneRuns(runs);
  const accepted = sealed[0]!.history.events!.filter(
    (e) => e.eventType === temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED,
  )[8]!;
  const payload = accepted.workflowExecutionUpdateAcceptedEventAttributes!.acceptedRequest!.input!.args!.payloads![0]!;
  payload.data = Buffer.from(payload.data!).map((b, j) => (j === payload.data!.length - 20 ? b ^ 1 : b));
  // Replay alone does not open an Update's recorded arguments; reading every event does.
  const deps = {
    workflowBundle: async () => workflowBundle,
    dataConverter,
    loadedDataConverter: stack.client.options.loadedDataConverter,
  };
  const [sealedCheck] = await verifyHistories([{ workflowId: 'candidate-paper-1', runs: sealed }], deps);
  expect(sealedCheck!.timeline).toEqual([]);
  expect(sealedCheck!.replays[0]!.ok).toBe(false);
  expect(sealedCheck!.replays[0]!.error).toMatch(/does not open with the case keys.*failed authentication/);
  expect((await verifyHistories([{ workflowId: 'candidate-paper-1', runs }], deps))[0]!.replays[0]!.ok).toBe(true);

  // An alert's delivery turned into another activity: not what the code schedules at that point.
  const cut = cloneRuns(runs);
  const scheduled = cut[0]!.history.events!.find(
    (e) => e.eventType === temporal.api.enums.v1.EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED,
  )!;
  scheduled.activityTaskScheduledEventAttributes!.activityType!.name = 'deliverSomethingElse';
  const [nondeterministic] = await replayRuns(
    cut.map((run) => ({ workflowId: 'candidate-paper-1', run })),
    { workflowBundle, dataConverter },
  );
  expect(nondeterministic!.ok).toBe(false);
  expect(nondeterministic!.error).toMatch(/does not match what the workflow code does/);
});

/** A deep copy that stays a protobuf History, as Temporal would hand it over. */
const cloneRuns = (runs: CaseRun[]): CaseRun[] =>
  runs.map((r) => ({
    runId: r.runId,
    history: temporal.api.history.v1.History.decode(temporal.api.history.v1.History.encode(r.history).finish()),
  }));

async function issueFor(p: Principal) {
  return stack.tokenOf(p);
}

test('pipeline audit: a report to keep, compared later with the case as it then is; a bulk audit of a committee', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'audit-'));
  const kept = join(dir, 'paper-1.json');
  // Withdrawn on 1/10/2025, before the ceremony fell due: seven findings remain.
  const one = await runCli(
    stack,
    AUDITOR,
    'audit',
    'paper-1',
    '--as-of',
    '2025-09-01',
    '--out',
    kept,
    '--html',
    join(dir, 'paper-1.html'),
  );
  expect(one.code).toBe(0);
  expect(one.stdout).toContain('paper-1: phát lại được trên mã hiện tại; 7 phát hiện');
  expect(one.stdout).toContain('Ngày 01/09/2025: giai đoạn cấp ủy xem xét quyết định kết nạp');
  expect(readFileSync(join(dir, 'paper-1.html'), 'utf8')).toContain('Báo cáo kiểm tra hồ sơ');

  const same = await runCli(stack, AUDITOR, 'audit', 'paper-1', '--compare', kept, '--json');
  expect(JSON.parse(same.stdout).comparedWith).toMatchObject({ verdict: 'identical' });
  const forged = JSON.parse(readFileSync(kept, 'utf8')) as Report;
  forged.chain.links[3]!.hash = '0'.repeat(64);
  writeFileSync(kept, JSON.stringify(forged));
  const changed = await runCli(stack, AUDITOR, 'audit', 'paper-1', '--compare', kept, '--json');
  expect(changed.code).toBe(3);
  expect(JSON.parse(changed.stdout).comparedWith).toMatchObject({ verdict: 'changed', shared: 3 });

  const bulk = await runCli(stack, AUDITOR, 'audit', '--committee', 'du-xa-a', '--json', '--out-dir', join(dir, 'all'));
  expect(bulk.code).toBe(0);
  const summary = JSON.parse(bulk.stdout) as Record<string, unknown>;
  // paper-1 (findings), paper-2 (irregular paper records made today) and nothing else under the commune.
  expect(summary).toMatchObject({ cases: 2, clean: 0, withFindings: 2, notReplayed: 0, unreadable: 0 });
  expect(readFileSync(join(dir, 'all', 'paper-1.json'), 'utf8')).toContain('"format": "party-pipeline-audit/1"');
  expect((await runCli(stack, HOSPITAL, 'audit', '--committee', 'du-xa-a')).code).toBe(4);
});

test('a case that continued as new is audited across all its runs, as one timeline', async () => {
  // A tiny history limit makes the workflow continue as new every few steps, as a years-long case does.
  await registerCase(
    stack.client,
    stack.taskQueue,
    {
      caseId: 'long-1',
      profile: { fullName: 'Đỗ Văn Trẻ', birthDate: '2007-09-01', education: 'upper_secondary' },
      cellId: 'cb-thpt-a',
      committeeIds: ['du-xa-a', 'hu-a', 'tu-demo'],
      competentCommitteeId: 'hu-a',
      registeredOn: iso('2024-09-02'),
    },
    { historyLimit: 20 },
  );
  for (const step of PAPER_STEPS)
    expect(
      (await stack.as(COMMUNE)('POST', '/cases/long-1/commands', { ...step, signedBy, paperRecord: true })).status,
    ).toBe(200);
  const r = (await stack.as(AUDITOR)('GET', '/cases/long-1/audit')).body as unknown as Report & {
    runs: Array<{ runId: string; replay: string }>;
  };
  expect(r.runs.length).toBeGreaterThanOrEqual(3);
  expect(r.runs.every((run) => run.replay === 'ok')).toBe(true);
  expect(r.timeline.filter((e) => e.kind === 'continued_as_new')).toHaveLength(r.runs.length - 1);
  expect(r.timeline.filter((e) => e.kind === 'continued_from')).toHaveLength(r.runs.length - 1);
  expect(r.steps).toHaveLength(PAPER_STEPS.length);
  // The same findings as the same steps in one run.
  expect(r.findings.map((f) => `${f.kind} ${f.ruleId ?? f.deadlineId}`).sort()).toEqual([
    'deadline_met_late committee_decision',
    'deadline_overdue ceremony',
    'should_have_been_refused age.minimum',
    'should_have_been_refused cell_vote.registry_members',
    'should_have_been_refused committee.competent',
    'should_have_been_refused introducer.youth_union_member',
    'should_have_been_refused introducer.youth_union_member',
    'vote_below_two_thirds cell_vote.two_thirds',
  ]);
  expect(new Set(r.chain.links.map((l) => l.runId)).size).toBe(r.runs.length);
});
