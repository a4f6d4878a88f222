/**
 * The vote rules on their own: the cell's denominator, two thirds rounded up at the exact vote that
 * reaches it, minutes that contradict the tally, and the committee's two thirds.
 */
import { iso } from '../../src/charter/dates';
import { policyById, policyOn } from '../../src/charter/policy';
import {
  cellDenominator,
  cellMinMembers,
  cellReaches,
  cellResolutionMatches,
  committeeCompetent,
  committeeMembersMatchRegistry,
  committeeResolutionMatches,
  committeeTwoThirds,
  type CellTallyFacts,
} from '../../src/charter/rules/votes';

const p = policyById('2025-07');
const tally = (over: Partial<CellTallyFacts> = {}): CellTallyFacts => ({
  officialMembers: 20,
  attachedElsewhere: 0,
  present: 18,
  excusedAbsent: 0,
  yes: 14,
  no: 4,
  ...over,
});

describe('the cell denominator', () => {
  test('official members minus those attached elsewhere minus exempted absentees', () => {
    expect(cellDenominator(tally({ officialMembers: 20, attachedElsewhere: 2, excusedAbsent: 3 }))).toBe(15);
  });
});

describe('cell_vote.min_members', () => {
  test('3 official members may vote; 2 may not', () => {
    expect(cellMinMembers(p, tally({ officialMembers: 3 }))).toEqual({ ok: true, ruleId: 'cell_vote.min_members' });
    expect(cellMinMembers(p, tally({ officialMembers: 2 }))).toEqual({
      ok: false,
      refusal: {
        ruleId: 'cell_vote.min_members',
        facts: { officialMembers: 2, required: 3 },
        reason: {
          vi: 'Chi bộ chỉ có 2 đảng viên chính thức (cần ít nhất 3) nên không thể biểu quyết: chờ cấp ủy cấp trên điều động, bổ sung đảng viên.',
          en: 'The cell has only 2 official members (at least 3 are needed) and cannot vote: the case waits for the superior committee to reassign members.',
        },
      },
    });
  });
});

describe('two thirds of the cell', () => {
  test('20 counting members need 14: 13 does not reach it, 14 does', () => {
    expect(cellReaches(p, tally(), 13)).toEqual({ ok: false, needed: 14, denominator: 20 });
    expect(cellReaches(p, tally(), 14)).toEqual({ ok: true, needed: 14, denominator: 20 });
  });
  test('with nobody counting, zero votes do not reach two thirds of zero', () => {
    const empty = tally({ officialMembers: 3, attachedElsewhere: 3 });
    expect(cellReaches(p, empty, 0)).toEqual({ ok: false, needed: 0, denominator: 0 });
  });
  test('the fraction is read from the policy set', () => {
    const threeQuarters = { ...p, cellVote: { ...p.cellVote, numerator: 3, denominator: 4 } };
    expect(cellReaches(threeQuarters, tally(), 14)).toEqual({ ok: false, needed: 15, denominator: 20 });
  });
});

describe('the minutes must match the tally', () => {
  const facts = (t: CellTallyFacts, needed = 14, denominator = 20) => ({ ...t, denominator, needed });

  test('a proposal with 13 of 20 in favour is refused with the count needed', () => {
    const t = tally({ yes: 13, no: 5 });
    expect(cellResolutionMatches(p, 'cell_vote.two_thirds', t, { for: true })).toEqual({
      ok: false,
      refusal: {
        ruleId: 'cell_vote.two_thirds',
        facts: facts(t),
        reason: {
          vi: 'Biểu quyết không đạt hai phần ba: 13 phiếu tán thành, cần 14 trên 20 đảng viên chính thức được tính.',
          en: 'The vote does not reach two thirds: 13 in favour, 14 needed of the 20 official members who count.',
        },
      },
    });
    expect(cellResolutionMatches(p, 'cell_vote.two_thirds', tally(), { for: true })).toEqual({
      ok: true,
      ruleId: 'cell_vote.two_thirds',
    });
  });

  test('"not proposed" while 14 of 20 voted yes is a contradiction; with 13 it is the truth', () => {
    const t = tally();
    expect(cellResolutionMatches(p, 'cell_vote.two_thirds', t, { for: false })).toEqual({
      ok: false,
      refusal: {
        ruleId: 'cell_vote.two_thirds',
        facts: facts(t),
        reason: {
          vi: 'Biên bản ghi không đạt nhưng 14 phiếu tán thành đã đạt hai phần ba (14 trên 20).',
          en: 'The minutes say the vote failed, but 14 in favour reach two thirds (14 of 20).',
        },
      },
    });
    expect(cellResolutionMatches(p, 'cell_vote.two_thirds', tally({ yes: 13 }), { for: false })).toEqual({
      ok: true,
      ruleId: 'cell_vote.two_thirds',
    });
  });

  test('a removal needs two thirds against: 13 of 20 is refused, 14 passes', () => {
    const t = tally({ yes: 5, no: 13 });
    expect(cellResolutionMatches(p, 'recognition_vote.two_thirds', t, { for: false, againstReached: true })).toEqual({
      ok: false,
      refusal: {
        ruleId: 'recognition_vote.two_thirds',
        facts: facts(t),
        reason: {
          vi: 'Biểu quyết xóa tên không đạt hai phần ba: 13 phiếu, cần 14 trên 20.',
          en: 'The vote to remove does not reach two thirds: 13 votes, 14 needed of 20.',
        },
      },
    });
    expect(
      cellResolutionMatches(p, 'recognition_vote.two_thirds', tally({ yes: 4, no: 14 }), {
        for: false,
        againstReached: true,
      }),
    ).toEqual({ ok: true, ruleId: 'recognition_vote.two_thirds' });
  });

  test('"undecided" while 14 voted to remove is a contradiction; 13 and 13 is truly undecided', () => {
    const t = tally({ yes: 4, no: 14 });
    expect(cellResolutionMatches(p, 'recognition_vote.two_thirds', t, { for: false, againstReached: false })).toEqual({
      ok: false,
      refusal: {
        ruleId: 'recognition_vote.two_thirds',
        facts: facts(t),
        reason: {
          vi: 'Biên bản ghi không đạt nhưng 14 phiếu xóa tên đã đạt hai phần ba.',
          en: 'The minutes say neither side reached two thirds, but 14 votes to remove do.',
        },
      },
    });
    const split = tally({ officialMembers: 30, yes: 13, no: 13 });
    expect(
      cellResolutionMatches(p, 'recognition_vote.two_thirds', split, { for: false, againstReached: false }),
    ).toEqual({ ok: true, ruleId: 'recognition_vote.two_thirds' });
    expect(
      cellResolutionMatches(p, 'recognition_vote.two_thirds', tally({ yes: 14, no: 4 }), {
        for: false,
        againstReached: false,
      }),
    ).toMatchObject({ ok: false, refusal: { reason: { en: expect.stringContaining('14 in favour reach') } } });
  });
});

describe('two thirds of the committee, under the rule id it is asked for', () => {
  test('9 members need 6: 5 agreeing is refused, 6 passes', () => {
    expect(committeeTwoThirds(p, 'recognition_decision.two_thirds', { members: 9, agree: 5 })).toEqual({
      ok: false,
      refusal: {
        ruleId: 'recognition_decision.two_thirds',
        facts: { members: 9, agree: 5, needed: 6 },
        reason: {
          vi: 'Cấp ủy chỉ có 5/9 ủy viên đồng ý; cần ít nhất hai phần ba (6).',
          en: 'Only 5 of 9 committee members agree; at least two thirds (6) are needed.',
        },
      },
    });
    expect(committeeTwoThirds(p, 'committee.two_thirds', { members: 9, agree: 6 })).toEqual({
      ok: true,
      ruleId: 'committee.two_thirds',
    });
  });
  test("the committee's fraction is its own, not the cell's", () => {
    const half = { ...p, committeeVote: { numerator: 1, denominator: 2 } };
    expect(committeeTwoThirds(half, 'committee.two_thirds', { members: 9, agree: 5 })).toEqual({
      ok: true,
      ruleId: 'committee.two_thirds',
    });
  });
});

describe("the committee's rules in full: a refusal's facts and both reasons", () => {
  const registry = { asOf: iso('2025-09-01'), officialMembers: 20, committeeMembers: 9 };

  test("the minutes' committee size against the registry's on the vote's date", () => {
    expect(committeeMembersMatchRegistry({ members: 9 }, 'du-xa-a', registry)).toEqual({
      ok: true,
      ruleId: 'committee.registry_members',
    });
    expect(committeeMembersMatchRegistry({ members: 11 }, 'du-xa-a', registry)).toEqual({
      ok: false,
      refusal: {
        ruleId: 'committee.registry_members',
        facts: { committeeId: 'du-xa-a', members: 11, registryMembers: 9, asOf: '2025-09-01' },
        reason: {
          vi: 'Theo danh mục tổ chức ngày 01/09/2025, cấp ủy du-xa-a có 9 ủy viên, không phải 11 như biên bản ghi.',
          en: 'The registry gives committee du-xa-a 9 members on 01/09/2025, not 11 as the minutes say.',
        },
      },
    });
    expect(committeeMembersMatchRegistry({ members: 11 }, 'du-xa-a', { ...registry, committeeMembers: null }).ok).toBe(
      true,
    );
  });

  test('the competent committee decides; after three failed votes only the one above it', () => {
    const facts = {
      competentCommitteeId: 'du-xa-a',
      superiorCommitteeId: 'hu-a',
      referredToSuperior: false,
      date: iso('2025-09-20'),
    };
    expect(committeeCompetent({ ...facts, committeeId: 'du-xa-a' })).toEqual({
      ok: true,
      ruleId: 'committee.competent',
    });
    expect(committeeCompetent({ ...facts, committeeId: 'hu-a' })).toEqual({
      ok: false,
      refusal: {
        ruleId: 'committee.competent',
        facts: { ...facts, committeeId: 'hu-a', decides: 'du-xa-a' },
        reason: {
          vi: 'Chỉ cấp ủy có thẩm quyền của chi bộ ngày 20/09/2025, du-xa-a, được quyết định; hu-a không có thẩm quyền (cấp ủy cấp trên chỉ quyết định hồ sơ được chuyển lên sau ba lần biểu quyết không đạt).',
          en: "Only the cell's competent committee on 20/09/2025, du-xa-a, may decide; hu-a may not (a superior committee decides only a case referred to it after three failed votes).",
        },
      },
    });
    const referred = { ...facts, referredToSuperior: true };
    expect(committeeCompetent({ ...referred, committeeId: 'hu-a' }).ok).toBe(true);
    expect(committeeCompetent({ ...referred, committeeId: 'du-xa-a' })).toEqual({
      ok: false,
      refusal: {
        ruleId: 'committee.competent',
        facts: { ...referred, committeeId: 'du-xa-a', decides: 'hu-a' },
        reason: {
          vi: 'Hồ sơ đã chuyển lên cấp ủy cấp trên sau ba lần biểu quyết không đạt: chỉ hu-a được quyết định (cấp ủy có thẩm quyền của chi bộ là du-xa-a); du-xa-a không có thẩm quyền.',
          en: "Three failed votes sent the case to the superior committee: only hu-a may decide (the cell's competent committee is du-xa-a); du-xa-a may not.",
        },
      },
    });
    // With no committee above the competent one, a referred case stays with it.
    expect(committeeCompetent({ ...referred, superiorCommitteeId: null, committeeId: 'du-xa-a' }).ok).toBe(true);
  });

  test('"undecided" contradicted by the tally names the side that reached two thirds', () => {
    const p = policyOn(iso('2025-09-20'));
    const undecided = (agree: number, against: number) =>
      committeeResolutionMatches(p, 'recognition.committee_vote', { members: 9, agree, against }, 'undecided');
    expect(undecided(5, 4)).toEqual({ ok: true, ruleId: 'recognition.committee_vote' });
    expect(undecided(6, 3)).toEqual({
      ok: false,
      refusal: {
        ruleId: 'recognition.committee_vote',
        facts: { members: 9, agree: 6, against: 3, needed: 6 },
        reason: {
          vi: 'Biên bản ghi cấp ủy biểu quyết không đạt nhưng 6/9 ủy viên đã đạt hai phần ba (6).',
          en: "The minutes say the committee's vote failed, but 6 of 9 members reach two thirds (6).",
        },
      },
    });
    const against = undecided(2, 7);
    expect(against.ok ? null : against.refusal.reason.en).toBe(
      "The minutes say the committee's vote failed, but 7 of 9 members reach two thirds (6).",
    );
  });
});
