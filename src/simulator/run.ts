/**
 * Runs a scenario for real: the time-skipping test server, the real worker
 * and workflow, and the real alert activities; time is skipped to each
 * step's date, so deadlines pass and alerts fire exactly as they would.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowHandle } from '@temporalio/client';
import { Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { startOfLocalDay, type IsoDate } from '../charter/dates';
import { caseHandle, CommandRefused, registerCase } from '../temporal/cases';
import { bundleWorkflows } from '../temporal/bundle';
import { createTimeSkippingEnv } from '../temporal/test-env';
import { createAlertActivities } from '../../activities';
import { TERMINAL_STAGES } from '../schemas/stages';
import type { CorrectionInput } from '../schemas/correction';
import { CORRECT_STEP } from '../schemas/correction-kind';
import { registrationOf, Scenario, SimulationOutput, SIMULATOR, stepCommand, type CorrectionStep } from './scenario';

/** Steps happen at 09:00 in Hà Nội: well inside the day whatever the server's zone. */
const stepInstant = (d: IsoDate) => startOfLocalDay(d).getTime() + 9 * 3600_000;

export interface SimulatorHooks {
  /** Runs while the case's server is still up (e.g. to save its history). */
  afterCase?: (handle: WorkflowHandle, scenario: Scenario) => Promise<void>;
  /** Another build of the workflow code than the shipped one (the tests record an earlier release's behaviour). */
  workflowBundle?: WorkflowBundleWithSourceMap;
}

/**
 * Runs scenarios one after another, each on a fresh time-skipping server
 * (the workflow bundle is built once). A shared server would be faster on
 * paper, but the Java test server leaks its time-skipping lock when a run is
 * terminated with a task in flight, and every later skip then crawls at
 * nearly real speed (temporalio/sdk-java#1138, #3088); a fresh JVM costs
 * under a second and makes every scenario independent of the ones before.
 */
export async function withSimulator<T>(
  body: (simulate: (raw: unknown) => Promise<SimulationOutput>) => Promise<T>,
  hooks: SimulatorHooks = {},
): Promise<T> {
  const workflowBundle = hooks.workflowBundle ?? (await bundleWorkflows());
  return body(async (raw) => {
    const scenario = Scenario.parse(raw);
    const env = await createTimeSkippingEnv();
    try {
      const taskQueue = 'simulate';
      const worker = await Worker.create({
        connection: env.nativeConnection,
        namespace: env.namespace ?? 'default',
        taskQueue,
        workflowBundle,
        activities: createAlertActivities({ client: env.client, taskQueue, webhooks: { urls: {}, secret: '' } }),
      });
      return await worker.runUntil(async () => {
        const output = await run(env, taskQueue, scenario);
        await hooks.afterCase?.(caseHandle(env.client, scenario.caseId).handle, scenario);
        return output;
      });
    } finally {
      await env.teardown();
    }
  });
}

function correctionOf(step: CorrectionStep, seqs: Map<number, number>): CorrectionInput {
  const seq = seqs.get(step.corrects);
  if (seq === undefined) throw new Error(`CORRECT_STEP on ${step.date}: step ${step.corrects} was not accepted`);
  return {
    type: CORRECT_STEP,
    seq,
    step: stepCommand(step.step),
    reason: step.reason,
    recordedBy: step.recordedBy ?? SIMULATOR,
  };
}

export function simulate(raw: unknown): Promise<SimulationOutput> {
  return withSimulator((sim) => sim(raw));
}

async function run(env: TestWorkflowEnvironment, taskQueue: string, s: Scenario): Promise<SimulationOutput> {
  const offset = stepInstant(s.registeredOn) - (await env.currentTimeMs());
  const caseTime = async () => (await env.currentTimeMs()) + offset;
  const skipTo = async (instant: number) => {
    const ms = instant - (await caseTime());
    if (ms > 0) await env.sleep(ms);
  };

  await registerCase(env.client, taskQueue, registrationOf(s), { clockOffsetMs: offset });
  const c = caseHandle(env.client, s.caseId);
  const refusals: SimulationOutput['refusals'] = [];
  let ended = false;
  /** Each accepted step's number in the case's trail, by its index in the scenario, for corrections to name. */
  const seqs = new Map<number, number>();
  for (const [i, step] of s.steps.entries()) {
    await skipTo(stepInstant(step.date));
    try {
      const accepted = await c.send(step.type === CORRECT_STEP ? correctionOf(step, seqs) : stepCommand(step));
      seqs.set(i, accepted.seq);
      ended = TERMINAL_STAGES.includes(accepted.stage);
    } catch (err) {
      if (!(err instanceof CommandRefused)) throw err;
      for (const r of err.refusals)
        refusals.push({ date: step.date, command: step.type, ruleId: r.ruleId, reason: r.reason.vi });
    }
  }
  if (s.until) await skipTo(stepInstant(s.until) + 12 * 3600_000);
  // A query that races the run's completion can be lost by the test server
  // and hang for a minute and a half; a closed run answers from its history.
  if (ended) await c.handle.result();

  const [snapshot, deadlines, trail] = await Promise.all([c.snapshot(), c.deadlines(), c.trail()]);
  return SimulationOutput.parse({
    scenario: s.name,
    finalStage: snapshot.stage,
    officialSince: snapshot.context.officialSince ?? null,
    partyAgeFrom: snapshot.context.partyAgeFrom ?? null,
    refusals,
    deadlines: deadlines.history.map((d) => ({
      kind: d.kind,
      dueDate: d.dueDate,
      metOn: d.metOn,
      overdueFrom: d.overdueFrom,
      workingDaysLate: d.workingDaysLate,
    })),
    alerts: trail
      .filter((t) => t.kind === 'alert')
      .map((t) => ({
        date: t.date,
        kind: deadlines.history.find((d) => d.id === t.detail?.deadlineId)?.kind ?? String(t.detail?.deadlineId),
        level: t.detail?.level,
        recipients: t.detail?.recipients,
      })),
    timeline: trail
      .filter((t) => t.kind === 'command' || t.kind === 'system' || t.kind === 'registered')
      .map((t) => ({ date: t.date, type: t.type, kind: t.kind, stageAfter: t.stageAfter, policyId: t.policyId })),
  });
}
