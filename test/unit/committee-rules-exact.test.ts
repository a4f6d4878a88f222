/**
 * The committee's rules in full: a refusal's facts and both reasons, as the
 * trail, the audit and the API's 422 show them, and which of two counts a
 * contradicted "undecided" names.
 */
import { iso } from '../../src/charter/dates';
import { policyOn } from '../../src/charter/policy';
import {
  committeeCompetent,
  committeeMembersMatchRegistry,
  committeeResolutionMatches,
} from '../../src/charter/rules/votes';

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
  expect(committeeCompetent({ ...facts, committeeId: 'du-xa-a' })).toEqual({ ok: true, ruleId: 'committee.competent' });
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
