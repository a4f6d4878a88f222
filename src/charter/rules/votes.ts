/**
 * Charter rules 7 and 8: two thirds, rounded up, of the members who count.
 * A cell's denominator is its official members minus those temporarily
 * attached elsewhere and minus exempted members who are absent; other
 * absentees still count. Probationers never count (the tally has no place
 * for them).
 */
import { formatVi, type IsoDate } from '../dates';
import type { PolicySet } from '../policy';
import { threshold } from '../policy';
import { pass, refuse, type RuleResult, declareRule } from '../rule';

const CELL_VOTE_MIN_MEMBERS = declareRule({
  id: 'cell_vote.min_members',
  source: 'Điều lệ Đảng, Điều 24.1',
  title: { vi: 'Chi bộ đủ đảng viên chính thức để biểu quyết', en: 'Enough official members to vote' },
  summary:
    'A cell with fewer than {cellVote.minOfficialMembers} official members cannot vote; the case waits for the superior committee.',
  guards: ['RECORD_CELL_VOTE', 'RECORD_RECOGNITION_VOTE'],
  reads: ['cellVote.minOfficialMembers'],
});
export const CELL_VOTE_TWO_THIRDS = declareRule({
  id: 'cell_vote.two_thirds',
  source: 'Điều lệ Đảng, Điều 4',
  title: { vi: 'Hai phần ba chi bộ tán thành', en: 'Two thirds of the cell' },
  summary:
    'Yes votes from at least two thirds, rounded up, of the official members minus those attached elsewhere and exempted absentees; the recorded resolution must match the tally.',
  guards: ['RECORD_CELL_VOTE'],
  reads: [],
});
export const COMMITTEE_TWO_THIRDS = declareRule({
  id: 'committee.two_thirds',
  source: 'Điều lệ Đảng, Điều 4',
  title: { vi: 'Hai phần ba cấp ủy đồng ý', en: 'Two thirds of the committee' },
  summary: "The committee's admission decision needs at least two thirds of its members.",
  guards: ['RECORD_COMMITTEE_DECISION'],
  reads: [],
});
const CELL_VOTE_REGISTRY_MEMBERS = declareRule({
  id: 'cell_vote.registry_members',
  source: 'Điều lệ Đảng, Điều 4 và 5; danh mục tổ chức (registry) ngày biểu quyết',
  title: { vi: 'Số đảng viên chính thức theo danh mục tổ chức', en: "The registry's official members" },
  summary:
    "A cell's vote (admission or recognition) counts the official members the registry gives the cell on the vote's date, less the members attached elsewhere and the exempted absentees the vote records (names, where given, match each count).",
  guards: ['RECORD_CELL_VOTE', 'RECORD_RECOGNITION_VOTE'],
  reads: [],
});
export const CELL_VOTE_MEMBERS_UNVERIFIED = declareRule({
  id: 'cell_vote.members_unverified',
  source: 'Quy trình',
  title: { vi: 'Mẫu số chưa được đối chiếu', en: 'Denominator not verified' },
  summary:
    "Not a refusal: marks a cell's vote recorded where the registry had no figure for the cell on its date (or before the registry was consulted); the audit lists it among the rules checked.",
  guards: ['RECORD_CELL_VOTE', 'RECORD_RECOGNITION_VOTE'],
  reads: [],
});
const COMMITTEE_REGISTRY_MEMBERS = declareRule({
  id: 'committee.registry_members',
  source: 'Điều lệ Đảng, Điều 4 và 5; danh mục tổ chức (registry) ngày quyết định',
  title: { vi: 'Số cấp ủy viên theo danh mục tổ chức', en: "The registry's committee size" },
  summary:
    "A committee's vote on an admission or a recognition counts the executive members (`executiveMembers`) the registry gives the committee on the decision's date.",
  guards: ['RECORD_COMMITTEE_DECISION', 'RECORD_RECOGNITION_DECISION'],
  reads: [],
});
export const COMMITTEE_MEMBERS_UNVERIFIED = declareRule({
  id: 'committee.members_unverified',
  source: 'Quy trình',
  title: { vi: 'Số cấp ủy viên chưa được đối chiếu', en: 'Committee size not verified' },
  summary:
    "Not a refusal: marks a committee's vote recorded where the registry had no size for the committee on its date (or before the registry was consulted); the audit lists it among the rules checked.",
  guards: ['RECORD_COMMITTEE_DECISION', 'RECORD_RECOGNITION_DECISION'],
  reads: [],
});
const COMMITTEE_COMPETENT = declareRule({
  id: 'committee.competent',
  source: 'Điều lệ Đảng, Điều 4 và 5; Quy định thi hành Điều lệ, 4.2c; Quy định 294-QĐ/TW (từ 01/7/2025)',
  title: { vi: 'Cấp ủy có thẩm quyền quyết định', en: 'The competent committee decides' },
  summary:
    "Only the cell's competent committee on the decision's date (from the registry; the case's registered chain where the registry was not read) decides an admission or a recognition; the committee directly above it decides only a case referred to it after three failed votes.",
  guards: ['RECORD_COMMITTEE_DECISION', 'RECORD_RECOGNITION_DECISION'],
  reads: [],
});
export const RECOGNITION_VOTE_TWO_THIRDS = declareRule({
  id: 'recognition_vote.two_thirds',
  source: 'Điều lệ Đảng, Điều 5',
  title: { vi: 'Hai phần ba chi bộ xét công nhận', en: 'Two thirds for recognition' },
  summary: 'Recognition or removal needs two thirds of the cell; "undecided" means neither reached it.',
  guards: ['RECORD_RECOGNITION_VOTE'],
  reads: [],
});
export const RECOGNITION_DECISION_TWO_THIRDS = declareRule({
  id: 'recognition_decision.two_thirds',
  source: 'Điều lệ Đảng, Điều 5',
  title: { vi: 'Hai phần ba cấp ủy quyết định công nhận', en: 'Two thirds of the committee for recognition' },
  summary:
    'The committee\'s recognition or removal needs two thirds of its members; "undecided" means neither side reached it (three such votes of the competent committee send the case to the committee above, 4.2c).',
  guards: ['RECORD_RECOGNITION_DECISION'],
  reads: [],
});

/** The rules declared here, in the order docs/rules.md lists them. */
export const DECLARED = [
  CELL_VOTE_MIN_MEMBERS,
  CELL_VOTE_TWO_THIRDS,
  COMMITTEE_TWO_THIRDS,
  CELL_VOTE_REGISTRY_MEMBERS,
  CELL_VOTE_MEMBERS_UNVERIFIED,
  COMMITTEE_REGISTRY_MEMBERS,
  COMMITTEE_MEMBERS_UNVERIFIED,
  COMMITTEE_COMPETENT,
  RECOGNITION_VOTE_TWO_THIRDS,
  RECOGNITION_DECISION_TWO_THIRDS,
];

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
  if (t.officialMembers >= p.cellVote.minOfficialMembers) return pass(CELL_VOTE_MIN_MEMBERS.id);
  return refuse(
    CELL_VOTE_MIN_MEMBERS.id,
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

/** What the registry said on a vote's date (absent on steps recorded before the API filled it in). */
export interface RegistryFigures {
  asOf: IsoDate;
  officialMembers: number | null;
  committeeMembers: number | null;
}

/**
 * The registry, not the minutes, says how many official members a cell has:
 * the vote's denominator must be the registry's figure on its date less the
 * exclusions the vote records. Without a figure the vote stands, marked as
 * unverified for the auditor.
 */
export function cellMembersMatchRegistry(t: CellTallyFacts, registry: RegistryFigures | undefined): RuleResult {
  if (registry?.officialMembers == null) return pass(CELL_VOTE_MEMBERS_UNVERIFIED.id);
  const registered = registry.officialMembers;
  const denominator = cellDenominator(t);
  const expected = cellDenominator({ ...t, officialMembers: registered });
  if (denominator === expected) return pass(CELL_VOTE_REGISTRY_MEMBERS.id);
  const on = formatVi(registry.asOf);
  return refuse(
    CELL_VOTE_REGISTRY_MEMBERS.id,
    {
      officialMembers: t.officialMembers,
      registryOfficialMembers: registered,
      attachedElsewhere: t.attachedElsewhere,
      excusedAbsent: t.excusedAbsent,
      denominator,
      registryDenominator: expected,
      asOf: registry.asOf,
    },
    {
      vi: `Theo danh mục tổ chức ngày ${on}, chi bộ có ${registered} đảng viên chính thức; trừ ${t.attachedElsewhere} đảng viên sinh hoạt tạm thời nơi khác và ${t.excusedAbsent} đảng viên được miễn sinh hoạt vắng mặt, số được tính là ${expected}, không phải ${denominator} như biên bản ghi (${t.officialMembers} đảng viên chính thức).`,
      en: `The registry gives the cell ${registered} official members on ${on}; less ${t.attachedElsewhere} attached elsewhere and ${t.excusedAbsent} exempted absentees, ${expected} count, not ${denominator} as the minutes say (${t.officialMembers} official members).`,
    },
  );
}

/** The committee's size on the decision's date is the registry's, as for a cell. */
export function committeeMembersMatchRegistry(
  t: { members: number },
  committeeId: string,
  registry: RegistryFigures | undefined,
): RuleResult {
  if (registry?.committeeMembers == null) return pass(COMMITTEE_MEMBERS_UNVERIFIED.id);
  const registered = registry.committeeMembers;
  if (t.members === registered) return pass(COMMITTEE_REGISTRY_MEMBERS.id);
  const on = formatVi(registry.asOf);
  return refuse(
    COMMITTEE_REGISTRY_MEMBERS.id,
    { committeeId, members: t.members, registryMembers: registered, asOf: registry.asOf },
    {
      vi: `Theo danh mục tổ chức ngày ${on}, cấp ủy ${committeeId} có ${registered} ủy viên, không phải ${t.members} như biên bản ghi.`,
      en: `The registry gives committee ${committeeId} ${registered} members on ${on}, not ${t.members} as the minutes say.`,
    },
  );
}

export interface DecidingFacts {
  /** The committee the decision names. */
  committeeId: string;
  /** The cell's competent committee on the decision's date, and the one directly above it. */
  competentCommitteeId: string;
  superiorCommitteeId: string | null;
  /** Three failed votes sent the case to the superior committee (Regulation 4.2c). */
  referredToSuperior: boolean;
  date: IsoDate;
}

/**
 * Only the competent committee on the decision's date decides; once three
 * failed votes have sent the case up, only the committee directly above it.
 */
export function committeeCompetent(f: DecidingFacts): RuleResult {
  const superior = f.superiorCommitteeId ?? f.competentCommitteeId;
  const decides = f.referredToSuperior ? superior : f.competentCommitteeId;
  if (f.committeeId === decides) return pass(COMMITTEE_COMPETENT.id);
  const on = formatVi(f.date);
  const facts = { ...f, decides };
  if (f.referredToSuperior)
    return refuse(COMMITTEE_COMPETENT.id, facts, {
      vi: `Hồ sơ đã chuyển lên cấp ủy cấp trên sau ba lần biểu quyết không đạt: chỉ ${decides} được quyết định (cấp ủy có thẩm quyền của chi bộ là ${f.competentCommitteeId}); ${f.committeeId} không có thẩm quyền.`,
      en: `Three failed votes sent the case to the superior committee: only ${decides} may decide (the cell's competent committee is ${f.competentCommitteeId}); ${f.committeeId} may not.`,
    });
  return refuse(COMMITTEE_COMPETENT.id, facts, {
    vi: `Chỉ cấp ủy có thẩm quyền của chi bộ ngày ${on}, ${f.competentCommitteeId}, được quyết định; ${f.committeeId} không có thẩm quyền (cấp ủy cấp trên chỉ quyết định hồ sơ được chuyển lên sau ba lần biểu quyết không đạt).`,
    en: `Only the cell's competent committee on ${on}, ${f.competentCommitteeId}, may decide; ${f.committeeId} may not (a superior committee decides only a case referred to it after three failed votes).`,
  });
}

/**
 * A committee's recognition vote: recognising or removing needs two thirds;
 * "undecided" says neither side reached it, which the tally must bear out.
 */
export function committeeResolutionMatches(
  p: PolicySet,
  ruleId: string,
  t: { members: number; agree: number; against?: number },
  decision: 'recognise' | 'remove' | 'undecided',
): RuleResult {
  if (decision !== 'undecided') return committeeTwoThirds(p, ruleId, t);
  const needed = threshold(p.committeeVote, t.members);
  const against = t.against ?? 0;
  if (t.agree < needed && against < needed) return pass(ruleId);
  const reached = t.agree >= needed ? t.agree : against;
  return refuse(
    ruleId,
    { members: t.members, agree: t.agree, against, needed },
    {
      vi: `Biên bản ghi cấp ủy biểu quyết không đạt nhưng ${reached}/${t.members} ủy viên đã đạt hai phần ba (${needed}).`,
      en: `The minutes say the committee's vote failed, but ${reached} of ${t.members} members reach two thirds (${needed}).`,
    },
  );
}
