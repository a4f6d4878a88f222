/**
 * The rules about recording a step: dates, extensions, the ceremony's deadline, probation's
 * discipline and end, and a missing paper; each at its boundary, with its exact refusal.
 */
import { iso, wholeMonthsBetween } from '../../src/charter/dates';
import { IsoDate } from '../../src/schemas/iso-date';
import { policyById, policyOn } from '../../src/charter/policy';
import { refuse, refusals, pass } from '../../src/charter/rule';
import {
  ceremonyInTime,
  dateAfterRegistration,
  dateInOrder,
  dateNotFuture,
  decisionReceivedOn,
  extensionAllowed,
  policyCovers,
  probationDiscipline,
  probationOver,
  registrationDates,
  required,
} from '../../src/charter/rules/steps';

const p = policyById('2025-07');

describe('date.not_future', () => {
  test('a step dated the day it is recorded passes; the day after is refused', () => {
    expect(dateNotFuture(iso('2026-04-03'), iso('2026-04-03'))).toEqual({ ok: true, ruleId: 'date.not_future' });
    expect(dateNotFuture(iso('2026-04-04'), iso('2026-04-03'))).toEqual({
      ok: false,
      refusal: {
        ruleId: 'date.not_future',
        facts: { date: '2026-04-04', today: '2026-04-03' },
        reason: {
          vi: 'Ngày 04/04/2026 chưa đến: chỉ ghi nhận việc đã diễn ra.',
          en: '04/04/2026 is in the future: only steps that have happened can be recorded.',
        },
      },
    });
  });
});

describe('date.order', () => {
  test('the same day as the last milestone passes, the day before is refused, no milestone yet passes', () => {
    expect(dateInOrder(iso('2026-04-03'), iso('2026-04-03'))).toEqual({ ok: true, ruleId: 'date.order' });
    expect(dateInOrder(iso('2026-04-02'), undefined)).toEqual({ ok: true, ruleId: 'date.order' });
    expect(dateInOrder(iso('2026-04-02'), iso('2026-04-03'))).toEqual({
      ok: false,
      refusal: {
        ruleId: 'date.order',
        facts: { date: '2026-04-02', lastStepOn: '2026-04-03' },
        reason: {
          vi: 'Ngày 02/04/2026 sớm hơn bước trước đó (03/04/2026).',
          en: '02/04/2026 is earlier than the previous step (03/04/2026).',
        },
      },
    });
  });
});

describe('deadline extensions: once, at most 30 working days', () => {
  test('the first extension of 30 working days passes; 31 is refused with the maximum', () => {
    expect(extensionAllowed(p, 'committeeDecision', 0, 30)).toEqual({ ok: true, ruleId: 'deadline.extension_max' });
    expect(extensionAllowed(p, 'committeeDecision', 0, 31)).toEqual({
      ok: false,
      refusal: {
        ruleId: 'deadline.extension_max',
        facts: { deadline: 'committeeDecision', workingDays: 31, max: 30 },
        reason: {
          vi: 'Gia hạn tối đa 30 ngày làm việc (đề nghị 31).',
          en: 'An extension is at most 30 working days (asked 31).',
        },
      },
    });
  });
  test('a second extension is refused whatever its length', () => {
    expect(extensionAllowed(p, 'recognitionDecision', 1, 5)).toEqual({
      ok: false,
      refusal: {
        ruleId: 'deadline.extension_once',
        facts: { deadline: 'recognitionDecision', used: 1, allowed: 1 },
        reason: { vi: 'Thời hạn này chỉ được gia hạn một lần.', en: 'This deadline can be extended only once.' },
      },
    });
  });
  test('each deadline is judged by its own limits', () => {
    const distinct = {
      ...p,
      deadlines: {
        ...p.deadlines,
        committeeDecision: { workingDays: 60, extensionMaxWorkingDays: 10, extensionsAllowed: 1 },
        recognitionDecision: { workingDays: 30, extensionMaxWorkingDays: 20, extensionsAllowed: 2 },
      },
    };
    expect(extensionAllowed(distinct, 'committeeDecision', 0, 11)).toMatchObject({
      ok: false,
      refusal: { ruleId: 'deadline.extension_max', facts: { max: 10 } },
    });
    expect(extensionAllowed(distinct, 'recognitionDecision', 1, 20)).toEqual({
      ok: true,
      ruleId: 'deadline.extension_max',
    });
    expect(extensionAllowed(distinct, 'recognitionDecision', 2, 20)).toMatchObject({
      ok: false,
      refusal: { ruleId: 'deadline.extension_once', facts: { used: 2, allowed: 2 } },
    });
  });
});

describe('ceremony.deadline', () => {
  test('on the due day passes; the day after needs the superior consent', () => {
    expect(ceremonyInTime(policyOn(iso('2026-04-01')), iso('2026-04-03'), iso('2026-04-03'), false)).toEqual({
      ok: true,
      ruleId: 'ceremony.deadline',
    });
    expect(ceremonyInTime(policyOn(iso('2026-04-01')), iso('2026-04-04'), iso('2026-04-03'), true)).toEqual({
      ok: true,
      ruleId: 'ceremony.deadline',
    });
    expect(ceremonyInTime(policyOn(iso('2026-04-01')), iso('2026-04-04'), iso('2026-04-03'), false)).toEqual({
      ok: false,
      refusal: {
        ruleId: 'ceremony.deadline',
        facts: { date: '2026-04-04', due: '2026-04-03' },
        reason: {
          vi: 'Lễ kết nạp phải tổ chức chậm nhất ngày 03/04/2026 (30 ngày làm việc từ khi nhận quyết định); muộn hơn cần văn bản đồng ý của cấp ủy cấp trên trực tiếp.',
          en: "The ceremony was due by 03/04/2026 (30 working days after the decision was received); later needs the direct superior committee's written consent.",
        },
      },
    });
  });
});

describe('probation', () => {
  test('a probationer may be reprimanded or warned; any other discipline is refused', () => {
    for (const d of ['reprimand', 'warning'])
      expect(probationDiscipline(d)).toEqual({ ok: true, ruleId: 'discipline.probation_forms' });
    expect(probationDiscipline('expulsion')).toEqual({
      ok: false,
      refusal: {
        ruleId: 'discipline.probation_forms',
        facts: { discipline: 'expulsion' },
        reason: {
          vi: 'Đảng viên dự bị chỉ bị kỷ luật khiển trách hoặc cảnh cáo; nếu không còn đủ tư cách thì xóa tên, không khai trừ.',
          en: 'A probationary member can only be reprimanded or warned; one no longer fit has their name removed, not expelled.',
        },
      },
    });
  });
  test('probation is over on the day it ends, not the day before', () => {
    expect(probationOver(iso('2025-08-02'), iso('2025-08-02'))).toEqual({ ok: true, ruleId: 'probation.not_ended' });
    expect(probationOver(iso('2025-08-01'), iso('2025-08-02'))).toEqual({
      ok: false,
      refusal: {
        ruleId: 'probation.not_ended',
        facts: { date: '2025-08-01', probationEndsOn: '2025-08-02' },
        reason: { vi: 'Thời gian dự bị kết thúc ngày 02/08/2025.', en: 'Probation ends on 02/08/2025.' },
      },
    });
  });
});

describe('a paper the step needs', () => {
  test('present passes under the given id; absent names what is missing in both languages', () => {
    const what = { vi: 'giấy giới thiệu chuyển sinh hoạt', en: 'the transfer letter' };
    expect(required('transfer.letter', true, what)).toEqual({ ok: true, ruleId: 'transfer.letter' });
    expect(required('transfer.letter', false, what)).toEqual({
      ok: false,
      refusal: {
        ruleId: 'transfer.letter',
        facts: {},
        reason: {
          vi: 'Hồ sơ còn thiếu: giấy giới thiệu chuyển sinh hoạt.',
          en: 'The dossier lacks the transfer letter.',
        },
      },
    });
  });
});

test('refusals keeps the refused results, in order', () => {
  const a = refuse('a', {}, { vi: 'a', en: 'a' });
  const b = refuse('b', {}, { vi: 'b', en: 'b' });
  expect(refusals([a, pass('x'), b])).toEqual([
    { ruleId: 'a', facts: {}, reason: { vi: 'a', en: 'a' } },
    { ruleId: 'b', facts: {}, reason: { vi: 'b', en: 'b' } },
  ]);
});

describe("the date rules in full: the pass id, a refusal's facts and both reasons", () => {
  test('a step on the day of the registration passes; the day before is refused, naming both days', () => {
    expect(dateAfterRegistration(iso('2024-03-01'), iso('2024-03-01'))).toEqual({
      ok: true,
      ruleId: 'date.after_registration',
    });
    expect(dateAfterRegistration(iso('2024-02-29'), iso('2024-03-01'))).toEqual({
      ok: false,
      refusal: {
        ruleId: 'date.after_registration',
        facts: { date: '2024-02-29', registeredOn: '2024-03-01' },
        reason: {
          vi: 'Ngày 29/02/2024 sớm hơn ngày đưa vào danh sách quần chúng ưu tú (01/03/2024).',
          en: '29/02/2024 is earlier than the registration (01/03/2024).',
        },
      },
    });
  });

  test('a date no policy set covers is refused with the earliest set, or without it when there is none', () => {
    expect(policyCovers(iso('2016-07-25'))).toEqual({ ok: true, ruleId: 'policy.none' });
    expect(policyCovers(iso('2016-07-24'))).toEqual({
      ok: false,
      refusal: {
        ruleId: 'policy.none',
        facts: { date: '2016-07-24', earliest: '2016-07-25' },
        reason: {
          vi: 'Không có bộ quy định nào có hiệu lực vào ngày 24/07/2016 (bộ sớm nhất từ 25/07/2016).',
          en: 'No policy set is in force on 24/07/2016 (the earliest starts 25/07/2016).',
        },
      },
    });
    expect(policyCovers(iso('2024-01-01'), [])).toEqual({
      ok: false,
      refusal: {
        ruleId: 'policy.none',
        facts: { date: '2024-01-01', earliest: undefined },
        reason: {
          vi: 'Không có bộ quy định nào có hiệu lực vào ngày 01/01/2024.',
          en: 'No policy set is in force on 01/01/2024.',
        },
      },
    });
  });

  test("a registration's dates: today is not the future, the birth must come before the listing", () => {
    const today = iso('2026-11-27');
    expect(registrationDates({ registeredOn: today, birthDate: iso('2000-01-01') }, today)).toEqual([
      { ok: true, ruleId: 'registration.not_future' },
      { ok: true, ruleId: 'registration.birth_order' },
      { ok: true, ruleId: 'policy.none' },
    ]);
    // The workflow has no "today" of its own to check against: only the birth order.
    expect(registrationDates({ registeredOn: today, birthDate: iso('2000-01-01') })).toEqual([
      { ok: true, ruleId: 'registration.birth_order' },
      { ok: true, ruleId: 'policy.none' },
    ]);
    expect(registrationDates({ registeredOn: iso('2026-11-28'), birthDate: iso('2026-11-28') }, today)).toEqual([
      {
        ok: false,
        refusal: {
          ruleId: 'registration.not_future',
          facts: { field: 'registeredOn', registeredOn: '2026-11-28', today: '2026-11-27' },
          reason: {
            vi: 'Ngày đưa vào danh sách (registeredOn) 28/11/2026 chưa đến.',
            en: 'registeredOn 28/11/2026 is in the future.',
          },
        },
      },
      {
        ok: false,
        refusal: {
          ruleId: 'registration.birth_order',
          facts: { field: 'birthDate', birthDate: '2026-11-28', registeredOn: '2026-11-28' },
          reason: {
            vi: 'Ngày sinh (birthDate) 28/11/2026 phải trước ngày đưa vào danh sách 28/11/2026.',
            en: 'birthDate 28/11/2026 must come before the registration (28/11/2026).',
          },
        },
      },
      { ok: true, ruleId: 'policy.none' },
    ]);
  });

  test('a registration before any policy set names the field it came from', () => {
    const [, , covered] = registrationDates(
      { registeredOn: iso('2016-01-04'), birthDate: iso('1990-01-01') },
      iso('2026-11-27'),
    );
    expect(covered).toEqual({
      ok: false,
      refusal: expect.objectContaining({
        ruleId: 'policy.none',
        facts: { field: 'registeredOn', date: '2016-01-04', earliest: '2016-07-25' },
      }),
    });
  });

  test('the day a decision was received lies between the decision and today, both included', () => {
    const [decided, today] = [iso('2025-01-06'), iso('2025-01-10')];
    for (const receivedOn of [undefined, decided, today])
      expect(decisionReceivedOn(receivedOn, decided, today)).toEqual({ ok: true, ruleId: 'decision.received_on' });
    expect(decisionReceivedOn(iso('2025-01-05'), decided, today)).toEqual({
      ok: false,
      refusal: {
        ruleId: 'decision.received_on',
        facts: { receivedOn: '2025-01-05', decidedOn: '2025-01-06', today: '2025-01-10' },
        reason: {
          vi: 'Ngày chi bộ nhận quyết định (05/01/2025) phải từ ngày quyết định 06/01/2025 đến hôm nay 10/01/2025.',
          en: 'The day the decision was received (05/01/2025) must lie between the decision (06/01/2025) and today (10/01/2025).',
        },
      },
    });
    expect(decisionReceivedOn(iso('2025-01-11'), decided, today).ok).toBe(false);
  });

  test('a date that is written right but does not exist is told apart from one written wrong', () => {
    const issue = (s: string) => IsoDate.safeParse(s).error?.issues.map((i) => i.message);
    expect(issue('2026-02-31')).toEqual(['not a real calendar date (e.g. 31/2)']);
    expect(issue('2026-13-01')).toEqual(['not a real calendar date (e.g. 31/2)']);
    expect(issue('2025-02-29')).toEqual(['not a real calendar date (e.g. 31/2)']);
    expect(issue('2024-02-29')).toBeUndefined();
    expect(issue('31/02/2026')).toEqual(['expected a date as yyyy-MM-dd', 'not a real calendar date (e.g. 31/2)']);
  });

  test('whole months back in time are the same count, negative; within one month they are none', () => {
    expect(wholeMonthsBetween(iso('2025-01-31'), iso('2024-01-31'))).toBe(-12);
    expect(wholeMonthsBetween(iso('2024-01-31'), iso('2025-01-30'))).toBe(11);
    expect(wholeMonthsBetween(iso('2024-03-15'), iso('2024-03-15'))).toBe(0);
    expect(wholeMonthsBetween(iso('2024-03-15'), iso('2024-04-14'))).toBe(0);
  });
});
