/** Rules about when and how a step may be recorded: dates, extensions, the ceremony, discipline. */
import { formatVi, type IsoDate } from '../dates';
import { POLICY_SETS, policyInForce, type PolicySet } from '../policy';
import { pass, refuse, type RuleResult, declareRule } from '../rule';

export const DATE_NOT_FUTURE = declareRule({
  id: 'date.not_future',
  source: 'Quy trình',
  title: { vi: 'Không ghi nhận việc chưa xảy ra', en: 'No future dates' },
  summary: 'A step is dated no later than the day it is recorded.',
  guards: ['*'],
  reads: [],
});
const DATE_ORDER = declareRule({
  id: 'date.order',
  source: 'Quy trình',
  title: { vi: 'Thứ tự thời gian', en: 'Chronological order' },
  summary:
    'A step is not dated before the step that opened its stage (the certificate opens the dossier) nor before a later milestone. A paper record may break it: kept as an irregularity.',
  guards: ['*'],
  reads: [],
});
const DATE_AFTER_REGISTRATION = declareRule({
  id: 'date.after_registration',
  source: 'Quy trình',
  title: { vi: 'Không trước ngày vào danh sách', en: 'Not before the registration' },
  summary:
    'No step is dated before the day the cell put the person on its list (`registeredOn`). A paper record may break it: kept as an irregularity.',
  guards: ['*'],
  reads: [],
});
export const REGISTRATION_NOT_FUTURE = declareRule({
  id: 'registration.not_future',
  source: 'Quy trình',
  title: { vi: 'Ngày vào danh sách chưa đến', en: 'Registration not in the future' },
  summary:
    '`registeredOn` is no later than today (Asia/Ho_Chi_Minh), checked by the API and the import before the case starts.',
  guards: ['REGISTER'],
  reads: [],
});
const REGISTRATION_BIRTH_ORDER = declareRule({
  id: 'registration.birth_order',
  source: 'Quy trình',
  title: { vi: 'Ngày sinh trước ngày vào danh sách', en: 'Born before the registration' },
  summary: '`birthDate` comes before `registeredOn` (so it is not in the future either).',
  guards: ['REGISTER'],
  reads: [],
});
export const DECISION_RECEIVED_ON = declareRule({
  id: 'decision.received_on',
  source: 'Quy định thi hành Điều lệ, 4.1',
  title: { vi: 'Ngày nhận quyết định', en: 'Day the decision was received' },
  summary:
    "The day the cell received the admission decision (the ceremony's {deadlines.ceremony.workingDays} working days run from it) lies between the decision and the day it is recorded; a paper record is held to it too.",
  guards: ['RECORD_COMMITTEE_DECISION'],
  reads: ['deadlines.ceremony.workingDays'],
});
const DEADLINE_EXTENSION_ONCE = declareRule({
  id: 'deadline.extension_once',
  source: 'Quy định thi hành Điều lệ, 4.3.1',
  title: { vi: 'Chỉ gia hạn một lần', en: 'One extension' },
  summary: "The committee's decision deadlines can be extended {deadlines.committeeDecision.extensionsAllowed} time.",
  guards: ['EXTEND_DEADLINE'],
  reads: ['deadlines.committeeDecision.extensionsAllowed', 'deadlines.recognitionDecision.extensionsAllowed'],
});
const DEADLINE_EXTENSION_MAX = declareRule({
  id: 'deadline.extension_max',
  source: 'Quy định thi hành Điều lệ, 4.3.1',
  title: { vi: 'Gia hạn trong giới hạn', en: 'Extension within its limit' },
  summary: 'An extension is at most {deadlines.committeeDecision.extensionMaxWorkingDays} working days.',
  guards: ['EXTEND_DEADLINE'],
  reads: [
    'deadlines.committeeDecision.extensionMaxWorkingDays',
    'deadlines.recognitionDecision.extensionMaxWorkingDays',
  ],
});
const CEREMONY_DEADLINE = declareRule({
  id: 'ceremony.deadline',
  source: 'Quy định thi hành Điều lệ, 4.1',
  title: { vi: 'Thời hạn tổ chức lễ kết nạp', en: 'Ceremony deadline' },
  summary:
    "The ceremony is held within {deadlines.ceremony.workingDays} working days of receiving the decision, later only with the direct superior committee's written consent.",
  guards: ['RECORD_CEREMONY'],
  reads: ['deadlines.ceremony.workingDays'],
});
const DISCIPLINE_PROBATION_FORMS = declareRule({
  id: 'discipline.probation_forms',
  source: 'Điều lệ Đảng, Điều 35',
  title: { vi: 'Kỷ luật đảng viên dự bị', en: 'Discipline of probationers' },
  summary: 'Only reprimand or warning; a probationer no longer fit has their name removed.',
  guards: ['RECORD_DISCIPLINE'],
  reads: [],
});
const PROBATION_NOT_ENDED = declareRule({
  id: 'probation.not_ended',
  source: 'Điều lệ Đảng, Điều 5',
  title: { vi: 'Chưa hết thời gian dự bị', en: 'Probation not over' },
  summary: '{deadlines.probation.months} calendar months after the ceremony.',
  guards: ['PROBATION_ENDED'],
  reads: ['deadlines.probation.months'],
});
export const POLICY_NONE = declareRule({
  id: 'policy.none',
  source: 'Quy trình',
  title: { vi: 'Không có quy định hiệu lực', en: 'No policy in force' },
  summary:
    "The date (a step's, or a registration's `registeredOn`) is before the earliest policy set (25/7/2016, Regulation 29-QĐ/TW): it cannot be judged, so it is refused, paper records included.",
  guards: ['*', 'REGISTER'],
  reads: [],
});

/** The rules declared here, in the order docs/rules.md lists them. */
export const DECLARED = [
  DATE_NOT_FUTURE,
  DATE_ORDER,
  DATE_AFTER_REGISTRATION,
  REGISTRATION_NOT_FUTURE,
  REGISTRATION_BIRTH_ORDER,
  DECISION_RECEIVED_ON,
  DEADLINE_EXTENSION_ONCE,
  DEADLINE_EXTENSION_MAX,
  CEREMONY_DEADLINE,
  DISCIPLINE_PROBATION_FORMS,
  PROBATION_NOT_ENDED,
  POLICY_NONE,
];

export function dateNotFuture(date: IsoDate, today: IsoDate): RuleResult {
  if (date <= today) return pass(DATE_NOT_FUTURE.id);
  return refuse(
    DATE_NOT_FUTURE.id,
    { date, today },
    {
      vi: `Ngày ${formatVi(date)} chưa đến: chỉ ghi nhận việc đã diễn ra.`,
      en: `${formatVi(date)} is in the future: only steps that have happened can be recorded.`,
    },
  );
}

/** `lastStepOn`: the date of the step that opened the case's current stage (or of the latest milestone after it). */
export function dateInOrder(date: IsoDate, lastStepOn: IsoDate | undefined): RuleResult {
  if (!lastStepOn || date >= lastStepOn) return pass(DATE_ORDER.id);
  return refuse(
    DATE_ORDER.id,
    { date, lastStepOn },
    {
      vi: `Ngày ${formatVi(date)} sớm hơn bước trước đó (${formatVi(lastStepOn)}).`,
      en: `${formatVi(date)} is earlier than the previous step (${formatVi(lastStepOn)}).`,
    },
  );
}

export function dateAfterRegistration(date: IsoDate, registeredOn: IsoDate): RuleResult {
  if (date >= registeredOn) return pass(DATE_AFTER_REGISTRATION.id);
  return refuse(
    DATE_AFTER_REGISTRATION.id,
    { date, registeredOn },
    {
      vi: `Ngày ${formatVi(date)} sớm hơn ngày đưa vào danh sách quần chúng ưu tú (${formatVi(registeredOn)}).`,
      en: `${formatVi(date)} is earlier than the registration (${formatVi(registeredOn)}).`,
    },
  );
}

/** A date before the earliest policy set cannot be judged: refused, never an exception (see policyInForce). */
export function policyCovers(date: IsoDate, sets: readonly PolicySet[] = POLICY_SETS): RuleResult {
  if (policyInForce(date, sets)) return pass(POLICY_NONE.id);
  const earliest = sets[0]?.effectiveFrom;
  return refuse(
    POLICY_NONE.id,
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
            ? pass(REGISTRATION_NOT_FUTURE.id)
            : refuse(
                REGISTRATION_NOT_FUTURE.id,
                { field: 'registeredOn', registeredOn: r.registeredOn, today },
                {
                  vi: `Ngày đưa vào danh sách (registeredOn) ${formatVi(r.registeredOn)} chưa đến.`,
                  en: `registeredOn ${formatVi(r.registeredOn)} is in the future.`,
                },
              ),
        ];
  const birth =
    r.birthDate < r.registeredOn
      ? pass(REGISTRATION_BIRTH_ORDER.id)
      : refuse(
          REGISTRATION_BIRTH_ORDER.id,
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
  if (receivedOn === undefined || (receivedOn >= decidedOn && receivedOn <= today))
    return pass(DECISION_RECEIVED_ON.id);
  return refuse(
    DECISION_RECEIVED_ON.id,
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
      DEADLINE_EXTENSION_ONCE.id,
      { deadline: which, used, allowed: rule.extensionsAllowed },
      { vi: 'Thời hạn này chỉ được gia hạn một lần.', en: 'This deadline can be extended only once.' },
    );
  if (workingDays > rule.extensionMaxWorkingDays)
    return refuse(
      DEADLINE_EXTENSION_MAX.id,
      { deadline: which, workingDays, max: rule.extensionMaxWorkingDays },
      {
        vi: `Gia hạn tối đa ${rule.extensionMaxWorkingDays} ngày làm việc (đề nghị ${workingDays}).`,
        en: `An extension is at most ${rule.extensionMaxWorkingDays} working days (asked ${workingDays}).`,
      },
    );
  return pass(DEADLINE_EXTENSION_MAX.id);
}

export function ceremonyInTime(p: PolicySet, date: IsoDate, due: IsoDate, hasSuperiorConsent: boolean): RuleResult {
  if (date <= due || hasSuperiorConsent) return pass(CEREMONY_DEADLINE.id);
  return refuse(
    CEREMONY_DEADLINE.id,
    { date, due },
    {
      vi: `Lễ kết nạp phải tổ chức chậm nhất ngày ${formatVi(due)} (${p.deadlines.ceremony.workingDays} ngày làm việc từ khi nhận quyết định); muộn hơn cần văn bản đồng ý của cấp ủy cấp trên trực tiếp.`,
      en: `The ceremony was due by ${formatVi(due)} (${p.deadlines.ceremony.workingDays} working days after the decision was received); later needs the direct superior committee's written consent.`,
    },
  );
}

export function probationDiscipline(discipline: string): RuleResult {
  if (discipline === 'reprimand' || discipline === 'warning') return pass(DISCIPLINE_PROBATION_FORMS.id);
  return refuse(
    DISCIPLINE_PROBATION_FORMS.id,
    { discipline },
    {
      vi: 'Đảng viên dự bị chỉ bị kỷ luật khiển trách hoặc cảnh cáo; nếu không còn đủ tư cách thì xóa tên, không khai trừ.',
      en: 'A probationary member can only be reprimanded or warned; one no longer fit has their name removed, not expelled.',
    },
  );
}

export function probationOver(date: IsoDate, probationEndsOn: IsoDate): RuleResult {
  if (date >= probationEndsOn) return pass(PROBATION_NOT_ENDED.id);
  return refuse(
    PROBATION_NOT_ENDED.id,
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
