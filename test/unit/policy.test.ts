import { iso } from '../../src/charter/dates';
import { NoPolicyInForce, policyOn, POLICY_SETS, threshold } from '../../src/charter/policy';
import { parsePolicies } from '../../src/charter/policy-schema';
import { parseHolidays } from '../../src/charter/holiday-schema';
import { checkCharterData } from '../../src/charter/check-data';
import holidays from '../../src/charter/data/holidays.json';
import policies from '../../src/charter/data/policies.json';

describe('policy sets', () => {
  test('the set in force is chosen by the step date, the 1/7/2025 reform included', () => {
    expect(policyOn(iso('2025-06-30')).id).toBe('2021');
    expect(policyOn(iso('2025-07-01')).id).toBe('2025-07');
    expect(policyOn(iso('2021-07-30')).id).toBe('2021');
    expect(policyOn(iso('2021-07-29')).id).toBe('2016');
    expect(policyOn(iso('2016-07-25')).id).toBe('2016');
    expect(() => policyOn(iso('2016-07-24'))).toThrow(NoPolicyInForce);
    expect(() => policyOn(iso('2016-07-24'))).toThrow(/24\/07\/2016/);
  });

  test('every number of charter.md is in each set, unconfirmed values flagged', () => {
    for (const p of POLICY_SETS) {
      expect(p).toMatchObject({
        age: { minMonths: 216, consentAboveMonths: 720 },
        certificateValidityMonths: 60,
        introducer: { overlapMonths: 12, youthAgeMaxYears: 30 },
        cellVote: { numerator: 2, denominator: 3, minOfficialMembers: 3 },
        deadlines: {
          committeeDecision: { workingDays: 60, extensionMaxWorkingDays: 30, extensionsAllowed: 1 },
          ceremony: { workingDays: 30 },
          probation: { months: 12, monthEnd: 'clamp' },
          recognitionVote: { workingDays: 30 },
          recognitionDecision: { workingDays: 30, extensionMaxWorkingDays: 30 },
          transferStart: { workingDays: 60 },
          transferPresent: { workingDays: 30 },
        },
        readmission: { waitMonths: 36, afterCriminalRecordMonths: 60, maxReadmissions: 1 },
        recognition: { failedVotesBeforeReferral: 3 },
      });
      expect(p.unconfirmed).toEqual(
        expect.arrayContaining(['papersValidity.verificationMonths', 'introducer.tradeUnionRouteRequired']),
      );
    }
  });

  test('erratum: introductions and comments count 12 months (01-HD/TW), confirmed, in both sets since 2021', () => {
    for (const id of ['2021', '2025-07']) {
      const p = POLICY_SETS.find((s) => s.id === id)!;
      expect(p.papersValidity).toEqual({ introductionMonths: 12, commentsMonths: 12, verificationMonths: 12 });
      expect(p.unconfirmed).not.toContain('papersValidity.introductionMonths');
      expect(p.unconfirmed).not.toContain('papersValidity.commentsMonths');
      expect(p.introducer.tradeUnionRouteRequired).toBe(false);
      expect(p.sources.some((s) => s.startsWith('Erratum'))).toBe(true);
    }
    expect(POLICY_SETS.find((s) => s.id === '2021')!.sources.some((s) => s.includes('232-QĐ/TW'))).toBe(true);
  });

  test('a bad policy file is refused with the path of the bad value', () => {
    const bad = structuredClone(POLICY_SETS.map((p) => ({ ...p })));
    (bad[1] as { cellVote: unknown }).cellVote = { numerator: 4, denominator: 3, minOfficialMembers: 3 };
    expect(() => parsePolicies({ sets: bad })).toThrow(/sets\.1\.cellVote/);
    expect(() => parsePolicies({ sets: [POLICY_SETS[1], POLICY_SETS[0]] })).toThrow(/sets\.1\.effectiveFrom/);
  });

  test('the shipped data files pass their schemas unchanged, which is what lets every workflow trust them unparsed', () => {
    expect(() => checkCharterData()).not.toThrow();
    expect(parsePolicies(policies)).toEqual(POLICY_SETS);
    const { _comment, ...holidayData } = holidays;
    expect(parseHolidays(holidays)).toEqual(holidayData);
  });

  test('two thirds rounds up', () => {
    expect(threshold({ numerator: 2, denominator: 3 }, 20)).toBe(14);
    expect(threshold({ numerator: 2, denominator: 3 }, 9)).toBe(6);
    expect(threshold({ numerator: 2, denominator: 3 }, 3)).toBe(2);
  });
});
