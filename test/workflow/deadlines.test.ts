/**
 * Every deadline of charter.md reached by skipping time on the real server,
 * with the alert's date, level and recipients checked.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simulate } from '../../src/simulator/run';
import { committeeDeadlineScenario, recognitionScenario } from '../helpers/scenarios';

test('recognition: probation ending 13/2/2026 is due 3/4/2026 and escalates up the chain until the vote', async () => {
  const out = await simulate(recognitionScenario('2026-05-07', '2026-05-15'));
  expect(out.refusals).toEqual([]);
  expect(out.finalStage).toBe('official');
  // Backdated: official from the end of probation, however late the recognition.
  expect(out.officialSince).toBe('2026-02-13');
  expect(out.partyAgeFrom).toBe('2025-01-06');
  expect(out.deadlines).toContainEqual({
    kind: 'recognition_vote',
    dueDate: '2026-04-03',
    overdueFrom: '2026-04-04',
    metOn: '2026-05-07',
    workingDaysLate: 21,
  });
  expect(out.alerts.filter((a) => a.kind === 'recognition_vote')).toEqual([
    { date: '2026-04-04', kind: 'recognition_vote', level: 1, recipients: ['cb-thpt-a', 'du-xa-a'] },
    // 10 working days after 3/4/2026.
    { date: '2026-04-17', kind: 'recognition_vote', level: 2, recipients: ['hu-a'] },
    // 20 working days, skipping 27/4 (Hùng Kings' day, moved), 30/4 and 1/5.
    { date: '2026-05-06', kind: 'recognition_vote', level: 3, recipients: ['tu-demo'] },
  ]);
  const decision = out.deadlines.find((d) => d.kind === 'recognition_decision')!;
  expect(decision).toMatchObject({ metOn: '2026-05-15', workingDaysLate: 0 });
});

test('committee decision: a resolution on 10/12/2025 is due 12/3/2026; a late decision closes the alert', async () => {
  const out = await simulate({ ...committeeDeadlineScenario('2026-03-16'), until: '2026-03-20' });
  expect(out.refusals).toEqual([]);
  expect(out.deadlines[0]).toEqual({
    kind: 'committee_decision',
    dueDate: '2026-03-12',
    overdueFrom: '2026-03-13',
    metOn: '2026-03-16',
    workingDaysLate: 2,
  });
  expect(out.alerts).toEqual([
    { date: '2026-03-13', kind: 'committee_decision', level: 1, recipients: ['du-xa-a', 'hu-a'] },
  ]);
  // The ceremony clock starts on receipt of the decision.
  expect(out.deadlines[1]).toMatchObject({ kind: 'ceremony', metOn: null });
  expect(out.finalStage).toBe('ceremony');
});

test('a committee that never decides is escalated to the top of the chain and no further', async () => {
  const out = await simulate({ ...committeeDeadlineScenario(), until: '2026-06-30' });
  expect(out.alerts.map((a) => [a.date, a.level, a.recipients])).toEqual([
    ['2026-03-13', 1, ['du-xa-a', 'hu-a']],
    ['2026-03-26', 2, ['tu-demo']],
  ]);
  expect(out.finalStage).toBe('committee_review');
});

test("a helper's assessment not recorded by its due date alerts the cell and its committee", async () => {
  const full = recognitionScenario('2026-02-20', undefined);
  const out = await simulate({
    ...full,
    caseId: 'helper-assessment-missed',
    steps: full.steps.filter((s) => s.date <= '2025-02-13'),
    until: '2025-05-20',
  });
  expect(out.finalStage).toBe('probation');
  // Ceremony 13/2/2025: the first assessment is due 13/5/2025, overdue from 14/5.
  expect(out.deadlines.filter((d) => d.kind === 'helper_assessment')).toEqual([
    { kind: 'helper_assessment', dueDate: '2025-05-13', overdueFrom: '2025-05-14', metOn: null, workingDaysLate: null },
  ]);
  expect(out.alerts).toEqual([
    { date: '2025-05-14', kind: 'helper_assessment', level: 1, recipients: ['cb-thpt-a', 'du-xa-a'] },
  ]);
});

test('ceremony: a decision of 6/1/2025 is due 24/2/2025 (Tết 27–31/1 skipped); level 2 ten working days later', async () => {
  const full = recognitionScenario('2026-02-20', undefined);
  const out = await simulate({
    ...full,
    caseId: 'ceremony-missed',
    steps: full.steps.filter((s) => s.date <= '2025-01-06'),
    until: '2025-03-12',
  });
  expect(out.finalStage).toBe('ceremony');
  expect(out.deadlines.find((d) => d.kind === 'ceremony')).toEqual({
    kind: 'ceremony',
    dueDate: '2025-02-24',
    overdueFrom: '2025-02-25',
    metOn: null,
    workingDaysLate: null,
  });
  expect(out.alerts).toEqual([
    { date: '2025-02-25', kind: 'ceremony', level: 1, recipients: ['cb-thpt-a', 'du-xa-a'] },
    { date: '2025-03-10', kind: 'ceremony', level: 2, recipients: ['hu-a'] },
  ]);
});

test('recognition decision: a cell resolution of 20/2/2026 is due 3/4/2026 from the committee', async () => {
  const out = await simulate({ ...recognitionScenario('2026-02-20', undefined), until: '2026-04-10' });
  expect(out.finalStage).toBe('recognition_review');
  expect(out.deadlines.find((d) => d.kind === 'recognition_decision')).toEqual({
    kind: 'recognition_decision',
    dueDate: '2026-04-03',
    overdueFrom: '2026-04-04',
    metOn: null,
    workingDaysLate: null,
  });
  expect(out.alerts.filter((a) => a.kind === 'recognition_decision')).toEqual([
    { date: '2026-04-04', kind: 'recognition_decision', level: 1, recipients: ['du-xa-a', 'hu-a'] },
  ]);
});

test('transfer letter obtained 10/4/2025 must be presented within 30 working days: 22/5/2025 on the weekends-only calendar of example 13', async () => {
  const moved = JSON.parse(
    readFileSync(join(__dirname, '..', '..', 'examples', '13-move-during-probation.json'), 'utf8'),
  );
  const out = await simulate({
    ...moved,
    caseId: 'transfer-present',
    steps: [...moved.steps, { date: '2025-04-10', type: 'RECORD_TRANSFER_LETTER' }].sort((a, b) =>
      a.date < b.date ? -1 : a.date > b.date ? 1 : 0,
    ),
    until: '2025-06-12',
    expect: undefined,
  });
  expect(out.deadlines.filter((d) => d.kind.startsWith('transfer'))).toEqual([
    {
      kind: 'transfer_start',
      dueDate: '2025-06-24',
      overdueFrom: '2025-06-25',
      metOn: '2025-04-10',
      workingDaysLate: 0,
    },
    { kind: 'transfer_present', dueDate: '2025-05-22', overdueFrom: '2025-05-23', metOn: null, workingDaysLate: null },
  ]);
  expect(out.alerts.filter((a) => a.kind.startsWith('transfer'))).toEqual([
    { date: '2025-05-23', kind: 'transfer_present', level: 1, recipients: ['cb-bv-noi', 'du-bv'] },
    { date: '2025-06-05', kind: 'transfer_present', level: 2, recipients: ['tu-demo'] },
  ]);
});
