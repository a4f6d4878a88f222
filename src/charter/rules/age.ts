/** Charter rule 1: age in whole months on the date of the cell's vote. */
import { addMonths, formatVi, wholeMonthsBetween, type IsoDate } from '../dates';
import type { PolicySet } from '../policy';
import { declareRule, pass, refuse, type RuleResult } from '../rule';

const AGE_MINIMUM = declareRule({
  id: 'age.minimum',
  source: 'Điều lệ Đảng, Điều 1',
  title: { vi: 'Đủ tuổi vào Đảng', en: 'Minimum age' },
  summary: "At least {age.minMonths} whole months old on the date of the cell's vote.",
  guards: ['RECORD_CELL_VOTE'],
  reads: ['age.minMonths'],
});
const AGE_OVER_60_CONSENT = declareRule({
  id: 'age.over_60_consent',
  source: 'Hướng dẫn thi hành Điều lệ, 1.1',
  title: { vi: 'Người cao tuổi cần đồng ý của cấp trên', en: 'Older applicants need consent' },
  summary:
    "Above {age.consentAboveMonths} months on the cell's vote date, the written consent of the standing committee of the committee directly under the Central Committee (the province's) is recorded before the competent committee decides on admission. The cell may vote without it; the admission decision may not.",
  guards: ['RECORD_COMMITTEE_DECISION'],
  reads: ['age.consentAboveMonths'],
});

/** The rules declared here, in the order docs/rules.md lists them. */
export const DECLARED = [AGE_MINIMUM, AGE_OVER_60_CONSENT];

export function ageMinimum(p: PolicySet, birthDate: IsoDate, voteDate: IsoDate): RuleResult {
  const months = wholeMonthsBetween(birthDate, voteDate);
  if (months >= p.age.minMonths) return pass(AGE_MINIMUM.id);
  const eligibleFrom = addMonths(birthDate, p.age.minMonths);
  return refuse(
    AGE_MINIMUM.id,
    { birthDate, voteDate, months, minMonths: p.age.minMonths, eligibleFrom },
    {
      vi: `Chưa đủ ${p.age.minMonths / 12} tuổi (${p.age.minMonths} tháng) vào ngày chi bộ xét ${formatVi(voteDate)}: mới ${months} tháng; đủ tuổi từ ${formatVi(eligibleFrom)}.`,
      en: `Under ${p.age.minMonths / 12} (${p.age.minMonths} months) on the cell's vote date ${formatVi(voteDate)}: ${months} months; eligible from ${formatVi(eligibleFrom)}.`,
    },
  );
}

/**
 * Guidance 01-HD/TW 1.1: above 60 (judged, like every age, on the cell's vote date) the written consent of the
 * standing committee of the province-level committee must be on the dossier before the competent committee decides.
 * The cell may vote without it; the admission decision may not.
 */
export function ageOver60Consent(
  p: PolicySet,
  birthDate: IsoDate,
  voteDate: IsoDate,
  hasConsent: boolean,
  decisionDate?: IsoDate,
): RuleResult {
  const months = wholeMonthsBetween(birthDate, voteDate);
  if (months <= p.age.consentAboveMonths || hasConsent) return pass(AGE_OVER_60_CONSENT.id);
  const decides = decisionDate ? ` (${formatVi(decisionDate)})` : '';
  return refuse(
    AGE_OVER_60_CONSENT.id,
    {
      birthDate,
      voteDate,
      ...(decisionDate ? { decisionDate } : {}),
      months,
      consentAboveMonths: p.age.consentAboveMonths,
    },
    {
      vi: `Trên ${p.age.consentAboveMonths / 12} tuổi (${months} tháng vào ngày chi bộ xét ${formatVi(voteDate)}): cần văn bản đồng ý của ban thường vụ cấp ủy trực thuộc Trung ương trong hồ sơ trước khi cấp ủy có thẩm quyền quyết định kết nạp${decides}.`,
      en: `Over ${p.age.consentAboveMonths / 12} (${months} months on the cell's vote date ${formatVi(voteDate)}): the written consent of the standing committee of the committee directly under the Central Committee must be on the dossier before the competent committee decides on admission${decides}.`,
    },
  );
}
