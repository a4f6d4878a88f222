/**
 * Open deadlines and the escalation ladder, with exact dates. The cases run on a calendar of
 * weekends only, so each expected date is plain counting: 5 working days from a weekday are
 * 7 calendar days, so 30 are 42 and 60 are 84.
 */
import { addDays, iso, type IsoDate } from '../../src/charter/dates';
import { createCalendar, vnCalendar } from '../../src/charter/calendar';
import { advance, startCase, type CaseSnapshot } from '../../src/machine/advance';
import { calendarOf } from '../../src/machine/calendar-of';
import { decidingCommittee, deadlineDue, deadlineOf, openDeadlines } from '../../src/machine/deadlines';
import { levelRaisedOn, recipientsAt } from '../../src/machine/escalation';
import type { CaseContext } from '../../src/schemas/case';
import type { MachineEvent } from '../../src/schemas/commands';
import { cmd, eventsUntil, HASH, registration, tally } from '../helpers/commands';

const weekendsOnly = { holidays: [], makeUpWorkdays: [] };
const days = (d: string, n: number) => addDays(iso(d), n);

function run(events: MachineEvent[], s: CaseSnapshot = startCase(registration({ calendar: weekendsOnly }))) {
  for (const e of events) {
    const r = advance(s, e);
    if (!r.ok) throw new Error(`${e.type} on ${e.date} refused: ${JSON.stringify(r.refusals)}`);
    s = r.snapshot;
  }
  return s;
}
const ctxAt = (stage: string, more: MachineEvent[] = []) => run([...eventsUntil(stage), ...more]).context;
// Recorded on 22/7, so that a decision received that day is not received in the future.
const committeeDecision = (over: Record<string, unknown> = {}) =>
  cmd(
    'RECORD_COMMITTEE_DECISION',
    '2024-07-15',
    { decision: 'admit', committeeId: 'du-xa-a', tally: { members: 9, agree: 7, minutesHash: HASH }, ...over },
    '2024-07-22',
  );

describe('open deadlines, stage by stage', () => {
  test("the committee's decision: 60 working days from the cell's vote (Wednesday 5/6/2024), under the set then in force", () => {
    expect(openDeadlines('committee_review', ctxAt('committee_review'))).toEqual([
      {
        id: 'committee_decision',
        kind: 'committee_decision',
        startedOn: '2024-06-05',
        dueDate: days('2024-06-05', 84),
        answerBy: 'du-xa-a',
        policyId: '2021',
        label: { vi: 'hạn cấp ủy quyết định kết nạp 28/08/2024', en: 'admission decision due 28/08/2024' },
      },
    ]);
  });

  test('an extension of 10 working days moves it 14 days later', () => {
    const ctx = ctxAt('committee_review', [
      cmd('EXTEND_DEADLINE', '2024-08-20', {
        deadline: 'committee_decision',
        workingDays: 10,
        reason: 'chờ thẩm tra bổ sung',
      }),
    ]);
    expect(deadlineDue(ctx, 'committee_decision')).toBe(days('2024-06-05', 84 + 14));
  });

  test('the ceremony: 30 working days from the day the cell received the decision, answered by the cell', () => {
    const onDecision = run([...eventsUntil('ceremony').slice(0, -1), committeeDecision()]).context;
    expect(openDeadlines('ceremony', onDecision)).toEqual([
      expect.objectContaining({
        kind: 'ceremony',
        startedOn: '2024-07-15',
        dueDate: days('2024-07-15', 42),
        answerBy: 'cb-thpt-a',
      }),
    ]);
    const received = run([...eventsUntil('ceremony').slice(0, -1), committeeDecision({ receivedOn: '2024-07-22' })]);
    expect(openDeadlines('ceremony', received.context)).toEqual([
      {
        id: 'ceremony',
        kind: 'ceremony',
        startedOn: '2024-07-22',
        dueDate: '2024-09-02',
        answerBy: 'cb-thpt-a',
        policyId: '2021',
        label: { vi: 'hạn tổ chức lễ kết nạp 02/09/2024', en: 'admission ceremony due 02/09/2024' },
      },
    ]);
  });

  test('the recognition vote: 30 working days from the end of probation (Saturday 2/8/2025), under the 2025 set', () => {
    // From a Saturday the first working day is the Monday: 30 working days end on Friday 12/9/2025.
    expect(openDeadlines('recognition_vote', ctxAt('recognition_vote'))).toEqual([
      {
        id: 'recognition_vote',
        kind: 'recognition_vote',
        startedOn: '2025-08-02',
        dueDate: '2025-09-12',
        answerBy: 'cb-thpt-a',
        policyId: '2025-07',
        label: { vi: 'hạn chi bộ xét công nhận chính thức 12/09/2025', en: 'recognition vote due 12/09/2025' },
      },
    ]);
  });

  test("the recognition decision: 30 working days from the cell's latest vote, plus any extension", () => {
    const vote = cmd('RECORD_RECOGNITION_VOTE', '2025-08-20', { resolution: 'recognise', tally: tally() });
    const ctx = ctxAt('recognition_vote', [vote]);
    expect(openDeadlines('recognition_review', ctx)).toEqual([
      {
        id: 'recognition_decision',
        kind: 'recognition_decision',
        startedOn: '2025-08-20',
        dueDate: days('2025-08-20', 42),
        answerBy: 'du-xa-a',
        policyId: '2025-07',
        label: {
          vi: 'hạn cấp ủy quyết định công nhận chính thức 01/10/2025',
          en: 'recognition decision due 01/10/2025',
        },
      },
    ]);
    const extended = run(
      [
        cmd('EXTEND_DEADLINE', '2025-09-01', {
          deadline: 'recognition_decision',
          workingDays: 5,
          reason: 'chờ thẩm tra bổ sung',
        }),
      ],
      run([...eventsUntil('recognition_vote'), vote]),
    );
    expect(deadlineDue(extended.context, 'recognition_decision')).toBe(days('2025-08-20', 49));
  });

  test('stages without a clock have no deadline; a stage does not show another stage’s clock', () => {
    const ctx = ctxAt('recognition_vote');
    expect(openDeadlines('dossier', ctxAt('dossier'))).toEqual([]);
    expect(openDeadlines('official', ctx)).toEqual([]);
    expect(openDeadlines('recognition_vote', ctx).map((d) => d.kind)).toEqual(['recognition_vote']);
    expect(deadlineOf(ctxAt('dossier'), 'committee_decision')).toBeUndefined();
    expect(deadlineOf(ctxAt('dossier'), 'ceremony')).toBeUndefined();
    expect(deadlineOf(ctxAt('dossier'), 'recognition_vote')).toBeUndefined();
    expect(deadlineOf(ctxAt('dossier'), 'recognition_decision')).toBeUndefined();
    expect(deadlineOf(ctxAt('dossier'), 'transfer_start')).toBeUndefined();
    expect(deadlineOf(ctxAt('dossier'), 'transfer_present')).toBeUndefined();
  });
});

describe("a member's transfer", () => {
  const move = cmd('MOVE_CELL', '2025-01-06', { toCellId: 'cb-bv-noi', toCommitteeIds: ['du-bv', 'tu-demo'] });
  const moved = () => run([...eventsUntil('probation'), move]);

  test('a move during probation opens the transfer: 60 working days from Monday 6/1/2025, answered by the new cell', () => {
    expect(openDeadlines('probation', moved().context, { helperAssessments: false })).toEqual([
      {
        id: 'transfer_start',
        kind: 'transfer_start',
        startedOn: '2025-01-06',
        dueDate: days('2025-01-06', 84),
        answerBy: 'cb-bv-noi',
        policyId: '2021',
        label: { vi: 'hạn chuyển sinh hoạt đảng 31/03/2025', en: 'party activity transfer due 31/03/2025' },
      },
    ]);
  });

  test('the letter closes the first clock and opens 30 working days to present it; presenting closes both', () => {
    const letter = run([cmd('RECORD_TRANSFER_LETTER', '2025-01-13')], moved());
    expect(openDeadlines('probation', letter.context, { helperAssessments: false })).toEqual([
      expect.objectContaining({
        kind: 'transfer_present',
        startedOn: '2025-01-13',
        dueDate: days('2025-01-13', 42),
        answerBy: 'cb-bv-noi',
        label: {
          vi: 'hạn nộp giấy giới thiệu sinh hoạt đảng 24/02/2025',
          en: 'transfer letter presentation due 24/02/2025',
        },
      }),
    ]);
    const presented = run([cmd('RECORD_TRANSFER_PRESENTED', '2025-01-20')], letter);
    expect(openDeadlines('probation', presented.context, { helperAssessments: false })).toEqual([]);
  });

  test('the transfer clocks run in the recognition stages too, after that stage’s own', () => {
    const ctx = moved().context;
    expect(openDeadlines('recognition_vote', ctx).map((d) => d.kind)).toEqual(['recognition_vote', 'transfer_start']);
    // No recognition vote yet, so no decision clock: the transfer's alone.
    expect(openDeadlines('recognition_review', ctx).map((d) => d.kind)).toEqual(['transfer_start']);
    expect(openDeadlines('ceremony', ctx).map((d) => d.kind)).toEqual(['ceremony']);
  });

  test('a move before admission opens no transfer', () => {
    const early = run([
      ...eventsUntil('dossier'),
      cmd('MOVE_CELL', '2024-03-20', { toCellId: 'cb-x', toCommitteeIds: ['du-x'] }),
    ]);
    expect(early.context.transfer).toBeUndefined();
    expect(deadlineOf(early.context, 'transfer_start')).toBeUndefined();
  });
});

describe("the helper's assessments during probation", () => {
  // Ceremony on 2/8/2024, a helper assigned: an assessment every 3 months, three in all, before probation ends.
  const assess = (date: string) => cmd('RECORD_HELPER_ASSESSMENT', date, { helper: 'Phạm Văn Dũng' });
  const atProbation = (more: MachineEvent[] = []) => run([...eventsUntil('probation'), ...more]).context;

  test('the first is due 3 months after the ceremony, numbered, answered by the cell', () => {
    expect(openDeadlines('probation', atProbation())).toEqual([
      {
        id: 'helper_assessment#1',
        kind: 'helper_assessment',
        startedOn: '2024-08-02',
        dueDate: '2024-11-02',
        answerBy: 'cb-thpt-a',
        policyId: '2021',
        label: { vi: 'hạn đảng viên giúp đỡ nhận xét 02/11/2024', en: "helper's assessment due 02/11/2024" },
      },
    ]);
  });

  test('each one recorded moves the next by 3 months; after the third there is none', () => {
    expect(openDeadlines('probation', atProbation([assess('2024-11-01')]))).toMatchObject([
      { id: 'helper_assessment#2', dueDate: '2025-02-02' },
    ]);
    expect(openDeadlines('probation', atProbation([assess('2024-11-01'), assess('2025-02-01')]))).toMatchObject([
      { id: 'helper_assessment#3', dueDate: '2025-05-02' },
    ]);
    expect(
      openDeadlines('probation', atProbation([assess('2024-11-01'), assess('2025-02-01'), assess('2025-05-01')])),
    ).toEqual([]);
  });

  test('none without a helper, none when switched off, none due on or after the end of probation', () => {
    const noHelper = run(eventsUntil('probation').filter((e) => e.type !== 'ASSIGN_HELPER')).context;
    expect(openDeadlines('probation', noHelper)).toEqual([]);
    expect(openDeadlines('probation', atProbation(), { helperAssessments: false })).toEqual([]);
    expect(openDeadlines('recognition_vote', atProbation()).map((d) => d.kind)).toEqual(['recognition_vote']);
    // The third is due 2/5/2025: not shown once probation ends that day, shown if it ends the day after.
    const ctx = atProbation([assess('2024-12-01'), assess('2025-04-01')]);
    expect(openDeadlines('probation', ctx)).toMatchObject([{ id: 'helper_assessment#3', dueDate: '2025-05-02' }]);
    const atEnd: CaseContext = { ...ctx, probationEndsOn: iso('2025-05-02') };
    expect(openDeadlines('probation', atEnd)).toEqual([]);
    const dayAfter: CaseContext = { ...ctx, probationEndsOn: iso('2025-05-03') };
    expect(openDeadlines('probation', dayAfter)).toHaveLength(1);
  });

  test('the assessment comes before the transfer clocks', () => {
    const ctx = atProbation([cmd('MOVE_CELL', '2024-09-02', { toCellId: 'cb-bv-noi', toCommitteeIds: ['du-bv'] })]);
    expect(openDeadlines('probation', ctx).map((d) => d.kind)).toEqual(['helper_assessment', 'transfer_start']);
  });
});

describe('who decides', () => {
  const ctx = ctxAt('committee_review');
  test('the competent committee, or after a deadlock the one above it, or itself at the top of the chain', () => {
    expect(decidingCommittee(ctx)).toBe('du-xa-a');
    expect(decidingCommittee({ ...ctx, referredToSuperior: true })).toBe('hu-a');
    expect(decidingCommittee({ ...ctx, referredToSuperior: true, competentCommitteeId: 'tu-demo' })).toBe('tu-demo');
  });
});

describe('the escalation ladder', () => {
  // Chain from the cell: cb-thpt-a, du-xa-a, hu-a, tu-demo; ladder [0, 10, 20, 30] working days.
  const ctx = ctxAt('committee_review');
  const dueDate: IsoDate = iso('2024-08-28'); // a Wednesday
  const cellDeadline = { answerBy: 'cb-thpt-a', dueDate, policyId: '2021' };
  const committeeDeadline = { answerBy: 'du-xa-a', dueDate, policyId: '2021' };

  test('level 1 alerts the answering body and its direct superior; each level after it the next committee up', () => {
    expect([1, 2, 3, 4].map((l) => recipientsAt(ctx, cellDeadline, l))).toEqual([
      ['cb-thpt-a', 'du-xa-a'],
      ['hu-a'],
      ['tu-demo'],
      [],
    ]);
    expect([1, 2, 3].map((l) => recipientsAt(ctx, committeeDeadline, l))).toEqual([
      ['du-xa-a', 'hu-a'],
      ['tu-demo'],
      [],
    ]);
  });

  test('a body outside the chain is alerted first, then the whole chain of committees', () => {
    expect([1, 2].map((l) => recipientsAt(ctx, { answerBy: 'elsewhere' }, l))).toEqual([
      ['elsewhere', 'du-xa-a'],
      ['hu-a'],
    ]);
  });

  test('level 1 is raised the day after the due date; level n after the ladder’s working days', () => {
    expect(levelRaisedOn(ctx, cellDeadline, 1)).toBe('2024-08-29');
    expect(levelRaisedOn(ctx, cellDeadline, 2)).toBe(days('2024-08-28', 14));
    expect(levelRaisedOn(ctx, cellDeadline, 3)).toBe(days('2024-08-28', 28));
  });

  test('no level 0, none past the ladder, none past the chain', () => {
    expect(levelRaisedOn(ctx, cellDeadline, 0)).toBeUndefined();
    expect(levelRaisedOn(ctx, cellDeadline, 4)).toBeUndefined();
    expect(levelRaisedOn(ctx, committeeDeadline, 3)).toBeUndefined();
    expect(levelRaisedOn(ctx, committeeDeadline, 2)).toBe(days('2024-08-28', 14));
    // Six bodies from the cell up, one more than the ladder has levels: the ladder ends first.
    const longChain = { ...ctx, committeeIds: ['du-xa-a', 'hu-a', 'tu-demo', 'tw', 'bct'] };
    expect(recipientsAt(longChain, cellDeadline, 5)).toEqual(['bct']);
    expect(levelRaisedOn(longChain, cellDeadline, 4)).toBe(days('2024-08-28', 42));
    expect(levelRaisedOn(longChain, cellDeadline, 5)).toBeUndefined();
  });
});

describe("a case's calendar", () => {
  test('the built-in one without overrides; one calendar per distinct set of overrides', () => {
    expect(calendarOf({ calendar: undefined })).toBe(vnCalendar);
    const a = calendarOf({ calendar: { holidays: [iso('2026-03-30')], makeUpWorkdays: [] } });
    expect(calendarOf({ calendar: { holidays: [iso('2026-03-30')], makeUpWorkdays: [] } })).toBe(a);
    expect(a.isWorkingDay(iso('2026-03-30'))).toBe(false);
    const b = calendarOf({ calendar: { holidays: [], makeUpWorkdays: [] } });
    expect(b).not.toBe(a);
    expect(b.isWorkingDay(iso('2026-03-30'))).toBe(true);
    expect(createCalendar(weekendsOnly).addWorkingDays(iso('2024-06-05'), 60)).toBe(days('2024-06-05', 84));
  });
});
