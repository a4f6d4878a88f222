/**
 * A committee's inbox lives for as long as the committee does, so it
 * continues as new whenever its history grows long: every alert it holds
 * must cross over unchanged, and only closed, acknowledged alerts closed
 * more than 400 days before the crossing are dropped.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { temporal } from '@temporalio/proto';
import { addDays, localDateOf, startOfLocalDay, type IsoDate } from '../../src/charter/dates';
import { alertIdOf } from '../../src/case/alerts';
import { type Alert, type Delivery } from '../../src/schemas/alert';
import type { InboxState } from '../../src/schemas/inbox';
import { acknowledgeUpdate, deliveriesSignal, inboxWorkflowId, listAlertsQuery } from '../../workflows/definitions';
import type { committeeInbox } from '../../workflows/committee-inbox';
import { startScratchServer } from '../helpers/scratch-server';
import { bundleWorkflows, createTimeSkippingEnv } from '../helpers/temporal';

const { EventType, WorkflowTaskFailedCause } = temporal.api.enums.v1;
const taskQueue = 'inbox-tests';
const committeeId = 'du-xa-inbox';
let env: TestWorkflowEnvironment;
let worker: Worker;
let running: Promise<void>;

beforeAll(async () => {
  env = await createTimeSkippingEnv();
  worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: await bundleWorkflows(),
  });
  running = worker.run();
});
afterAll(async () => {
  worker?.shutdown();
  await running;
  await env?.teardown();
});

function alert(caseId: string, deadlineKind: string, level: number, dueDate: IsoDate): Alert {
  return {
    alertId: alertIdOf(caseId, deadlineKind, level),
    caseId,
    deadlineId: deadlineKind,
    deadlineKind,
    dueDate,
    level,
    answerBy: 'cb-inbox',
    recipients: [committeeId],
    raisedOn: addDays(dueDate, 1),
    summary: { vi: `${caseId} quá hạn`, en: `${caseId} overdue` },
  };
}

test('an inbox past its history limit continues as new with its alerts, dropping only acknowledged ones closed over 400 days ago', async () => {
  // Noon in Hà Nội, so "today" cannot turn over between the alerts written here and the crossing.
  const now = await env.currentTimeMs();
  let today = localDateOf(now);
  if (startOfLocalDay(today).getTime() + 12 * 3600_000 < now + 3600_000) today = addDays(today, 1);
  await env.sleep(startOfLocalDay(today).getTime() + 12 * 3600_000 - now);
  expect(localDateOf(await env.currentTimeMs())).toBe(today);
  const ago = (days: number) => addDays(today, -days);

  const closure = (a: Alert, closedOn: IsoDate) => ({
    caseId: a.caseId,
    deadlineId: a.deadlineId,
    closedOn,
    workingDaysLate: 3,
    recipients: [committeeId],
  });
  // Pruned: closed 401 days ago and acknowledged, at each of two levels.
  const old1 = alert('old', 'ceremony', 1, ago(420));
  const old2 = alert('old', 'ceremony', 2, ago(410));
  // Kept: closed exactly 400 days ago; closed long ago but never acknowledged; open though acknowledged; open.
  const edge = alert('edge', 'committee_decision', 1, ago(430));
  const unread = alert('unread', 'recognition_vote', 1, ago(900));
  const seen = alert('seen', 'recognition_decision', 1, ago(700));
  const fresh = alert('fresh', 'transfer_start', 1, ago(2));

  await env.client.workflow.signalWithStart<typeof committeeInbox, [Delivery[]]>('committeeInbox', {
    workflowId: inboxWorkflowId(committeeId),
    taskQueue,
    args: [{ committeeId, entries: [], historyLimit: 60 } satisfies InboxState],
    signal: deliveriesSignal,
    signalArgs: [[{ raise: old1 }]],
  });
  // Not bound to a run: it follows the inbox across continue-as-new.
  const handle = env.client.workflow.getHandle(inboxWorkflowId(committeeId));
  const firstRunId = (await handle.describe()).runId;
  await handle.signal(deliveriesSignal, [
    { raise: old2 },
    { raise: edge },
    { raise: unread },
    { raise: seen },
    { close: closure(old1, ago(401)) },
    { close: closure(edge, ago(400)) },
  ]);
  await handle.signal(deliveriesSignal, [{ raise: fresh }]);
  await handle.signal(deliveriesSignal, [{ close: closure(unread, ago(800)) }]);
  for (const a of [old1, old2, edge, seen])
    await handle.executeUpdate(acknowledgeUpdate, { args: [{ alertId: a.alertId, by: 'chanh-vp', on: ago(1) }] });

  const before = await handle.query(listAlertsQuery, { status: 'all' });
  expect(before.map((e) => [e.alertId, e.status, e.closedOn, e.acknowledged !== null]).sort()).toEqual(
    [
      [old1.alertId, 'closed', ago(401), true],
      [old2.alertId, 'closed', ago(401), true],
      [edge.alertId, 'closed', ago(400), true],
      [unread.alertId, 'closed', ago(800), false],
      [seen.alertId, 'open', null, true],
      [fresh.alertId, 'open', null, false],
    ].sort(),
  );
  expect((await handle.describe()).runId).toBe(firstRunId);

  // A repeated alert changes nothing but lengthens the history. Signals that land while the inbox is
  // continuing as new make the server refuse that task (it must see them first), so they stop once the
  // history is past the limit and the inbox is left to cross over. The inbox reads the length as of its task's
  // start, one event short of what `describe` shows once that task has completed: stopping at 61 could leave
  // its last task at exactly 60, not past the limit, with no signal left to wake it.
  for (let i = 0; i < 20 && (await handle.describe()).historyLength <= 61; i++)
    await handle.signal(deliveriesSignal, [{ raise: fresh }]);
  let runId = firstRunId;
  // Up to a minute: on a loaded machine (a whole suite beside it) the crossing took longer than ten seconds.
  for (let i = 0; i < 600 && runId === firstRunId; i++) {
    await new Promise((r) => setTimeout(r, 100));
    runId = (await handle.describe()).runId;
  }
  expect(runId).not.toBe(firstRunId);
  const first = await env.client.workflow.getHandle(inboxWorkflowId(committeeId), firstRunId).fetchHistory();
  expect(EventType[first.events!.at(-1)!.eventType!]).toBe('EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW');
  expect(first.events!.length).toBeGreaterThan(60);

  const pruned = new Set([old1.alertId, old2.alertId]);
  expect(await handle.query(listAlertsQuery, { status: 'all' })).toEqual(before.filter((e) => !pruned.has(e.alertId)));

  // The new run keeps taking alerts, and still knows the ones it carried over.
  await handle.signal(deliveriesSignal, [{ raise: fresh }]);
  const next = alert('next', 'ceremony', 1, ago(1));
  await handle.signal(deliveriesSignal, [{ raise: next }]);
  const after = await handle.query(listAlertsQuery, { status: 'open' });
  expect(after.map((e) => e.alertId).sort()).toEqual([fresh.alertId, next.alertId, seen.alertId].sort());
});

/**
 * A signal that lands while the continue-as-new task is in flight makes the server refuse that task
 * (UNHANDLED_COMMAND); the inbox replays with the signal and continues as new again. A real server then holds
 * further signals back (the client retries them) until the retried task completes, so the crossing converges.
 * The time-skipping test server has no such hold, and under steady signals it refuses every retry; so this test
 * runs on a dev server, the kind the inbox runs on in production.
 */
test('alerts that keep arriving while the inbox continues as new are all carried over, and the crossing still happens', async () => {
  const { config, discard } = await startScratchServer('inbox-steady');
  const connection = await NativeConnection.connect({ address: config.address });
  const devWorker = await Worker.create({ connection, taskQueue, workflowBundle: await bundleWorkflows() });
  const devRunning = devWorker.run();
  const client = new Client({ connection: await Connection.connect({ address: config.address }) });
  try {
    const steadyId = 'du-xa-steady';
    const handle = client.workflow.getHandle(inboxWorkflowId(steadyId));
    const runHistory = async (runId: string) =>
      (await client.workflow.getHandle(inboxWorkflowId(steadyId), runId).fetchHistory()).events!;
    await client.workflow.start<typeof committeeInbox>('committeeInbox', {
      workflowId: inboxWorkflowId(steadyId),
      taskQueue,
      args: [{ committeeId: steadyId, entries: [], historyLimit: 40 } satisfies InboxState],
    });
    const yesterday = addDays(localDateOf(Date.now()), -1);

    // Several senders, as several cases' alert activities are, none pausing for a crossing. A signal the server
    // refuses at its limit of signals per run (never delivered) is sent again, as the alert activity's retry
    // policy does.
    const sent: string[] = [];
    let stop = false;
    const signalLimit = /exceeded workflow execution limit for signal events/;
    // Each sender pauses between alerts, as an alert activity does between its cases. Flat out, six senders
    // starved every crossing on a quiet machine until the dev server terminated the run (10,014 events).
    const SENDER_PAUSE_MS = 50;
    const sender = async (n: number) => {
      for (let i = 0; !stop; i++) {
        const a = { ...alert(`steady-${n}-${i}`, 'ceremony', 1, yesterday), recipients: [steadyId] };
        for (;;) {
          const refused = await handle.signal(deliveriesSignal, [{ raise: a }]).then(
            () => false,
            (err: unknown) => {
              if (!(err instanceof Error) || !signalLimit.test(String(err.cause ?? err.message))) throw err;
              return true;
            },
          );
          if (!refused) break;
          await new Promise((r) => setTimeout(r, 200));
        }
        sent.push(a.alertId);
        await new Promise((r) => setTimeout(r, SENDER_PAUSE_MS));
      }
    };
    const senders = [0, 1, 2, 3, 4, 5].map(sender);

    // Until the server has refused a continue-as-new and the inbox has crossed over anyway, or, on a machine
    // where no signal happened to land in a crossing's task, until it has crossed seven times under the load.
    const runs = [(await handle.describe()).runId];
    const refusedIn: string[] = [];
    const until = Date.now() + 120_000;
    const enough = () => (refusedIn.length > 0 && runs.length >= 3) || runs.length >= 8;
    while (!enough() && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 50));
      const runId = (await handle.describe()).runId;
      if (runId === runs.at(-1)) continue;
      const ended = await runHistory(runs.at(-1)!);
      expect(EventType[ended.at(-1)!.eventType!]).toBe('EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW');
      const refusals = ended.filter(
        (e) =>
          e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED &&
          e.workflowTaskFailedEventAttributes?.cause ===
            WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_UNHANDLED_COMMAND,
      );
      if (refusals.length > 0) refusedIn.push(runs.at(-1)!);
      runs.push(runId);
    }
    stop = true;
    await Promise.all(senders);

    expect(runs.length).toBeGreaterThanOrEqual(3);
    // Every alert sent is held exactly once, whichever run it reached.
    const held = (await handle.query(listAlertsQuery, { status: 'all' })).map((e) => e.alertId);
    expect(held).toHaveLength(sent.length);
    expect(held.sort()).toEqual([...sent].sort());
  } finally {
    devWorker.shutdown();
    await devRunning;
    await client.connection.close();
    await connection.close();
    await discard();
  }
}, 240_000);

test('a closure that lands before its raise (two deliveries of a case run apart) still closes it, and the next level too', async () => {
  const id = 'du-xa-order';
  await env.client.workflow.start<typeof committeeInbox>('committeeInbox', {
    workflowId: inboxWorkflowId(id),
    taskQueue,
    args: [{ committeeId: id, entries: [] } satisfies InboxState],
  });
  const handle = env.client.workflow.getHandle(inboxWorkflowId(id));
  const today = localDateOf(await env.currentTimeMs());
  const late = alert('case-order', 'committee_decision', 1, addDays(today, -10));
  const other = alert('case-order', 'ceremony', 1, addDays(today, -3));
  const closure = {
    caseId: late.caseId,
    deadlineId: late.deadlineId,
    closedOn: today,
    workingDaysLate: 2,
    recipients: [id],
  };
  await handle.signal(deliveriesSignal, [{ close: closure }]);
  await handle.signal(deliveriesSignal, [{ raise: late }, { raise: other }]);
  await handle.signal(deliveriesSignal, [{ raise: alert('case-order', 'committee_decision', 2, addDays(today, -10)) }]);
  const entries = await handle.query(listAlertsQuery, {});
  expect(entries.map((e) => [e.alertId, e.status, e.closedOn])).toEqual([
    ['case-order/committee_decision/L1', 'closed', today],
    ['case-order/committee_decision/L2', 'closed', today],
    ['case-order/ceremony/L1', 'open', null],
  ]);
  await handle.terminate('test done');
});
