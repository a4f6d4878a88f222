/**
 * The deadlines a case has open, derived from its stage and facts (never
 * stored separately, so they cannot drift from what was recorded). Each is
 * computed under the policy set in force when its clock started.
 */
import { formatVi, type IsoDate } from '../charter/dates';
import { policyOn } from '../charter/policy';
import type { CaseContext, Deadline, Stage } from '../schemas/case';
import { calendarOf } from './calendar-of';

type Kind = Deadline['kind'];

const LABELS: Record<Kind, { vi: string; en: string }> = {
  committee_decision: { vi: 'hạn cấp ủy quyết định kết nạp', en: 'admission decision due' },
  ceremony: { vi: 'hạn tổ chức lễ kết nạp', en: 'admission ceremony due' },
  recognition_vote: { vi: 'hạn chi bộ xét công nhận chính thức', en: 'recognition vote due' },
  recognition_decision: { vi: 'hạn cấp ủy quyết định công nhận chính thức', en: 'recognition decision due' },
  transfer_start: { vi: 'hạn chuyển sinh hoạt đảng', en: 'party activity transfer due' },
  transfer_present: { vi: 'hạn nộp giấy giới thiệu sinh hoạt đảng', en: 'transfer letter presentation due' },
};

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

function clockOf(ctx: CaseContext, kind: Kind): Clock | undefined {
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

export function deadlineOf(ctx: CaseContext, kind: Kind): Deadline | undefined {
  const clock = clockOf(ctx, kind);
  if (!clock) return undefined;
  const p = policyOn(clock.startedOn);
  const dueDate = calendarOf(ctx).addWorkingDays(clock.startedOn, clock.workingDays(p));
  const label = LABELS[kind];
  return {
    id: kind,
    kind,
    startedOn: clock.startedOn,
    dueDate,
    answerBy: clock.answerBy,
    policyId: p.id,
    label: { vi: `${label.vi} ${formatVi(dueDate)}`, en: `${label.en} ${formatVi(dueDate)}` },
  };
}

export const deadlineDue = (ctx: CaseContext, kind: Kind): IsoDate | undefined => deadlineOf(ctx, kind)?.dueDate;

const BY_STAGE: Partial<Record<Stage, Kind[]>> = {
  committee_review: ['committee_decision'],
  ceremony: ['ceremony'],
  recognition_vote: ['recognition_vote'],
  recognition_review: ['recognition_decision'],
};

export function openDeadlines(stage: Stage, ctx: CaseContext): Deadline[] {
  const kinds = [...(BY_STAGE[stage] ?? [])];
  const transferring = stage === 'probation' || stage === 'recognition_vote' || stage === 'recognition_review';
  if (transferring && ctx.transfer && !ctx.transfer.letterOn) kinds.push('transfer_start');
  if (transferring && ctx.transfer?.letterOn && !ctx.transfer.presentedOn) kinds.push('transfer_present');
  return kinds.flatMap((k) => deadlineOf(ctx, k) ?? []);
}
