/**
 * The rules about recording a step: dates, extensions, the ceremony's deadline, probation's
 * discipline and end, and a missing paper; each at its boundary, with its exact refusal.
 */
import { iso } from '../../src/charter/dates';
import { policyById, policyOn } from '../../src/charter/policy';
import { refuse, refusals, pass } from '../../src/charter/rule';
import {
  ceremonyInTime,
  dateInOrder,
  dateNotFuture,
  extensionAllowed,
  probationDiscipline,
  probationOver,
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
