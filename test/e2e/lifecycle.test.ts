/**
 * A candidate from registration to official member entirely over HTTP: the
 * cell's secretary records each step, the commune committee decides, and
 * the case lists, reads and records who did what — on the real dev server.
 */
import type { Principal } from '../../src/auth/tokens';
import { eventually, startStack, type Stack } from '../helpers/stack';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack('e2e-lifecycle');
}, 120_000);
afterAll(() => stack?.stop());

const SECRETARY: Principal = { userId: 'bt-thpt-a', role: 'cell_secretary', orgId: 'cb-thpt-a' };
const COMMITTEE: Principal = { userId: 'du-xa-a-1', role: 'committee', orgId: 'du-xa-a' };
const signedBy = 'Bí thư Trần Văn Bình';
const vote = { officialMembers: 15, present: 14, excusedAbsent: 0, yes: 13, no: 1, minutesHash: 'b'.repeat(64) };
const decision = { members: 9, agree: 8, minutesHash: 'c'.repeat(64) };
const introducer = (fullName: string) => ({
  kind: 'official_member',
  fullName,
  memberStatus: 'official',
  together_since: '2023-01-01',
});

/** Dated after the 1/7/2025 reform, so the commune committee decides; probation ends before today. */
const STEPS: Array<[Principal, Record<string, unknown>]> = [
  [SECRETARY, { date: '2025-07-03', type: 'ENROL_COURSE', form: 'VB', mentor: 'Lê Văn Tâm' }],
  [SECRETARY, { date: '2025-07-25', type: 'RECORD_CERTIFICATE', form: 'CN-NTVĐ', certificateNo: 'CN-25-101' }],
  [SECRETARY, { date: '2025-07-28', type: 'RECORD_APPLICATION', form: '1-KNĐ' }],
  [SECRETARY, { date: '2025-07-29', type: 'RECORD_PERSONAL_HISTORY', form: '2-KNĐ' }],
  [SECRETARY, { date: '2025-08-15', type: 'RECORD_COMMENTS', form: '5-KNĐ' }],
  [
    SECRETARY,
    {
      date: '2025-08-18',
      type: 'RECORD_INTRODUCTION',
      form: '3-KNĐ',
      slot: 1,
      introducer: introducer('Phạm Văn Dũng'),
    },
  ],
  [
    SECRETARY,
    { date: '2025-08-18', type: 'RECORD_INTRODUCTION', form: '3-KNĐ', slot: 2, introducer: introducer('Hoàng Thị Em') },
  ],
  [SECRETARY, { date: '2025-09-05', type: 'RECORD_VERIFICATION', form: '2-KNĐ', outcome: 'pass' }],
  [
    SECRETARY,
    { date: '2025-09-15', type: 'RECORD_CELL_VOTE', form: '6-KNĐ', resolution: 'propose_admission', tally: vote },
  ],
  [
    COMMITTEE,
    {
      date: '2025-10-06',
      type: 'RECORD_COMMITTEE_DECISION',
      form: '9-KNĐ',
      decision: 'admit',
      committeeId: 'du-xa-a',
      tally: decision,
    },
  ],
  [SECRETARY, { date: '2025-10-20', type: 'RECORD_CEREMONY', form: 'VB' }],
  [SECRETARY, { date: '2025-10-20', type: 'ASSIGN_HELPER', form: 'VB', helper: 'Phạm Văn Dũng' }],
  [SECRETARY, { date: '2026-01-19', type: 'RECORD_HELPER_ASSESSMENT', form: 'VB', helper: 'Phạm Văn Dũng' }],
  [SECRETARY, { date: '2026-03-20', type: 'RECORD_RECOGNITION_PAPER', form: 'CN-ĐVM' }],
  [SECRETARY, { date: '2026-04-20', type: 'RECORD_HELPER_ASSESSMENT', form: 'VB', helper: 'Phạm Văn Dũng' }],
  [SECRETARY, { date: '2026-07-20', type: 'RECORD_HELPER_ASSESSMENT', form: 'VB', helper: 'Phạm Văn Dũng' }],
  [SECRETARY, { date: '2026-10-01', type: 'RECORD_RECOGNITION_PAPER', form: '10-KNĐ' }],
  [SECRETARY, { date: '2026-10-02', type: 'RECORD_RECOGNITION_PAPER', form: '11-KNĐ' }],
  [SECRETARY, { date: '2026-10-05', type: 'RECORD_RECOGNITION_PAPER', form: '12-KNĐ' }],
  [
    SECRETARY,
    { date: '2026-10-22', type: 'RECORD_RECOGNITION_VOTE', form: '13-KNĐ', resolution: 'recognise', tally: vote },
  ],
  [
    COMMITTEE,
    {
      date: '2026-11-05',
      type: 'RECORD_RECOGNITION_DECISION',
      form: '16-KNĐ',
      decision: 'recognise',
      committeeId: 'du-xa-a',
      tally: decision,
    },
  ],
];

test('registration to official member through the API, each step recorded as its sender', async () => {
  const secretary = stack.as(SECRETARY);
  const registered = await secretary('POST', '/cases', {
    caseId: 'life-1',
    profile: { fullName: 'Nguyễn Thị Hoa', birthDate: '1998-04-12', education: 'higher' },
    cellId: 'cb-thpt-a',
    registeredOn: '2025-07-01',
  });
  expect(registered.status).toBe(201);

  for (const [who, step] of STEPS) {
    if (step.type === 'RECORD_RECOGNITION_VOTE') {
      // Probation ends on the anniversary of the ceremony; the workflow's own timer moves the case on.
      const moved = await eventually(
        () => stack.as(COMMITTEE)('GET', '/cases/life-1'),
        (r) => r.body.stage === 'recognition_vote',
      );
      expect(moved.body.stage).toBe('recognition_vote');
    }
    const res = await stack.as(who)('POST', '/cases/life-1/commands', { ...step, signedBy });
    expect({
      step: step.type,
      date: step.date,
      status: res.status,
      body: res.status === 200 ? null : res.body,
    }).toEqual({
      step: step.type,
      date: step.date,
      status: 200,
      body: null,
    });
  }

  const read = await stack.as(COMMITTEE)('GET', '/cases/life-1');
  expect(read.body.stage).toBe('official');
  expect(read.body.context).toMatchObject({ officialSince: '2026-10-20' });
  const trail = read.body.trail as Array<{ type?: string; recordedBy?: { userId: string } }>;
  const byType = (t: string) => trail.find((e) => e.type === t)?.recordedBy?.userId;
  expect(byType('RECORD_CELL_VOTE')).toBe('bt-thpt-a');
  expect(byType('RECORD_COMMITTEE_DECISION')).toBe('du-xa-a-1');
  expect(byType('RECORD_RECOGNITION_DECISION')).toBe('du-xa-a-1');

  // The finished case is found among the closed ones, by cell and by committee.
  const listed = await eventually(
    () => secretary('GET', '/cases?includeClosed=true&stage=official'),
    (r) => (r.body.cases as unknown[] | undefined)?.length === 1,
  );
  expect(listed.body.cases).toEqual([
    expect.objectContaining({ caseId: 'life-1', stage: 'official', status: 'closed' }),
  ]);

  // Every step on time and by the rules: the audit replays the history and finds nothing.
  const audit = await stack.as({ userId: 'ubkt-1', role: 'auditor', orgId: 'tu-demo' })('GET', '/cases/life-1/audit');
  expect(audit.status).toBe(200);
  expect(audit.body).toMatchObject({ replayed: true, clean: true, findings: [], summary: {} });
  expect((audit.body.steps as unknown[]).length).toBe(STEPS.length);
  expect(audit.body.timeline).toContainEqual(expect.objectContaining({ kind: 'closed', status: 'completed' }));
});
