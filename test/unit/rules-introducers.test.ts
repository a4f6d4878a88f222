/**
 * The introducer rules on their own: who may introduce whom, the 12 months of overlap to the day,
 * the youth-age boundary (up to 30, so under 31 whole years), and each refusal's exact reason.
 */
import { iso } from '../../src/charter/dates';
import { policyById } from '../../src/charter/policy';
import {
  introducerKindAllowed,
  introducerOfficial,
  introducerOverlap,
  introducerPair,
  requiredRoute,
  type ApplicantFacts,
  type IntroducerFacts,
} from '../../src/charter/rules/introducers';

const p = policyById('2025-07');
const member = (over: Partial<IntroducerFacts> = {}): IntroducerFacts => ({
  kind: 'official_member',
  fullName: 'Phạm Văn Dũng',
  memberStatus: 'official',
  together_since: iso('2023-03-15'),
  ...over,
});
const youthUnion = member({ kind: 'youth_union', fullName: 'BCH Đoàn xã', memberStatus: 'not_member' });
const tradeUnion = member({ kind: 'trade_union', fullName: 'BCH Công đoàn', memberStatus: 'not_member' });
// Born 12/4/1995: 371 months (youth age) on 11/4/2026, 372 (31 years) on 12/4/2026.
const youth = iso('2026-04-11');
const notYouth = iso('2026-04-12');
const applicant = (over: Partial<ApplicantFacts> = {}): ApplicantFacts => ({
  birthDate: iso('1995-04-12'),
  youthUnionMember: true,
  tradeUnionMember: false,
  youthUnionExists: true,
  ...over,
});

describe('the route an applicant must take', () => {
  test('a Youth Union member of youth age where the Union exists: the Youth Union route, until the 31st birthday', () => {
    expect(requiredRoute(p, applicant(), youth)).toBe('youth_union');
    expect(requiredRoute(p, applicant(), notYouth)).toBe('two_members');
  });
  test('youth age is read from the policy set', () => {
    const upTo35 = { ...p, introducer: { ...p.introducer, youthAgeMaxYears: 35 } };
    expect(requiredRoute(upTo35, applicant(), notYouth)).toBe('youth_union');
  });
  test('not a Youth Union member, or no Union there: two members', () => {
    expect(requiredRoute(p, applicant({ youthUnionMember: false }), youth)).toBe('two_members');
    expect(requiredRoute(p, applicant({ youthUnionExists: false }), youth)).toBe('two_members');
  });
  test('a trade-union member where there is no Youth Union may also take the trade-union route', () => {
    const a = applicant({ youthUnionExists: false, tradeUnionMember: true });
    expect(requiredRoute(p, a, youth)).toBe('two_members_or_trade_union');
    expect(requiredRoute(p, { ...a, youthUnionExists: true, youthUnionMember: false }, youth)).toBe('two_members');
  });
});

describe('introducer.official', () => {
  test('a probationary member is refused by name; an official member and an organisation pass', () => {
    expect(introducerOfficial(p, member({ memberStatus: 'probationary' }))).toEqual({
      ok: false,
      refusal: {
        ruleId: 'introducer.official',
        facts: { introducer: 'Phạm Văn Dũng', memberStatus: 'probationary' },
        reason: {
          vi: 'Phạm Văn Dũng không phải đảng viên chính thức: đảng viên dự bị không được giới thiệu người vào Đảng.',
          en: 'Phạm Văn Dũng is not an official member: probationary members cannot introduce applicants.',
        },
      },
    });
    expect(introducerOfficial(p, member())).toEqual({ ok: true, ruleId: 'introducer.official' });
    expect(introducerOfficial(p, youthUnion)).toEqual({ ok: true, ruleId: 'introducer.official' });
  });
});

describe('introducer.overlap: 12 months together on the day of introducing', () => {
  test('together since 15/3/2023: 11 months on 14/3/2024 is refused, 12 on 15/3/2024 passes', () => {
    expect(introducerOverlap(p, member(), iso('2024-03-14'))).toEqual({
      ok: false,
      refusal: {
        ruleId: 'introducer.overlap',
        facts: {
          introducer: 'Phạm Văn Dũng',
          together_since: '2023-03-15',
          introducedOn: '2024-03-14',
          months: 11,
          required: 12,
        },
        reason: {
          vi: 'Phạm Văn Dũng mới cùng công tác, học tập hoặc sinh sống với người vào Đảng 11 tháng vào ngày giới thiệu 14/03/2024; cần ít nhất 12 tháng.',
          en: 'Phạm Văn Dũng has worked, studied or lived with the applicant for 11 months on the introduction date 14/03/2024; at least 12 are required.',
        },
      },
    });
    expect(introducerOverlap(p, member(), iso('2024-03-15'))).toEqual({ ok: true, ruleId: 'introducer.overlap' });
  });
  test('no date of working together counts as 0 months', () => {
    expect(introducerOverlap(p, member({ together_since: undefined }), iso('2024-03-15'))).toMatchObject({
      ok: false,
      refusal: { facts: { together_since: null, months: 0 } },
    });
  });
  test('an organisation introducing has no overlap to show', () => {
    expect(introducerOverlap(p, { ...youthUnion, together_since: undefined }, iso('2024-03-15'))).toEqual({
      ok: true,
      ruleId: 'introducer.overlap',
    });
  });
});

describe('introducer.route: which organisation may introduce', () => {
  const youthRefusal = {
    vi: 'Ban Chấp hành Đoàn cơ sở chỉ giới thiệu đoàn viên trong độ tuổi thanh niên (đến 30 tuổi) nơi có tổ chức Đoàn.',
    en: 'The Youth Union executive committee introduces only Youth Union members of youth age (to 30) where a Youth Union organisation exists.',
  };
  const tradeRefusal = {
    vi: 'Công đoàn cơ sở chỉ giới thiệu đoàn viên công đoàn nơi không có tổ chức Đoàn.',
    en: 'The trade union introduces only its own members, and only where there is no Youth Union organisation.',
  };
  test('the Youth Union introduces a member of youth age; at 31 it is refused', () => {
    expect(introducerKindAllowed(p, applicant(), youthUnion, youth)).toEqual({ ok: true, ruleId: 'introducer.route' });
    expect(introducerKindAllowed(p, applicant(), youthUnion, notYouth)).toEqual({
      ok: false,
      refusal: {
        ruleId: 'introducer.route',
        facts: { kind: 'youth_union', route: 'two_members' },
        reason: youthRefusal,
      },
    });
  });
  test('the trade union introduces its member only where there is no Youth Union', () => {
    const a = applicant({ youthUnionExists: false, tradeUnionMember: true });
    expect(introducerKindAllowed(p, a, tradeUnion, youth)).toEqual({ ok: true, ruleId: 'introducer.route' });
    expect(introducerKindAllowed(p, applicant({ tradeUnionMember: true }), tradeUnion, youth)).toEqual({
      ok: false,
      refusal: {
        ruleId: 'introducer.route',
        facts: { kind: 'trade_union', route: 'youth_union' },
        reason: tradeRefusal,
      },
    });
    expect(introducerKindAllowed(p, a, youthUnion, youth)).toMatchObject({
      ok: false,
      refusal: { facts: { kind: 'youth_union', route: 'two_members_or_trade_union' }, reason: youthRefusal },
    });
  });
  test('an official member may introduce on any route', () => {
    for (const a of [applicant(), applicant({ youthUnionExists: false, tradeUnionMember: true })])
      expect(introducerKindAllowed(p, a, member(), youth)).toEqual({ ok: true, ruleId: 'introducer.route' });
  });
});

describe('introducer.pair: both introductions together', () => {
  const youthPairRefusal = {
    vi: 'Người trong độ tuổi thanh niên là đoàn viên phải được Ban Chấp hành Đoàn cơ sở và một đảng viên chính thức giới thiệu.',
    en: 'A Youth Union member of youth age must be introduced by the Youth Union executive committee and one official member.',
  };
  const twoRefusal = {
    vi: 'Cần hai người giới thiệu: hai đảng viên chính thức, hoặc công đoàn cơ sở và một đảng viên chính thức.',
    en: 'Two introducers are required: two official members, or the trade union and one official member.',
  };
  test('a youth of the Union needs the Youth Union and one member: two members are refused', () => {
    expect(introducerPair(p, applicant(), [youthUnion, member()], youth)).toEqual({
      ok: true,
      ruleId: 'introducer.pair',
    });
    expect(introducerPair(p, applicant(), [member(), member({ fullName: 'Hoàng Thị Em' })], youth)).toEqual({
      ok: false,
      refusal: {
        ruleId: 'introducer.pair',
        facts: { route: 'youth_union', kinds: ['official_member', 'official_member'] },
        reason: youthPairRefusal,
      },
    });
    expect(introducerPair(p, applicant(), [tradeUnion, member()], youth)).toMatchObject({
      ok: false,
      refusal: { facts: { route: 'youth_union', kinds: ['trade_union', 'official_member'] } },
    });
  });
  test('otherwise two members, or one organisation and one member; two organisations are refused', () => {
    const a = applicant({ youthUnionMember: false });
    expect(introducerPair(p, a, [member(), member()], youth)).toEqual({ ok: true, ruleId: 'introducer.pair' });
    expect(introducerPair(p, a, [tradeUnion, member()], youth)).toEqual({ ok: true, ruleId: 'introducer.pair' });
    expect(introducerPair(p, a, [tradeUnion, youthUnion], youth)).toEqual({
      ok: false,
      refusal: {
        ruleId: 'introducer.pair',
        facts: { route: 'two_members', kinds: ['trade_union', 'youth_union'] },
        reason: twoRefusal,
      },
    });
  });
  test('one introducer is not a pair', () => {
    expect(introducerPair(p, applicant({ youthUnionMember: false }), [member()], youth)).toMatchObject({
      ok: false,
      refusal: { ruleId: 'introducer.pair', facts: { kinds: ['official_member'] } },
    });
    expect(introducerPair(p, applicant(), [youthUnion], youth)).toMatchObject({
      ok: false,
      refusal: { ruleId: 'introducer.pair', facts: { route: 'youth_union' } },
    });
  });
});
