/**
 * The admission-eligibility rules on their own, at their boundaries: the exact day a person, a paper
 * or a waiting time passes, and the refusal (rule id, facts, reason in both languages) the day before.
 * Policies with distinct numbers make each rule's use of its own setting visible.
 */
import { iso } from '../../src/charter/dates';
import { policyById, type PolicySet } from '../../src/charter/policy';
import { ageMinimum, ageOver60Consent } from '../../src/charter/rules/age';
import { educationMinimum } from '../../src/charter/rules/education';
import { certificateValid, paperValid } from '../../src/charter/rules/papers';
import {
  readmissionBarred,
  readmissionConsent,
  readmissionOnce,
  readmissionWait,
  type ReadmissionFacts,
} from '../../src/charter/rules/readmission';

const p = policyById('2025-07');
/** Each paper its own validity, so that a paper judged by another's months is caught. */
const distinctPapers: PolicySet = {
  ...p,
  papersValidity: { introductionMonths: 6, commentsMonths: 4, verificationMonths: 12 },
};

describe('age.minimum: 216 whole months on the vote date', () => {
  test('born 20/3/2008: refused on 19/3/2026 with the day it becomes eligible, passed on 20/3/2026', () => {
    expect(ageMinimum(p, iso('2008-03-20'), iso('2026-03-19'))).toEqual({
      ok: false,
      refusal: {
        ruleId: 'age.minimum',
        facts: {
          birthDate: '2008-03-20',
          voteDate: '2026-03-19',
          months: 215,
          minMonths: 216,
          eligibleFrom: '2026-03-20',
        },
        reason: {
          vi: 'Chưa đủ 18 tuổi (216 tháng) vào ngày chi bộ xét 19/03/2026: mới 215 tháng; đủ tuổi từ 20/03/2026.',
          en: "Under 18 (216 months) on the cell's vote date 19/03/2026: 215 months; eligible from 20/03/2026.",
        },
      },
    });
    expect(ageMinimum(p, iso('2008-03-20'), iso('2026-03-20'))).toEqual({ ok: true, ruleId: 'age.minimum' });
  });

  test('the minimum is read from the policy set', () => {
    const older = { ...p, age: { ...p.age, minMonths: 240 } };
    expect(ageMinimum(older, iso('2008-03-20'), iso('2026-03-20'))).toMatchObject({
      ok: false,
      refusal: { facts: { months: 216, minMonths: 240, eligibleFrom: '2028-03-20' } },
    });
  });
});

describe('age.over_60_consent: above 720 months needs the consent document', () => {
  const born = iso('1966-05-10');
  test('exactly 720 months passes without consent; 721 is refused', () => {
    expect(ageOver60Consent(p, born, iso('2026-05-10'), false)).toEqual({ ok: true, ruleId: 'age.over_60_consent' });
    expect(ageOver60Consent(p, born, iso('2026-06-10'), false)).toEqual({
      ok: false,
      refusal: {
        ruleId: 'age.over_60_consent',
        facts: { birthDate: '1966-05-10', voteDate: '2026-06-10', months: 721, consentAboveMonths: 720 },
        // The wording is the charter team's; what the user must see is the age in months and the vote date.
        reason: {
          vi: expect.stringMatching(/^Trên 60 tuổi \(721 tháng vào ngày .*10\/06\/2026\): cần văn bản đồng ý /),
          en: expect.stringMatching(/^Over 60 \(721 months on .*10\/06\/2026\): the written consent /),
        },
      },
    });
  });
  test('with the consent document, 721 months passes', () => {
    expect(ageOver60Consent(p, born, iso('2026-06-10'), true)).toEqual({ ok: true, ruleId: 'age.over_60_consent' });
  });
});

describe('education.minimum', () => {
  test('lower secondary suffices anywhere; primary is refused outside the exception areas', () => {
    expect(educationMinimum(p, 'lower_secondary', undefined)).toEqual({ ok: true, ruleId: 'education.minimum' });
    expect(educationMinimum(p, 'primary', undefined)).toEqual({
      ok: false,
      refusal: {
        ruleId: 'education.minimum',
        facts: { education: 'primary', exception: null, required: 'lower_secondary' },
        reason: {
          vi: 'Chưa có bằng tốt nghiệp trung học cơ sở (chỉ miền núi, biên giới, hải đảo, vùng đồng bào dân tộc thiểu số, vùng đặc biệt khó khăn và ngư dân trên biển được tính tiểu học).',
          en: 'No lower-secondary diploma (completed primary school suffices only in mountain, border, island, ethnic-minority or extremely disadvantaged areas, and for fishermen at sea).',
        },
      },
    });
  });
  test('primary suffices in an exception area', () => {
    expect(educationMinimum(p, 'primary', 'mountain')).toEqual({ ok: true, ruleId: 'education.minimum' });
  });
});

describe('certificate.valid: 60 months from issue, counted to the vote date', () => {
  test('issued 01/01/2021: valid on 31/12/2025, expired on 01/01/2026', () => {
    expect(certificateValid(p, iso('2021-01-01'), iso('2025-12-31'))).toEqual({
      ok: true,
      ruleId: 'certificate.valid',
    });
    expect(certificateValid(p, iso('2021-01-01'), iso('2026-01-01'))).toEqual({
      ok: false,
      refusal: {
        ruleId: 'certificate.valid',
        facts: { issuedOn: '2021-01-01', voteDate: '2026-01-01', validityMonths: 60, expiresOn: '2026-01-01' },
        reason: {
          vi: 'Giấy chứng nhận lớp bồi dưỡng nhận thức về Đảng cấp ngày 01/01/2021 đã hết hạn 60 tháng vào ngày chi bộ xét: phải học lại.',
          en: 'The Party-awareness course certificate issued 01/01/2021 is past its 60 months on the vote date: the course must be retaken.',
        },
      },
    });
  });
  test('no certificate at all is refused as missing', () => {
    expect(certificateValid(p, undefined, iso('2026-01-01'))).toEqual({
      ok: false,
      refusal: {
        ruleId: 'certificate.valid',
        facts: { issuedOn: null, voteDate: '2026-01-01', validityMonths: 60, expiresOn: null },
        reason: {
          vi: 'Chưa có giấy chứng nhận lớp bồi dưỡng nhận thức về Đảng.',
          en: 'No Party-awareness course certificate recorded.',
        },
      },
    });
  });
});

describe('papers: each valid for its own months, counted to the vote date', () => {
  test.each([
    ['introduction', 6, '2026-03-14', 'Giấy giới thiệu', 'The introduction'],
    ['comments', 4, '2026-01-14', 'Nhận xét của đoàn thể và chi ủy nơi cư trú', "The mass organisations' comments"],
    ['verification', 12, '2026-09-14', 'Kết quả thẩm tra lý lịch', 'The personal-history verification'],
  ] as const)(
    '%s signed 14/09/2025 lasts %i months: valid the day before %s, refused on it',
    (kind, months, expires, vi, en) => {
      const signed = iso('2025-09-14');
      const dayBefore = new Date(Date.parse(`${expires}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
      expect(paperValid(distinctPapers, kind, signed, iso(dayBefore))).toEqual({
        ok: true,
        ruleId: `papers.${kind}_valid`,
      });
      const shown = expires.split('-').reverse().join('/');
      expect(paperValid(distinctPapers, kind, signed, iso(expires))).toEqual({
        ok: false,
        refusal: {
          ruleId: `papers.${kind}_valid`,
          facts: { kind, signedOn: '2025-09-14', voteDate: expires, validityMonths: months, expiresOn: expires },
          reason: {
            vi: `${vi} ký ngày 14/09/2025 đã quá ${months} tháng vào ngày chi bộ xét ${shown}: cần làm lại.`,
            en: `${en} signed 14/09/2025 is older than ${months} months on the vote date ${shown}: it must be renewed.`,
          },
        },
      });
    },
  );

  test('a missing paper is refused as missing, by name', () => {
    expect(paperValid(distinctPapers, 'comments', undefined, iso('2026-01-14'))).toEqual({
      ok: false,
      refusal: {
        ruleId: 'papers.comments_valid',
        facts: { kind: 'comments', signedOn: null, voteDate: '2026-01-14', validityMonths: 4, expiresOn: null },
        reason: {
          vi: 'Chưa có: nhận xét của đoàn thể và chi ủy nơi cư trú.',
          en: "Missing: the mass organisations' comments.",
        },
      },
    });
  });
});

describe('re-admission', () => {
  const left: ReadmissionFacts = { leftOn: iso('2022-01-10'), leftReason: 'moved_abroad', previousReadmissions: 0 };

  test('readmission.barred: every barred reason is refused, any other passes', () => {
    for (const reason of p.readmission.barredReasons)
      expect(readmissionBarred(p, { ...left, leftReason: reason })).toEqual({
        ok: false,
        refusal: {
          ruleId: 'readmission.barred',
          facts: { leftReason: reason },
          reason: {
            vi: 'Không kết nạp lại người đã bỏ sinh hoạt, xin ra Đảng (trừ hoàn cảnh gia đình đặc biệt khó khăn), gây mất đoàn kết nghiêm trọng, hoặc bị kết án về tội tham nhũng hay tội nghiêm trọng.',
            en: 'No re-admission after dropping out, resigning (except for family hardship), causing serious disunity, or a conviction for corruption or a serious crime.',
          },
        },
      });
    expect(readmissionBarred(p, left)).toEqual({ ok: true, ruleId: 'readmission.barred' });
  });

  test('readmission.once: no earlier re-admission passes, one is refused', () => {
    expect(readmissionOnce(p, left)).toEqual({ ok: true, ruleId: 'readmission.once' });
    expect(readmissionOnce(p, { ...left, previousReadmissions: 1 })).toEqual({
      ok: false,
      refusal: {
        ruleId: 'readmission.once',
        facts: { previousReadmissions: 1, max: 1 },
        reason: { vi: 'Chỉ được kết nạp lại một lần.', en: 'Re-admission is allowed only once.' },
      },
    });
  });

  test('readmission.wait: 36 months after leaving, to the day', () => {
    expect(readmissionWait(p, left, iso('2025-01-10'))).toEqual({ ok: true, ruleId: 'readmission.wait' });
    expect(readmissionWait(p, left, iso('2025-01-09'))).toEqual({
      ok: false,
      refusal: {
        ruleId: 'readmission.wait',
        facts: {
          leftOn: '2022-01-10',
          criminalRecordClearedOn: null,
          voteDate: '2025-01-09',
          eligibleFrom: '2025-01-10',
        },
        reason: {
          vi: 'Chưa đủ thời gian để kết nạp lại: chỉ xét từ ngày 10/01/2025.',
          en: 'Too early for re-admission: possible from 10/01/2025.',
        },
      },
    });
  });

  test('readmission.wait: 60 months after a cleared record when that is later, else the 36 after leaving', () => {
    const recordLater = { ...left, criminalRecordClearedOn: iso('2021-06-01') };
    expect(readmissionWait(p, recordLater, iso('2026-05-31'))).toMatchObject({
      ok: false,
      refusal: { facts: { criminalRecordClearedOn: '2021-06-01', eligibleFrom: '2026-06-01' } },
    });
    expect(readmissionWait(p, recordLater, iso('2026-06-01'))).toEqual({ ok: true, ruleId: 'readmission.wait' });
    const recordEarlier = { ...left, criminalRecordClearedOn: iso('2018-01-01') };
    expect(readmissionWait(p, recordEarlier, iso('2025-01-09'))).toMatchObject({
      ok: false,
      refusal: { facts: { eligibleFrom: '2025-01-10' } },
    });
    expect(readmissionWait(p, recordEarlier, iso('2025-01-10'))).toEqual({ ok: true, ruleId: 'readmission.wait' });
  });

  test('readmission.consent: the provincial consent on the dossier', () => {
    expect(readmissionConsent(p, true)).toEqual({ ok: true, ruleId: 'readmission.consent' });
    expect(readmissionConsent(p, false)).toEqual({
      ok: false,
      refusal: {
        ruleId: 'readmission.consent',
        facts: {},
        reason: {
          vi: 'Kết nạp lại cần văn bản đồng ý của ban thường vụ tỉnh ủy (hoặc tương đương) trong hồ sơ.',
          en: "Re-admission needs the provincial standing committee's written consent on the dossier.",
        },
      },
    });
  });
});
