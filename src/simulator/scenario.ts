/**
 * The simulator's input and output, as zod schemas (their JSON Schemas are
 * generated into docs/ for people writing scenarios by hand).
 */
import { z } from 'zod';
import { CandidateProfile, Readmission, type Registration } from '../schemas/candidate';
import { Command } from '../schemas/commands';
import { Actor, CaseId, IsoDate, OrgId } from '../schemas/common';
import { Correction } from '../schemas/correction';
import { CORRECT_STEP } from '../schemas/correction-kind';

/** A step as written in a scenario: a command whose signer, recorder and form may be left to defaults. */
const stepOptions = Command.options.map((o) =>
  o.extend({ form: o.shape.form.optional(), signedBy: o.shape.signedBy.optional(), recordedBy: Actor.optional() }),
);
type StepOption = (typeof stepOptions)[number];
const StepOfCase = z.discriminatedUnion('type', stepOptions as [StepOption, ...StepOption[]]);
export type StepOfCase = z.infer<typeof StepOfCase>;
/**
 * Putting right an earlier step of the scenario, on `date` (the day the correction is made): `corrects` is that
 * step's index in `steps` (from 0), `step` the step as it should have been recorded.
 */
const CorrectionStep = z.object({
  type: z.literal(CORRECT_STEP),
  date: IsoDate,
  corrects: z.number().int().min(0),
  step: StepOfCase,
  reason: Correction.shape.reason,
  recordedBy: Actor.optional(),
});
export type CorrectionStep = z.infer<typeof CorrectionStep>;
const ScenarioStep = z.discriminatedUnion('type', [...(stepOptions as [StepOption]), CorrectionStep]);
export type ScenarioStep = z.infer<typeof ScenarioStep>;

export const Scenario = z.object({
  name: z.string().min(1),
  description: z.string().optional(),
  caseId: CaseId.default('sim-1'),
  candidate: CandidateProfile,
  cell: z.object({
    id: OrgId,
    /** The cell's committees, nearest first, up to the province. */
    committeeIds: z.array(OrgId).min(1),
    competentCommitteeId: OrgId.optional(),
    youthUnionExists: z.boolean().default(true),
  }),
  registeredOn: IsoDate,
  readmission: Readmission.optional(),
  /** Replace the built-in holidays (e.g. empty lists: weekends only). */
  calendar: z
    .object({ holidays: z.array(IsoDate).default([]), makeUpWorkdays: z.array(IsoDate).default([]) })
    .optional(),
  steps: z.array(ScenarioStep).max(500),
  /** Keep time running to this date after the last step, to see deadlines pass. */
  until: IsoDate.optional(),
  /** What the run must produce (checked by `pipeline simulate --check`); any field may be left out. */
  expect: z.lazy(() => Expectation).optional(),
});
export type Scenario = z.infer<typeof Scenario>;

/** Who records a scenario's steps unless it says. */
export const SIMULATOR = { userId: 'simulator', role: 'simulator' };

/** The candidate's registration a scenario stands for. */
export function registrationOf(s: Scenario): Registration {
  return {
    caseId: s.caseId,
    profile: s.candidate,
    cellId: s.cell.id,
    committeeIds: s.cell.committeeIds,
    competentCommitteeId: s.cell.competentCommitteeId,
    youthUnionExists: s.cell.youthUnionExists,
    registeredOn: s.registeredOn,
    readmission: s.readmission,
    calendar: s.calendar,
  };
}

/** The full command a step stands for. */
export function stepCommand(step: StepOfCase) {
  const option = Command.options.find((o) => o.shape.type.value === step.type)!;
  return Command.parse({
    ...step,
    form: step.form ?? option.shape.form.options[0],
    signedBy: step.signedBy ?? 'simulator',
    recordedBy: step.recordedBy ?? SIMULATOR,
  });
}

export const SimulationOutput = z.object({
  scenario: z.string(),
  finalStage: z.string(),
  officialSince: IsoDate.nullable(),
  partyAgeFrom: IsoDate.nullable(),
  refusals: z.array(z.object({ date: IsoDate, command: z.string(), ruleId: z.string(), reason: z.string() })),
  deadlines: z.array(
    z.object({
      kind: z.string(),
      dueDate: IsoDate,
      metOn: IsoDate.nullable(),
      overdueFrom: IsoDate,
      workingDaysLate: z.number().int().nullable(),
    }),
  ),
  alerts: z.array(z.object({ date: IsoDate, kind: z.string(), level: z.number().int(), recipients: z.array(OrgId) })),
  timeline: z.array(
    z.object({
      date: IsoDate.optional(),
      type: z.string().optional(),
      kind: z.string(),
      stageAfter: z.string().optional(),
      policyId: z.string().optional(),
    }),
  ),
});
export type SimulationOutput = z.infer<typeof SimulationOutput>;

const DeadlineOut = SimulationOutput.shape.deadlines.element;
const AlertOut = SimulationOutput.shape.alerts.element;

const Expectation = z.object({
  finalStage: z.string().optional(),
  officialSince: IsoDate.nullable().optional(),
  partyAgeFrom: IsoDate.nullable().optional(),
  /** Exactly these refusals, in order (reasons are not compared: they are prose). */
  refusals: z.array(z.object({ date: IsoDate, command: z.string(), ruleId: z.string() })).optional(),
  /** Each of these deadlines is among the output's. */
  deadlines: z.array(DeadlineOut).optional(),
  /** Exactly these alerts, in order. */
  alerts: z.array(AlertOut).optional(),
});
export type Expectation = z.infer<typeof Expectation>;

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Every way `out` differs from `exp`, in words; empty when it matches. */
export function mismatches(out: SimulationOutput, exp: Expectation): string[] {
  const found: string[] = [];
  for (const key of ['finalStage', 'officialSince', 'partyAgeFrom'] as const)
    if (exp[key] !== undefined && exp[key] !== out[key]) found.push(`${key}: expected ${exp[key]}, got ${out[key]}`);
  if (exp.refusals) {
    const got = out.refusals.map(({ date, command, ruleId }) => ({ date, command, ruleId }));
    if (!same(got, exp.refusals))
      found.push(`refusals: expected ${JSON.stringify(exp.refusals)}, got ${JSON.stringify(got)}`);
  }
  const key = (d: SimulationOutput['deadlines'][number]) =>
    [d.kind, d.dueDate, d.metOn, d.overdueFrom, d.workingDaysLate].join('|');
  const have = new Set(out.deadlines.map(key));
  for (const d of exp.deadlines ?? [])
    if (!have.has(key(d)))
      found.push(`deadlines: expected ${JSON.stringify(d)} among ${JSON.stringify(out.deadlines)}`);
  if (exp.alerts && !same(out.alerts, exp.alerts))
    found.push(`alerts: expected ${JSON.stringify(exp.alerts)}, got ${JSON.stringify(out.alerts)}`);
  return found;
}
