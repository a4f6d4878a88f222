/**
 * A candidate from registration to official member entirely over HTTP: the
 * cell's secretary records each step, the commune committee decides, and
 * the case lists, reads and records who did what — on the real dev server.
 */
import { COMMITTEE, SECRETARY, signedBy, STEPS } from '../../src/demo/full-case';
import { eventually, startStack, type Stack } from '../helpers/stack';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack('e2e-lifecycle');
}, 120_000);
afterAll(() => stack?.stop());

test('registration to official member through the API, each step recorded as its sender', async () => {
  const secretary = stack.as(SECRETARY);
  const registered = await secretary('POST', '/cases', {
    caseId: 'life-1',
    profile: { fullName: 'Nguyễn Thị Hoa', birthDate: '1998-04-12', education: 'higher', youthUnionMember: true },
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

  // The finished case is found among the closed ones, by cell and by committee. Visibility
  // records the last upsert (stage official) and the close as two writes, so the list may
  // briefly show the official case still running: wait for the close, not only the stage.
  const listed = await eventually(
    () => secretary('GET', '/cases?includeClosed=true&stage=official'),
    (r) => (r.body.cases as Array<{ status?: string }> | undefined)?.some((c) => c.status === 'closed') === true,
  );
  expect(listed.body.cases).toEqual([
    expect.objectContaining({ caseId: 'life-1', stage: 'official', status: 'closed' }),
  ]);

  // Every step on time and by the rules: the audit replays the history and finds nothing.
  const audit = await stack.as({ userId: 'ubkt-1', role: 'auditor', orgId: 'tu-demo' })('GET', '/cases/life-1/audit');
  expect(audit.status).toBe(200);
  expect(audit.body).toMatchObject({ replayed: true, clean: true, findings: [], summary: {} });
  // Every step sent, and the end of probation the workflow's timer recorded on 20/10/2026.
  const steps = audit.body.steps as Array<{ type: string; date: string }>;
  expect(steps.filter((s) => s.type !== 'PROBATION_ENDED').map((s) => s.type)).toEqual(STEPS.map(([, s]) => s.type));
  expect(steps.filter((s) => s.type === 'PROBATION_ENDED')).toEqual([expect.objectContaining({ date: '2026-10-20' })]);
  expect(audit.body.timeline).toContainEqual(expect.objectContaining({ kind: 'closed', status: 'completed' }));
});
