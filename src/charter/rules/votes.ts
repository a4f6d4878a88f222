/**
 * Charter rules 7 and 8: two thirds, rounded up, of the members who count.
 * A cell's denominator is its official members minus those temporarily
 * attached elsewhere and minus exempted members who are absent; other
 * absentees still count. Probationers never count (the tally has no place
 * for them).
 */
import type { PolicySet } from '../policy';
import { threshold } from '../policy';
import { pass, refuse, type RuleResult } from '../rule';

export interface CellTallyFacts {
  officialMembers: number;
  attachedElsewhere: number;
  present: number;
  excusedAbsent: number;
  yes: number;
  no: number;
}

export function cellDenominator(t: CellTallyFacts): number {
  return t.officialMembers - t.attachedElsewhere - t.excusedAbsent;
}

export function cellMinMembers(p: PolicySet, t: CellTallyFacts): RuleResult {
  if (t.officialMembers >= p.cellVote.minOfficialMembers) return pass('cell_vote.min_members');
  return refuse(
    'cell_vote.min_members',
    { officialMembers: t.officialMembers, required: p.cellVote.minOfficialMembers },
    {
      vi: `Chi bộ chỉ có ${t.officialMembers} đảng viên chính thức (cần ít nhất ${p.cellVote.minOfficialMembers}) nên không thể biểu quyết: chờ cấp ủy cấp trên điều động, bổ sung đảng viên.`,
      en: `The cell has only ${t.officialMembers} official members (at least ${p.cellVote.minOfficialMembers} are needed) and cannot vote: the case waits for the superior committee to reassign members.`,
    },
  );
}

/** Does the count of `votes` reach two thirds of the cell's denominator? */
export function cellReaches(
  p: PolicySet,
  t: CellTallyFacts,
  votes: number,
): { ok: boolean; needed: number; denominator: number } {
  const denominator = cellDenominator(t);
  const needed = threshold(p.cellVote, denominator);
  return { ok: votes >= needed && votes > 0, needed, denominator };
}

/**
 * The resolution the cell wrote down must be what its tally supports: a
 * proposal needs two thirds; "not proposed" with two thirds in favour is a
 * contradiction in the minutes.
 */
export function cellResolutionMatches(
  p: PolicySet,
  ruleId: string,
  t: CellTallyFacts,
  claimed: { for: boolean; againstReached?: boolean },
): RuleResult {
  const yes = cellReaches(p, t, t.yes);
  const no = cellReaches(p, t, t.no);
  const facts = { ...t, denominator: yes.denominator, needed: yes.needed };
  if (claimed.for && !yes.ok)
    return refuse(ruleId, facts, {
      vi: `Biểu quyết không đạt hai phần ba: ${t.yes} phiếu tán thành, cần ${yes.needed} trên ${yes.denominator} đảng viên chính thức được tính.`,
      en: `The vote does not reach two thirds: ${t.yes} in favour, ${yes.needed} needed of the ${yes.denominator} official members who count.`,
    });
  if (claimed.againstReached === true && !no.ok)
    return refuse(ruleId, facts, {
      vi: `Biểu quyết xóa tên không đạt hai phần ba: ${t.no} phiếu, cần ${no.needed} trên ${no.denominator}.`,
      en: `The vote to remove does not reach two thirds: ${t.no} votes, ${no.needed} needed of ${no.denominator}.`,
    });
  if (!claimed.for && claimed.againstReached !== true && yes.ok)
    return refuse(ruleId, facts, {
      vi: `Biên bản ghi không đạt nhưng ${t.yes} phiếu tán thành đã đạt hai phần ba (${yes.needed} trên ${yes.denominator}).`,
      en: `The minutes say the vote failed, but ${t.yes} in favour reach two thirds (${yes.needed} of ${yes.denominator}).`,
    });
  if (claimed.againstReached === false && no.ok)
    return refuse(ruleId, facts, {
      vi: `Biên bản ghi không đạt nhưng ${t.no} phiếu xóa tên đã đạt hai phần ba.`,
      en: `The minutes say neither side reached two thirds, but ${t.no} votes to remove do.`,
    });
  return pass(ruleId);
}

export function committeeTwoThirds(p: PolicySet, ruleId: string, t: { members: number; agree: number }): RuleResult {
  const needed = threshold(p.committeeVote, t.members);
  if (t.agree >= needed) return pass(ruleId);
  return refuse(
    ruleId,
    { members: t.members, agree: t.agree, needed },
    {
      vi: `Cấp ủy chỉ có ${t.agree}/${t.members} ủy viên đồng ý; cần ít nhất hai phần ba (${needed}).`,
      en: `Only ${t.agree} of ${t.members} committee members agree; at least two thirds (${needed}) are needed.`,
    },
  );
}
