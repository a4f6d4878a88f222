/**
 * The compliance re-check finds every breach a history holds, by the rule
 * functions the guards run now and the policy set in force on the step's
 * date: a paper record accepted with irregularities, a registration recorded
 * before its rule existed, and (the mechanism) a rule added later.
 */
import { recheck } from '../../src/audit/compliance';
import type { TimelineEntry } from '../../src/audit/timeline';
import { addDays, iso, type IsoDate } from '../../src/charter/dates';
import { refuse } from '../../src/charter/rule';
import type { CommandInput, MachineEvent } from '../../src/schemas/commands';
import { cmd, eventsUntil, HAPPY_PATH, registration, tally } from '../helpers/commands';

/** Set by a test to make the cell's minimum-members rule refuse as a rule that did not exist when recorded. */
let mockNewRule = false;
jest.mock('../../src/charter/rules/votes', () => {
  const actual = jest.requireActual<typeof import('../../src/charter/rules/votes')>('../../src/charter/rules/votes');
  return {
    ...actual,
    cellMinMembers: (...args: Parameters<typeof actual.cellMinMembers>) =>
      mockNewRule
        ? refuse('test.added_later', {}, { vi: 'Quy định mới', en: 'A rule added later' })
        : actual.cellMinMembers(...args),
  };
});

const at = (d: IsoDate) => `${d}T03:00:00.000Z`; // 10:00 in Vietnam, the same day
const stageAfter = new Map(HAPPY_PATH.map(([e, stage]) => [e, stage]));

/** A history as the timeline reads it: the registration, then each step accepted on its own date. */
function history(reg: ReturnType<typeof registration>, steps: Array<[MachineEvent, string]>): TimelineEntry[] {
  return [
    { runId: 'r', eventId: 1, at: at(reg.registeredOn), kind: 'registered', registration: reg, clockOffsetMs: 0 },
    ...steps.map(([e, stage], i): TimelineEntry => {
      const { recordedOn, ...command } = e;
      return {
        runId: 'r',
        eventId: 10 * (i + 1),
        at: at(recordedOn),
        kind: 'command',
        updateId: `u${i}`,
        command: command as CommandInput,
        outcome: { stage },
      };
    }),
  ];
}

/** The clean happy path to the cell's vote, every date moved by `days`, then a paper-record vote two short. */
function shortPaperVote(days: number) {
  const move = (e: MachineEvent): MachineEvent => ({
    ...e,
    date: addDays(e.date, days),
    recordedOn: addDays(e.recordedOn, days),
  });
  const before = eventsUntil('cell_vote').map((e): [MachineEvent, string] => [move(e), stageAfter.get(e)!]);
  const vote = cmd(
    'RECORD_CELL_VOTE',
    addDays(iso('2024-06-05'), days),
    {
      resolution: 'propose_admission',
      paperRecord: true,
      tally: tally({ officialMembers: 20, present: 18, excusedAbsent: 0, yes: 12, no: 6 }),
    },
    '2026-11-20',
  );
  return history(registration({ registeredOn: addDays(iso('2024-01-05'), days) }), [
    ...before,
    [vote, 'committee_review'],
  ]);
}

describe('a paper record accepted with a breach', () => {
  test('is a finding with its rule id, the step, its event and the policy set of 2021 in force on its date', () => {
    const { findings, steps } = recheck(shortPaperVote(0), iso('2024-06-06'));
    expect(findings.filter((f) => f.ruleId)).toEqual([
      expect.objectContaining({
        kind: 'vote_below_two_thirds',
        ruleId: 'cell_vote.two_thirds',
        step: 'RECORD_CELL_VOTE',
        eventId: 90,
        date: '2024-06-05',
        policyId: '2021',
      }),
    ]);
    expect(steps.at(-1)!.review).toMatchObject({ paperRecord: true, findings: 1, policyId: '2021' });
  });

  test('the same breach dated after 1/7/2025 is judged under the 2025 set', () => {
    const days = 14 * 30; // the whole case moved by about 14 months: the vote falls on 30/07/2025
    const { findings } = recheck(shortPaperVote(days), addDays(iso('2024-06-06'), days));
    expect(findings.filter((f) => f.ruleId)).toEqual([
      expect.objectContaining({ ruleId: 'cell_vote.two_thirds', date: '2025-07-30', policyId: '2025-07' }),
    ]);
  });

  test('without the paper record the same history holds no breach (the finding is the vote’s, not noise)', () => {
    const timeline = shortPaperVote(0);
    const last = timeline.at(-1) as Extract<TimelineEntry, { kind: 'command' }>;
    last.command = { ...last.command, tally: tally() } as CommandInput;
    expect(recheck(timeline, iso('2024-06-06')).findings).toEqual([]);
  });
});

test('a registration recorded before its rule existed: a birth date after it is a finding of the registration', () => {
  const reg = registration({ registeredOn: iso('2024-01-05') });
  const born = { ...reg, profile: { ...reg.profile, birthDate: iso('2030-01-01') } };
  const { findings } = recheck(history(born, []), iso('2024-01-06'));
  expect(findings).toEqual([
    expect.objectContaining({
      kind: 'should_have_been_refused',
      ruleId: 'registration.birth_order',
      step: 'REGISTER',
      eventId: 1,
      date: '2024-01-05',
      policyId: '2021',
    }),
  ]);
});

test('a rule added to the guards after a history was recorded is a finding of that history, with no change to the audit', () => {
  const timeline = history(
    registration(),
    HAPPY_PATH.slice(0, eventsUntil('committee_review').length).map(([e, s]) => [e, s]),
  );
  expect(recheck(timeline, iso('2024-06-06')).findings).toEqual([]);
  mockNewRule = true;
  try {
    expect(recheck(timeline, iso('2024-06-06')).findings).toEqual([
      expect.objectContaining({ ruleId: 'test.added_later', step: 'RECORD_CELL_VOTE', policyId: '2021' }),
    ]);
  } finally {
    mockNewRule = false;
  }
});

test("a step whose field today's input rules refuse is still applied, and its field is a finding", () => {
  const steps = HAPPY_PATH.slice(0, 2).map(([e, s]): [MachineEvent, string] => [e, s]);
  // Accepted before names were checked for control characters (issue 15): a mentor made of a NUL.
  steps[0] = [{ ...steps[0]![0], mentor: '\u0000' } as MachineEvent, steps[0]![1]];
  const { findings, steps: reviewed } = recheck(history(registration(), steps), iso('2024-03-02'));
  expect(reviewed.map((s) => [s.review.type, s.review.findings])).toEqual([
    ['ENROL_COURSE', 1],
    ['RECORD_CERTIFICATE', 0],
  ]);
  expect(findings).toEqual([
    expect.objectContaining({
      kind: 'should_have_been_refused',
      ruleId: 'command.well_formed',
      step: 'ENROL_COURSE',
      facts: expect.objectContaining({ field: 'mentor' }),
    }),
  ]);
});
