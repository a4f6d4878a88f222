/**
 * Names beside account ids in what the API shows: a step recorded since accounts exist carries its recorder's name;
 * an older one (or a tool's) is named from the accounts table, in one query per answer. The signer (signedBy, a
 * name typed from the paper) and the recorder stay two fields.
 */
import { namesOf } from '../accounts/store';
import type { Db } from '../db/open';
import type { TrailEntry } from '../schemas/trail';
import type { StepReview } from '../audit/compliance';

export async function trailWithNames(db: Db, trail: TrailEntry[]): Promise<TrailEntry[]> {
  const names = await namesOf(
    db,
    trail.flatMap((e) => (e.recordedBy && !e.recordedBy.name ? [e.recordedBy.userId] : [])),
  );
  return trail.map((e) =>
    e.recordedBy && !e.recordedBy.name && names.has(e.recordedBy.userId)
      ? { ...e, recordedBy: { ...e.recordedBy, name: names.get(e.recordedBy.userId)! } }
      : e,
  );
}

export async function stepsWithNames<T extends { steps: StepReview[] }>(db: Db, report: T): Promise<T> {
  const names = await namesOf(
    db,
    report.steps.flatMap((s) => (s.recordedBy && !s.recordedByName ? [s.recordedBy] : [])),
  );
  return {
    ...report,
    steps: report.steps.map((s) =>
      s.recordedBy && !s.recordedByName && names.has(s.recordedBy)
        ? { ...s, recordedByName: names.get(s.recordedBy)! }
        : s,
    ),
  };
}
