/**
 * Issue 16's probes over real HTTP: the registry, not what a caller types,
 * gives a vote's denominator and says which committee decides. The 3-member
 * vote of an 18-member cell and the province deciding a case the commune
 * committee decides are refused with their rules; copied from paper, the same
 * steps are kept and the audit names each as a finding.
 */
import type { Principal } from '../../src/auth/principal';
import { COMMITTEE, SECRETARY, signedBy, STEPS } from '../../src/demo/full-case';
import { startStack, type Stack } from '../helpers/stack';

const PROVINCE: Principal = { userId: 'tu-1', role: 'committee', orgId: 'tu-demo' };
const HOSPITAL: Principal = { userId: 'du-bv-1', role: 'committee', orgId: 'du-bv' };
const AUDITOR: Principal = { userId: 'ubkt-1', role: 'auditor', orgId: 'tu-demo' };

type Refused = { refusals?: Array<{ ruleId: string; reason: { vi: string; en: string } }> };
const ruleIds = (body: unknown) => ((body as Refused).refusals ?? []).map((r) => r.ruleId);

const voteAt = STEPS.findIndex(([, s]) => s.type === 'RECORD_CELL_VOTE');
const decisionAt = STEPS.findIndex(([, s]) => s.type === 'RECORD_COMMITTEE_DECISION');
const vote = STEPS[voteAt]![1];
const decision = STEPS[decisionAt]![1];
/** The probe: cb-thpt-a has 18 official members in the registry. */
const threeMemberVote = {
  ...vote,
  tally: { officialMembers: 3, present: 3, excusedAbsent: 0, yes: 2, no: 0, minutesHash: 'b'.repeat(64) },
};
const provinceRefuses = {
  ...decision,
  decision: 'refuse',
  committeeId: 'tu-demo',
  tally: { members: 53, agree: 40, minutesHash: 'c'.repeat(64) },
};

let stack: Stack;
beforeAll(async () => {
  stack = await startStack('e2e-registry-authority');
}, 120_000);
afterAll(() => stack?.stop());

async function registerUpTo(caseId: string, upTo: number, paperRecord = false): Promise<void> {
  const registered = await stack.as(COMMITTEE)('POST', '/cases', {
    caseId,
    profile: { fullName: 'Nguyễn Thị Hoa', birthDate: '1998-04-12', education: 'higher', youthUnionMember: true },
    cellId: 'cb-thpt-a',
    registeredOn: '2025-07-01',
  });
  expect(registered.status).toBe(201);
  for (const [who, step] of STEPS.slice(0, upTo)) {
    const res = await stack.as(paperRecord ? COMMITTEE : who)('POST', `/cases/${caseId}/commands`, {
      ...step,
      signedBy,
      ...(paperRecord ? { paperRecord } : {}),
    });
    expect({ step: step.type, status: res.status, body: res.status === 200 ? null : res.body }).toEqual({
      step: step.type,
      status: 200,
      body: null,
    });
  }
}

const stageOf = async (caseId: string) => (await stack.as(AUDITOR)('GET', `/cases/${caseId}`)).body.stage;

test("a cell's vote whose member count is not the registry's is refused with its rule, and the case stays as it was", async () => {
  await registerUpTo('ra-1', voteAt);
  const secretary = stack.as(SECRETARY);
  const refused = await secretary('POST', '/cases/ra-1/commands', { ...threeMemberVote, signedBy });
  expect(refused.status).toBe(422);
  expect(ruleIds(refused.body)).toEqual(['cell_vote.registry_members']);
  expect((refused.body as Refused).refusals![0]!.reason.en).toContain('18 official members');
  expect(await stageOf('ra-1')).toBe('cell_vote');

  // The registry's figures are the server's to fill in: a caller sending them is refused by name.
  const sent = await secretary('POST', '/cases/ra-1/commands', {
    ...threeMemberVote,
    signedBy,
    registry: { asOf: vote.date, versionFrom: '2025-07-01', officialMembers: 3 },
  });
  expect(sent.status).toBe(400);
  expect(JSON.stringify(sent.body)).toContain('registry');

  // 18 official members, 3 of them attached elsewhere: the registry's figure, accepted.
  const accepted = await secretary('POST', '/cases/ra-1/commands', { ...vote, signedBy });
  expect(accepted.status).toBe(200);
  expect(await stageOf('ra-1')).toBe('committee_review');
}, 120_000);

test('the province deciding a case whose competent committee is du-xa-a is refused, naming du-xa-a', async () => {
  await registerUpTo('ra-2', decisionAt);
  const refused = await stack.as(PROVINCE)('POST', '/cases/ra-2/commands', { ...provinceRefuses, signedBy });
  expect(refused.status).toBe(422);
  expect(ruleIds(refused.body)).toEqual(['committee.competent']);
  const reason = (refused.body as Refused).refusals![0]!.reason;
  expect([reason.vi, reason.en].every((r) => r.includes('du-xa-a'))).toBe(true);

  // A committee outside the cell's chain is stopped by the API itself.
  const hospital = await stack.as(HOSPITAL)('POST', '/cases/ra-2/commands', {
    ...provinceRefuses,
    committeeId: 'du-bv',
    signedBy,
  });
  expect(hospital.status).toBe(403);

  // The competent committee with a size that is not its registry's 9 members.
  const wrongSize = await stack.as(COMMITTEE)('POST', '/cases/ra-2/commands', {
    ...decision,
    tally: { members: 7, agree: 6, minutesHash: 'c'.repeat(64) },
    signedBy,
  });
  expect(wrongSize.status).toBe(422);
  expect(ruleIds(wrongSize.body)).toEqual(['committee.registry_members']);
  expect(await stageOf('ra-2')).toBe('committee_review');

  // Extending the committee's own deadline is the committee's act, not the cell secretary's.
  const extension = {
    type: 'EXTEND_DEADLINE',
    form: 'VB',
    deadline: 'committee_decision',
    workingDays: 10,
    reason: 'Chờ kết quả thẩm tra bổ sung',
    date: decision.date,
    signedBy,
  };
  expect((await stack.as(SECRETARY)('POST', '/cases/ra-2/commands', extension)).status).toBe(403);
  expect((await stack.as(COMMITTEE)('POST', '/cases/ra-2/commands', extension)).status).toBe(200);

  const decided = await stack.as(COMMITTEE)('POST', '/cases/ra-2/commands', { ...decision, signedBy });
  expect(decided.status).toBe(200);
  expect(await stageOf('ra-2')).toBe('ceremony');

  // The audit shows each rule the steps were checked by against the registry, all held.
  const audit = await stack.as(AUDITOR)('GET', '/cases/ra-2/audit');
  const steps = audit.body.steps as Array<{ type: string; rules?: Array<{ ruleId: string; ok: boolean }> }>;
  const rulesOf = (type: string) => steps.find((s) => s.type === type)?.rules ?? [];
  expect(rulesOf('RECORD_CELL_VOTE')).toContainEqual({ ruleId: 'cell_vote.registry_members', ok: true });
  expect(rulesOf('RECORD_COMMITTEE_DECISION')).toEqual(
    expect.arrayContaining([
      { ruleId: 'committee.competent', ok: true },
      { ruleId: 'committee.registry_members', ok: true },
    ]),
  );
}, 180_000);

test('copied from paper, the same breaches are kept with their steps and the audit names each as a finding', async () => {
  await registerUpTo('ra-3', voteAt, true);
  const copiedVote = await stack.as(COMMITTEE)('POST', '/cases/ra-3/commands', {
    ...threeMemberVote,
    signedBy,
    paperRecord: true,
  });
  expect(copiedVote.status).toBe(200);
  expect((copiedVote.body.irregularities as Array<{ ruleId: string }>).map((r) => r.ruleId)).toEqual([
    'cell_vote.registry_members',
  ]);
  const copiedDecision = await stack.as(COMMITTEE)('POST', '/cases/ra-3/commands', {
    ...provinceRefuses,
    signedBy,
    paperRecord: true,
  });
  expect(copiedDecision.status).toBe(200);
  expect(await stageOf('ra-3')).toBe('rejected');

  const audit = await stack.as(AUDITOR)('GET', '/cases/ra-3/audit');
  expect(audit.body.clean).toBe(false);
  const findings = audit.body.findings as Array<{ kind: string; ruleId?: string; step?: string }>;
  expect(findings.filter((f) => f.ruleId).map((f) => [f.step, f.kind, f.ruleId])).toEqual([
    ['RECORD_CELL_VOTE', 'should_have_been_refused', 'cell_vote.registry_members'],
    ['RECORD_COMMITTEE_DECISION', 'should_have_been_refused', 'committee.competent'],
  ]);
}, 180_000);
