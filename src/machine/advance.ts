/**
 * Advancing a case: the one entry point the case core (and so the workflow),
 * a correction's re-judging and the auditor use. A refused event returns the
 * refusals and the caller keeps its snapshot exactly as it was (transition()
 * is pure).
 */
import { initialTransition, transition, type SnapshotFrom } from 'xstate';
import type { Refusal } from '../charter/rule';
import type { MachineEvent } from '../schemas/commands';
import type { CaseContext } from '../schemas/case';
import { TERMINAL_STAGES, type Stage } from '../schemas/stages';
import type { RegistrationParsed } from '../schemas/candidate';
import { STAGE_NAMES } from '../schemas/stage-names';
import { initialContext } from './apply';
import { candidateMachine } from './candidate-machine';
import { refusals, declareRule } from '../charter/rule';
import { blocking, breachesKept, judgeEvent, unverifiedOf } from './checks';

const STAGE_NOT_ALLOWED = declareRule({
  id: 'stage.not_allowed',
  source: 'Quy trình',
  title: { vi: 'Bước không hợp lệ ở giai đoạn này', en: 'Not at this stage' },
  summary: "The case's stage does not take this step.",
  guards: ['*'],
  reads: [],
});

/** The rules declared here, in the order docs/rules.md lists them. */
export const DECLARED = [STAGE_NOT_ALLOWED];

export type CaseSnapshot = SnapshotFrom<typeof candidateMachine>;

/** What the workflow persists and carries across continue-as-new. */
export interface PersistedCase {
  stage: Stage;
  context: CaseContext;
}

export type Advanced =
  /**
   * irregularities: the rules a paper record or a replayed step breaks (always empty for a live step, which they
   * would refuse); unverified: the registry checks that could not be made on the step's date.
   */
  | { ok: true; snapshot: CaseSnapshot; irregularities: Refusal[]; unverified: string[] }
  | { ok: false; refusals: Refusal[] };

export const stageOf = (s: CaseSnapshot): Stage => s.value as Stage;

export function startCase(registration: RegistrationParsed): CaseSnapshot {
  return initialTransition(candidateMachine, initialContext(registration))[0];
}

export function restoreCase(p: PersistedCase): CaseSnapshot {
  return candidateMachine.resolveState({ value: p.stage, context: p.context });
}

export const persist = (s: CaseSnapshot): PersistedCase => ({ stage: stageOf(s), context: s.context });

/** A state node's own event types, without XState's internal ones. */
const eventTypes = (events: readonly unknown[]): string[] =>
  events.map(String).filter((t) => t !== '' && !t.startsWith('xstate.'));

/** Event types any living stage takes (the machine's root transitions): documents, moves and transfers. */
export const ANY_STAGE_EVENTS: readonly string[] = eventTypes(candidateMachine.root.ownEvents);

/** Event types a stage can take at all (before any rule is checked). */
export function acceptedEvents(stage: Stage): string[] {
  if (TERMINAL_STAGES.includes(stage)) return [];
  return [...new Set([...eventTypes(candidateMachine.root.states[stage]?.ownEvents ?? []), ...ANY_STAGE_EVENTS])];
}

export const stageNameVi = (s: Stage): string => STAGE_NAMES[s].vi;

function notAllowed(stage: Stage, type: string): Refusal {
  return {
    ruleId: STAGE_NOT_ALLOWED.id,
    facts: { stage, event: type, accepted: acceptedEvents(stage) },
    reason: {
      vi: `Không thể ghi nhận bước ${type} khi hồ sơ đang ở giai đoạn "${STAGE_NAMES[stage].vi}".`,
      en: `${type} cannot be recorded while the case is at stage '${stage}'.`,
    },
  };
}

export function advance(snapshot: CaseSnapshot, event: MachineEvent): Advanced {
  const stage = stageOf(snapshot);
  if (!acceptedEvents(stage).includes(event.type)) return { ok: false, refusals: [notAllowed(stage, event.type)] };
  // Every rule runs once per step: the refusals, what stops the step and what could not be verified all come
  // from this one judgement.
  const judged = judgeEvent(snapshot.context, event);
  const refused = refusals(judged);
  const stops = blocking(event, refused);
  if (stops.length > 0) return { ok: false, refusals: stops };
  // The rules ran once, above: the machine's `allowed` guard takes that verdict instead of running them again.
  const [next] = transition(candidateMachine, snapshot, { ...event, judged: true });
  if (next.value === snapshot.value && next.context === snapshot.context)
    return { ok: false, refusals: [notAllowed(stage, event.type)] };
  return {
    ok: true,
    snapshot: next,
    irregularities: breachesKept(event) ? refused : [],
    unverified: unverifiedOf(judged),
  };
}
