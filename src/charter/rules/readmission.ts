/**
 * Charter rule 9: re-admission. 36 months after leaving (60 after a cleared
 * criminal record for a less serious crime), the provincial standing
 * committee's written consent, only once, and never after the barred reasons.
 */
import { addMonths, formatVi, type IsoDate } from '../dates';
import type { PolicySet } from '../policy';
import { pass, refuse, type RuleResult, declareRule } from '../rule';

const READMISSION_BARRED = declareRule({
  id: 'readmission.barred',
  source: 'Quy định thi hành Điều lệ, 4',
  title: { vi: 'Không được kết nạp lại', en: 'Never re-admitted' },
  summary:
    'No re-admission after dropping out, resigning (except family hardship), serious disunity, or a conviction for corruption or a serious crime.',
  guards: ['RECORD_CELL_VOTE'],
  reads: [],
});
const READMISSION_ONCE = declareRule({
  id: 'readmission.once',
  source: 'Quy định thi hành Điều lệ, 4',
  title: { vi: 'Chỉ kết nạp lại một lần', en: 'Only once' },
  summary: 'A person is re-admitted at most {readmission.maxReadmissions} time.',
  guards: ['RECORD_CELL_VOTE'],
  reads: ['readmission.maxReadmissions'],
});
const READMISSION_WAIT = declareRule({
  id: 'readmission.wait',
  source: 'Quy định thi hành Điều lệ, 4',
  title: { vi: 'Thời gian chờ kết nạp lại', en: 'Waiting time' },
  summary:
    'At least {readmission.waitMonths} months after leaving, and {readmission.afterCriminalRecordMonths} months after a criminal record is cleared, on the vote date.',
  guards: ['RECORD_CELL_VOTE'],
  reads: ['readmission.waitMonths', 'readmission.afterCriminalRecordMonths'],
});
const READMISSION_CONSENT = declareRule({
  id: 'readmission.consent',
  source: 'Quy định thi hành Điều lệ, 4',
  title: { vi: 'Đồng ý của ban thường vụ tỉnh ủy', en: 'Provincial consent' },
  summary: "The provincial standing committee's written consent is recorded before the vote.",
  guards: ['RECORD_CELL_VOTE'],
  reads: [],
});

/** The rules declared here, in the order docs/rules.md lists them. */
export const DECLARED = [READMISSION_BARRED, READMISSION_ONCE, READMISSION_WAIT, READMISSION_CONSENT];

export interface ReadmissionFacts {
  leftOn: IsoDate;
  leftReason: string;
  criminalRecordClearedOn?: IsoDate;
  previousReadmissions: number;
}

export function readmissionBarred(p: PolicySet, r: ReadmissionFacts): RuleResult {
  if (!(p.readmission.barredReasons as string[]).includes(r.leftReason)) return pass(READMISSION_BARRED.id);
  return refuse(
    READMISSION_BARRED.id,
    { leftReason: r.leftReason },
    {
      vi: 'Không kết nạp lại người đã bỏ sinh hoạt, xin ra Đảng (trừ hoàn cảnh gia đình đặc biệt khó khăn), gây mất đoàn kết nghiêm trọng, hoặc bị kết án về tội tham nhũng hay tội nghiêm trọng.',
      en: 'No re-admission after dropping out, resigning (except for family hardship), causing serious disunity, or a conviction for corruption or a serious crime.',
    },
  );
}

export function readmissionOnce(p: PolicySet, r: ReadmissionFacts): RuleResult {
  if (r.previousReadmissions < p.readmission.maxReadmissions) return pass(READMISSION_ONCE.id);
  return refuse(
    READMISSION_ONCE.id,
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
  if (voteDate >= from) return pass(READMISSION_WAIT.id);
  return refuse(
    READMISSION_WAIT.id,
    { leftOn: r.leftOn, criminalRecordClearedOn: r.criminalRecordClearedOn ?? null, voteDate, eligibleFrom: from },
    {
      vi: `Chưa đủ thời gian để kết nạp lại: chỉ xét từ ngày ${formatVi(from)}.`,
      en: `Too early for re-admission: possible from ${formatVi(from)}.`,
    },
  );
}

export function readmissionConsent(_p: PolicySet, hasConsent: boolean): RuleResult {
  if (hasConsent) return pass(READMISSION_CONSENT.id);
  return refuse(
    READMISSION_CONSENT.id,
    {},
    {
      vi: 'Kết nạp lại cần văn bản đồng ý của ban thường vụ tỉnh ủy (hoặc tương đương) trong hồ sơ.',
      en: "Re-admission needs the provincial standing committee's written consent on the dossier.",
    },
  );
}
