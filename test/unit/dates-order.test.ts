/**
 * Issue 16, items 3 and 8: impossible dates are refused, each by its own rule, and a date no policy set covers is a
 * refusal (policy.none), never an exception. Each rule is held at its boundary, one day on each side.
 */
import { iso } from '../../src/charter/dates';
import { policyInForce, policyOn, POLICY_SETS } from '../../src/charter/policy';
import { refusals } from '../../src/charter/rule';
import {
  dateAfterRegistration,
  decisionReceivedOn,
  policyCovers,
  registrationDates,
} from '../../src/charter/rules/steps';
import { advance, stageOf, startCase } from '../../src/machine/advance';
import { cmd, eventsUntil, HASH, refusedWith, registration, run } from '../helpers/commands';

const ids = (results: ReturnType<typeof registrationDates>) => refusals(results).map((r) => r.ruleId);

describe('the policy set before 30/7/2021 (Regulation 29-QĐ/TW, Guidance 01-HD/TW of 2016)', () => {
  test('is in force from 25/7/2016, the day 29-QĐ/TW took effect, until the 2021 set', () => {
    expect(policyInForce(iso('2016-07-24'))).toBeUndefined();
    expect(policyOn(iso('2016-07-25')).id).toBe('2016');
    expect(policyOn(iso('2021-07-29')).id).toBe('2016');
    expect(policyOn(iso('2021-07-30')).id).toBe('2021');
    expect(POLICY_SETS[0]!.sources.join(' ')).toMatch(/29-QĐ\/TW ngày 25\/7\/2016.*01-HD\/TW ngày 20\/9\/2016/);
  });

  test('holds the numbers the texts give and flags the ones they were not found in', () => {
    const p = policyById2016();
    expect(p).toMatchObject({
      age: { minMonths: 216, consentAboveMonths: 720 },
      deadlines: {
        committeeDecision: { workingDays: 60, extensionMaxWorkingDays: 30 },
        ceremony: { workingDays: 30 },
        recognitionVote: { workingDays: 30 },
        recognitionDecision: { workingDays: 30, extensionMaxWorkingDays: 30 },
      },
      recognition: { failedVotesBeforeReferral: 3 },
      readmission: { waitMonths: 36, afterCriminalRecordMonths: 60 },
    });
    expect(p.unconfirmed).toEqual(
      expect.arrayContaining(['certificateValidityMonths', 'papersValidity.introductionMonths']),
    );
  });

  test('policy.none names the date and the earliest set, in both languages', () => {
    expect(policyCovers(iso('2016-07-25')).ok).toBe(true);
    const r = policyCovers(iso('2016-07-24'));
    expect(r).toMatchObject({ ok: false, refusal: { ruleId: 'policy.none', facts: { earliest: '2016-07-25' } } });
    if (!r.ok) {
      expect(r.refusal.reason.vi).toContain('24/07/2016');
      expect(r.refusal.reason.en).toContain('25/07/2016');
    }
  });
});

function policyById2016() {
  return POLICY_SETS.find((p) => p.id === '2016')!;
}

describe('registration dates', () => {
  const today = iso('2026-11-27');
  const reg = (registeredOn: string, birthDate = '1995-04-12') => ({
    registeredOn: iso(registeredOn),
    birthDate: iso(birthDate),
  });

  test('registeredOn may be today, not tomorrow (checked only where a today is given)', () => {
    expect(ids(registrationDates(reg('2026-11-27'), today))).toEqual([]);
    expect(ids(registrationDates(reg('2026-11-28'), today))).toEqual(['registration.not_future']);
    expect(ids(registrationDates(reg('2027-05-01')))).toEqual([]);
  });

  test('the birth date comes before the registration: the day before passes, the same day does not', () => {
    expect(ids(registrationDates(reg('2026-01-10', '2026-01-09'), today))).toEqual([]);
    expect(ids(registrationDates(reg('2026-01-10', '2026-01-10'), today))).toEqual(['registration.birth_order']);
    // The probe: both in the future.
    expect(ids(registrationDates(reg('2027-05-01', '2030-01-01'), today))).toEqual([
      'registration.not_future',
      'registration.birth_order',
    ]);
  });

  test('a registration before the earliest policy set is refused, naming the field', () => {
    expect(ids(registrationDates(reg('2016-07-25'), today))).toEqual([]);
    const r = refusals(registrationDates(reg('2016-07-24'), today));
    expect(r).toMatchObject([{ ruleId: 'policy.none', facts: { field: 'registeredOn' } }]);
  });
});

describe('step dates', () => {
  test('not before the registration: the same day passes, the day before does not', () => {
    expect(dateAfterRegistration(iso('2024-01-15'), iso('2024-01-15')).ok).toBe(true);
    expect(dateAfterRegistration(iso('2024-01-14'), iso('2024-01-15'))).toMatchObject({
      ok: false,
      refusal: { ruleId: 'date.after_registration' },
    });
  });

  test('the day a decision was received lies between the decision and today', () => {
    const d = iso('2024-07-15');
    const today = iso('2024-08-01');
    expect(decisionReceivedOn(undefined, d, today).ok).toBe(true);
    expect(decisionReceivedOn(iso('2024-07-15'), d, today).ok).toBe(true);
    expect(decisionReceivedOn(iso('2024-08-01'), d, today).ok).toBe(true);
    expect(decisionReceivedOn(iso('2024-07-14'), d, today).ok).toBe(false);
    expect(decisionReceivedOn(iso('2024-08-02'), d, today).ok).toBe(false);
  });
});

describe('the machine holds every step to the registration and to the step that opened its stage', () => {
  const atDossier = () =>
    run(eventsUntil('training').concat([cmd('RECORD_CERTIFICATE', '2024-03-01', { certificateNo: 'CN-1' })]));

  test('an application dated before the certificate is refused as date.order; on its day it is accepted', () => {
    const s = atDossier();
    expect(stageOf(s)).toBe('dossier');
    expect(refusedWith(s, cmd('RECORD_APPLICATION', '2024-02-29'))).toEqual(['date.order']);
    expect(refusedWith(s, cmd('RECORD_APPLICATION', '2024-03-01'))).toEqual([]);
  });

  test('a step dated before the registration is refused as date.after_registration', () => {
    const s = startCase(registration({ registeredOn: iso('2024-01-15') }));
    expect(refusedWith(s, cmd('ENROL_COURSE', '2024-01-14', { mentor: 'X' }))).toEqual(['date.after_registration']);
    expect(refusedWith(s, cmd('ENROL_COURSE', '2024-01-15', { mentor: 'X' }))).toEqual([]);
  });

  test('a paper record may break the order: accepted, the breach kept as an irregularity', () => {
    const s = atDossier();
    const r = advance(s, cmd('RECORD_APPLICATION', '2024-02-20', { paperRecord: true }));
    expect(r).toMatchObject({ ok: true, irregularities: [{ ruleId: 'date.order' }] });
  });

  test('a paper record dated before every policy set is still refused, even out of order', () => {
    const s = startCase(registration({ registeredOn: iso('2017-01-10') }));
    const r = advance(s, cmd('ENROL_COURSE', '2016-07-24', { mentor: 'X', paperRecord: true }));
    expect(r).toMatchObject({ ok: false, refusals: [{ ruleId: 'policy.none' }] });
  });

  test('a course certificate issued in 2020 can be recorded (the 2016 set covers it)', () => {
    const s = run(
      [cmd('ENROL_COURSE', '2020-01-06', { mentor: 'X' })],
      startCase(registration({ registeredOn: iso('2019-12-02') })),
    );
    expect(stageOf(run([cmd('RECORD_CERTIFICATE', '2020-02-10', { certificateNo: 'CN-2020-1' })], s))).toBe('dossier');
  });

  test('a decision received before it was made, or after the day it is recorded, is refused even on paper', () => {
    const s = run(eventsUntil('committee_review'));
    const decision = (receivedOn: string, paperRecord = false) =>
      cmd('RECORD_COMMITTEE_DECISION', '2024-07-15', {
        decision: 'admit',
        committeeId: 'du-xa-a',
        tally: { members: 9, agree: 7, minutesHash: HASH },
        receivedOn,
        paperRecord,
      });
    expect(refusedWith(s, decision('2024-07-14'))).toContain('decision.received_on');
    expect(refusedWith(s, decision('2099-01-01', true))).toEqual(['decision.received_on']);
    expect(refusedWith(s, decision('2024-07-15'))).not.toContain('decision.received_on');
  });
});
