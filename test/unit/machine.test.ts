import {
  advance,
  acceptedEvents,
  persist,
  restoreCase,
  stageOf,
  startCase,
  type CaseSnapshot,
} from '../../src/machine/advance';
import { openDeadlines } from '../../src/machine/deadlines';
import type { MachineEvent } from '../../src/schemas/commands';
import { cmd, eventsUntil, HAPPY_PATH, HASH, refusedWith, registration, run, tally } from '../helpers/commands';

describe('the candidate machine', () => {
  test('walks every stage from source to official, backdating officialSince to the end of probation', () => {
    let s = startCase(registration());
    expect(stageOf(s)).toBe('source');
    for (const [e, stage] of HAPPY_PATH) {
      s = run([e], s);
      expect([e.type, stageOf(s)]).toEqual([e.type, stage]);
    }
    expect(s.status).toBe('done');
    expect(s.context.officialSince).toBe('2025-08-02');
    expect(s.context.probationEndsOn).toBe('2025-08-02');
    expect(s.context.partyAgeFrom).toBe('2024-07-15');
  });

  test('a refused event changes nothing: same snapshot object, same persisted state', () => {
    const s = run(eventsUntil('cell_vote'));
    const before = JSON.stringify(persist(s));
    const r = advance(
      s,
      cmd('RECORD_CELL_VOTE', '2024-06-05', {
        resolution: 'propose_admission',
        tally: tally({ present: 18, excusedAbsent: 0, yes: 12, no: 6 }),
      }),
    );
    expect(r.ok).toBe(false);
    expect(JSON.stringify(persist(s))).toBe(before);
    expect(stageOf(s)).toBe('cell_vote');
  });

  test('an event the stage does not take is refused as stage.not_allowed, naming the stage', () => {
    const s = startCase(registration());
    const r = advance(s, cmd('RECORD_CEREMONY', '2024-02-01'));
    expect(r).toMatchObject({ ok: false, refusals: [{ ruleId: 'stage.not_allowed', facts: { stage: 'source' } }] });
    expect(acceptedEvents('source')).toEqual(expect.arrayContaining(['ENROL_COURSE', 'WITHDRAW', 'MOVE_CELL']));
    expect(acceptedEvents('official')).toEqual([]);
  });

  test('persisted state restores to an equivalent snapshot that keeps advancing', () => {
    const s = run(eventsUntil('committee_review'));
    const restored = restoreCase(JSON.parse(JSON.stringify(persist(s))));
    expect(stageOf(restored)).toBe('committee_review');
    const rest = HAPPY_PATH.slice(eventsUntil('committee_review').length).map(([e]) => e);
    expect(stageOf(run(rest, restored))).toBe('official');
  });

  describe('dates', () => {
    test('a step dated after the day it is recorded is refused', () => {
      expect(
        refusedWith(startCase(registration()), cmd('ENROL_COURSE', '2024-02-10', { mentor: 'X' }, '2024-02-09')),
      ).toEqual(['date.not_future']);
    });
    test('a milestone dated before the previous milestone is refused', () => {
      const s = run(eventsUntil('cell_vote'));
      expect(
        refusedWith(s, cmd('RECORD_CELL_VOTE', '2024-05-01', { resolution: 'propose_admission', tally: tally() })),
      ).toEqual(['date.order']);
    });
    test('a step before the first policy set is refused as policy.none', () => {
      const s = startCase(registration({ registeredOn: '2016-01-01' }));
      expect(refusedWith(s, cmd('ENROL_COURSE', '2016-07-24', { mentor: 'X' }))).toEqual(['policy.none']);
    });
  });

  describe('the cell vote', () => {
    const atVote = () => run(eventsUntil('cell_vote'));
    const vote = (t: Parameters<typeof tally>[0], resolution = 'propose_admission', date = '2024-06-05') =>
      cmd('RECORD_CELL_VOTE', date, { resolution, tally: tally(t) });

    test('charter example: 20 official, 3 absent, 12 yes fails (needs 14)', () => {
      const r = advance(atVote(), vote({ officialMembers: 20, present: 17, excusedAbsent: 0, yes: 12, no: 5 }));
      expect(r).toMatchObject({
        ok: false,
        refusals: [{ ruleId: 'cell_vote.two_thirds', facts: { denominator: 20, needed: 14 } }],
      });
      expect(
        stageOf(run([vote({ officialMembers: 20, present: 17, excusedAbsent: 0, yes: 14, no: 3 })], atVote())),
      ).toBe('committee_review');
    });
    test('the denominator excludes members attached elsewhere and exempted absentees', () => {
      // 20 official, 2 attached elsewhere, 3 exempted absent: denominator 15, needs 10.
      const t = { officialMembers: 20, attachedElsewhere: 2, excusedAbsent: 3, present: 12, yes: 10, no: 2 };
      expect(stageOf(run([vote(t)], atVote()))).toBe('committee_review');
      expect(refusedWith(atVote(), vote({ ...t, yes: 9, no: 3 }))).toEqual(['cell_vote.two_thirds']);
    });
    test('a cell with fewer than 3 official members cannot vote', () => {
      expect(
        refusedWith(atVote(), vote({ officialMembers: 2, present: 2, excusedAbsent: 0, yes: 2, no: 0 })),
      ).toContain('cell_vote.min_members');
    });
    test('minutes that say "not proposed" while two thirds voted yes are refused; a real failure rejects the case', () => {
      expect(refusedWith(atVote(), vote({}, 'not_proposed'))).toEqual(['cell_vote.two_thirds']);
      const s = run([vote({ yes: 5, no: 13 }, 'not_proposed')], atVote());
      expect(stageOf(s)).toBe('rejected');
      expect(s.context.ended).toEqual({ on: '2024-06-05', reason: 'cell_not_proposed' });
    });
    test('age is measured in whole months on the vote date (born 20/3/2008: not on 19/3/2026, yes on 20/3/2026)', () => {
      const young = registration({
        profile: { fullName: 'Trẻ', birthDate: '2008-03-20', education: 'lower_secondary' },
        registeredOn: '2025-09-01',
      });
      const steps = [
        cmd('ENROL_COURSE', '2025-09-10', { mentor: 'M' }),
        cmd('RECORD_CERTIFICATE', '2025-10-01', { certificateNo: 'c' }),
        cmd('RECORD_APPLICATION', '2025-10-05'),
        cmd('RECORD_PERSONAL_HISTORY', '2025-10-06'),
        cmd('RECORD_COMMENTS', '2026-01-06'),
        cmd('RECORD_INTRODUCTION', '2026-01-07', {
          slot: 1,
          introducer: { kind: 'official_member', fullName: 'A', together_since: '2024-09-01' },
        }),
        cmd('RECORD_INTRODUCTION', '2026-01-07', {
          slot: 2,
          introducer: { kind: 'official_member', fullName: 'B', together_since: '2024-09-01' },
        }),
        cmd('RECORD_VERIFICATION', '2026-03-01', { outcome: 'pass' }),
      ];
      const s = run(steps, startCase(young));
      const r = advance(s, vote({}, 'propose_admission', '2026-03-19'));
      expect(r).toMatchObject({
        ok: false,
        refusals: [{ ruleId: 'age.minimum', facts: { months: 215, eligibleFrom: '2026-03-20' } }],
      });
      expect(stageOf(run([vote({}, 'propose_admission', '2026-03-20')], s))).toBe('committee_review');
    });
    test('over 60 (born 10/5/1966, vote 15/6/2026: 721 months): the cell votes without the consent, the decision needs it', () => {
      const old = registration({
        profile: { fullName: 'Cao Tuổi', birthDate: '1966-05-10', education: 'higher' },
        registeredOn: '2025-09-01',
      });
      const steps = [
        cmd('ENROL_COURSE', '2025-09-10', { mentor: 'M' }),
        cmd('RECORD_CERTIFICATE', '2025-10-01', { certificateNo: 'c' }),
        cmd('RECORD_APPLICATION', '2026-01-05'),
        cmd('RECORD_PERSONAL_HISTORY', '2026-01-06'),
        cmd('RECORD_COMMENTS', '2026-02-06'),
        cmd('RECORD_INTRODUCTION', '2026-02-07', {
          slot: 1,
          introducer: { kind: 'official_member', fullName: 'A', together_since: '2020-09-01' },
        }),
        cmd('RECORD_INTRODUCTION', '2026-02-07', {
          slot: 2,
          introducer: { kind: 'official_member', fullName: 'B', together_since: '2020-09-01' },
        }),
        cmd('RECORD_VERIFICATION', '2026-05-01', { outcome: 'pass' }),
      ];
      const voted = run([vote({}, 'propose_admission', '2026-06-15')], run(steps, startCase(old)));
      expect(stageOf(voted)).toBe('committee_review');
      const admit = cmd('RECORD_COMMITTEE_DECISION', '2026-07-01', {
        decision: 'admit',
        committeeId: 'du-xa-a',
        tally: { members: 9, agree: 7, minutesHash: HASH },
      });
      const r = advance(voted, admit);
      expect(r).toMatchObject({
        ok: false,
        refusals: [
          { ruleId: 'age.over_60_consent', facts: { months: 721, voteDate: '2026-06-15', decisionDate: '2026-07-01' } },
        ],
      });
      const consented = run(
        [cmd('RECORD_DOCUMENT', '2026-06-20', { kind: 'over_60_consent', documentNo: '123-CV/TU' })],
        voted,
      );
      expect(stageOf(run([admit], consented))).toBe('ceremony');
    });
    test('an expired certificate and stale papers are refused on the vote date, and renewing them unblocks the vote', () => {
      const s = atVote();
      // 12 months (01-HD/TW): introductions 15-16/3/2024 expire 15-16/3/2025; comments 20/3/2024 expire 20/3/2025.
      const late = vote({}, 'propose_admission', '2025-03-20');
      expect(refusedWith(s, late)).toEqual([
        'papers.introduction_valid',
        'papers.introduction_valid',
        'papers.comments_valid',
      ]);
      const renewed = run(
        [
          cmd('REPLACE_INTRODUCER', '2024-09-20', {
            slot: 1,
            reason: 'giấy cũ quá hạn',
            introducer: { kind: 'official_member', fullName: 'Phạm Văn Dũng', together_since: '2022-01-01' },
          }),
          cmd('REPLACE_INTRODUCER', '2024-09-20', {
            slot: 2,
            reason: 'giấy cũ quá hạn',
            introducer: { kind: 'official_member', fullName: 'Hoàng Thị Em', together_since: '2022-01-01' },
          }),
          cmd('RECORD_COMMENTS', '2024-09-21'),
        ],
        s,
      );
      expect(stageOf(run([late], renewed))).toBe('committee_review');
      expect(refusedWith(renewed, vote({}, 'propose_admission', '2029-03-01'))).toEqual(
        expect.arrayContaining(['certificate.valid', 'papers.verification_valid']),
      );
    });
    test('education: primary school suffices only in the exception areas', () => {
      const s = run(
        eventsUntil('cell_vote'),
        startCase(registration({ profile: { fullName: 'X', birthDate: '1990-01-01', education: 'primary' } })),
      );
      expect(refusedWith(s, vote({}))).toEqual(['education.minimum']);
      const mountain = startCase(
        registration({
          profile: { fullName: 'X', birthDate: '1990-01-01', education: 'primary', educationException: 'mountain' },
        }),
      );
      expect(stageOf(run([...eventsUntil('cell_vote'), vote({})], mountain))).toBe('committee_review');
    });
  });

  describe('introducers', () => {
    const atDossier = () => run(eventsUntil('dossier').filter((e) => e.type !== 'RECORD_INTRODUCTION'));
    const intro = (slot: number, i: Record<string, unknown>, date = '2024-03-15') =>
      cmd('RECORD_INTRODUCTION', date, {
        slot,
        introducer: { kind: 'official_member', fullName: 'Người GT', together_since: '2022-01-01', ...i },
      });

    test('a probationary member cannot introduce', () => {
      expect(refusedWith(atDossier(), intro(1, { memberStatus: 'probationary' }))).toEqual(['introducer.official']);
    });
    test('12 months of overlap on the day of introducing (not party age)', () => {
      expect(refusedWith(atDossier(), intro(1, { together_since: '2023-03-16' }))).toEqual(['introducer.overlap']);
      expect(stageOf(run([intro(1, { together_since: '2023-03-15' })], atDossier()))).toBe('dossier');
    });
    test('a Youth Union member of youth age is introduced by the Youth Union and one official member', () => {
      const youth = startCase(
        registration({
          profile: { fullName: 'Đoàn viên', birthDate: '2000-03-15', education: 'higher', youthUnionMember: true },
          youthUnionExists: true,
        }),
      );
      const s = run(
        eventsUntil('dossier').filter((e) => e.type !== 'RECORD_INTRODUCTION'),
        youth,
      );
      const withOne = run([intro(1, {})], s);
      expect(refusedWith(withOne, intro(2, { fullName: 'B' }))).toEqual(['introducer.pair']);
      const done = run(
        [
          intro(2, {
            kind: 'youth_union',
            fullName: 'BCH Đoàn trường',
            memberStatus: 'not_member',
            together_since: undefined,
          }),
        ],
        withOne,
      );
      expect(stageOf(done)).toBe('verification');
    });
    test('the trade union introduces only where there is no Youth Union', () => {
      const union = { fullName: 'X', birthDate: '1985-01-01', education: 'higher' as const, tradeUnionMember: true };
      const withYU = run(
        eventsUntil('dossier').filter((e) => e.type !== 'RECORD_INTRODUCTION'),
        startCase(registration({ profile: union, youthUnionExists: true })),
      );
      const tu = intro(1, {
        kind: 'trade_union',
        fullName: 'BCH Công đoàn',
        memberStatus: 'not_member',
        together_since: undefined,
      });
      expect(refusedWith(withYU, tu)).toEqual(['introducer.route']);
      const noYU = run(
        eventsUntil('dossier').filter((e) => e.type !== 'RECORD_INTRODUCTION'),
        startCase(registration({ profile: union, youthUnionExists: false })),
      );
      expect(stageOf(run([tu, intro(2, {})], noYU))).toBe('verification');
    });
    describe('a youth-age applicant where a grassroots Youth Union exists must be its member (Charter art. 4)', () => {
      // Born 15/3/1993: 31 on 15/3/2024, the day youth age ("to 30") ends.
      const at = (over: { youthUnionMember?: boolean; youthUnionExists?: boolean } = {}) =>
        run(
          eventsUntil('dossier').filter((e) => e.type !== 'RECORD_INTRODUCTION'),
          startCase(
            registration({
              profile: {
                fullName: 'Nguyễn Văn An',
                birthDate: '1993-03-15',
                education: 'upper_secondary',
                youthUnionMember: over.youthUnionMember ?? false,
              },
              youthUnionExists: over.youthUnionExists ?? true,
            }),
          ),
        );
      const bothOfficial = (date: string) => [intro(1, {}, date), intro(2, { fullName: 'B' }, date)];

      test('a non-member is refused the day before the 31st birthday, with its own rule, and nothing is recorded', () => {
        const s = at();
        const before = JSON.stringify(persist(s));
        expect(refusedWith(s, intro(1, {}, '2024-03-14'))).toEqual(['introducer.youth_union_member']);
        expect(advance(s, intro(1, {}, '2024-03-14'))).toMatchObject({
          ok: false,
          refusals: [{ facts: { birthDate: '1993-03-15', date: '2024-03-14', months: 371, youthUnionExists: true } }],
        });
        expect(JSON.stringify(persist(s))).toBe(before);
        expect(s.context.introductions).toEqual([]);
      });
      test('on the 31st birthday youth age is over: two official members introduce', () => {
        expect(stageOf(run(bothOfficial('2024-03-15'), at()))).toBe('verification');
      });
      test('a member the day before is introduced by the Youth Union and one official member', () => {
        const youthUnion = { kind: 'youth_union', fullName: 'BCH Đoàn trường', memberStatus: 'not_member' };
        const s = run([intro(1, youthUnion, '2024-03-14')], at({ youthUnionMember: true }));
        expect(stageOf(run([intro(2, { fullName: 'B' }, '2024-03-14')], s))).toBe('verification');
      });
      test('where the unit has no grassroots Youth Union, two official members introduce a youth-age non-member', () => {
        expect(stageOf(run(bothOfficial('2024-03-14'), at({ youthUnionExists: false })))).toBe('verification');
      });
    });
    test('replacing an introducer who left the unit; recording over a filled slot is refused', () => {
      const s = run([intro(1, {})], atDossier());
      expect(refusedWith(s, intro(1, { fullName: 'Khác' }))).toEqual(['introducer.slot_taken']);
      expect(
        refusedWith(
          s,
          cmd('REPLACE_INTRODUCER', '2024-03-18', {
            slot: 2,
            reason: 'r',
            introducer: { kind: 'official_member', fullName: 'B', together_since: '2020-01-01' },
          }),
        ),
      ).toEqual(['introducer.slot_empty']);
      const replaced = run(
        [
          cmd('REPLACE_INTRODUCER', '2024-03-18', {
            slot: 1,
            reason: 'chuyển công tác',
            introducer: { kind: 'official_member', fullName: 'Người mới', together_since: '2020-01-01' },
          }),
        ],
        s,
      );
      expect(replaced.context.introductions).toEqual([
        expect.objectContaining({ slot: 1, introducer: expect.objectContaining({ fullName: 'Người mới' }) }),
      ]);
    });
  });

  test('a failed verification ends the case as rejected', () => {
    const s = run([...eventsUntil('verification'), cmd('RECORD_VERIFICATION', '2024-05-10', { outcome: 'fail' })]);
    expect(stageOf(s)).toBe('rejected');
    expect(s.status).toBe('done');
  });

  describe('committee review', () => {
    const atReview = () => run(eventsUntil('committee_review'));
    test('the decision needs two thirds of the committee', () => {
      const d = (agree: number) =>
        cmd('RECORD_COMMITTEE_DECISION', '2024-07-15', {
          decision: 'admit',
          committeeId: 'du-xa-a',
          tally: { members: 9, agree, minutesHash: HASH },
        });
      expect(refusedWith(atReview(), d(5))).toEqual(['committee.two_thirds']);
      expect(stageOf(run([d(6)], atReview()))).toBe('ceremony');
    });
    test('a refusal ends the case as rejected', () => {
      const s = run(
        [
          cmd('RECORD_COMMITTEE_DECISION', '2024-07-15', {
            decision: 'refuse',
            committeeId: 'du-xa-a',
            tally: { members: 9, agree: 2, minutesHash: HASH },
          }),
        ],
        atReview(),
      );
      expect(stageOf(s)).toBe('rejected');
    });
    test('the deadline is extended once, by at most 30 working days', () => {
      const ext = (n: number, date = '2024-07-01') =>
        cmd('EXTEND_DEADLINE', date, { deadline: 'committee_decision', workingDays: n, reason: 'cần xác minh thêm' });
      const s = atReview();
      // Counted by hand from the cell's vote on Wednesday 5/6/2024, Monday to Friday, skipping the 2024
      // days off (2-3/9/2024 is the only pair in range): the 60th working day is Wednesday 28/8/2024;
      // 30 more, past 2/9 and 3/9, end on Friday 11/10/2024.
      const due = (c: CaseSnapshot) => openDeadlines('committee_review', c.context)[0]!.dueDate;
      expect(due(s)).toBe('2024-08-28');
      expect(refusedWith(s, ext(31))).toEqual(['deadline.extension_max']);
      const once = run([ext(30)], s);
      expect(due(once)).toBe('2024-10-11');
      expect(due(run([ext(1)], s))).toBe('2024-08-29');
      expect(refusedWith(once, ext(5, '2024-07-02'))).toEqual(['deadline.extension_once']);
      expect(
        refusedWith(
          s,
          cmd('EXTEND_DEADLINE', '2024-07-01', { deadline: 'recognition_decision', workingDays: 5, reason: 'x' }),
        ),
      ).toEqual(['stage.not_allowed']);
    });
  });

  describe('ceremony and probation', () => {
    test('the ceremony is due 30 working days after the decision is received; later needs the superior consent', () => {
      const s = run(eventsUntil('ceremony'));
      const due = openDeadlines('ceremony', s.context)[0]!;
      // Counted by hand: 30 working days after Monday 15/7/2024, no day off in between, is Monday 26/8/2024.
      expect(due).toMatchObject({
        kind: 'ceremony',
        startedOn: '2024-07-15',
        dueDate: '2024-08-26',
        answerBy: 'cb-thpt-a',
      });
      expect(stageOf(run([cmd('RECORD_CEREMONY', '2024-08-26')], s))).toBe('probation');
      expect(refusedWith(s, cmd('RECORD_CEREMONY', '2024-08-27'))).toEqual(['ceremony.deadline']);
      expect(refusedWith(s, cmd('RECORD_CEREMONY', '2024-10-01'))).toEqual(['ceremony.deadline']);
      const consent = run(
        [cmd('RECORD_DOCUMENT', '2024-09-01', { kind: 'ceremony_delay_consent', documentNo: '45-CV/HU' })],
        s,
      );
      expect(stageOf(run([cmd('RECORD_CEREMONY', '2024-10-01')], consent))).toBe('probation');
    });
    test("the ceremony's clock starts when the cell receives the decision, not on the decision's date", () => {
      const decided = run(eventsUntil('committee_review')).context;
      const received = run([
        ...eventsUntil('committee_review'),
        // Recorded once the cell had it: a receipt dated after the day it is recorded is refused (decision.received_on).
        cmd(
          'RECORD_COMMITTEE_DECISION',
          '2024-07-15',
          {
            decision: 'admit',
            committeeId: 'du-xa-a',
            tally: { members: 9, agree: 7, minutesHash: HASH },
            receivedOn: '2024-07-22',
          },
          '2024-07-22',
        ),
      ]);
      expect(decided.admission).toBeUndefined();
      // Counted by hand: from Monday 22/7/2024, the 29th working day is Friday 30/8; Monday 2/9 and
      // Tuesday 3/9 are days off, so the 30th is Wednesday 4/9/2024.
      expect(openDeadlines('ceremony', received.context)[0]).toMatchObject({
        startedOn: '2024-07-22',
        dueDate: '2024-09-04',
      });
      expect(stageOf(run([cmd('RECORD_CEREMONY', '2024-09-04')], received))).toBe('probation');
      expect(refusedWith(received, cmd('RECORD_CEREMONY', '2024-09-05'))).toEqual(['ceremony.deadline']);
    });
    test('probation ends 12 calendar months after the ceremony, 29/2 giving 28/2', () => {
      const p = run(eventsUntil('probation'));
      expect(p.context.probationEndsOn).toBe('2025-08-02');
      expect(
        refusedWith(p, { type: 'PROBATION_ENDED', date: '2025-08-01', recordedOn: '2025-08-01' } as MachineEvent),
      ).toEqual(['probation.not_ended']);
      const intro = (slot: number) =>
        cmd('RECORD_INTRODUCTION', '2023-10-02', {
          slot,
          introducer: { kind: 'official_member', fullName: `GT${slot}`, together_since: '2022-01-01' },
        });
      const leap = run(
        [
          cmd('ENROL_COURSE', '2023-06-05', { mentor: 'M' }),
          cmd('RECORD_CERTIFICATE', '2023-07-01', { certificateNo: 'c' }),
          cmd('RECORD_APPLICATION', '2023-07-05'),
          cmd('RECORD_PERSONAL_HISTORY', '2023-07-06'),
          cmd('RECORD_COMMENTS', '2023-10-01'),
          intro(1),
          intro(2),
          cmd('RECORD_VERIFICATION', '2023-11-01', { outcome: 'pass' }),
          cmd('RECORD_CELL_VOTE', '2023-12-01', { resolution: 'propose_admission', tally: tally() }),
          cmd('RECORD_COMMITTEE_DECISION', '2024-02-01', {
            decision: 'admit',
            committeeId: 'du-xa-a',
            tally: { members: 9, agree: 7, minutesHash: HASH },
          }),
          cmd('RECORD_CEREMONY', '2024-02-29'),
        ],
        startCase(registration({ registeredOn: '2023-06-01' })),
      );
      expect(leap.context.probationEndsOn).toBe('2025-02-28');
    });
    test('discipline during probation is only reprimand or warning; an unfit probationer is removed, not expelled', () => {
      const s = run(eventsUntil('probation'));
      expect(refusedWith(s, cmd('RECORD_DISCIPLINE', '2025-01-10', { discipline: 'expulsion' }))).toEqual([
        'discipline.probation_forms',
      ]);
      const warned = run([cmd('RECORD_DISCIPLINE', '2025-01-10', { discipline: 'warning' })], s);
      expect(stageOf(warned)).toBe('probation');
      const removed = run([cmd('REMOVE_NAME', '2025-02-10', { reason: 'không đủ tư cách' })], warned);
      expect(stageOf(removed)).toBe('removed');
    });
    test('withdrawal is possible before admission, not during probation', () => {
      expect(
        stageOf(run([...eventsUntil('dossier'), cmd('WITHDRAW', '2024-03-20', { reason: 'lý do cá nhân' })])),
      ).toBe('withdrawn');
      expect(refusedWith(run(eventsUntil('probation')), cmd('WITHDRAW', '2025-01-10', { reason: 'x' }))).toEqual([
        'stage.not_allowed',
      ]);
    });
  });

  describe('recognition', () => {
    const atVote = () => run(eventsUntil('recognition_vote'));
    const rv = (resolution: string, t: Parameters<typeof tally>[0], date: string) =>
      cmd('RECORD_RECOGNITION_VOTE', date, { resolution, tally: tally(t) });
    test('three undecided votes send the case to the superior committee', () => {
      const undecided = { yes: 10, no: 8 };
      let s = run([rv('undecided', undecided, '2025-08-20'), rv('undecided', undecided, '2025-09-05')], atVote());
      expect(stageOf(s)).toBe('recognition_vote');
      s = run([rv('undecided', undecided, '2025-09-20')], s);
      expect(stageOf(s)).toBe('recognition_review');
      expect(s.context.referredToSuperior).toBe(true);
      expect(openDeadlines('recognition_review', s.context)[0]).toMatchObject({
        kind: 'recognition_decision',
        answerBy: 'hu-a',
      });
    });
    test('the resolution must match the tally; the recognition needs the recognition papers', () => {
      expect(refusedWith(atVote(), rv('undecided', { yes: 17, no: 1 }, '2025-08-20'))).toEqual([
        'recognition_vote.two_thirds',
      ]);
      expect(refusedWith(atVote(), rv('remove', { yes: 5, no: 10 }, '2025-08-20'))).toEqual([
        'recognition_vote.two_thirds',
      ]);
      const bare = run(eventsUntil('recognition_vote').filter((e) => e.type !== 'RECORD_RECOGNITION_PAPER'));
      expect(refusedWith(bare, rv('recognise', {}, '2025-08-20'))).toEqual([
        'recognition.papers',
        'recognition.papers',
        'recognition.papers',
        'recognition.papers',
      ]);
    });
    test("the committee's recognition decision needs two thirds of its members, rounded up, either way", () => {
      const review = () => run([rv('recognise', {}, '2025-08-20')], atVote());
      const d = (decision: string, members: number, agree: number) =>
        cmd('RECORD_RECOGNITION_DECISION', '2025-09-10', {
          decision,
          committeeId: 'du-xa-a',
          tally: { members, agree, minutesHash: HASH },
        });
      // Two thirds of 10 is 6.67: 7 are needed, 6 are not enough.
      expect(advance(review(), d('recognise', 10, 6))).toMatchObject({
        ok: false,
        refusals: [{ ruleId: 'recognition_decision.two_thirds', facts: { members: 10, agree: 6, needed: 7 } }],
      });
      expect(stageOf(run([d('recognise', 10, 7)], review()))).toBe('official');
      expect(refusedWith(review(), d('remove', 10, 6))).toEqual(['recognition_decision.two_thirds']);
      expect(stageOf(run([d('remove', 10, 7)], review()))).toBe('removed');
      // Exactly two thirds is enough.
      expect(stageOf(run([d('recognise', 9, 6)], review()))).toBe('official');
      expect(refusedWith(review(), d('recognise', 9, 5))).toEqual(['recognition_decision.two_thirds']);
    });
    test('a cell resolution to remove leads to the committee removing the name', () => {
      const s = run([rv('remove', { yes: 2, no: 16 }, '2025-08-20')], atVote());
      const removed = run(
        [
          cmd('RECORD_RECOGNITION_DECISION', '2025-09-01', {
            decision: 'remove',
            committeeId: 'du-xa-a',
            tally: { members: 9, agree: 9, minutesHash: HASH },
          }),
        ],
        s,
      );
      expect(stageOf(removed)).toBe('removed');
      expect(removed.context.officialSince).toBeUndefined();
    });
    test('a late recognition is still official from the end of probation', () => {
      const s = run(
        [
          rv('recognise', {}, '2025-12-01'),
          cmd('RECORD_RECOGNITION_DECISION', '2026-03-01', {
            decision: 'recognise',
            committeeId: 'du-xa-a',
            tally: { members: 9, agree: 6, minutesHash: HASH },
          }),
        ],
        atVote(),
      );
      expect(stageOf(s)).toBe('official');
      expect(s.context.officialSince).toBe('2025-08-02');
    });
  });

  describe('re-admission', () => {
    const re = (r: Record<string, unknown>) =>
      startCase(
        registration({
          readmission: {
            firstAdmissionDecisionOn: '2010-05-01',
            leftOn: '2020-01-10',
            leftReason: 'other',
            previousReadmissions: 0,
            ...r,
          } as never,
        }),
      );
    const vote = cmd('RECORD_CELL_VOTE', '2024-06-05', { resolution: 'propose_admission', tally: tally() });
    const consent = cmd('RECORD_DOCUMENT', '2024-05-20', { kind: 'readmission_consent', documentNo: '9-CV/TU' });
    test('needs the provincial consent, 36 months after leaving, once, and never after a barred reason', () => {
      expect(refusedWith(run(eventsUntil('cell_vote'), re({})), vote)).toEqual(['readmission.consent']);
      expect(refusedWith(run([...eventsUntil('cell_vote'), consent], re({ leftOn: '2021-07-01' })), vote)).toEqual([
        'readmission.wait',
      ]);
      expect(refusedWith(run([...eventsUntil('cell_vote'), consent], re({ previousReadmissions: 1 })), vote)).toEqual([
        'readmission.once',
      ]);
      expect(refusedWith(run([...eventsUntil('cell_vote'), consent], re({ leftReason: 'dropped_out' })), vote)).toEqual(
        ['readmission.barred'],
      );
      expect(
        refusedWith(run([...eventsUntil('cell_vote'), consent], re({ criminalRecordClearedOn: '2020-01-01' })), vote),
      ).toEqual(['readmission.wait']);
      expect(
        stageOf(run([...eventsUntil('cell_vote'), consent, vote], re({ leftReason: 'resigned_family_hardship' }))),
      ).toBe('committee_review');
    });
    test('party age runs from the first admission decision minus the time outside', () => {
      const s = run(
        [...eventsUntil('cell_vote'), consent, ...HAPPY_PATH.slice(eventsUntil('cell_vote').length).map(([e]) => e)],
        re({}),
      );
      expect(stageOf(s)).toBe('official');
      // Outside from 10/1/2020 to the new decision 15/7/2024: 1648 days added to 1/5/2010.
      expect(s.context.partyAgeFrom).toBe('2014-11-04');
    });
  });

  test('a move keeps the case and, for a member, opens the transfer deadlines', () => {
    const s = run(eventsUntil('probation'));
    const moved = run(
      [cmd('MOVE_CELL', '2025-01-06', { toCellId: 'cb-bv-noi', toCommitteeIds: ['du-bv', 'tu-demo'] })],
      s,
    );
    expect(moved.context).toMatchObject({
      cellId: 'cb-bv-noi',
      committeeIds: ['du-bv', 'tu-demo'],
      competentCommitteeId: 'du-bv',
    });
    const transfers = (c: CaseSnapshot) =>
      openDeadlines('probation', c.context, { helperAssessments: false }).map((d) => d.kind);
    expect(transfers(moved)).toEqual(['transfer_start']);
    const letter = run([cmd('RECORD_TRANSFER_LETTER', '2025-02-03')], moved);
    expect(transfers(letter)).toEqual(['transfer_present']);
    const done = run([cmd('RECORD_TRANSFER_PRESENTED', '2025-02-10')], letter);
    expect(transfers(done)).toEqual([]);
    expect(
      refusedWith(done, cmd('MOVE_CELL', '2025-03-01', { toCellId: 'cb-bv-noi', toCommitteeIds: ['du-bv'] })),
    ).toEqual(['move.other_cell']);
  });

  test('a transfer letter needs a move still waiting for one; its presentation needs the letter and comes once', () => {
    const letter = (date: string) => cmd('RECORD_TRANSFER_LETTER', date);
    const presented = (date: string) => cmd('RECORD_TRANSFER_PRESENTED', date);
    const move = (date: string) =>
      cmd('MOVE_CELL', date, { toCellId: 'cb-bv-noi', toCommitteeIds: ['du-bv', 'tu-demo'] });
    const member = run(eventsUntil('probation'));
    // No move at all.
    expect(refusedWith(member, letter('2025-01-06'))).toEqual(['transfer.open']);
    expect(refusedWith(member, presented('2025-01-06'))).toEqual(['transfer.letter']);
    // A candidate who moves before admission has no party activity to transfer.
    const movedCandidate = run([...eventsUntil('dossier'), move('2024-03-20')]);
    expect(movedCandidate.context.transfer).toBeUndefined();
    expect(refusedWith(movedCandidate, letter('2024-03-21'))).toEqual(['transfer.open']);
    // A member's move waits for its letter: no presentation before it, no second letter after it.
    const moved = run([move('2025-01-06')], member);
    expect(refusedWith(moved, presented('2025-01-10'))).toEqual(['transfer.letter']);
    const withLetter = run([letter('2025-02-03')], moved);
    expect(withLetter.context.transfer).toMatchObject({ movedOn: '2025-01-06', letterOn: '2025-02-03' });
    expect(refusedWith(withLetter, letter('2025-02-04'))).toEqual(['transfer.open']);
    const done = run([presented('2025-02-10')], withLetter);
    expect(done.context.transfer).toMatchObject({ letterOn: '2025-02-03', presentedOn: '2025-02-10' });
    expect(refusedWith(done, presented('2025-02-11'))).toEqual(['transfer.letter']);
    expect(refusedWith(done, letter('2025-02-11'))).toEqual(['transfer.open']);
  });

  test("the helper's assessments fall due every 3 months from the ceremony, one at a time, until probation's last quarter", () => {
    // Ceremony 2/8/2024, probation to 2/8/2025: assessments due 2/11/2024, 2/2/2025, 2/5/2025.
    const due = (c: CaseSnapshot) => openDeadlines(stageOf(c), c.context).filter((d) => d.kind === 'helper_assessment');
    let s = run(eventsUntil('probation'));
    expect(due(s)).toEqual([
      expect.objectContaining({ id: 'helper_assessment#1', dueDate: '2024-11-02', answerBy: 'cb-thpt-a' }),
    ]);
    const dates = ['2024-10-30', '2025-01-31', '2025-04-28'];
    const expected = ['2025-02-02', '2025-05-02'];
    for (const [i, date] of dates.entries()) {
      s = run([cmd('RECORD_HELPER_ASSESSMENT', date, { helper: 'Phạm Văn Dũng' })], s);
      expect(due(s).map((d) => d.dueDate)).toEqual(expected.slice(i, i + 1));
    }
    expect(s.context.helperAssessments).toHaveLength(3);
    // Cases started before assessments existed keep their deadline set.
    expect(openDeadlines('probation', run(eventsUntil('probation')).context, { helperAssessments: false })).toEqual([]);
    expect(
      refusedWith(run(eventsUntil('ceremony')), cmd('RECORD_HELPER_ASSESSMENT', '2024-08-01', { helper: 'X Y' })),
    ).toEqual(['stage.not_allowed']);
  });

  test('a paper record is kept with its breaches as irregularities; a future date or a step the stage cannot take is still refused', () => {
    const s = run(eventsUntil('cell_vote'));
    const shortVote = {
      resolution: 'propose_admission',
      tally: tally({ present: 18, excusedAbsent: 0, yes: 12, no: 6 }),
    };
    expect(refusedWith(s, cmd('RECORD_CELL_VOTE', '2024-06-05', shortVote))).toEqual(['cell_vote.two_thirds']);
    const paper = advance(s, cmd('RECORD_CELL_VOTE', '2024-06-05', { ...shortVote, paperRecord: true }));
    expect(paper.ok && stageOf(paper.snapshot)).toBe('committee_review');
    expect(paper.ok && paper.irregularities.map((r) => r.ruleId)).toEqual(['cell_vote.two_thirds']);
    // A live step that passes has none.
    const live = advance(s, cmd('RECORD_CELL_VOTE', '2024-06-05', { resolution: 'propose_admission', tally: tally() }));
    expect(live.ok && live.irregularities).toEqual([]);

    expect(
      refusedWith(s, cmd('RECORD_CELL_VOTE', '2024-06-05', { ...shortVote, paperRecord: true }, '2024-06-01')),
    ).toEqual(['date.not_future']);
    expect(refusedWith(s, cmd('RECORD_CEREMONY', '2024-06-05', { paperRecord: true }))).toEqual(['stage.not_allowed']);
  });
});
