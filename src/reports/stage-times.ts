/**
 * Conversion and time spent per stage, from the cases' own trails: when each
 * case entered a stage and when it left it. Pure.
 */
import { daysBetween, type IsoDate } from '../charter/dates';
import { STAGES, TERMINAL_STAGES, type Stage } from '../schemas/stages';
import type { TrailEntry } from '../schemas/trail';

/** The stages a candidate passes through on the way to official, in order. */
export const PIPELINE: readonly Stage[] = STAGES.filter((s) => !TERMINAL_STAGES.includes(s) || s === 'official');

export interface StageTimes {
  stage: Stage;
  /** Cases that reached this stage. */
  entered: number;
  /** Of those, cases that went on to a later stage of the pipeline. */
  movedOn: number;
  /** movedOn / entered, null when none entered. */
  conversion: number | null;
  /** Median days from entering to leaving the stage, over the cases that left it. */
  medianDays: number | null;
}

function median(xs: number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Each stage change of a trail as (stage entered, date); the registration enters 'source'. */
function stageEntries(trail: readonly TrailEntry[]): Array<{ stage: Stage; on: IsoDate }> {
  const out: Array<{ stage: Stage; on: IsoDate }> = [];
  for (const e of trail) {
    if (!e.stageAfter || !e.date) continue;
    if (e.kind === 'registered' || e.stageAfter !== e.stageBefore)
      out.push({ stage: e.stageAfter, on: e.date as IsoDate });
  }
  return out;
}

export function stageTimes(trails: ReadonlyArray<readonly TrailEntry[]>): StageTimes[] {
  const entered = new Map<Stage, number>();
  const movedOn = new Map<Stage, number>();
  const durations = new Map<Stage, number[]>();
  for (const trail of trails) {
    const path = stageEntries(trail);
    path.forEach((step, i) => {
      entered.set(step.stage, (entered.get(step.stage) ?? 0) + 1);
      const next = path[i + 1];
      if (!next) return;
      durations.set(step.stage, [...(durations.get(step.stage) ?? []), daysBetween(step.on, next.on)]);
      if (PIPELINE.indexOf(next.stage) > PIPELINE.indexOf(step.stage))
        movedOn.set(step.stage, (movedOn.get(step.stage) ?? 0) + 1);
    });
  }
  return PIPELINE.filter((s) => s !== 'official').map((stage) => {
    const n = entered.get(stage) ?? 0;
    const m = movedOn.get(stage) ?? 0;
    return {
      stage,
      entered: n,
      movedOn: m,
      conversion: n ? m / n : null,
      medianDays: median(durations.get(stage) ?? []),
    };
  });
}
