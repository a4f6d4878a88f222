/**
 * Charter rule 9: re-admission. 36 months after leaving (60 after a cleared
 * criminal record for a less serious crime), the provincial standing
 * committee's written consent, only once, and never after the barred reasons.
 */
import { addMonths, formatVi, type IsoDate } from '../dates';
import type { PolicySet } from '../policy';
import { pass, refuse, type RuleResult } from '../rule';

export interface ReadmissionFacts {
  leftOn: IsoDate;
  leftReason: string;
  criminalRecordClearedOn?: IsoDate;
  previousReadmissions: number;
}

export function readmissionBarred(p: PolicySet, r: ReadmissionFacts): RuleResult {
  if (!(p.readmission.barredReasons as string[]).includes(r.leftReason)) return pass('readmission.barred');
  return refuse(
    'readmission.barred',
    { leftReason: r.leftReason },
    {
      vi: 'Không kết nạp lại người đã bỏ sinh hoạt, xin ra Đảng (trừ hoàn cảnh gia đình đặc biệt khó khăn), gây mất đoàn kết nghiêm trọng, hoặc bị kết án về tội tham nhũng hay tội nghiêm trọng.',
      en: 'No re-admission after dropping out, resigning (except for family hardship), causing serious disunity, or a conviction for corruption or a serious crime.',
    },
  );
}

export function readmissionOnce(p: PolicySet, r: ReadmissionFacts): RuleResult {
  if (r.previousReadmissions < p.readmission.maxReadmissions) return pass('readmission.once');
  return refuse(
    'readmission.once',
    { previousReadmissions: r.previousReadmissions, max: p.readmission.maxReadmissions },
    { vi: 'Chỉ được kết nạp lại một lần.', en: 'Re-admission is allowed only once.' },
  );
}

export function readmissionWait(p: PolicySet, r: ReadmissionFacts, voteDate: IsoDate): RuleResult {
  const afterLeaving = addMonths(r.leftOn, p.readmission.waitMonths);
  const afterRecord = r.criminalRecordClearedOn
    ? addMonths(r.criminalRecordClearedOn, p.readmission.afterCriminalRecordMonths)
    : afterLeaving;
  const from = afterLeaving > afterRecord ? afterLeaving : afterRecord;
  if (voteDate >= from) return pass('readmission.wait');
  return refuse(
    'readmission.wait',
    { leftOn: r.leftOn, criminalRecordClearedOn: r.criminalRecordClearedOn ?? null, voteDate, eligibleFrom: from },
    {
      vi: `Chưa đủ thời gian để kết nạp lại: chỉ xét từ ngày ${formatVi(from)}.`,
      en: `Too early for re-admission: possible from ${formatVi(from)}.`,
    },
  );
}

export function readmissionConsent(_p: PolicySet, hasConsent: boolean): RuleResult {
  if (hasConsent) return pass('readmission.consent');
  return refuse(
    'readmission.consent',
    {},
    {
      vi: 'Kết nạp lại cần văn bản đồng ý của ban thường vụ tỉnh ủy (hoặc tương đương) trong hồ sơ.',
      en: "Re-admission needs the provincial standing committee's written consent on the dossier.",
    },
  );
}
