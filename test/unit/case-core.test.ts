/**
 * The case's pure core, with no server: steps taken or refused, the ledger of
 * deadlines, the escalation ladder's wakes and the alerts and closures they
 * produce, probation ending on its day, and the search attributes.
 */
import { iso, startOfLocalDay, type IsoDate } from '../../src/charter/dates';
import {
  changedSearchAttributes,
  openCase,
  openNow,
  searchAttributesOf,
  stageOfCase,
  type CaseState,
  type Clock,
} from '../../src/case/state';
import { TypedSearchAttributes } from '@temporalio/common';
import { takeStep } from '../../src/case/step';
import { nextWake, runWake } from '../../src/case/wake';
import { readStep, recordedFor } from '../../src/case/requests';
import { SA } from '../../src/schemas/search-attributes';
import type { MachineEvent } from '../../src/schemas/commands';
import { eventsUntil, HAPPY_PATH, registration } from '../helpers/commands';

const clockOn = (today: string): Clock => ({ at: `${today}T03:00:00.000Z`, today: iso(today) });

function taken(events: MachineEvent[], s: CaseState = openCase(registration(), clockOn('2024-01-05'))): CaseState {
  for (const e of events) {
    const r = takeStep(s, e, 'command', clockOn(e.recordedOn));
    if (!r.ok) throw new Error(`${e.type}: ${JSON.stringify(r.refusals)}`);
    s = r.state;
  }
  return s;
}
const attribute = (s: CaseState, key: (typeof SA)[keyof typeof SA]) =>
  searchAttributesOf(s).find((p) => p.key.name === key.name)?.value;

test('a registered case: its trail opens with the registration, no deadline, searchable by cell and chain', () => {
  const s = openCase(registration(), clockOn('2024-01-05'));
  expect(s.trail).toEqual([
    expect.objectContaining({ seq: 1, kind: 'registered', date: '2024-01-05', stageAfter: 'source', policyId: '2021' }),
  ]);
  expect(s.ledger).toEqual([]);
  expect(attribute(s, SA.stage)).toBe('source');
  expect(attribute(s, SA.committees)).toEqual(['du-xa-a', 'hu-a', 'tu-demo']);
  expect(attribute(s, SA.nextDue)).toBeNull();
  expect(nextWake(s)).toBeUndefined();
});

test('a refused step changes nothing; an accepted one goes into the trail with its event and who asked', () => {
  const s = taken(eventsUntil('cell_vote'));
  const vote = HAPPY_PATH.find(([e]) => e.type === 'RECORD_CELL_VOTE')![0];
  const early = takeStep(s, { ...vote, date: iso('2024-05-01') }, 'command', clockOn('2024-06-05'));
  expect(early.ok ? [] : early.refusals.map((r) => r.ruleId)).toEqual(['date.order']);

  const request = { key: 'k-123456789', fingerprint: 'f' };
  const r = takeStep(s, vote, 'command', clockOn('2024-06-05'), { request, updateId: 'u-1' });
  if (!r.ok) throw new Error('refused');
  expect(r.entry).toMatchObject({
    kind: 'command',
    type: 'RECORD_CELL_VOTE',
    stageBefore: 'cell_vote',
    stageAfter: 'committee_review',
    event: vote,
    updateId: 'u-1',
    request,
  });
  expect(r.state.trail.at(-1)).toBe(r.entry);
  expect(s.trail).toHaveLength(r.state.trail.length - 1);
  expect(recordedFor(r.state.trail, request)).toEqual({ entry: r.entry, reused: false });
  expect(recordedFor(r.state.trail, { ...request, fingerprint: 'g' })).toEqual({ entry: r.entry, reused: true });
  expect(recordedFor(r.state.trail, undefined)).toBeUndefined();
  // The ledger opens the committee's deadline: 60 working days from the vote.
  expect(r.state.ledger).toEqual([
    expect.objectContaining({ id: 'committee_decision', dueDate: '2024-08-28', metOn: null, level: 0 }),
  ]);
  expect(attribute(r.state, SA.nextDue)).toEqual(startOfLocalDay(iso('2024-08-28')));
});

test("an activation upserts only the search attributes that differ from the run's", () => {
  const before = taken(eventsUntil('cell_vote'));
  const run = new TypedSearchAttributes().updateCopy(searchAttributesOf(before));
  expect(changedSearchAttributes(before, run)).toEqual([]);
  const after = taken([HAPPY_PATH.find(([e]) => e.type === 'RECORD_CELL_VOTE')![0]], before);
  // The vote moves the stage and opens the committee's deadline; the cell, the chain and the rest stay.
  expect(changedSearchAttributes(after, run).map((p) => p.key.name)).toEqual([SA.stage.name, SA.nextDue.name]);
  // A run started before its first task has none set: every attribute with a value is sent.
  expect(changedSearchAttributes(before, new TypedSearchAttributes()).map((p) => p.key.name)).toEqual(
    [SA.stage, SA.cell, SA.committees, SA.overdueLevel].map((k) => k.name),
  );
});

test('the escalation ladder: a wake per level, each alert to the next committee, closed when the step is done', () => {
  let s = taken(eventsUntil('committee_review'));
  const raised: Array<[IsoDate, number, string[]]> = [];
  for (let w = nextWake(s); w; w = nextWake(s)) {
    expect(w).toMatchObject({ kind: 'alert', deadlineId: 'committee_decision', level: raised.length + 1 });
    const r = runWake(s, w, clockOn(w.on));
    const alert = 'raise' in r.deliveries[0]! ? r.deliveries[0].raise : undefined;
    raised.push([w.on, alert!.level, alert!.recipients]);
    s = r.state;
  }
  // Due 28/8/2024: level 1 the next working day to the commune and its superior; level 2 ten working days after
  // the due date (2 and 3 September are the National Day holiday) to the province; the chain ends there.
  expect(raised).toEqual([
    ['2024-08-29', 1, ['du-xa-a', 'hu-a']],
    ['2024-09-13', 2, ['tu-demo']],
  ]);
  expect(attribute(s, SA.overdueLevel)).toBe(2);
  expect(s.trail.filter((t) => t.kind === 'alert')).toHaveLength(2);

  const decision = HAPPY_PATH.find(([e]) => e.type === 'RECORD_COMMITTEE_DECISION')![0];
  const r = takeStep(
    s,
    { ...decision, date: iso('2024-10-01'), recordedOn: iso('2024-10-01') },
    'command',
    clockOn('2024-10-01'),
  );
  if (!r.ok) throw new Error(JSON.stringify(r.refusals));
  expect(r.deliveries).toEqual([
    {
      close: expect.objectContaining({
        deadlineId: 'committee_decision',
        closedOn: '2024-10-01',
        recipients: expect.arrayContaining(['du-xa-a', 'hu-a', 'tu-demo']),
      }),
    },
  ]);
  // The closure's trail entry comes before the step that closed it.
  expect(r.state.trail.slice(-2).map((t) => t.kind)).toEqual(['alert_closed', 'command']);
  expect(attribute(r.state, SA.overdueLevel)).toBe(0);
});

test("probation ends by the case's own wake on its day, as a system step", () => {
  let s = taken(eventsUntil('probation'));
  // The happy path records no helper's assessment: their deadlines alert first, each on its own day.
  let w = nextWake(s)!;
  for (; w.kind === 'alert'; w = nextWake(s)!) {
    expect(w.deadlineId).toMatch(/^helper_assessment#/);
    s = runWake(s, w, clockOn(w.on)).state;
  }
  expect(w).toMatchObject({ kind: 'probation_end', on: '2025-08-02' });
  const r = runWake(s, w, clockOn('2025-08-02'));
  expect(stageOfCase(r.state)).toBe('recognition_vote');
  expect(r.state.trail.at(-1)).toMatchObject({ kind: 'system', type: 'PROBATION_ENDED', date: '2025-08-02' });
  expect(openNow(r.state).map((d) => d.kind)).toEqual(['recognition_vote']);
});

test('a replayed step is read as it was, however strictly its fields are checked today', () => {
  const raw = { ...HAPPY_PATH[0]![0], mentor: '\u0000' };
  expect(readStep(raw, iso('2024-02-01'), false).ok).toBe(false);
  expect(readStep(raw, iso('2024-02-01'), true)).toEqual({
    ok: true,
    value: expect.objectContaining({ mentor: '\u0000', acceptedEarlier: true, recordedOn: '2024-02-01' }),
  });
});
