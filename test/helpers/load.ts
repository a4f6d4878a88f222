/**
 * Load under faults: cases driven through the dossier to the cell's vote by
 * careful clients (one Idempotency-Key per step, retried until its outcome is
 * known), and the check that every case ends exactly as its commands imply.
 * Shared by the chaos suite (dev server) and the cluster suite.
 */
import type { Client } from '@temporalio/client';
import { iso, localDateOf, type IsoDate } from '../../src/charter/dates';
import { caseHandle, CommandRefused, registerCase } from '../../src/temporal/cases';
import type { CommandInput } from '../../src/schemas/commands';
import { inboxWorkflowId, listAlertsQuery } from '../../workflows/definitions';
import { alertIdOf } from '../../src/case/alerts';
import type { CaseContext } from '../../src/schemas/case';
import { deadlineOf } from '../../src/machine/deadlines';
import { levelRaisedOn, recipientsAt } from '../../src/machine/escalation';
import { fetchCaseRuns } from '../../src/temporal/case-runs';
import { timelineOf } from '../../src/audit/timeline';
import { STEPS as FULL_CASE, signedBy } from '../../src/demo/full-case';

const recordedBy = { userId: 'bt-1', role: 'cell_secretary' };
/** The whole dossier to the cell's vote: its dates are past, so the commune's decision is overdue and its alerts are raised at once. */
export const LOAD_STEPS = FULL_CASE.slice(0, 9).map(([, s]) => ({ ...s, signedBy, recordedBy }) as CommandInput);

/** Strings of the load's candidates that must never reach a log. */
export const LOAD_PERSONAL_DATA = ['Nguyễn Văn', '1995-04-12', 'Phạm Văn Dũng', 'Hoàng Thị Em', 'Lê Văn Tâm'];

/** A Youth Union member of cb-thpt-a listed on 01/07/2025, with the commune committee deciding. */
export const backDatedRegistration = (caseId: string) => ({
  caseId,
  profile: {
    fullName: `Nguyễn Văn ${caseId}`,
    birthDate: iso('1995-04-12'),
    education: 'higher' as const,
    youthUnionMember: true,
  },
  cellId: 'cb-thpt-a',
  committeeIds: ['du-xa-a', 'tu-demo'],
  competentCommitteeId: 'du-xa-a',
  registeredOn: iso('2025-07-01') as IsoDate,
});

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * How long a careful client keeps retrying one step. Generous: on a loaded
 * machine a restarted worker takes many seconds to poll, and a case whose
 * workflow task timed out refuses Updates until a worker has run it again.
 */
const RETRY_FOR_MS = 240_000;

export interface Load {
  /** Registers each case and sends its steps, `concurrency` cases at a time. */
  drive(ids: string[], concurrency?: number): Promise<void>;
  /** Every case at the committee's review with each command once, and each alert the ladder implies raised once. */
  expectEveryCaseExact(ids: string[]): Promise<void>;
  /** Attempts that failed and overlapped a fault, and those held from before it began until after it ended. */
  hitBy(fault: [number, number]): { failed: number; held: number };
  failures(): number;
  reset(): void;
}

export function createLoad(client: Client, taskQueue: string): Load {
  /**
   * Every attempt the client made, when it started and ended and whether it
   * failed: a fault that no request ever met would prove nothing, so each test
   * checks that its outage hit live traffic.
   */
  let attempts: Array<{ start: number; end: number; failed: boolean }> = [];
  async function attempt<T>(f: () => Promise<T>): Promise<T> {
    const start = Date.now();
    try {
      const v = await f();
      attempts.push({ start, end: Date.now(), failed: false });
      return v;
    } catch (err) {
      attempts.push({ start, end: Date.now(), failed: true });
      throw err;
    }
  }

  /**
   * Sends a command until its outcome is known, as a careful client does: one
   * Idempotency-Key for the step, sent again with every retry, so a retry of a
   * step already applied is answered with its first outcome. A refusal is real:
   * these steps are all permitted, once.
   */
  async function sendSurely(caseId: string, step: CommandInput, key: string, since = Date.now(), tries = 0) {
    try {
      // A deadline shorter than an outage, as a user's patience is: an attempt the outage holds up fails and is sent
      // again. Not so short that a busy but healthy worker's answer is given up on, and the retries back off, so a
      // loaded machine does not turn slow answers into a storm of retries.
      await attempt(() => caseHandle(client, caseId).send(step, { idempotencyKey: key, timeoutMs: 5000 }));
    } catch (err) {
      if (err instanceof CommandRefused || Date.now() - since > RETRY_FOR_MS) throw err;
      await sleep(Math.min(250 * 2 ** tries, 4000));
      return sendSurely(caseId, step, key, since, tries + 1);
    }
  }

  async function registerSurely(caseId: string, since = Date.now()): Promise<void> {
    try {
      await attempt(() => registerCase(client, taskQueue, backDatedRegistration(caseId)));
    } catch (err) {
      if ((err as Error).constructor.name === 'CaseConflict') return;
      if (Date.now() - since > RETRY_FOR_MS) throw err;
      await sleep(250);
      return registerSurely(caseId, since);
    }
  }

  /**
   * The alerts the escalation ladder implies for a case at the committee's
   * decision: each level whose day has come, in order, stopping at the first the
   * ladder or the organisation chain does not have, computed by the same pure
   * functions the workflow uses from the case's own facts.
   */
  function expectedAlerts(ctx: CaseContext, today: IsoDate) {
    const deadline = deadlineOf(ctx, 'committee_decision')!;
    const alerts = [];
    for (let level = 1; ; level++) {
      const on = levelRaisedOn(ctx, deadline, level);
      if (!on || on > today) break;
      alerts.push({
        alertId: alertIdOf(ctx.caseId, deadline.id, level),
        level,
        dueDate: deadline.dueDate,
        recipients: recipientsAt(ctx, deadline, level),
      });
    }
    return alerts;
  }

  return {
    async drive(ids, concurrency = 16) {
      let next = 0;
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (next < ids.length) {
            const id = ids[next++]!;
            await registerSurely(id);
            for (const [i, step] of LOAD_STEPS.entries()) await sendSurely(id, step, `${id}:${i}`);
          }
        }),
      );
    },

    async expectEveryCaseExact(ids) {
      const today = localDateOf(Date.now());
      for (const id of ids) {
        const c = caseHandle(client, id);
        const [{ stage, context }, trail] = await Promise.all([c.snapshot(), c.trail()]);
        const commands = trail.filter((e) => e.kind === 'command').map((e) => `${e.type} ${e.date}`);
        expect({ id, stage, commands }).toEqual({
          id,
          stage: 'committee_review',
          commands: LOAD_STEPS.map((s) => `${s.type} ${s.date}`),
        });
        // The facts the ladder is computed from are the ones the commands set, not whatever the case holds.
        expect(context.cellVote?.on).toBe(LOAD_STEPS.at(-1)!.date);
        // Each alert scheduled once in the case's history (the audit's reading of it): none raised twice, none skipped.
        const timeline = await timelineOf(await fetchCaseRuns(client, id), client.options.loadedDataConverter);
        const alerts = timeline.flatMap((e) =>
          e.kind === 'alert_sent'
            ? [
                {
                  alertId: e.payload.alertId,
                  level: e.payload.level,
                  dueDate: e.payload.dueDate,
                  recipients: e.payload.recipients,
                },
              ]
            : [],
        );
        const expected = expectedAlerts(context, today);
        expect(expected.length).toBeGreaterThanOrEqual(1);
        expect({ id, alerts }).toEqual({ id, alerts: expected });
      }
      // Every case's first alert reached the deciding committee's inbox exactly once. Deliveries run beside the cases:
      // one a SIGKILL interrupted is retried only after its activity times out (30 s), so the inbox is asked until
      // every case is in it or two minutes have passed.
      const inboxHandle = client.workflow.getHandle(inboxWorkflowId('du-xa-a'));
      const firstLevelOf = async () =>
        (await inboxHandle.query(listAlertsQuery, {})).filter((a) => a.level === 1 && ids.includes(a.caseId));
      let firstLevel = await firstLevelOf();
      for (let i = 0; i < 120 && new Set(firstLevel.map((a) => a.caseId)).size < ids.length; i++) {
        await new Promise((r) => setTimeout(r, 1000));
        firstLevel = await firstLevelOf();
      }
      expect(firstLevel.map((a) => a.caseId).sort()).toEqual([...ids].sort());
    },

    hitBy: ([from, to]) => ({
      failed: attempts.filter((a) => a.failed && a.start <= to && a.end >= from).length,
      held: attempts.filter((a) => a.start < from && a.end > to).length,
    }),
    failures: () => attempts.filter((a) => a.failed).length,
    reset() {
      attempts = [];
    },
  };
}
