/**
 * The API over real HTTP, against the real dev server and worker: a
 * candidate registered and advanced by their cell's secretary, the
 * committee's decision, and every error class and role limit on the way.
 */
import { iso, localDateOf } from '../../src/charter/dates';
import { alertIdOf } from '../../src/case/alerts';
import { createAlertActivities } from '../../activities';
import { startStack, type Stack } from '../helpers/stack';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
}, 120_000);
afterAll(() => stack?.stop());

const as: Stack['as'] = (p) => (method, path, body) => stack.as(p)(method, path, body);
const secretary = as({ userId: 'bt-thpt-a', role: 'cell_secretary', orgId: 'cb-thpt-a' });
const otherSecretary = as({ userId: 'bt-thon-1', role: 'cell_secretary', orgId: 'cb-thon-1' });
const commune = as({ userId: 'du-xa-a-1', role: 'committee', orgId: 'du-xa-a' });
const hospital = as({ userId: 'du-bv-1', role: 'committee', orgId: 'du-bv' });
const auditor = as({ userId: 'ubkt-1', role: 'auditor', orgId: 'tu-demo' });
const anonymous = as(null);

const signedBy = 'Bí thư Trần Văn Bình';
const today = localDateOf(Date.now());

test('a secretary registers and advances their candidate; the case records who sent each step', async () => {
  const registered = await secretary('POST', '/cases', {
    caseId: 'e2e-1',
    profile: { fullName: 'Nguyễn Thị Hoa', birthDate: '1995-04-12', education: 'higher' },
    cellId: 'cb-thpt-a',
    registeredOn: today,
  });
  expect(registered).toEqual({ status: 201, body: { caseId: 'e2e-1', stage: 'source' } });

  const enrol = { type: 'ENROL_COURSE', date: today, form: 'VB', mentor: 'Lê Văn Tâm', signedBy };
  // Who recorded a step is the token's to say, never the body's.
  const impersonating = await secretary('POST', '/cases/e2e-1/commands', {
    ...enrol,
    recordedBy: { userId: 'someone-else', role: 'admin' },
  });
  expect(impersonating.status).toBe(400);
  expect(impersonating.body.field).toBe('recordedBy');
  const enrolled = await secretary('POST', '/cases/e2e-1/commands', enrol);
  expect(enrolled.status).toBe(200);
  expect(enrolled.body.stage).toBe('training');

  const read = await auditor('GET', '/cases/e2e-1');
  expect(read.status).toBe(200);
  expect(read.body.stage).toBe('training');
  // The committee chain came from the registry in force today (after the 1/7/2025 reform).
  expect(read.body.context).toMatchObject({ committeeIds: ['du-xa-a', 'tu-demo'], competentCommitteeId: 'du-xa-a' });
  expect((read.body.trail as Array<Record<string, unknown>>).at(-1)).toMatchObject({
    type: 'ENROL_COURSE',
    recordedBy: { userId: 'bt-thpt-a', role: 'cell_secretary' },
  });
  expect((await commune('GET', '/cases/e2e-1')).status).toBe(200);
});

test('every error class: 400 naming the field, 401, 403, 404, 409, 422 with the rule', async () => {
  const bad = await secretary('POST', '/cases', {
    caseId: 'e2e-2',
    profile: { fullName: 'Trần Văn B', birthDate: '1995-02-31', education: 'higher' },
    cellId: 'cb-thpt-a',
    registeredOn: today,
  });
  expect(bad.status).toBe(400);
  expect(bad.body.field).toBe('profile.birthDate');

  expect((await anonymous('GET', '/cases/e2e-1')).status).toBe(401);
  const forged = await fetch(`${stack.base}/cases/e2e-1`, { headers: { authorization: 'Bearer abc.def.ghi' } });
  expect(forged.status).toBe(401);

  const outside = await hospital('GET', '/cases/e2e-1');
  expect(outside.status).toBe(403);
  expect(outside.body.reason).toEqual({
    vi: 'Hồ sơ thuộc cb-thpt-a, ngoài phạm vi của du-bv',
    en: 'the case belongs to cb-thpt-a, outside du-bv',
  });
  expect(
    (
      await otherSecretary('POST', '/cases/e2e-1/commands', {
        type: 'WITHDRAW',
        date: today,
        form: 'VB',
        reason: 'x',
        signedBy,
      })
    ).status,
  ).toBe(403);
  expect(
    (
      await auditor('POST', '/cases/e2e-1/commands', {
        type: 'WITHDRAW',
        date: today,
        form: 'VB',
        reason: 'x',
        signedBy,
      })
    ).status,
  ).toBe(403);

  expect((await auditor('GET', '/cases/no-such-case')).status).toBe(404);

  const again = await secretary('POST', '/cases', {
    caseId: 'e2e-1',
    profile: { fullName: 'Nguyễn Thị Hoa', birthDate: '1995-04-12', education: 'higher' },
    cellId: 'cb-thpt-a',
    registeredOn: today,
  });
  expect(again.status).toBe(409);

  const refused = await secretary('POST', '/cases/e2e-1/commands', {
    type: 'RECORD_APPLICATION',
    date: today,
    form: '1-KNĐ',
    signedBy,
  });
  expect(refused.status).toBe(422);
  expect((refused.body.refusals as Array<{ ruleId: string }>)[0]!.ruleId).toBe('stage.not_allowed');
  // Nothing changed.
  expect((await auditor('GET', '/cases/e2e-1')).body.stage).toBe('training');
});

test('a committee lists the alerts of its inbox and acknowledges one; others cannot', async () => {
  const deliver = createAlertActivities({ client: stack.client, taskQueue: 'e2e', webhooks: { urls: {}, secret: '' } });
  await deliver.deliverBatch([
    {
      raise: {
        alertId: alertIdOf('e2e-1', 'committee_decision', 1),
        caseId: 'e2e-1',
        deadlineId: 'committee_decision',
        deadlineKind: 'committee_decision',
        dueDate: iso('2026-03-12'),
        level: 1,
        answerBy: 'du-xa-a',
        recipients: ['du-xa-a', 'tu-demo'],
        raisedOn: iso('2026-03-13'),
        summary: { vi: 'hạn cấp ủy quyết định kết nạp 12/03/2026', en: 'admission decision due 12/03/2026' },
      },
    },
  ]);
  const listed = await commune('GET', '/committees/du-xa-a/alerts?status=open');
  expect(listed.status).toBe(200);
  expect(listed.body.alerts).toEqual([expect.objectContaining({ caseId: 'e2e-1', level: 1, acknowledged: null })]);
  expect((await hospital('GET', '/committees/du-xa-a/alerts')).status).toBe(403);
  expect((await commune('GET', '/committees/du-xa-a/alerts?status=late')).body.field).toBe('status');
  expect((await hospital('GET', '/committees/du-bv/alerts')).body).toEqual({ alerts: [], total: 0, nextOffset: null });

  const id = encodeURIComponent(alertIdOf('e2e-1', 'committee_decision', 1));
  expect((await auditor('POST', `/committees/du-xa-a/alerts/${id}/ack`)).status).toBe(403);
  const acked = await commune('POST', `/committees/du-xa-a/alerts/${id}/ack`);
  expect(acked.status).toBe(200);
  expect(acked.body.acknowledged).toEqual({ by: 'du-xa-a-1', on: today });
  expect((await commune('POST', '/committees/du-xa-a/alerts/nope/ack')).status).toBe(404);

  // A page at a time, oldest due first.
  for (const [caseId, dueDate] of [
    ['e2e-2', '2026-01-05'],
    ['e2e-3', '2026-02-02'],
  ] as const)
    await deliver.deliverBatch([
      {
        raise: {
          alertId: alertIdOf(caseId, 'ceremony', 1),
          caseId,
          deadlineId: 'ceremony',
          deadlineKind: 'ceremony',
          dueDate: iso(dueDate),
          level: 1,
          answerBy: 'cb-thpt-a',
          recipients: ['du-xa-a'],
          raisedOn: iso(dueDate),
          summary: { vi: 'hạn tổ chức lễ kết nạp', en: 'ceremony due' },
        },
      },
    ]);
  const first = await commune('GET', '/committees/du-xa-a/alerts?limit=2');
  expect(first.body).toMatchObject({ total: 3, nextOffset: 2 });
  expect((first.body.alerts as Array<{ caseId: string }>).map((a) => a.caseId)).toEqual(['e2e-2', 'e2e-3']);
  const second = await commune('GET', '/committees/du-xa-a/alerts?limit=2&offset=2');
  expect(second.body).toMatchObject({
    total: 3,
    nextOffset: null,
    alerts: [expect.objectContaining({ caseId: 'e2e-1' })],
  });
  expect((await commune('GET', '/committees/du-xa-a/alerts?limit=5000')).body.field).toBe('limit');
});
