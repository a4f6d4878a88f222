/**
 * The escalation ladder of an overdue deadline: level 1 alerts the body that
 * answers for it and its direct superior on the first overdue day; each
 * further level, after the working days of the policy set, alerts the next
 * committee up, until the chain ends or the step is done.
 */
import type { IsoDate } from '../charter/dates';
import { policyById } from '../charter/policy';
import type { CaseContext, Deadline } from '../schemas/case';
import { calendarOf } from './calendar-of';

/** The organisation chain from the answering body upwards. */
function chainFrom(ctx: CaseContext, answerBy: string): string[] {
  const chain = [ctx.cellId, ...ctx.committeeIds];
  const i = chain.indexOf(answerBy);
  return i >= 0 ? chain.slice(i) : [answerBy, ...ctx.committeeIds];
}

export function recipientsAt(ctx: CaseContext, d: Pick<Deadline, 'answerBy'>, level: number): string[] {
  const chain = chainFrom(ctx, d.answerBy);
  if (level === 1) return chain.slice(0, 2);
  const next = chain[level];
  return next ? [next] : [];
}

/** The day `level` is raised, or undefined when the ladder or the chain has no such level. */
export function levelRaisedOn(
  ctx: CaseContext,
  d: Pick<Deadline, 'answerBy' | 'dueDate' | 'policyId'>,
  level: number,
): IsoDate | undefined {
  const ladder = policyById(d.policyId).escalation.levelsAfterWorkingDays;
  if (level < 1 || level > ladder.length || recipientsAt(ctx, d, level).length === 0) return undefined;
  const cal = calendarOf(ctx);
  return level === 1 ? cal.overdueFrom(d.dueDate) : cal.addWorkingDays(d.dueDate, ladder[level - 1]!);
}
