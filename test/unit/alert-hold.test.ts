/** The grace period's bookkeeping without a server: what is held, withdrawn, narrowed and released. */
import { AlertHold, graceMsOn, graceSummary, heldAlertIds } from '../../src/case/alert-hold';
import { iso } from '../../src/charter/dates';
import { alertIdOf } from '../../src/case/alerts';
import { type Alert, type AlertClosure } from '../../src/schemas/alert';

const alert = (deadlineId: string, level: number, recipients: string[]): Alert => ({
  alertId: alertIdOf('c', deadlineId, level),
  caseId: 'c',
  deadlineId,
  deadlineKind: deadlineId,
  dueDate: iso('2025-12-10'),
  level,
  answerBy: 'cb',
  recipients,
  raisedOn: iso('2026-11-28'),
  summary: { vi: 'hạn', en: 'due' },
});
const closure = (deadlineId: string, recipients: string[]): AlertClosure => ({
  caseId: 'c',
  deadlineId,
  closedOn: iso('2026-11-28'),
  workingDaysLate: 0,
  recipients,
});

test('a raise closed within its grace is withdrawn with its closure; one left open is released when the grace ends', () => {
  const hold = new AlertHold();
  const l1 = alert('ceremony', 1, ['cb', 'du']);
  const other = alert('committee_decision', 1, ['du', 'hu']);
  expect(hold.admit([{ raise: l1 }, { raise: other }], 0, 1000)).toEqual({ send: [], held: [l1, other] });
  expect(hold.admit([{ close: closure('ceremony', ['cb', 'du']) }], 10, 1000)).toEqual({ send: [], held: [] });
  expect(hold.release(999)).toEqual([]);
  expect(hold.release(1000)).toEqual([{ raise: other }]);
  expect(hold.size).toBe(0);
});

test('a closure after a level already sent goes only to the committees that level reached', () => {
  const hold = new AlertHold();
  hold.admit([{ raise: alert('ceremony', 2, ['hu']) }], 0, 1000);
  const { send } = hold.admit([{ close: closure('ceremony', ['cb', 'du', 'hu']) }], 5, 1000);
  expect(send).toEqual([{ close: closure('ceremony', ['cb', 'du']) }]);
  // A closure of a deadline nothing holds passes as it is.
  expect(hold.admit([{ close: closure('ceremony', ['cb']) }], 6, 1000).send).toEqual([
    { close: closure('ceremony', ['cb']) },
  ]);
});

test("the grace is the policy's (30 minutes) unless the registration overrides it; timers name what they hold", () => {
  expect(graceMsOn(iso('2026-11-28'), undefined)).toBe(30 * 60_000);
  expect(graceMsOn(iso('2026-11-28'), 0)).toBe(0);
  const s = graceSummary([alert('ceremony', 1, ['cb']), alert('ceremony', 2, ['hu'])], 30 * 60_000);
  expect(heldAlertIds(s)).toEqual({ minutes: 30, alertIds: ['c/ceremony/L1', 'c/ceremony/L2'] });
  expect(heldAlertIds('probation ends 12/05/2027')).toBeNull();
});
