/**
 * What the API says about a request a person got wrong, over real HTTP on the real stack: every field at fault
 * at once, by the form's label, in Vietnamese and English; education as people write it and a case id nobody
 * had to invent; "no such cell" and "the competent committee is …" instead of misleading refusals.
 */
import { localDateOf } from '../../src/charter/dates';
import { startStack, type Stack } from '../helpers/stack';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack('e2e-field-errors');
}, 120_000);
afterAll(() => stack?.stop());

const secretary = { userId: 'bt-thpt-a', role: 'cell_secretary', orgId: 'cb-thpt-a' } as const;
const otherSecretary = { userId: 'bt-thon-1', role: 'cell_secretary', orgId: 'cb-thon-1' } as const;
const commune = { userId: 'du-xa-a-1', role: 'committee', orgId: 'du-xa-a' } as const;
const today = localDateOf(Date.now());

test('a registration with several mistakes is answered with every field at fault, by label, in both languages', async () => {
  const res = await stack.as(secretary)('POST', '/cases', {
    profile: { fullName: '  ', birthDate: '2001-02-29', education: 'giỏi' },
    cellId: 'cb-thpt-a',
    registeredOn: '23/11/2026',
  });
  expect(res.status).toBe(400);
  // What older clients read stays: the first field and a message naming it.
  expect(res.body).toMatchObject({ error: 'invalid', field: 'profile.fullName' });
  expect(res.body.errors).toEqual([
    {
      path: 'profile.fullName',
      field: { vi: 'Họ và tên', en: 'Full name' },
      code: 'blank',
      vi: 'không được để trống',
      en: 'must not be blank',
    },
    {
      path: 'profile.birthDate',
      field: { vi: 'Ngày sinh', en: 'Birth date' },
      code: 'date_not_real',
      vi: 'không có ngày 29/02/2001 trong lịch (ví dụ 31/02)',
      en: '29/02/2001 is not a real date (e.g. 31/02)',
    },
    expect.objectContaining({ path: 'profile.education', code: 'education_unknown' }),
    expect.objectContaining({
      path: 'registeredOn',
      field: { vi: 'Ngày đưa vào diện quần chúng ưu tú', en: 'Registered on' },
      code: 'date_format',
    }),
  ]);
});

test('a step missing nested and top-level fields lists them all, never as raw zod English', async () => {
  const res = await stack.as(secretary)('POST', '/cases/nobody-yet/commands', {
    type: 'RECORD_INTRODUCTION',
    form: '3-KNĐ',
    slot: 1,
    date: today,
    introducer: { kind: 'official_member' },
    tally: 1,
  });
  expect(res.status).toBe(400);
  const errors = res.body.errors as Array<Record<string, unknown>>;
  expect(errors.map((e) => [e.path, e.code])).toEqual(
    expect.arrayContaining([
      ['introducer.fullName', 'required'],
      ['signedBy', 'required'],
      ['tally', 'unknown_field'],
    ]),
  );
  expect(errors.find((e) => e.path === 'introducer.fullName')).toMatchObject({
    field: { vi: 'Người giới thiệu – Họ và tên', en: 'Introducer – Full name' },
    vi: 'bắt buộc phải có',
  });
  for (const e of errors) expect(String(e.vi)).not.toMatch(/Invalid input|expected/);
});

test('a registration in the future is refused beside its field, apart from a date that does not exist', async () => {
  const res = await stack.as(secretary)('POST', '/cases', {
    profile: { fullName: 'Lê Văn Tương Lai', birthDate: '2000-01-01', education: '12/12' },
    cellId: 'cb-thpt-a',
    registeredOn: '2099-01-05',
  });
  expect(res.status).toBe(422);
  expect(res.body.errors).toEqual([
    expect.objectContaining({
      path: 'registeredOn',
      code: 'date_in_future',
      field: expect.objectContaining({ vi: 'Ngày đưa vào diện quần chúng ưu tú' }),
    }),
  ]);
});

test('education as written, no case id: the API derives the id, keeps the words, and finds the same person again', async () => {
  const body = {
    profile: { fullName: 'Đỗ Thị Mười Hai', birthDate: '2003-06-01', education: '12/12' },
    cellId: 'cb-thpt-a',
    registeredOn: today,
  };
  const res = await stack.as(secretary)('POST', '/cases', body);
  expect(res.status).toBe(201);
  const caseId = String(res.body.caseId);
  expect(caseId).toMatch(/^cb-thpt-a-[0-9a-f]{12}$/);
  const read = await stack.as(secretary)('GET', `/cases/${caseId}`);
  expect((read.body.context as { profile: unknown }).profile).toMatchObject({
    education: 'upper_secondary',
    educationAsWritten: '12/12',
  });
  expect((await stack.as(secretary)('POST', '/cases', body)).status).toBe(409);
  // "Đại học" and the codes of before are taken too.
  for (const [name, education] of [
    ['Phan Văn Đại Học', 'Đại học'],
    ['Phan Văn Chín', '9/12'],
    ['Phan Văn Trung Cấp', 'Trung cấp'],
    ['Phan Văn Mã', 'higher'],
  ])
    expect(
      (
        await stack.as(secretary)('POST', '/cases', {
          ...body,
          profile: { ...body.profile, fullName: name, education },
        })
      ).status,
    ).toBe(201);
});

test('a cell the registry never held is "no such cell", to its would-be secretary and to any other', async () => {
  const body = {
    profile: { fullName: 'Ngô Văn Lạc', birthDate: '2000-01-01', education: 'Đại học' },
    cellId: 'cb-khong-co',
    registeredOn: today,
  };
  for (const who of [secretary, otherSecretary, commune]) {
    const res = await stack.as(who)('POST', '/cases', body);
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ error: 'unknown_organisation', field: 'cellId' });
    expect(res.body.errors).toEqual([
      {
        path: 'cellId',
        field: { vi: 'Chi bộ', en: 'Cell' },
        code: 'unknown_cell',
        vi: 'không có chi bộ cb-khong-co trong danh mục tổ chức',
        en: 'there is no cell cb-khong-co in the registry',
      },
    ]);
  }
  // Still nothing without signing in, and a real cell of someone else's is still theirs.
  expect((await stack.as(null)('POST', '/cases', body)).status).toBe(401);
  const elsewhere = await stack.as(otherSecretary)('POST', '/cases', { ...body, cellId: 'cb-thpt-a' });
  expect(elsewhere.status).toBe(403);
  const imported = await stack.as(secretary)('POST', '/imports', { cellId: 'cb-khong-co', rows: [{ fullName: 'A' }] });
  expect(imported.status).toBe(422);
});

test('a decision naming a committee that does not decide for the cell names the one that does', async () => {
  const reg = await stack.as(secretary)('POST', '/cases', {
    profile: { fullName: 'Vũ Thị Quyết', birthDate: '2001-03-03', education: 'Cao đẳng' },
    cellId: 'cb-thpt-a',
    registeredOn: today,
  });
  expect(reg.status).toBe(201);
  const decision = {
    type: 'RECORD_COMMITTEE_DECISION',
    form: '9-KNĐ',
    date: today,
    signedBy: 'Nguyễn Văn Quyết',
    decision: 'admit',
    tally: { members: 9, agree: 9, minutesHash: 'a'.repeat(64) },
  };
  const unknown = await stack.as(commune)('POST', `/cases/${String(reg.body.caseId)}/commands`, {
    ...decision,
    committeeId: 'du-khong-co',
  });
  expect(unknown.status).toBe(422);
  expect((unknown.body.errors as Array<Record<string, string>>)[0]!).toMatchObject({
    path: 'committeeId',
    code: 'unknown_committee',
  });
  expect((unknown.body.errors as Array<Record<string, string>>)[0]!.vi).toContain(
    'cấp ủy có thẩm quyền của chi bộ cb-thpt-a là du-xa-a',
  );
  const wrong = await stack.as(commune)('POST', `/cases/${String(reg.body.caseId)}/commands`, {
    ...decision,
    committeeId: 'du-bv',
  });
  expect(wrong.status).toBe(422);
  expect((wrong.body.errors as Array<Record<string, string>>)[0]!).toMatchObject({
    path: 'committeeId',
    code: 'not_competent',
  });
  expect((wrong.body.errors as Array<Record<string, string>>)[0]!.en).toContain('the competent committee is du-xa-a');
});
