/**
 * Issue 16, item 8: a case from before 30/7/2021 can be digitised, and no input leaves a workflow in a
 * failing-task loop. A workflow task that throws is retried for ever (the case hangs, the simulator never
 * returns); a history with no WorkflowTaskFailed event is the proof that none did.
 */
import fc from 'fast-check';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowHandle } from '@temporalio/client';
import { Worker } from '@temporalio/worker';
import { loadDataConverter } from '@temporalio/common/lib/internal-non-workflow';
import { temporal } from '@temporalio/proto';
import { recheck } from '../../src/audit/compliance';
import { verifyHistories } from '../../src/audit/report';
import { localDateOf } from '../../src/charter/dates';
import { withSimulator } from '../../src/simulator/run';
import { stepCommand, type StepOfCase } from '../../src/simulator/scenario';
import { caseHandle, CommandRefused, registerCase } from '../../src/temporal/cases';
import { createAlertActivities } from '../../activities';
import { bundleWorkflows, createTimeSkippingEnv } from '../helpers/temporal';
import { propertyRuns } from '../helpers/property';

const EventType = temporal.api.enums.v1.EventType;
const HASH = 'c'.repeat(64);

async function taskFailures(handle: WorkflowHandle): Promise<number> {
  const history = await handle.fetchHistory();
  return (history.events ?? []).filter((e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED).length;
}

const tally = (officialMembers: number, yes: number) => ({
  officialMembers,
  present: officialMembers,
  excusedAbsent: 0,
  yes,
  no: officialMembers - yes,
  minutesHash: HASH,
});
const introducer = (fullName: string) => ({
  kind: 'official_member',
  fullName,
  memberStatus: 'official',
  together_since: '2017-01-01',
});

/** Copied from its 2019 paper dossier; on time everywhere but the ceremony, held late without consent. */
const paper2019 = {
  name: 'paper-2019',
  caseId: 'paper-2019',
  candidate: { fullName: 'Trần Văn Giấy', birthDate: '1985-05-10', education: 'higher' },
  cell: { id: 'cb-thpt-a', committeeIds: ['du-xa-a', 'hu-a', 'tu-demo'], competentCommitteeId: 'du-xa-a' },
  registeredOn: '2019-12-02',
  steps: [
    { date: '2019-12-09', type: 'ENROL_COURSE', mentor: 'Lê Văn Tâm' },
    { date: '2020-01-20', type: 'RECORD_CERTIFICATE', certificateNo: 'CN-2020-011' },
    { date: '2020-02-03', type: 'RECORD_APPLICATION' },
    { date: '2020-02-05', type: 'RECORD_PERSONAL_HISTORY' },
    { date: '2020-02-10', type: 'RECORD_COMMENTS' },
    { date: '2020-02-12', type: 'RECORD_INTRODUCTION', slot: 1, introducer: introducer('Phạm Văn Dũng') },
    { date: '2020-02-12', type: 'RECORD_INTRODUCTION', slot: 2, introducer: introducer('Hoàng Thị Em') },
    { date: '2020-04-01', type: 'RECORD_VERIFICATION', outcome: 'pass' },
    { date: '2020-05-04', type: 'RECORD_CELL_VOTE', resolution: 'propose_admission', tally: tally(18, 16) },
    {
      date: '2020-06-15',
      type: 'RECORD_COMMITTEE_DECISION',
      decision: 'admit',
      committeeId: 'du-xa-a',
      tally: { members: 9, agree: 8, minutesHash: HASH },
    },
    { date: '2020-08-20', type: 'RECORD_CEREMONY' },
    { date: '2020-09-01', type: 'RECORD_RECOGNITION_PAPER', form: 'CN-ĐVM' },
    { date: '2021-06-20', type: 'RECORD_RECOGNITION_PAPER', form: '10-KNĐ' },
    { date: '2021-06-22', type: 'RECORD_RECOGNITION_PAPER', form: '11-KNĐ' },
    { date: '2021-06-25', type: 'RECORD_RECOGNITION_PAPER', form: '12-KNĐ' },
    { date: '2021-08-23', type: 'RECORD_RECOGNITION_VOTE', resolution: 'recognise', tally: tally(18, 17) },
    {
      date: '2021-09-06',
      type: 'RECORD_RECOGNITION_DECISION',
      decision: 'recognise',
      committeeId: 'du-xa-a',
      tally: { members: 9, agree: 8, minutesHash: HASH },
    },
  ].map((s) => ({ ...s, paperRecord: true })),
};

test('a case digitised from 2019 paper records becomes an official member, its audit naming only the late ceremony', async () => {
  let failures = -1;
  let history: Awaited<ReturnType<WorkflowHandle['fetchHistory']>> | undefined;
  const out = await withSimulator((simulate) => simulate(paper2019), {
    afterCase: async (handle) => {
      failures = await taskFailures(handle);
      history = await handle.fetchHistory();
    },
  });
  expect(out.refusals).toEqual([]);
  expect(out.finalStage).toBe('official');
  expect(out.officialSince).toBe('2021-08-20');
  // Each step under the set in force on its own date: 29-QĐ/TW's until 29/7/2021, 24-QĐ/TW's from 30/7/2021.
  expect(out.timeline.map((t) => [t.date, t.policyId])).toEqual(
    out.timeline.map((t) => [t.date, t.date! < '2021-07-30' ? '2016' : '2021']),
  );
  expect(out.timeline.filter((t) => t.policyId === '2016').length).toBeGreaterThan(10);
  expect(failures).toBe(0);

  const workflowBundle = await bundleWorkflows();
  const [verified] = await verifyHistories(
    [{ workflowId: paper2019.caseId, runs: [{ runId: 'r', history: history! }] }],
    { workflowBundle: async () => workflowBundle, dataConverter: {}, loadedDataConverter: loadDataConverter() },
  );
  expect(verified!.replays).toEqual([{ runId: 'r', ok: true }]);
  const { findings } = recheck(verified!.timeline, localDateOf(Date.now()));
  const named = findings.map((f) => `${f.kind}:${f.ruleId ?? f.deadlineId}:${f.policyId}`);
  expect(named).toEqual(
    expect.arrayContaining(['should_have_been_refused:ceremony.deadline:2016', 'deadline_met_late:ceremony:2016']),
  );
  expect(named.every((n) => n.includes('ceremony'))).toBe(true);
}, 120_000);

/* ------------------------------------------------------------------------------------------------------------ */

describe('no input leaves a workflow failing its tasks', () => {
  let env: TestWorkflowEnvironment;
  let worker: Worker;
  let running: Promise<void>;
  const taskQueue = 'dates-property';
  beforeAll(async () => {
    env = await createTimeSkippingEnv();
    worker = await Worker.create({
      connection: env.nativeConnection,
      namespace: env.namespace ?? 'default',
      taskQueue,
      workflowBundle: await bundleWorkflows(),
      activities: createAlertActivities({ client: env.client, taskQueue, webhooks: { urls: {}, secret: '' } }),
    });
    running = worker.run();
  }, 60_000);
  afterAll(async () => {
    worker?.shutdown();
    await running;
    await env?.teardown();
  });

  const day = fc
    .date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));
  /** The happy path's commands, each with a date anywhere in 1990–2100, in any order, some from paper. */
  const commandArb = fc.record({
    step: fc.constantFrom(...paper2019.steps.map(({ date: _d, paperRecord: _p, ...rest }) => rest)),
    date: day,
    paperRecord: fc.boolean(),
    receivedOn: fc.option(day, { nil: undefined }),
  });
  let n = 0;

  test('every registration and command dated 1990–2100 either advances the case or is refused, and no task fails', async () => {
    for (const params of propertyRuns(30))
      await fc.assert(
        fc.asyncProperty(day, day, fc.array(commandArb, { maxLength: 6 }), async (registeredOn, birthDate, cmds) => {
          const caseId = `prop-${++n}`;
          await registerCase(env.client, taskQueue, {
            caseId,
            profile: { fullName: 'Thử Nghiệm', birthDate, education: 'higher' },
            cellId: 'cb-thpt-a',
            committeeIds: ['du-xa-a', 'hu-a', 'tu-demo'],
            registeredOn,
            youthUnionExists: true,
          } as never);
          const c = caseHandle(env.client, caseId);
          const refusedAtStart = registeredOn < '2016-07-25' || birthDate >= registeredOn;
          if (refusedAtStart) {
            // A clean refusal fails the run once, with the rule named; it is never retried.
            await expect(c.handle.result()).rejects.toMatchObject({
              cause: { message: expect.stringMatching(/^(policy\.none|registration\.birth_order):/) },
            });
          } else {
            for (const { step, date, paperRecord, receivedOn } of cmds) {
              const command = stepCommand({
                ...step,
                date,
                paperRecord,
                ...(step.type === 'RECORD_COMMITTEE_DECISION' && receivedOn ? { receivedOn } : {}),
              } as StepOfCase);
              const before = await c.snapshot();
              try {
                await c.send(command);
              } catch (err) {
                if (!(err instanceof CommandRefused)) throw err;
                // A refused command leaves the case exactly as it was.
                expect(await c.snapshot()).toEqual(before);
              }
            }
            await c.stage(); // answers: the workflow is not stuck in a task
          }
          expect(await taskFailures(c.handle)).toBe(0);
        }),
        params,
      );
  }, 600_000);
});
