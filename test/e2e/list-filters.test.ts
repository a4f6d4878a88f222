/**
 * GET /cases by `overdue` and `dueBefore` on a real dev server, over cases
 * whose committee deadlines fall on different days: two long overdue, one
 * due in a few weeks, one with no deadline at all. Each filter must list
 * exactly the cases it names, the day of `dueBefore` itself included.
 */
import { addDays, localDateOf, type IsoDate } from '../../src/charter/dates';
import { SECRETARY, signedBy, STEPS } from '../../src/demo/full-case';
import { eventually, startStack, type Stack } from '../helpers/stack';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack('e2e-list-filters');
}, 120_000);
afterAll(() => stack?.stop());

const DAY = 86_400_000;
const VOTE = '2025-09-15';
const shifted = (iso: string, days: number) => new Date(Date.parse(iso) + days * DAY).toISOString().slice(0, 10);

/** Registers a case and records the dossier up to the cell's vote, every date moved by `days` (whole weeks keep weekdays). */
async function caseToVote(caseId: string, days: number) {
  const as = stack.as(SECRETARY);
  const r = await as('POST', '/cases', {
    caseId,
    profile: { fullName: `Ứng viên ${caseId}`, birthDate: '1998-04-12', education: 'higher', youthUnionMember: true },
    cellId: 'cb-thpt-a',
    registeredOn: shifted('2025-07-01', days),
  });
  expect(r.status).toBe(201);
  for (const [, step] of STEPS.slice(0, 9)) {
    const res = await as('POST', `/cases/${caseId}/commands`, {
      ...step,
      date: shifted(step.date as string, days),
      signedBy,
    });
    expect({ caseId, step: step.type, status: res.status }).toEqual({ caseId, step: step.type, status: 200 });
  }
  const c = await as('GET', `/cases/${caseId}`);
  const open = (c.body.deadlines as { open: Array<{ id: string; dueDate: string }> }).open;
  expect(open.map((d) => d.id)).toEqual(['committee_decision']);
  return open[0]!.dueDate as IsoDate;
}

async function listed(query: string): Promise<string[]> {
  const r = await stack.as(SECRETARY)('GET', `/cases?pageSize=200&${query}`);
  expect({ query, status: r.status }).toEqual({ query, status: 200 });
  return (r.body.cases as Array<{ caseId: string }>).map((c) => c.caseId).sort();
}

/** Lists are read from visibility, a moment behind the cases: ask until the answer settles, then judge it. */
async function expectListed(query: string, expected: string[]) {
  const want = [...expected].sort();
  const ids = await eventually(
    () => listed(query),
    (got) => JSON.stringify(got) === JSON.stringify(want),
  );
  expect({ query, ids }).toEqual({ query, ids: want });
}

test('overdue and dueBefore list exactly the cases they name', async () => {
  const today = localDateOf(Date.now());
  // The latest Monday on or before today with the vote's weekday: its committee deadline is weeks away.
  const weeks = Math.floor((Date.parse(today) - Date.parse(VOTE)) / (7 * DAY));
  const due: Record<'soon' | 'first' | 'second', IsoDate> = {
    // Created out of order, so a list sorted by creation could not pass for one filtered by date.
    soon: await caseToVote('lf-soon', weeks * 7),
    first: await caseToVote('lf-first', 0),
    second: await caseToVote('lf-second', 28),
  };
  const r = await stack.as(SECRETARY)('POST', '/cases', {
    caseId: 'lf-new',
    profile: { fullName: 'Ứng viên lf-new', birthDate: '1998-04-12', education: 'higher' },
    cellId: 'cb-thpt-a',
    registeredOn: today,
  });
  expect(r.status).toBe(201);
  // The data the filters are judged on: two deadlines passed on different days, one to come.
  expect(due.first < due.second && due.second < today && today < due.soon).toBe(true);

  // The two whose deadline passed have their first alert; the other two none.
  await expectListed('overdue=true', ['lf-first', 'lf-second']);
  await expectListed('overdue=false', ['lf-soon', 'lf-new']);

  // On or before the day: the day itself counts, the day before does not.
  await expectListed(`dueBefore=${addDays(due.first, -1)}`, []);
  await expectListed(`dueBefore=${due.first}`, ['lf-first']);
  await expectListed(`dueBefore=${due.second}`, ['lf-first', 'lf-second']);
  await expectListed(`dueBefore=${addDays(due.soon, -1)}`, ['lf-first', 'lf-second']);
  await expectListed(`dueBefore=${due.soon}`, ['lf-first', 'lf-second', 'lf-soon']);

  // Together: due by then and not yet overdue.
  await expectListed(`overdue=false&dueBefore=${due.soon}`, ['lf-soon']);
  await expectListed(`overdue=true&dueBefore=${due.first}`, ['lf-first']);

  // A committee sees the same through its subtree.
  const committee = await stack.as({ userId: 'du-xa-a-1', role: 'committee', orgId: 'du-xa-a' })(
    'GET',
    `/cases?overdue=true&dueBefore=${due.second}`,
  );
  expect((committee.body.cases as Array<{ caseId: string }>).map((c) => c.caseId).sort()).toEqual([
    'lf-first',
    'lf-second',
  ]);
});
