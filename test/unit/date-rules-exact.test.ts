/**
 * The date rules' verdicts in full: the rule id a pass names, and a refusal's
 * facts and both reasons, since the trail, the audit and the API's 422 show
 * them as they are. Boundaries: the same day passes, the day before does not.
 */
import { IsoDate, iso, wholeMonthsBetween } from '../../src/charter/dates';
import {
  dateAfterRegistration,
  decisionReceivedOn,
  policyCovers,
  registrationDates,
} from '../../src/charter/rules/steps';

test('a step on the day of the registration passes; the day before is refused, naming both days', () => {
  expect(dateAfterRegistration(iso('2024-03-01'), iso('2024-03-01'))).toEqual({
    ok: true,
    ruleId: 'date.after_registration',
  });
  expect(dateAfterRegistration(iso('2024-02-29'), iso('2024-03-01'))).toEqual({
    ok: false,
    refusal: {
      ruleId: 'date.after_registration',
      facts: { date: '2024-02-29', registeredOn: '2024-03-01' },
      reason: {
        vi: 'Ngày 29/02/2024 sớm hơn ngày đưa vào danh sách quần chúng ưu tú (01/03/2024).',
        en: '29/02/2024 is earlier than the registration (01/03/2024).',
      },
    },
  });
});

test('a date no policy set covers is refused with the earliest set, or without it when there is none', () => {
  expect(policyCovers(iso('2016-07-25'))).toEqual({ ok: true, ruleId: 'policy.none' });
  expect(policyCovers(iso('2016-07-24'))).toEqual({
    ok: false,
    refusal: {
      ruleId: 'policy.none',
      facts: { date: '2016-07-24', earliest: '2016-07-25' },
      reason: {
        vi: 'Không có bộ quy định nào có hiệu lực vào ngày 24/07/2016 (bộ sớm nhất từ 25/07/2016).',
        en: 'No policy set is in force on 24/07/2016 (the earliest starts 25/07/2016).',
      },
    },
  });
  expect(policyCovers(iso('2024-01-01'), [])).toEqual({
    ok: false,
    refusal: {
      ruleId: 'policy.none',
      facts: { date: '2024-01-01', earliest: undefined },
      reason: {
        vi: 'Không có bộ quy định nào có hiệu lực vào ngày 01/01/2024.',
        en: 'No policy set is in force on 01/01/2024.',
      },
    },
  });
});

test("a registration's dates: today is not the future, the birth must come before the listing", () => {
  const today = iso('2026-11-27');
  expect(registrationDates({ registeredOn: today, birthDate: iso('2000-01-01') }, today)).toEqual([
    { ok: true, ruleId: 'registration.not_future' },
    { ok: true, ruleId: 'registration.birth_order' },
    { ok: true, ruleId: 'policy.none' },
  ]);
  // The workflow has no "today" of its own to check against: only the birth order.
  expect(registrationDates({ registeredOn: today, birthDate: iso('2000-01-01') })).toEqual([
    { ok: true, ruleId: 'registration.birth_order' },
    { ok: true, ruleId: 'policy.none' },
  ]);
  expect(registrationDates({ registeredOn: iso('2026-11-28'), birthDate: iso('2026-11-28') }, today)).toEqual([
    {
      ok: false,
      refusal: {
        ruleId: 'registration.not_future',
        facts: { field: 'registeredOn', registeredOn: '2026-11-28', today: '2026-11-27' },
        reason: {
          vi: 'Ngày đưa vào danh sách (registeredOn) 28/11/2026 chưa đến.',
          en: 'registeredOn 28/11/2026 is in the future.',
        },
      },
    },
    {
      ok: false,
      refusal: {
        ruleId: 'registration.birth_order',
        facts: { field: 'birthDate', birthDate: '2026-11-28', registeredOn: '2026-11-28' },
        reason: {
          vi: 'Ngày sinh (birthDate) 28/11/2026 phải trước ngày đưa vào danh sách 28/11/2026.',
          en: 'birthDate 28/11/2026 must come before the registration (28/11/2026).',
        },
      },
    },
    { ok: true, ruleId: 'policy.none' },
  ]);
});

test('a registration before any policy set names the field it came from', () => {
  const [, , covered] = registrationDates(
    { registeredOn: iso('2016-01-04'), birthDate: iso('1990-01-01') },
    iso('2026-11-27'),
  );
  expect(covered).toEqual({
    ok: false,
    refusal: expect.objectContaining({
      ruleId: 'policy.none',
      facts: { field: 'registeredOn', date: '2016-01-04', earliest: '2016-07-25' },
    }),
  });
});

test('the day a decision was received lies between the decision and today, both included', () => {
  const [decided, today] = [iso('2025-01-06'), iso('2025-01-10')];
  for (const receivedOn of [undefined, decided, today])
    expect(decisionReceivedOn(receivedOn, decided, today)).toEqual({ ok: true, ruleId: 'decision.received_on' });
  expect(decisionReceivedOn(iso('2025-01-05'), decided, today)).toEqual({
    ok: false,
    refusal: {
      ruleId: 'decision.received_on',
      facts: { receivedOn: '2025-01-05', decidedOn: '2025-01-06', today: '2025-01-10' },
      reason: {
        vi: 'Ngày chi bộ nhận quyết định (05/01/2025) phải từ ngày quyết định 06/01/2025 đến hôm nay 10/01/2025.',
        en: 'The day the decision was received (05/01/2025) must lie between the decision (06/01/2025) and today (10/01/2025).',
      },
    },
  });
  expect(decisionReceivedOn(iso('2025-01-11'), decided, today).ok).toBe(false);
});

test('a date that is written right but does not exist is told apart from one written wrong', () => {
  const issue = (s: string) => IsoDate.safeParse(s).error?.issues.map((i) => i.message);
  expect(issue('2026-02-31')).toEqual(['not a real calendar date (e.g. 31/2)']);
  expect(issue('2026-13-01')).toEqual(['not a real calendar date (e.g. 31/2)']);
  expect(issue('2025-02-29')).toEqual(['not a real calendar date (e.g. 31/2)']);
  expect(issue('2024-02-29')).toBeUndefined();
  expect(issue('31/02/2026')).toEqual(['expected a date as yyyy-MM-dd', 'not a real calendar date (e.g. 31/2)']);
});

test('whole months back in time are the same count, negative; within one month they are none', () => {
  expect(wholeMonthsBetween(iso('2025-01-31'), iso('2024-01-31'))).toBe(-12);
  expect(wholeMonthsBetween(iso('2024-01-31'), iso('2025-01-30'))).toBe(11);
  expect(wholeMonthsBetween(iso('2024-03-15'), iso('2024-03-15'))).toBe(0);
  expect(wholeMonthsBetween(iso('2024-03-15'), iso('2024-04-14'))).toBe(0);
});
