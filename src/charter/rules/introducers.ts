/**
 * Charter rule 4: two introducers. Each official-member introducer must be
 * official (not probationary) and have shared a unit with the applicant for
 * 12 months on the day of introducing; the 12 months is overlap, not party
 * age. Youth of up to 30 where a Youth Union exists are introduced by its
 * grassroots executive committee plus one official member; where none exists,
 * a trade-union member may be introduced by the union's grassroots committee
 * plus one official member; a youth-age applicant there who is not a member
 * cannot be admitted at all (Charter art. 4). A replacement introducer, named
 * by the cell when one leaves, needs no 12 months of overlap (Regulation
 * 24-QĐ/TW and 294-QĐ/TW, 3.2.2).
 */
import { formatVi, wholeMonthsBetween, type IsoDate } from '../dates';
import type { PolicySet } from '../policy';
import { pass, refuse, type RuleResult, declareRule } from '../rule';

const INTRODUCER_OFFICIAL = declareRule({
  id: 'introducer.official',
  source: 'Điều lệ Đảng, Điều 4',
  title: { vi: 'Người giới thiệu là đảng viên chính thức', en: 'Introducer is an official member' },
  summary: 'A probationary member cannot introduce.',
  guards: ['RECORD_INTRODUCTION', 'REPLACE_INTRODUCER'],
  reads: [],
});
const INTRODUCER_OVERLAP = declareRule({
  id: 'introducer.overlap',
  source: 'Điều lệ Đảng, Điều 4; Quy định thi hành Điều lệ, 3.2.2',
  title: { vi: 'Thời gian cùng công tác với người vào Đảng', en: 'Time together with the applicant' },
  summary:
    'An official-member introducer has worked, studied or lived with the applicant in the same unit for {introducer.overlapMonths} months on the day of introducing. A replacement the cell names for an introducer who left (REPLACE_INTRODUCER) is exempt.',
  guards: ['RECORD_INTRODUCTION', 'REPLACE_INTRODUCER'],
  reads: ['introducer.overlapMonths'],
});
const INTRODUCER_ROUTE = declareRule({
  id: 'introducer.route',
  source: 'Điều lệ Đảng, Điều 4',
  title: { vi: 'Tổ chức được giới thiệu', en: 'Which organisation may introduce' },
  summary:
    'The Youth Union introduces only its members of youth age where it exists; the trade union only its members where there is no Youth Union.',
  guards: ['RECORD_INTRODUCTION', 'REPLACE_INTRODUCER'],
  reads: [],
});
const INTRODUCER_PAIR = declareRule({
  id: 'introducer.pair',
  source: 'Điều lệ Đảng, Điều 4',
  title: { vi: 'Hai người giới thiệu', en: 'Two introducers' },
  summary:
    'Two official members, or the Youth Union (mandatory for its members of youth age) or trade union plus one official member. Whether a trade-union member where there is no Youth Union must take the trade-union route is unconfirmed: the policy flag `introducer.tradeUnionRouteRequired` says so, and is false in every set, so both routes stay open; requiring it on an unconfirmed reading would refuse lawful dossiers (and ones already accepted), which no one could put right.',
  guards: ['RECORD_INTRODUCTION', 'REPLACE_INTRODUCER'],
  reads: [],
});
const INTRODUCER_YOUTH_UNION_MEMBER = declareRule({
  id: 'introducer.youth_union_member',
  source: 'Điều lệ Đảng, Điều 4',
  title: { vi: 'Trong độ tuổi thanh niên phải là đoàn viên', en: 'Youth of Youth Union age must be members' },
  summary:
    'Where a grassroots Youth Union exists, an applicant of youth age (to {introducer.youthAgeMaxYears}: the whole of that year of age, until the next birthday) on the day of an introduction must be a Youth Union member; a non-member is refused, not routed to two official members. Judged at each introduction and replacement, where the route is taken (membership is fixed at registration). Steps accepted before it applied are kept on replay, and the audit lists them as findings.',
  guards: ['RECORD_INTRODUCTION', 'REPLACE_INTRODUCER'],
  reads: ['introducer.youthAgeMaxYears'],
});
const INTRODUCER_SLOT_TAKEN = declareRule({
  id: 'introducer.slot_taken',
  source: 'Quy trình',
  title: { vi: 'Đã có người giới thiệu', en: 'Introducer already recorded' },
  summary: 'A second introduction for the same slot is a replacement, recorded as such.',
  guards: ['RECORD_INTRODUCTION'],
  reads: [],
});
const INTRODUCER_SLOT_EMPTY = declareRule({
  id: 'introducer.slot_empty',
  source: 'Quy trình',
  title: { vi: 'Không có người để thay', en: 'Nothing to replace' },
  summary: 'A replacement needs an introducer recorded in that slot.',
  guards: ['REPLACE_INTRODUCER'],
  reads: [],
});

/** The rules declared here, in the order docs/rules.md lists them. */
export const DECLARED = [
  INTRODUCER_OFFICIAL,
  INTRODUCER_OVERLAP,
  INTRODUCER_ROUTE,
  INTRODUCER_PAIR,
  INTRODUCER_YOUTH_UNION_MEMBER,
  INTRODUCER_SLOT_TAKEN,
  INTRODUCER_SLOT_EMPTY,
];

export interface IntroducerFacts {
  kind: 'official_member' | 'youth_union' | 'trade_union';
  fullName: string;
  memberStatus: 'official' | 'probationary' | 'not_member';
  together_since?: IsoDate;
}

export interface ApplicantFacts {
  birthDate: IsoDate;
  youthUnionMember: boolean;
  tradeUnionMember: boolean;
  youthUnionExists: boolean;
}

export type Route = 'youth_union' | 'trade_union' | 'two_members';

/** "To 30" counts the whole 30th year: youth age ends on the 31st birthday. */
const isYouthAge = (p: PolicySet, birthDate: IsoDate, date: IsoDate): boolean =>
  wholeMonthsBetween(birthDate, date) < (p.introducer.youthAgeMaxYears + 1) * 12;

/** The route the applicant must or may take on `date`. */
export function requiredRoute(p: PolicySet, a: ApplicantFacts, date: IsoDate): Route | 'two_members_or_trade_union' {
  if (a.youthUnionExists && isYouthAge(p, a.birthDate, date) && a.youthUnionMember) return 'youth_union';
  if (!a.tradeUnionMember || a.youthUnionExists) return 'two_members';
  return p.introducer.tradeUnionRouteRequired ? 'trade_union' : 'two_members_or_trade_union';
}

/**
 * Charter art. 4: where a grassroots Youth Union exists, an applicant of youth age on the day of an introduction must
 * be a member of it. Judged at the introduction, because that is where the Youth Union route is taken: the profile's
 * membership is fixed at registration, so a later step could only find the same breach after the dossier was built
 * on the wrong route.
 */
export function youthUnionMember(p: PolicySet, a: ApplicantFacts, date: IsoDate): RuleResult {
  const id = INTRODUCER_YOUTH_UNION_MEMBER.id;
  if (!a.youthUnionExists || a.youthUnionMember || !isYouthAge(p, a.birthDate, date)) return pass(id);
  const months = wholeMonthsBetween(a.birthDate, date);
  return refuse(
    id,
    { birthDate: a.birthDate, date, months, youthAgeMaxYears: p.introducer.youthAgeMaxYears, youthUnionExists: true },
    {
      vi: `Người vào Đảng trong độ tuổi thanh niên (đến ${p.introducer.youthAgeMaxYears} tuổi; ${Math.floor(months / 12)} tuổi vào ngày ${formatVi(date)}) nơi có tổ chức Đoàn cơ sở phải là đoàn viên Đoàn TNCS Hồ Chí Minh.`,
      en: `An applicant of youth age (to ${p.introducer.youthAgeMaxYears}; ${Math.floor(months / 12)} on ${formatVi(date)}) where a grassroots Youth Union exists must be a Youth Union member.`,
    },
  );
}

export function introducerOfficial(_p: PolicySet, i: IntroducerFacts): RuleResult {
  if (i.kind !== 'official_member' || i.memberStatus === 'official') return pass(INTRODUCER_OFFICIAL.id);
  return refuse(
    INTRODUCER_OFFICIAL.id,
    { introducer: i.fullName, memberStatus: i.memberStatus },
    {
      vi: `${i.fullName} không phải đảng viên chính thức: đảng viên dự bị không được giới thiệu người vào Đảng.`,
      en: `${i.fullName} is not an official member: probationary members cannot introduce applicants.`,
    },
  );
}

/** `replacement`: named by the cell in place of an introducer who left, so exempt (3.2.2). */
export function introducerOverlap(
  p: PolicySet,
  i: IntroducerFacts,
  introducedOn: IsoDate,
  replacement = false,
): RuleResult {
  if (i.kind !== 'official_member' || replacement) return pass(INTRODUCER_OVERLAP.id);
  const months = i.together_since ? wholeMonthsBetween(i.together_since, introducedOn) : 0;
  if (months >= p.introducer.overlapMonths) return pass(INTRODUCER_OVERLAP.id);
  return refuse(
    INTRODUCER_OVERLAP.id,
    {
      introducer: i.fullName,
      together_since: i.together_since ?? null,
      introducedOn,
      months,
      required: p.introducer.overlapMonths,
    },
    {
      vi: `${i.fullName} mới cùng công tác, học tập hoặc sinh sống với người vào Đảng ${months} tháng vào ngày giới thiệu ${formatVi(introducedOn)}; cần ít nhất ${p.introducer.overlapMonths} tháng.`,
      en: `${i.fullName} has worked, studied or lived with the applicant for ${months} months on the introduction date ${formatVi(introducedOn)}; at least ${p.introducer.overlapMonths} are required.`,
    },
  );
}

/** One introduction on its own: may this kind of introducer introduce this applicant? */
export function introducerKindAllowed(p: PolicySet, a: ApplicantFacts, i: IntroducerFacts, date: IsoDate): RuleResult {
  const route = requiredRoute(p, a, date);
  const allowed =
    i.kind === 'official_member' ||
    (i.kind === 'youth_union' && route === 'youth_union') ||
    (i.kind === 'trade_union' && (route === 'two_members_or_trade_union' || route === 'trade_union'));
  if (allowed) return pass(INTRODUCER_ROUTE.id);
  return refuse(
    INTRODUCER_ROUTE.id,
    { kind: i.kind, route },
    i.kind === 'youth_union'
      ? {
          vi: `Ban Chấp hành Đoàn cơ sở chỉ giới thiệu đoàn viên trong độ tuổi thanh niên (đến ${p.introducer.youthAgeMaxYears} tuổi) nơi có tổ chức Đoàn.`,
          en: `The Youth Union executive committee introduces only Youth Union members of youth age (to ${p.introducer.youthAgeMaxYears}) where a Youth Union organisation exists.`,
        }
      : {
          vi: 'Công đoàn cơ sở chỉ giới thiệu đoàn viên công đoàn nơi không có tổ chức Đoàn.',
          en: 'The trade union introduces only its own members, and only where there is no Youth Union organisation.',
        },
  );
}

/** Both introductions together: the required route and at most one organisation. */
export function introducerPair(p: PolicySet, a: ApplicantFacts, pair: IntroducerFacts[], date: IsoDate): RuleResult {
  const route = requiredRoute(p, a, date);
  const orgs = pair.filter((i) => i.kind !== 'official_member');
  const ok =
    pair.length === 2 &&
    (route === 'youth_union' || route === 'trade_union'
      ? orgs.length === 1 && orgs[0]!.kind === route
      : orgs.length <= 1);
  if (ok) return pass(INTRODUCER_PAIR.id);
  return refuse(
    INTRODUCER_PAIR.id,
    { route, kinds: pair.map((i) => i.kind) },
    route === 'youth_union'
      ? {
          vi: 'Người trong độ tuổi thanh niên là đoàn viên phải được Ban Chấp hành Đoàn cơ sở và một đảng viên chính thức giới thiệu.',
          en: 'A Youth Union member of youth age must be introduced by the Youth Union executive committee and one official member.',
        }
      : route === 'trade_union'
        ? {
            vi: 'Đoàn viên công đoàn nơi không có tổ chức Đoàn phải được Ban Chấp hành công đoàn cơ sở và một đảng viên chính thức giới thiệu.',
            en: 'A trade-union member where there is no Youth Union must be introduced by the trade union and one official member.',
          }
        : {
            vi: 'Cần hai người giới thiệu: hai đảng viên chính thức, hoặc công đoàn cơ sở và một đảng viên chính thức.',
            en: 'Two introducers are required: two official members, or the trade union and one official member.',
          },
  );
}

/** An introduction fills an empty slot; a replacement replaces a recorded one. */
export function introducerSlot(replacing: boolean, slot: number, taken: boolean): RuleResult {
  if (!replacing)
    return taken
      ? refuse(
          INTRODUCER_SLOT_TAKEN.id,
          { slot },
          {
            vi: `Đã có người giới thiệu thứ ${slot}: dùng thay người giới thiệu.`,
            en: `Introducer ${slot} is already recorded: replace the introducer instead.`,
          },
        )
      : pass(INTRODUCER_SLOT_TAKEN.id);
  return taken
    ? pass(INTRODUCER_SLOT_EMPTY.id)
    : refuse(
        INTRODUCER_SLOT_EMPTY.id,
        { slot },
        { vi: `Chưa có người giới thiệu thứ ${slot} để thay.`, en: `There is no introducer ${slot} to replace.` },
      );
}
