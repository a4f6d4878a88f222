/** Rules about when and how a step may be recorded: dates, extensions, the ceremony, discipline. */
import { formatVi, type IsoDate } from '../dates';
import type { PolicySet } from '../policy';
import { pass, refuse, type RuleResult } from '../rule';

export function dateNotFuture(date: IsoDate, today: IsoDate): RuleResult {
  if (date <= today) return pass('date.not_future');
  return refuse(
    'date.not_future',
    { date, today },
    {
      vi: `Ngày ${formatVi(date)} chưa đến: chỉ ghi nhận việc đã diễn ra.`,
      en: `${formatVi(date)} is in the future: only steps that have happened can be recorded.`,
    },
  );
}

export function dateInOrder(date: IsoDate, lastStepOn: IsoDate | undefined): RuleResult {
  if (!lastStepOn || date >= lastStepOn) return pass('date.order');
  return refuse(
    'date.order',
    { date, lastStepOn },
    {
      vi: `Ngày ${formatVi(date)} sớm hơn bước trước đó (${formatVi(lastStepOn)}).`,
      en: `${formatVi(date)} is earlier than the previous step (${formatVi(lastStepOn)}).`,
    },
  );
}

export type ExtendableDeadline = 'committeeDecision' | 'recognitionDecision';

export function extensionAllowed(
  p: PolicySet,
  which: ExtendableDeadline,
  used: number,
  workingDays: number,
): RuleResult {
  const rule = p.deadlines[which];
  if (used >= rule.extensionsAllowed)
    return refuse(
      'deadline.extension_once',
      { deadline: which, used, allowed: rule.extensionsAllowed },
      { vi: 'Thời hạn này chỉ được gia hạn một lần.', en: 'This deadline can be extended only once.' },
    );
  if (workingDays > rule.extensionMaxWorkingDays)
    return refuse(
      'deadline.extension_max',
      { deadline: which, workingDays, max: rule.extensionMaxWorkingDays },
      {
        vi: `Gia hạn tối đa ${rule.extensionMaxWorkingDays} ngày làm việc (đề nghị ${workingDays}).`,
        en: `An extension is at most ${rule.extensionMaxWorkingDays} working days (asked ${workingDays}).`,
      },
    );
  return pass('deadline.extension_max');
}

export function ceremonyInTime(date: IsoDate, due: IsoDate, hasSuperiorConsent: boolean): RuleResult {
  if (date <= due || hasSuperiorConsent) return pass('ceremony.deadline');
  return refuse(
    'ceremony.deadline',
    { date, due },
    {
      vi: `Lễ kết nạp phải tổ chức chậm nhất ngày ${formatVi(due)} (30 ngày làm việc từ khi nhận quyết định); muộn hơn cần văn bản đồng ý của cấp ủy cấp trên trực tiếp.`,
      en: `The ceremony was due by ${formatVi(due)} (30 working days after the decision was received); later needs the direct superior committee's written consent.`,
    },
  );
}

export function probationDiscipline(discipline: string): RuleResult {
  if (discipline === 'reprimand' || discipline === 'warning') return pass('discipline.probation_forms');
  return refuse(
    'discipline.probation_forms',
    { discipline },
    {
      vi: 'Đảng viên dự bị chỉ bị kỷ luật khiển trách hoặc cảnh cáo; nếu không còn đủ tư cách thì xóa tên, không khai trừ.',
      en: 'A probationary member can only be reprimanded or warned; one no longer fit has their name removed, not expelled.',
    },
  );
}

export function probationOver(date: IsoDate, probationEndsOn: IsoDate): RuleResult {
  if (date >= probationEndsOn) return pass('probation.not_ended');
  return refuse(
    'probation.not_ended',
    { date, probationEndsOn },
    {
      vi: `Thời gian dự bị kết thúc ngày ${formatVi(probationEndsOn)}.`,
      en: `Probation ends on ${formatVi(probationEndsOn)}.`,
    },
  );
}

/** A paper the step needs is not on the dossier yet. */
export function required(ruleId: string, present: boolean, what: { vi: string; en: string }): RuleResult {
  if (present) return pass(ruleId);
  return refuse(ruleId, {}, { vi: `Hồ sơ còn thiếu: ${what.vi}.`, en: `The dossier lacks ${what.en}.` });
}
