/** Rules about when and how a step may be recorded: dates, extensions, the ceremony, discipline. */
import { formatVi, type IsoDate } from '../dates';
import { POLICY_SETS, policyInForce, type PolicySet } from '../policy';
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

/** `lastStepOn`: the date of the step that opened the case's current stage (or of the latest milestone after it). */
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

export function dateAfterRegistration(date: IsoDate, registeredOn: IsoDate): RuleResult {
  if (date >= registeredOn) return pass('date.after_registration');
  return refuse(
    'date.after_registration',
    { date, registeredOn },
    {
      vi: `Ngày ${formatVi(date)} sớm hơn ngày đưa vào danh sách quần chúng ưu tú (${formatVi(registeredOn)}).`,
      en: `${formatVi(date)} is earlier than the registration (${formatVi(registeredOn)}).`,
    },
  );
}

/** A date before the earliest policy set cannot be judged: refused, never an exception (see policyInForce). */
export function policyCovers(date: IsoDate, sets: readonly PolicySet[] = POLICY_SETS): RuleResult {
  if (policyInForce(date, sets)) return pass('policy.none');
  const earliest = sets[0]?.effectiveFrom;
  return refuse(
    'policy.none',
    { date, earliest },
    {
      vi: `Không có bộ quy định nào có hiệu lực vào ngày ${formatVi(date)}${earliest ? ` (bộ sớm nhất từ ${formatVi(earliest)})` : ''}.`,
      en: `No policy set is in force on ${formatVi(date)}${earliest ? ` (the earliest starts ${formatVi(earliest)})` : ''}.`,
    },
  );
}

/**
 * The dates of a registration. Pure: the workflow runs it as it is, and the API and the import add `today`
 * (the workflow keeps no "today" but its own clock, so the future check is made before it starts).
 */
export function registrationDates(r: { registeredOn: IsoDate; birthDate: IsoDate }, today?: IsoDate): RuleResult[] {
  const notFuture: RuleResult[] =
    today === undefined
      ? []
      : [
          r.registeredOn <= today
            ? pass('registration.not_future')
            : refuse(
                'registration.not_future',
                { field: 'registeredOn', registeredOn: r.registeredOn, today },
                {
                  vi: `Ngày đưa vào danh sách (registeredOn) ${formatVi(r.registeredOn)} chưa đến.`,
                  en: `registeredOn ${formatVi(r.registeredOn)} is in the future.`,
                },
              ),
        ];
  const birth =
    r.birthDate < r.registeredOn
      ? pass('registration.birth_order')
      : refuse(
          'registration.birth_order',
          { field: 'birthDate', birthDate: r.birthDate, registeredOn: r.registeredOn },
          {
            vi: `Ngày sinh (birthDate) ${formatVi(r.birthDate)} phải trước ngày đưa vào danh sách ${formatVi(r.registeredOn)}.`,
            en: `birthDate ${formatVi(r.birthDate)} must come before the registration (${formatVi(r.registeredOn)}).`,
          },
        );
  const covered = policyCovers(r.registeredOn);
  return [
    ...notFuture,
    birth,
    covered.ok
      ? covered
      : { ok: false, refusal: { ...covered.refusal, facts: { field: 'registeredOn', ...covered.refusal.facts } } },
  ];
}

/** The day the cell received the committee's decision starts the ceremony's clock: not before the decision, not after today. */
export function decisionReceivedOn(receivedOn: IsoDate | undefined, decidedOn: IsoDate, today: IsoDate): RuleResult {
  if (receivedOn === undefined || (receivedOn >= decidedOn && receivedOn <= today)) return pass('decision.received_on');
  return refuse(
    'decision.received_on',
    { receivedOn, decidedOn, today },
    {
      vi: `Ngày chi bộ nhận quyết định (${formatVi(receivedOn)}) phải từ ngày quyết định ${formatVi(decidedOn)} đến hôm nay ${formatVi(today)}.`,
      en: `The day the decision was received (${formatVi(receivedOn)}) must lie between the decision (${formatVi(decidedOn)}) and today (${formatVi(today)}).`,
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
