/**
 * What the auditor sees: every rule a step is judged by, passed or not, in order; paper records
 * kept with their breaches as irregularities; and the facts each accepted step writes into the case.
 */
import { advance, acceptedEvents, startCase, stageNameVi } from '../../src/machine/advance';
import { applyEvent, initialContext } from '../../src/machine/apply';
import { blockingRefusals, checkEvent, isMilestone, judgeEvent } from '../../src/machine/checks';
import type { RuleResult } from '../../src/charter/rule';
import type { MachineEvent } from '../../src/schemas/commands';
import { cmd, eventsUntil, HAPPY_PATH, HASH, registration, run, tally } from '../helpers/commands';

const ids = (results: RuleResult[]) => results.map((r) => (r.ok ? `${r.ruleId}` : `✗ ${r.refusal.ruleId}`));
/** `expected` appear in this order among the judged rules; rules added around them do not matter. */
const inOrder = (judged: string[], expected: string[]) =>
  expect(judged.filter((id) => expected.includes(id))).toEqual(expected);
const at = (stage: string) => run(eventsUntil(stage)).context;
const official = (fullName: string) => ({ kind: 'official_member', fullName, together_since: '2020-01-01' });

describe('the rules each step is judged by', () => {
  test("the cell's proposal: the dates, the cell's size, every eligibility rule, then the tally", () => {
    const vote = cmd('RECORD_CELL_VOTE', '2024-06-05', { resolution: 'propose_admission', tally: tally() });
    const judged = ids(judgeEvent(at('cell_vote'), vote));
    const expected = [
      'date.not_future',
      'date.order',
      'cell_vote.min_members',
      'age.minimum',
      'education.minimum',
      'certificate.valid',
      'papers.introduction_valid',
      'papers.introduction_valid',
      'papers.comments_valid',
      'papers.verification_valid',
      'cell_vote.two_thirds',
    ];
    inOrder(judged, expected);
    expect(judged.every((r) => !r.startsWith('✗'))).toBe(true);
  });

  test('a re-admission adds its four rules to the proposal', () => {
    const s = startCase(
      registration({
        readmission: {
          firstAdmissionDecisionOn: '2010-05-01',
          leftOn: '2020-01-10',
          leftReason: 'other',
          previousReadmissions: 0,
        } as never,
      }),
    );
    const vote = cmd('RECORD_CELL_VOTE', '2024-06-05', { resolution: 'propose_admission', tally: tally() });
    expect(ids(judgeEvent(run(eventsUntil('cell_vote'), s).context, vote)).slice(-5)).toEqual([
      'readmission.barred',
      'readmission.once',
      'readmission.wait',
      '✗ readmission.consent',
      'cell_vote.two_thirds',
    ]);
  });

  test('"not proposed" is judged on the tally alone, not on eligibility', () => {
    const vote = cmd('RECORD_CELL_VOTE', '2024-06-05', {
      resolution: 'not_proposed',
      tally: tally({ yes: 5, no: 13 }),
    });
    const judged = ids(judgeEvent(at('cell_vote'), vote));
    inOrder(judged, ['date.not_future', 'date.order', 'cell_vote.min_members', 'cell_vote.two_thirds']);
    expect(judged).not.toContain('age.minimum');
    expect(judged).not.toContain('certificate.valid');
  });

  test('every step but the end of probation is held to the last milestone; only milestones move it', () => {
    expect(isMilestone('RECORD_APPLICATION')).toBe(false);
    expect(isMilestone('MOVE_CELL')).toBe(true);
    const ctx = at('dossier');
    expect(ctx.lastStepOn).toBe('2024-03-01');
    const doc = cmd('RECORD_DOCUMENT', '2024-02-20', { kind: 'over_60_consent', documentNo: '7-CV' });
    expect(ids(judgeEvent(ctx, doc))).toContain('✗ date.order');
    expect(ids(judgeEvent(ctx, { ...doc, date: '2024-03-01' } as MachineEvent))).toContain('date.order');
    expect(applyEvent(ctx, { ...doc, date: '2024-03-05' } as MachineEvent).lastStepOn).toBe('2024-03-01');
  });

  test('a step dated in the future is judged on its date alone', () => {
    const vote = cmd(
      'RECORD_CELL_VOTE',
      '2024-06-05',
      { resolution: 'propose_admission', tally: tally() },
      '2024-06-04',
    );
    const judged = ids(judgeEvent(at('cell_vote'), vote));
    expect(judged).toContain('✗ date.not_future');
    expect(judged.filter((id) => id.includes('cell_vote.') || id.includes('age.'))).toEqual([]);
  });

  test('introductions: the slot, the introducer, and the pair once the other slot is filled', () => {
    // The dossier with its papers, before either introduction.
    const ctx = run(HAPPY_PATH.slice(0, 5).map(([e]) => e)).context;
    const first = cmd('RECORD_INTRODUCTION', '2024-03-15', { slot: 1, introducer: official('A') });
    inOrder(ids(judgeEvent(ctx, first)), [
      'date.not_future',
      'introducer.slot_taken',
      'introducer.official',
      'introducer.overlap',
      'introducer.route',
    ]);
    const withFirst = applyEvent(ctx, first);
    const second = cmd('RECORD_INTRODUCTION', '2024-03-16', { slot: 2, introducer: official('B') });
    expect(ids(judgeEvent(withFirst, second)).slice(-1)).toEqual(['introducer.pair']);
    inOrder(ids(judgeEvent(withFirst, { ...second, slot: 1 } as MachineEvent)), [
      'date.not_future',
      '✗ introducer.slot_taken',
      'introducer.official',
      'introducer.overlap',
      'introducer.route',
    ]);
    const replace = cmd('REPLACE_INTRODUCER', '2024-03-16', {
      slot: 2,
      introducer: official('B'),
      reason: 'chuyển công tác',
    });
    inOrder(ids(judgeEvent(withFirst, replace)), ['date.not_future', '✗ introducer.slot_empty']);
    expect(judgeEvent(withFirst, replace).find((r) => !r.ok)).toEqual({
      ok: false,
      refusal: {
        ruleId: 'introducer.slot_empty',
        facts: { slot: 2 },
        reason: { vi: 'Chưa có người giới thiệu thứ 2 để thay.', en: 'There is no introducer 2 to replace.' },
      },
    });
    expect(judgeEvent(withFirst, { ...second, slot: 1 } as MachineEvent).find((r) => !r.ok)).toEqual({
      ok: false,
      refusal: {
        ruleId: 'introducer.slot_taken',
        facts: { slot: 1 },
        reason: {
          vi: 'Đã có người giới thiệu thứ 1: dùng thay người giới thiệu.',
          en: 'Introducer 1 is already recorded: replace the introducer instead.',
        },
      },
    });
    inOrder(ids(judgeEvent(withFirst, { ...replace, slot: 1 } as MachineEvent)), [
      'date.not_future',
      'introducer.slot_empty',
      'introducer.official',
      'introducer.overlap',
      'introducer.route',
    ]);
  });

  test("the committee's admission needs two thirds; its refusal needs nothing more", () => {
    const ctx = at('committee_review');
    const decide = (decision: string) =>
      cmd('RECORD_COMMITTEE_DECISION', '2024-07-15', {
        decision,
        committeeId: 'du-xa-a',
        tally: { members: 9, agree: 5, minutesHash: HASH },
      });
    inOrder(ids(judgeEvent(ctx, decide('admit'))), ['date.not_future', 'date.order', '✗ committee.two_thirds']);
    inOrder(ids(judgeEvent(ctx, decide('refuse'))), ['date.not_future', 'date.order']);
    expect(ids(judgeEvent(ctx, decide('refuse'))).some((id) => id.includes('committee.two_thirds'))).toBe(false);
  });

  test('an extension is judged against its own deadline’s count', () => {
    const ctx = at('committee_review');
    const extend = (deadline: string) =>
      cmd('EXTEND_DEADLINE', '2024-08-01', { deadline, workingDays: 10, reason: 'chờ thẩm tra' });
    const once = applyEvent(ctx, extend('committee_decision'));
    inOrder(ids(judgeEvent(once, extend('committee_decision'))), ['date.not_future', '✗ deadline.extension_once']);
    inOrder(ids(judgeEvent(once, extend('recognition_decision'))), ['date.not_future', 'deadline.extension_max']);
    expect(judgeEvent(once, extend('recognition_decision'))[1]).toMatchObject({ ok: true });
  });

  test('the ceremony is judged against its deadline, the consent document allowing it late', () => {
    const ctx = at('ceremony');
    // Decision received 15/7/2024: 30 working days later is 26/8/2024 (2/9 is a holiday after it).
    const late = cmd('RECORD_CEREMONY', '2024-08-27');
    inOrder(ids(judgeEvent(ctx, cmd('RECORD_CEREMONY', '2024-08-26'))), [
      'date.not_future',
      'date.order',
      'ceremony.deadline',
    ]);
    inOrder(ids(judgeEvent(ctx, late)), ['date.not_future', 'date.order', '✗ ceremony.deadline']);
    const consent = cmd('RECORD_DOCUMENT', '2024-08-20', { kind: 'ceremony_delay_consent', documentNo: '12-CV/HU' });
    inOrder(ids(judgeEvent(applyEvent(ctx, consent), late)), ['date.not_future', 'date.order', 'ceremony.deadline']);
  });

  test('the end of probation, discipline, and recognition are judged by their own rules', () => {
    const probation = at('probation');
    const ended = { type: 'PROBATION_ENDED', date: '2025-08-01', recordedOn: '2025-08-01' } as MachineEvent;
    inOrder(ids(judgeEvent(probation, ended)), ['date.not_future', '✗ probation.not_ended']);
    // Probation's end is derived from the ceremony: never out of order.
    expect(ids(judgeEvent(probation, ended)).some((id) => id.includes('date.order'))).toBe(false);
    inOrder(ids(judgeEvent(probation, cmd('RECORD_DISCIPLINE', '2025-01-10', { discipline: 'warning' }))), [
      'date.not_future',
      'discipline.probation_forms',
    ]);
    const vote = at('recognition_vote');
    inOrder(
      ids(judgeEvent(vote, cmd('RECORD_RECOGNITION_VOTE', '2025-08-20', { resolution: 'recognise', tally: tally() }))),
      [
        'date.not_future',
        'date.order',
        'cell_vote.min_members',
        'recognition.papers',
        'recognition.papers',
        'recognition.papers',
        'recognition.papers',
        'recognition_vote.two_thirds',
      ],
    );
    inOrder(
      ids(
        judgeEvent(
          vote,
          cmd('RECORD_RECOGNITION_VOTE', '2025-08-20', { resolution: 'remove', tally: tally({ yes: 2, no: 16 }) }),
        ),
      ),
      ['date.not_future', 'date.order', 'cell_vote.min_members', 'recognition_vote.two_thirds'],
    );
    const review = run(
      [cmd('RECORD_RECOGNITION_VOTE', '2025-08-20', { resolution: 'recognise', tally: tally() })],
      run(eventsUntil('recognition_vote')),
    ).context;
    const decision = cmd('RECORD_RECOGNITION_DECISION', '2025-09-10', {
      decision: 'recognise',
      committeeId: 'du-xa-a',
      tally: { members: 9, agree: 5, minutesHash: HASH },
    });
    inOrder(ids(judgeEvent(review, decision)), ['date.not_future', 'date.order', '✗ recognition_decision.two_thirds']);
  });

  test('the recognition papers are each required by name', () => {
    const bare = run(eventsUntil('recognition_vote').filter((e) => e.type !== 'RECORD_RECOGNITION_PAPER')).context;
    const refused = checkEvent(
      bare,
      cmd('RECORD_RECOGNITION_VOTE', '2025-08-20', { resolution: 'recognise', tally: tally() }),
    );
    expect(refused.map((r) => r.reason.en)).toEqual([
      'The dossier lacks the new-member course certificate (CN-ĐVM).',
      "The dossier lacks the probationer's self-review (10-KNĐ).",
      "The dossier lacks the helper's assessment (11-KNĐ).",
      "The dossier lacks the mass organisations' and residence cell's comments on the probationer (12-KNĐ).",
    ]);
    expect(refused.map((r) => r.reason.vi)).toEqual([
      'Hồ sơ còn thiếu: giấy chứng nhận lớp bồi dưỡng đảng viên mới (CN-ĐVM).',
      'Hồ sơ còn thiếu: bản tự kiểm điểm của đảng viên dự bị (10-KNĐ).',
      'Hồ sơ còn thiếu: nhận xét của đảng viên giúp đỡ (11-KNĐ).',
      'Hồ sơ còn thiếu: nhận xét của đoàn thể và chi ủy nơi cư trú đối với đảng viên dự bị (12-KNĐ).',
    ]);
  });

  test('a move names another cell; a transfer letter needs an open move; presenting needs the letter', () => {
    const ctx = at('probation');
    const move = (to: string) => cmd('MOVE_CELL', '2025-01-06', { toCellId: to, toCommitteeIds: ['du-bv'] });
    expect(checkEvent(ctx, move('cb-thpt-a'))).toEqual([
      {
        ruleId: 'move.other_cell',
        facts: {},
        reason: {
          vi: 'Hồ sơ còn thiếu: một chi bộ khác chi bộ hiện tại.',
          en: 'The dossier lacks a cell other than the current one.',
        },
      },
    ]);
    const letter = cmd('RECORD_TRANSFER_LETTER', '2025-01-13');
    const presented = cmd('RECORD_TRANSFER_PRESENTED', '2025-01-20');
    expect(checkEvent(ctx, letter)).toEqual([
      {
        ruleId: 'transfer.open',
        facts: {},
        reason: {
          vi: 'Hồ sơ còn thiếu: một lần chuyển sinh hoạt đang chờ giấy giới thiệu.',
          en: 'The dossier lacks a move awaiting its transfer letter.',
        },
      },
    ]);
    expect(checkEvent(ctx, presented)).toEqual([
      {
        ruleId: 'transfer.letter',
        facts: {},
        reason: {
          vi: 'Hồ sơ còn thiếu: giấy giới thiệu chuyển sinh hoạt.',
          en: 'The dossier lacks the transfer letter.',
        },
      },
    ]);
    const moved = applyEvent(ctx, move('cb-bv-noi'));
    expect(checkEvent(moved, letter)).toEqual([]);
    expect(checkEvent(moved, presented).map((r) => r.ruleId)).toEqual(['transfer.letter']);
    const withLetter = applyEvent(moved, letter);
    expect(checkEvent(withLetter, letter).map((r) => r.ruleId)).toEqual(['transfer.open']);
    expect(checkEvent(withLetter, presented)).toEqual([]);
    expect(checkEvent(applyEvent(withLetter, presented), presented).map((r) => r.ruleId)).toEqual(['transfer.letter']);
  });

  test('a step before the first policy set is refused as policy.none, with its date in both languages', () => {
    // Long before any policy set the charter data holds.
    const ctx = startCase(registration({ registeredOn: '2012-01-01' })).context;
    const judged = judgeEvent(ctx, cmd('RECORD_DISCIPLINE', '2012-02-01', { discipline: 'warning' }));
    expect(judged.find((r) => !r.ok)).toEqual({
      ok: false,
      refusal: {
        ruleId: 'policy.none',
        facts: expect.objectContaining({ date: '2012-02-01' }),
        reason: {
          vi: expect.stringMatching(/^Không có bộ quy định nào có hiệu lực vào ngày 01\/02\/2012/),
          en: expect.stringMatching(/01\/02\/2012/),
        },
      },
    });
    // No rule of the step itself could be judged.
    expect(judged.some((r) => (r.ok ? r.ruleId : r.refusal.ruleId) === 'discipline.probation_forms')).toBe(false);
  });
});

describe('paper records: copied after the fact, breaches kept as irregularities', () => {
  const lateVote = (paperRecord: boolean) =>
    cmd('RECORD_CELL_VOTE', '2024-06-05', {
      resolution: 'propose_admission',
      tally: tally({ officialMembers: 2, present: 2, excusedAbsent: 0, yes: 2, no: 0 }),
      paperRecord,
    });

  test('a live step is refused by the rule it breaks; a paper record of it is accepted with the breach', () => {
    const s = run(eventsUntil('cell_vote'));
    expect(blockingRefusals(s.context, lateVote(false)).map((r) => r.ruleId)).toEqual(['cell_vote.min_members']);
    expect(blockingRefusals(s.context, lateVote(true))).toEqual([]);
    const r = advance(s, lateVote(true));
    expect(r.ok && r.irregularities.map((x) => x.ruleId)).toEqual(['cell_vote.min_members']);
    expect(r.ok && r.snapshot.value).toBe('committee_review');
    const live = advance(
      run(eventsUntil('committee_review')),
      cmd('RECORD_APPRAISAL', '2024-06-20', { form: '7-KNĐ' }),
    );
    expect(live.ok && live.irregularities).toEqual([]);
  });

  test('a paper record dated in the future is still refused', () => {
    const s = run(eventsUntil('cell_vote'));
    const future = { ...lateVote(true), recordedOn: '2024-06-04' } as MachineEvent;
    expect(advance(s, future)).toMatchObject({ ok: false, refusals: [{ ruleId: 'date.not_future' }] });
  });
});

describe('what an accepted step records', () => {
  const signedBy = 'Bí thư Trần Văn Bình';

  test('registration: the committee that decides defaults to the first above the cell', () => {
    expect(initialContext(registration()).competentCommitteeId).toBe('du-xa-a');
    expect(initialContext(registration({ competentCommitteeId: 'hu-a' } as never)).competentCommitteeId).toBe('hu-a');
    expect(initialContext(registration())).toMatchObject({
      lastStepOn: '2024-01-05',
      introductions: [],
      documents: [],
      referredToSuperior: false,
    });
  });

  test('the dossier: signed papers with their dates and signers, introductions in slot order', () => {
    const steps = HAPPY_PATH.slice(0, 7).map(([e]) => e);
    const swapped = [...steps.slice(0, 5), steps[6]!, steps[5]!];
    const ctx = run(swapped.slice(0, 6)).context;
    expect(ctx).toMatchObject({
      mentor: 'Lê Thị Cúc',
      certificate: { on: '2024-03-01', signedBy, no: 'CN-2024-0117' },
      application: { on: '2024-03-10', signedBy },
      personalHistory: { on: '2024-03-12', signedBy },
      comments: { on: '2024-03-20', signedBy },
      // The certificate is the last milestone: papers are not.
      lastStepOn: '2024-03-01',
    });
    const both = applyEvent(ctx, swapped[6]!);
    expect(both.introductions.map((i) => [i.slot, i.on, i.introducer.fullName])).toEqual([
      [1, '2024-03-15', 'Phạm Văn Dũng'],
      [2, '2024-03-16', 'Hoàng Thị Em'],
    ]);
    const replaced = applyEvent(
      both,
      cmd('REPLACE_INTRODUCER', '2024-04-01', {
        slot: 1,
        introducer: official('Võ Văn Phúc'),
        reason: 'chuyển công tác',
      }),
    );
    expect(replaced.introductions.map((i) => [i.slot, i.on, i.introducer.fullName])).toEqual([
      [1, '2024-04-01', 'Võ Văn Phúc'],
      [2, '2024-03-16', 'Hoàng Thị Em'],
    ]);
  });

  test('a milestone moves the last step date; verification, vote and decision record their outcomes', () => {
    const ctx = run(eventsUntil('probation')).context;
    expect(ctx).toMatchObject({
      lastStepOn: '2024-08-02',
      verification: { on: '2024-05-10', outcome: 'pass' },
      cellVote: { on: '2024-06-05', policyId: '2021', resolution: 'propose_admission' },
      appraisals: [{ on: '2024-06-20', form: '7-KNĐ', signedBy }],
      admission: {
        on: '2024-07-15',
        committeeId: 'du-xa-a',
        decision: 'admit',
        receivedOn: '2024-07-15',
        policyId: '2021',
      },
      partyAgeFrom: '2024-07-15',
      ceremonyOn: '2024-08-02',
      probationEndsOn: '2025-08-02',
      helpers: [{ on: '2024-08-02', helper: 'Phạm Văn Dũng', signedBy }],
    });
    expect(ctx.ended).toBeUndefined();
  });

  test('each ending records its day and reason', () => {
    const fail = run([...eventsUntil('verification'), cmd('RECORD_VERIFICATION', '2024-05-10', { outcome: 'fail' })]);
    expect(fail.context.ended).toEqual({ on: '2024-05-10', reason: 'verification_failed' });
    const refused = run([
      ...eventsUntil('committee_review'),
      cmd('RECORD_COMMITTEE_DECISION', '2024-07-15', {
        decision: 'refuse',
        committeeId: 'du-xa-a',
        tally: { members: 9, agree: 2, minutesHash: HASH },
      }),
    ]);
    expect(refused.context.ended).toEqual({ on: '2024-07-15', reason: 'committee_refused' });
    expect(refused.context.partyAgeFrom).toBeUndefined();
    const withdrawn = run([cmd('WITHDRAW', '2024-01-10', { reason: 'lý do riêng' })]);
    expect(withdrawn.context.ended).toEqual({ on: '2024-01-10', reason: 'withdrawn' });
    const removed = run([
      ...eventsUntil('probation'),
      cmd('REMOVE_NAME', '2025-01-10', { reason: 'không đủ tư cách' }),
    ]);
    expect(removed.context.ended).toEqual({ on: '2025-01-10', reason: 'name_removed' });
  });

  test('probation facts: documents, assessments, papers, disciplines and extensions accumulate', () => {
    let ctx = run(eventsUntil('probation')).context;
    const steps = [
      cmd('RECORD_DOCUMENT', '2024-09-01', { kind: 'over_60_consent', documentNo: '7-CV' }),
      cmd('RECORD_HELPER_ASSESSMENT', '2024-11-01', { helper: 'Phạm Văn Dũng' }),
      cmd('RECORD_HELPER_ASSESSMENT', '2025-02-01', { helper: 'Phạm Văn Dũng' }),
      cmd('RECORD_DISCIPLINE', '2025-03-01', { discipline: 'reprimand' }),
    ];
    for (const e of steps) ctx = applyEvent(ctx, e);
    expect(ctx.documents).toEqual([{ on: '2024-09-01', signedBy, kind: 'over_60_consent', no: '7-CV' }]);
    expect(ctx.helperAssessments?.map((a) => a.on)).toEqual(['2024-11-01', '2025-02-01']);
    expect(ctx.disciplines).toEqual([{ on: '2025-03-01', signedBy, discipline: 'reprimand' }]);
    expect(ctx.recognitionPapers.map((p) => p.form)).toEqual(['CN-ĐVM', '10-KNĐ', '11-KNĐ', '12-KNĐ']);
    const ext = cmd('EXTEND_DEADLINE', '2024-07-01', { deadline: 'committee_decision', workingDays: 10, reason: 'x' });
    const twice = applyEvent(applyEvent(ctx, ext), { ...ext, workingDays: 5 } as MachineEvent);
    expect(twice.extensions).toEqual({ committee_decision: { count: 2, workingDays: 15 } });
    expect(
      applyEvent(ctx, { type: 'PROBATION_ENDED', date: '2025-08-02', recordedOn: '2025-08-02' } as MachineEvent),
    ).toEqual(ctx); // the timer's end of probation records nothing, and orders nothing after it
  });

  test('recognition: the third undecided vote refers the case up; the decision makes the member official or removes', () => {
    const undecided = (date: string) =>
      cmd('RECORD_RECOGNITION_VOTE', date, { resolution: 'undecided', tally: tally({ yes: 10, no: 8 }) });
    let ctx = run(eventsUntil('recognition_vote')).context;
    ctx = applyEvent(applyEvent(ctx, undecided('2025-08-20')), undecided('2025-09-05'));
    expect(ctx.referredToSuperior).toBe(false);
    ctx = applyEvent(ctx, undecided('2025-09-20'));
    expect(ctx.referredToSuperior).toBe(true);
    expect(ctx.recognitionVotes.map((v) => [v.on, v.resolution])).toEqual([
      ['2025-08-20', 'undecided'],
      ['2025-09-05', 'undecided'],
      ['2025-09-20', 'undecided'],
    ]);
    const decide = (decision: string) =>
      cmd('RECORD_RECOGNITION_DECISION', '2025-10-01', {
        decision,
        committeeId: 'hu-a',
        tally: { members: 9, agree: 9, minutesHash: HASH },
      });
    expect(applyEvent(ctx, decide('recognise'))).toMatchObject({
      recognition: { on: '2025-10-01', decision: 'recognise', committeeId: 'hu-a' },
      officialSince: '2025-08-02',
    });
    const removed = applyEvent(ctx, decide('remove'));
    expect(removed.officialSince).toBeUndefined();
    expect(removed.ended).toEqual({ on: '2025-10-01', reason: 'name_removed' });
  });

  test('a move takes the new cell and committees; a member’s move opens a transfer from the old cell', () => {
    const ctx = run(eventsUntil('probation')).context;
    const moved = applyEvent(
      ctx,
      cmd('MOVE_CELL', '2025-01-06', {
        toCellId: 'cb-bv-noi',
        toCommitteeIds: ['du-bv', 'tu-demo'],
        toCompetentCommitteeId: 'tu-demo',
      }),
    );
    expect(moved).toMatchObject({
      cellId: 'cb-bv-noi',
      committeeIds: ['du-bv', 'tu-demo'],
      competentCommitteeId: 'tu-demo',
      transfer: { movedOn: '2025-01-06', fromCellId: 'cb-thpt-a' },
      lastStepOn: '2025-01-06',
    });
    const letter = applyEvent(moved, cmd('RECORD_TRANSFER_LETTER', '2025-01-13'));
    expect(letter.transfer).toEqual({ movedOn: '2025-01-06', fromCellId: 'cb-thpt-a', letterOn: '2025-01-13' });
    expect(applyEvent(letter, cmd('RECORD_TRANSFER_PRESENTED', '2025-01-20')).transfer).toEqual({
      movedOn: '2025-01-06',
      fromCellId: 'cb-thpt-a',
      letterOn: '2025-01-13',
      presentedOn: '2025-01-20',
    });
    const noTransfer = run(eventsUntil('dossier')).context;
    expect(applyEvent(noTransfer, cmd('RECORD_TRANSFER_LETTER', '2024-03-20'))).toBe(noTransfer);
    expect(applyEvent(noTransfer, cmd('RECORD_TRANSFER_PRESENTED', '2024-03-20'))).toBe(noTransfer);
  });
});

describe('stages and the events they take', () => {
  test('each stage takes its own events and the ones of any living stage, nothing internal', () => {
    expect(acceptedEvents('source').sort()).toEqual(
      [
        'ENROL_COURSE',
        'WITHDRAW',
        'RECORD_DOCUMENT',
        'MOVE_CELL',
        'RECORD_TRANSFER_LETTER',
        'RECORD_TRANSFER_PRESENTED',
      ].sort(),
    );
    for (const stage of ['official', 'rejected', 'withdrawn', 'removed'] as const)
      expect(acceptedEvents(stage)).toEqual([]);
    expect(acceptedEvents('dossier').some((t) => t.startsWith('xstate.') || t === '')).toBe(false);
  });

  test('a refused stage names the event and the stage in both languages', () => {
    const r = advance(startCase(registration()), cmd('RECORD_CEREMONY', '2024-02-01'));
    expect(r).toEqual({
      ok: false,
      refusals: [
        {
          ruleId: 'stage.not_allowed',
          facts: { stage: 'source', event: 'RECORD_CEREMONY', accepted: acceptedEvents('source') },
          reason: {
            vi: `Không thể ghi nhận bước RECORD_CEREMONY khi hồ sơ đang ở giai đoạn "${stageNameVi('source')}".`,
            en: "RECORD_CEREMONY cannot be recorded while the case is at stage 'source'.",
          },
        },
      ],
    });
  });

  test('an extension of the other deadline is taken by no transition, and refused as not allowed', () => {
    const s = run(eventsUntil('committee_review'));
    const r = advance(
      s,
      cmd('EXTEND_DEADLINE', '2024-08-01', { deadline: 'recognition_decision', workingDays: 5, reason: 'x' }),
    );
    expect(r).toMatchObject({
      ok: false,
      refusals: [{ ruleId: 'stage.not_allowed', facts: { stage: 'committee_review' } }],
    });
  });
});
