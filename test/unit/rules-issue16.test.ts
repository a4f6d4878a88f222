/**
 * The regulations' exact rules corrected in issue 16, each at its boundary, one step on each side: papers valid 12
 * months, a replacement introducer without the 12 months' overlap, the over-60 consent due before the decision, the
 * Youth Union membership of youth-age applicants, and the trade-union route's policy flag.
 */
import { dayOfWeek, iso } from '../../src/charter/dates';
import { holidaysOf } from '../../src/charter/holidays';
import { policyById, type PolicySet } from '../../src/charter/policy';
import { ageOver60Consent } from '../../src/charter/rules/age';
import {
  introducerPair,
  introducerKindAllowed,
  requiredRoute,
  youthUnionMember,
  type ApplicantFacts,
  type IntroducerFacts,
} from '../../src/charter/rules/introducers';
import { paperValid } from '../../src/charter/rules/papers';
import { startCase, stageOf } from '../../src/machine/advance';
import { cmd, eventsUntil, HASH, refusedWith, registration, run, tally } from '../helpers/commands';

// A person of 34 in 2024: outside youth age, so the Youth Union rule does not bear on these cases.
const adult = () =>
  startCase(registration({ profile: { fullName: 'Nguyễn Văn An', birthDate: '1990-03-15', education: 'higher' } }));
const vote = (date: string) => cmd('RECORD_CELL_VOTE', date, { resolution: 'propose_admission', tally: tally() });

describe('papers: introductions and comments count 12 months (Guidance 01-HD/TW), erratum to both sets', () => {
  // HAPPY_PATH: introductions 15/3 and 16/3/2024, comments 20/3/2024, verification 10/5/2024.
  const atVote = () => run(eventsUntil('cell_vote'), adult());

  test('a dossier 11 months old is accepted at the vote', () => {
    expect(stageOf(run([vote('2025-02-14')], atVote()))).toBe('committee_review');
  });
  test('"12 months" ends the day before the same calendar day: valid on 14/3/2025, refused on 15/3/2025 and after', () => {
    expect(stageOf(run([vote('2025-03-14')], atVote()))).toBe('committee_review');
    expect(refusedWith(atVote(), vote('2025-03-15'))).toEqual(['papers.introduction_valid']);
    // 12 months and a day: the second introduction (16/3/2024) has run out too.
    expect(refusedWith(atVote(), vote('2025-03-16'))).toEqual([
      'papers.introduction_valid',
      'papers.introduction_valid',
    ]);
    expect(refusedWith(atVote(), vote('2025-03-20'))).toEqual([
      'papers.introduction_valid',
      'papers.introduction_valid',
      'papers.comments_valid',
    ]);
  });
  test.each(['2021', '2025-07'])(
    'set %s: both papers, signed 15/6/2025, count to 14/6/2026 and not on 15/6/2026',
    (id) => {
      const p = policyById(id);
      for (const kind of ['introduction', 'comments'] as const) {
        expect(paperValid(p, kind, iso('2025-06-15'), iso('2026-06-14')).ok).toBe(true);
        expect(paperValid(p, kind, iso('2025-06-15'), iso('2026-06-15'))).toMatchObject({
          ok: false,
          refusal: { ruleId: `papers.${kind}_valid`, facts: { validityMonths: 12, expiresOn: '2026-06-15' } },
        });
      }
    },
  );
});

describe('a replacement introducer needs no 12 months of overlap (Regulation 3.2.2)', () => {
  const atDossier = () => run(eventsUntil('dossier'), adult());
  const withoutSlot1 = () =>
    run(
      eventsUntil('dossier').filter((e) => !(e.type === 'RECORD_INTRODUCTION' && e.slot === 1)),
      adult(),
    );
  const introducer = (together_since: string) => ({
    kind: 'official_member',
    fullName: 'Vũ Văn Mới',
    memberStatus: 'official',
    together_since,
  });
  const record = (since: string) =>
    cmd('RECORD_INTRODUCTION', '2024-03-18', { slot: 1, introducer: introducer(since) });
  const replace = (since: string) =>
    cmd('REPLACE_INTRODUCER', '2024-03-18', { slot: 1, reason: 'chuyển công tác', introducer: introducer(since) });

  test('11 months together: refused as a first introducer, accepted as a replacement', () => {
    expect(refusedWith(withoutSlot1(), record('2023-04-19'))).toEqual(['introducer.overlap']);
    expect(refusedWith(atDossier(), replace('2023-04-19'))).toEqual([]);
  });
  test('12 months together to the day: accepted either way', () => {
    expect(refusedWith(withoutSlot1(), record('2023-03-18'))).toEqual([]);
    expect(refusedWith(atDossier(), replace('2023-03-18'))).toEqual([]);
  });
  test('a replacement met the day it introduces is accepted; it must still be an official member', () => {
    expect(refusedWith(atDossier(), replace('2024-03-18'))).toEqual([]);
    const probationer = cmd('REPLACE_INTRODUCER', '2024-03-18', {
      slot: 1,
      reason: 'r',
      introducer: { ...introducer('2024-03-18'), memberStatus: 'probationary' },
    });
    expect(refusedWith(atDossier(), probationer)).toEqual(['introducer.official']);
  });
});

describe('the over-60 consent is due before the decision, not the vote (01-HD/TW 1.1)', () => {
  const p = policyById('2025-07');
  const born = iso('1966-05-10');
  test('720 months on the vote date: no consent needed at the decision; 721: refused naming both dates', () => {
    expect(ageOver60Consent(p, born, iso('2026-05-10'), false, iso('2026-07-01')).ok).toBe(true);
    const r = ageOver60Consent(p, born, iso('2026-06-15'), false, iso('2026-07-01'));
    expect(r).toMatchObject({
      ok: false,
      refusal: { facts: { months: 721, voteDate: '2026-06-15', decisionDate: '2026-07-01' } },
    });
    expect(!r.ok && r.refusal.reason.vi).toContain('trước khi cấp ủy có thẩm quyền quyết định kết nạp (01/07/2026)');
    expect(!r.ok && r.refusal.reason.en).toContain('before the competent committee decides');
    expect(ageOver60Consent(p, born, iso('2026-06-15'), true, iso('2026-07-01')).ok).toBe(true);
  });

  const old = () =>
    startCase(
      registration({
        profile: { fullName: 'Đỗ Văn Lâm', birthDate: '1966-05-10', education: 'higher' },
        registeredOn: '2025-09-01',
      }),
    );
  const official = (fullName: string) => ({
    kind: 'official_member',
    fullName,
    memberStatus: 'official',
    together_since: '2020-09-01',
  });
  const voted = () =>
    run(
      [
        cmd('ENROL_COURSE', '2025-09-10', { mentor: 'Lê Văn Tâm' }),
        cmd('RECORD_CERTIFICATE', '2025-10-01', { certificateNo: 'c' }),
        cmd('RECORD_APPLICATION', '2026-01-05'),
        cmd('RECORD_PERSONAL_HISTORY', '2026-01-06'),
        cmd('RECORD_COMMENTS', '2026-02-06'),
        cmd('RECORD_INTRODUCTION', '2026-02-09', { slot: 1, introducer: official('Phạm Văn Dũng') }),
        cmd('RECORD_INTRODUCTION', '2026-02-09', { slot: 2, introducer: official('Hoàng Thị Em') }),
        cmd('RECORD_VERIFICATION', '2026-05-04', { outcome: 'pass' }),
        vote('2026-06-15'),
      ],
      old(),
    );
  const decide = (decision: 'admit' | 'refuse') =>
    cmd('RECORD_COMMITTEE_DECISION', '2026-07-01', {
      decision,
      committeeId: 'du-xa-a',
      tally: { members: 9, agree: 7, minutesHash: HASH },
    });

  test('born 10/5/1966, vote 15/6/2026 (721 months): the cell votes without it, admission is refused without it', () => {
    expect(stageOf(voted())).toBe('committee_review');
    expect(refusedWith(voted(), decide('admit'))).toEqual(['age.over_60_consent']);
    // Refusing admission needs no consent.
    expect(stageOf(run([decide('refuse')], voted()))).toBe('rejected');
    const consent = cmd('RECORD_DOCUMENT', '2026-06-20', { kind: 'over_60_consent', documentNo: '215-CV/TU' });
    expect(stageOf(run([consent, decide('admit')], voted()))).toBe('ceremony');
  });
});

describe('Youth Union membership (Charter art. 4)', () => {
  const p = policyById('2025-07');
  const applicant = (over: Partial<ApplicantFacts> = {}): ApplicantFacts => ({
    birthDate: iso('1995-04-12'),
    youthUnionMember: false,
    tradeUnionMember: false,
    youthUnionExists: true,
    ...over,
  });

  test('youth age runs to the 31st birthday: a non-member is refused the day before it, not on it', () => {
    expect(youthUnionMember(p, applicant(), iso('2026-04-11'))).toMatchObject({
      ok: false,
      refusal: {
        ruleId: 'introducer.youth_union_member',
        facts: { birthDate: '1995-04-12', date: '2026-04-11', months: 371, youthAgeMaxYears: 30 },
      },
    });
    expect(youthUnionMember(p, applicant(), iso('2026-04-12'))).toEqual({
      ok: true,
      ruleId: 'introducer.youth_union_member',
    });
  });
  test('a member, or a unit with no grassroots Youth Union, passes at any age', () => {
    expect(youthUnionMember(p, applicant({ youthUnionMember: true }), iso('2024-01-01')).ok).toBe(true);
    expect(youthUnionMember(p, applicant({ youthUnionExists: false }), iso('2024-01-01')).ok).toBe(true);
  });
  test('the reason names the age and the date in both languages', () => {
    const r = youthUnionMember(p, applicant(), iso('2024-03-15'));
    expect(!r.ok && r.refusal.reason).toEqual({
      vi: expect.stringContaining('28 tuổi vào ngày 15/03/2024') as string,
      en: expect.stringContaining('28 on 15/03/2024') as string,
    });
  });
});

describe('the trade-union route: a policy flag, off in every shipped set', () => {
  const off = policyById('2025-07');
  const on: PolicySet = { ...off, introducer: { ...off.introducer, tradeUnionRouteRequired: true } };
  const member = (fullName: string): IntroducerFacts => ({
    kind: 'official_member',
    fullName,
    memberStatus: 'official',
    together_since: iso('2020-01-01'),
  });
  const union: IntroducerFacts = { kind: 'trade_union', fullName: 'BCH Công đoàn', memberStatus: 'not_member' };
  const a: ApplicantFacts = {
    birthDate: iso('1980-01-01'),
    youthUnionMember: false,
    tradeUnionMember: true,
    youthUnionExists: false,
  };
  const d = iso('2026-01-05');

  test('off: a trade-union member may take either route', () => {
    expect(requiredRoute(off, a, d)).toBe('two_members_or_trade_union');
    expect(introducerPair(off, a, [member('A'), member('B')], d).ok).toBe(true);
    expect(introducerPair(off, a, [union, member('B')], d).ok).toBe(true);
  });
  test('on: the trade union and one official member are required', () => {
    expect(requiredRoute(on, a, d)).toBe('trade_union');
    expect(introducerKindAllowed(on, a, union, d).ok).toBe(true);
    expect(introducerPair(on, a, [union, member('B')], d).ok).toBe(true);
    expect(introducerPair(on, a, [member('A'), member('B')], d)).toMatchObject({
      ok: false,
      refusal: { ruleId: 'introducer.pair', facts: { route: 'trade_union' } },
    });
  });
  test('on, but where a Youth Union exists or for a non-member, the flag changes nothing', () => {
    expect(requiredRoute(on, { ...a, youthUnionExists: true }, d)).toBe('two_members');
    expect(requiredRoute(on, { ...a, tradeUnionMember: false }, d)).toBe('two_members');
  });
});

describe('declared years 2024–2026, as their notices and charter.md give them', () => {
  const weekdaysOff = (year: number) =>
    [...holidaysOf(year).daysOff].filter((d) => dayOfWeek(d) !== 0 && dayOfWeek(d) !== 6).sort();
  test('2025 (charter.md): 1/1, Tết 25/1–2/2, 7/4, 30/4–4/5 with Saturday 26/4 worked, 30/8–2/9', () => {
    expect(weekdaysOff(2025)).toEqual([
      '2025-01-01',
      '2025-01-27',
      '2025-01-28',
      '2025-01-29',
      '2025-01-30',
      '2025-01-31',
      '2025-04-07',
      '2025-04-30',
      '2025-05-01',
      '2025-05-02',
      '2025-09-01',
      '2025-09-02',
    ]);
    expect([...holidaysOf(2025).makeUpWorkdays]).toEqual(['2025-04-26']);
  });
  test('2024: Tết 8–14/2, Hùng Kings 18/4, 29/4–1/5 with Saturday 4/5 worked, 2–3/9', () => {
    expect(weekdaysOff(2024)).toEqual([
      '2024-01-01',
      '2024-02-08',
      '2024-02-09',
      '2024-02-12',
      '2024-02-13',
      '2024-02-14',
      '2024-04-18',
      '2024-04-29',
      '2024-04-30',
      '2024-05-01',
      '2024-09-02',
      '2024-09-03',
    ]);
    expect([...holidaysOf(2024).makeUpWorkdays]).toEqual(['2024-05-04']);
  });
  test('each declared year cites its government notice', () => {
    expect(holidaysOf(2024).source).toMatch(/6150\/TB-LĐTBXH.*1016\/TB-LĐTBXH/);
    expect(holidaysOf(2025).source).toMatch(/8726\/VPCP-KGVX/);
    expect(holidaysOf(2026).source).toMatch(/12729\/VPCP-KGVX.*9441\/TB-BNV/);
  });
});
