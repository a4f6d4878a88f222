/**
 * The audit run over the replay corpus, histories of cases built to show each
 * thing an auditor looks for: a clean case has no findings, every kind of late
 * deadline is measured in working days, a case copied from irregular paper
 * records shows each irregularity, and the state on a past date is right.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadDataConverter } from '@temporalio/common/lib/internal-non-workflow';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { stateAsOf } from '../../src/audit/as-of';
import { recheck } from '../../src/audit/compliance';
import { verifyHistories } from '../../src/audit/report';
import { iso } from '../../src/charter/dates';
import { bundleWorkflows } from '../helpers/temporal';

let workflowBundle: WorkflowBundleWithSourceMap;
beforeAll(async () => {
  workflowBundle = await bundleWorkflows();
});

async function audit(name: string) {
  const history = historyFromJSON(
    JSON.parse(readFileSync(join(__dirname, '..', 'histories', 'v3', `${name}.json`), 'utf8')),
  );
  const [verified] = await verifyHistories([{ workflowId: name, runs: [{ runId: name, history }] }], {
    workflowBundle: async () => workflowBundle,
    dataConverter: {},
    loadedDataConverter: loadDataConverter(),
  });
  expect(verified!.replays).toEqual([{ runId: name, ok: true }]);
  // Judged on a fixed day, so the findings do not change as the calendar moves on.
  return { timeline: verified!.timeline, ...recheck(verified!.timeline, iso('2026-11-23')) };
}

const kinds = (findings: Array<{ kind: string; ruleId?: string; deadlineId?: string }>) =>
  findings.map((f) => `${f.kind} ${f.ruleId ?? f.deadlineId}`).sort();

test('the happy path and the charter worked examples on time audit clean', async () => {
  for (const name of ['01-happy-path-official', '08-deadlock-referred', '09-probation-discipline-removed'])
    expect({ name, findings: (await audit(name)).findings }).toEqual({ name, findings: [] });
});

test('every kind of late deadline is a finding with its working days late', async () => {
  const { findings, steps } = await audit('22-every-deadline-late');
  expect(findings.map((f) => [f.deadlineId, f.facts.dueDate, f.facts.metOn, f.facts.workingDaysLate])).toEqual([
    ['committee_decision', '2025-02-03', '2025-02-14', 9],
    ['ceremony', '2025-03-28', '2025-04-15', 11],
    ['helper_assessment#1', '2025-07-15', '2025-07-28', 9],
    ['helper_assessment#2', '2025-10-15', '2025-10-30', 11],
    ['helper_assessment#3', '2026-01-15', '2026-01-26', 7],
    ['recognition_vote', '2026-06-01', '2026-06-15', 10],
    ['recognition_decision', '2026-07-27', '2026-09-15', 34],
  ]);
  expect(new Set(findings.map((f) => f.kind))).toEqual(new Set(['deadline_met_late']));
  expect(steps.at(-1)!.review.stageAfter).toBe('official');
});

test('a case copied from irregular paper records shows each irregularity, by the rules in force on its date', async () => {
  const { findings, steps } = await audit('23-paper-records-irregular');
  expect(kinds(findings)).toEqual([
    'deadline_met_late committee_decision',
    'deadline_overdue ceremony',
    'paper_expired papers.introduction_valid',
    'should_have_been_refused age.minimum',
    'vote_below_two_thirds cell_vote.two_thirds',
  ]);
  expect(findings.find((f) => f.ruleId === 'age.minimum')).toMatchObject({
    step: 'RECORD_CELL_VOTE',
    date: '2025-06-02',
    policyId: '2021',
    reason: { vi: expect.stringContaining('18'), en: expect.any(String) },
  });
  expect(steps.every((s) => s.review.paperRecord)).toBe(true);
});

test('the state on a past date: stage, open deadlines and which were overdue, open alerts', async () => {
  const replayed = await audit('21-in-flight-recognition-vote-overdue');
  const onDate = (d: string) => stateAsOf(replayed, replayed.timeline, iso(d));
  expect(onDate('2024-02-01')).toMatchObject({ registered: false, stage: null });
  expect(onDate('2024-11-15')).toMatchObject({
    stage: 'committee_review',
    deadlines: [{ kind: 'committee_decision', dueDate: '2025-02-03', overdue: false }],
  });
  // Probation ended on 13/02/2026 by the workflow's timer; no step moved the case.
  expect(onDate('2026-03-01')).toMatchObject({ stage: 'recognition_vote', deadlines: [{ kind: 'recognition_vote' }] });
  const late = onDate('2026-04-20');
  expect(late.deadlines).toEqual([
    expect.objectContaining({ kind: 'recognition_vote', dueDate: '2026-04-03', overdue: true }),
  ]);
  expect(late.openAlerts.map((a) => [a.deadlineKind, a.level])).toEqual([['recognition_vote', 2]]);
});
