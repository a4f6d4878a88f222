/**
 * The deadlines a case has open, derived from its stage and facts (never
 * stored separately, so they cannot drift from what was recorded). Each is
 * computed under the policy set in force when its clock started.
 */
import { addMonths, formatVi, type IsoDate } from '../charter/dates';
import { policyOn } from '../charter/policy';
import type { CaseContext, Deadline, Stage } from '../schemas/case';
import { calendarOf } from './calendar-of';

type Kind = Deadline['kind'];
/** Kinds with one clock of working days; helper assessments are counted in months instead. */
type ClockKind = Exclude<Kind, 'helper_assessment'>;

const LABELS: Record<Kind, { vi: string; en: string }> = {
  helper_assessment: { vi: 'hạn đảng viên giúp đỡ nhận xét', en: "helper's assessment due" },
  committee_decision: { vi: 'hạn cấp ủy quyết định kết nạp', en: 'admission decision due' },
  ceremony: { vi: 'hạn tổ chức lễ kết nạp', en: 'admission ceremony due' },
  recognition_vote: { vi: 'hạn chi bộ xét công nhận chính thức', en: 'recognition vote due' },
  recognition_decision: { vi: 'hạn cấp ủy quyết định công nhận chính thức', en: 'recognition decision due' },
  transfer_start: { vi: 'hạn chuyển sinh hoạt đảng', en: 'party activity transfer due' },
  transfer_present: { vi: 'hạn nộp giấy giới thiệu sinh hoạt đảng', en: 'transfer letter presentation due' },
};

/** What each deadline is called, for whoever lists them outside the case (the CLI). */
export { LABELS as DEADLINE_NAMES };

/** The committee that decides; after a deadlock, the one above it. */
export function decidingCommittee(ctx: CaseContext): string {
  if (!ctx.referredToSuperior) return ctx.competentCommitteeId;
  const i = ctx.committeeIds.indexOf(ctx.competentCommitteeId);
  return ctx.committeeIds[i + 1] ?? ctx.competentCommitteeId;
}

interface Clock {
  startedOn: IsoDate;
  workingDays: (p: ReturnType<typeof policyOn>) => number;
  answerBy: string;
}

function clockOf(ctx: CaseContext, kind: ClockKind): Clock | undefined {
  const ext = (k: string) => ctx.extensions[k]?.workingDays ?? 0;
  switch (kind) {
    case 'committee_decision':
      return (
        ctx.cellVote && {
          startedOn: ctx.cellVote.on,
          workingDays: (p) => p.deadlines.committeeDecision.workingDays + ext(kind),
          answerBy: ctx.competentCommitteeId,
        }
      );
    case 'ceremony':
      return (
        ctx.admission && {
          startedOn: ctx.admission.receivedOn,
          workingDays: (p) => p.deadlines.ceremony.workingDays,
          answerBy: ctx.cellId,
        }
      );
    case 'recognition_vote':
      return (
        ctx.probationEndsOn && {
          startedOn: ctx.probationEndsOn,
          workingDays: (p) => p.deadlines.recognitionVote.workingDays,
          answerBy: ctx.cellId,
        }
      );
    case 'recognition_decision': {
      const last = ctx.recognitionVotes.at(-1);
      return (
        last && {
          startedOn: last.on,
          workingDays: (p) => p.deadlines.recognitionDecision.workingDays + ext(kind),
          answerBy: decidingCommittee(ctx),
        }
      );
    }
    case 'transfer_start':
      return (
        ctx.transfer && {
          startedOn: ctx.transfer.movedOn,
          workingDays: (p) => p.deadlines.transferStart.workingDays,
          answerBy: ctx.cellId,
        }
      );
    case 'transfer_present':
      return ctx.transfer?.letterOn
        ? {
            startedOn: ctx.transfer.letterOn,
            workingDays: (p) => p.deadlines.transferPresent.workingDays,
            answerBy: ctx.cellId,
          }
        : undefined;
  }
}

export function deadlineOf(ctx: CaseContext, kind: ClockKind): Deadline | undefined {
  const clock = clockOf(ctx, kind);
  if (!clock) return undefined;
  const p = policyOn(clock.startedOn);
  const dueDate = calendarOf(ctx).addWorkingDays(clock.startedOn, clock.workingDays(p));
  return labelled({ id: kind, kind, startedOn: clock.startedOn, dueDate, answerBy: clock.answerBy, policyId: p.id });
}

/** What a deadline is called, with its due date: "hạn cấp ủy quyết định kết nạp 28/08/2024". */
export function deadlineLabel(kind: Kind, dueDate: IsoDate): { vi: string; en: string } {
  const label = LABELS[kind];
  return { vi: `${label.vi} ${formatVi(dueDate)}`, en: `${label.en} ${formatVi(dueDate)}` };
}

const labelled = (d: Omit<Deadline, 'label'>): Deadline => ({ ...d, label: deadlineLabel(d.kind, d.dueDate) });

/**
 * The next of the helper's periodic assessments, counted in calendar months
 * from the ceremony, while a helper is assigned and probation runs.
 */
function nextHelperAssessment(ctx: CaseContext): Deadline | undefined {
  if (!ctx.ceremonyOn || ctx.helpers.length === 0) return undefined;
  const p = policyOn(ctx.ceremonyOn);
  const done = ctx.helperAssessments?.length ?? 0;
  if (done >= p.helperAssessments.count) return undefined;
  const dueDate = addMonths(
    ctx.ceremonyOn,
    p.helperAssessments.everyMonths * (done + 1),
    p.deadlines.probation.monthEnd,
  );
  if (ctx.probationEndsOn && dueDate >= ctx.probationEndsOn) return undefined;
  return labelled({
    id: `helper_assessment#${done + 1}`,
    kind: 'helper_assessment',
    startedOn: ctx.ceremonyOn,
    dueDate,
    answerBy: ctx.cellId,
    policyId: p.id,
  });
}

/** Optional parts of the deadline set, so running cases keep the set they started with (see the workflow's patches). */
export interface DeadlineFeatures {
  helperAssessments: boolean;
}

export const deadlineDue = (ctx: CaseContext, kind: ClockKind): IsoDate | undefined => deadlineOf(ctx, kind)?.dueDate;

const BY_STAGE: Partial<Record<Stage, Array<ClockKind>>> = {
  committee_review: ['committee_decision'],
  ceremony: ['ceremony'],
  recognition_vote: ['recognition_vote'],
  recognition_review: ['recognition_decision'],
};

export function openDeadlines(
  stage: Stage,
  ctx: CaseContext,
  features: DeadlineFeatures = { helperAssessments: true },
): Deadline[] {
  const kinds: Array<ClockKind> = [...(BY_STAGE[stage] ?? [])];
  const transferring = stage === 'probation' || stage === 'recognition_vote' || stage === 'recognition_review';
  if (transferring && ctx.transfer && !ctx.transfer.letterOn) kinds.push('transfer_start');
  if (transferring && ctx.transfer?.letterOn && !ctx.transfer.presentedOn) kinds.push('transfer_present');
  const open = kinds.flatMap((k) => deadlineOf(ctx, k) ?? []);
  const assessment = stage === 'probation' && features.helperAssessments ? nextHelperAssessment(ctx) : undefined;
  return assessment ? [assessment, ...open] : open;
}
