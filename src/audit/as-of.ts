/** The case as it stood on a past date: stage, open deadlines (and which were overdue), open alerts. */
import type { IsoDate } from '../charter/dates';
import type { Alert } from '../schemas/alert';
import type { Deadline } from '../schemas/case';
import { openDeadlines } from '../machine/deadlines';
import type { Replayed } from './compliance';
import type { TimelineEntry } from './timeline';

export interface StateAsOf {
  date: IsoDate;
  registered: boolean;
  stage: string | null;
  lastStep: { type: string; date: string } | null;
  deadlines: Array<Deadline & { overdue: boolean }>;
  openAlerts: Alert[];
}

export function stateAsOf(replayed: Replayed, timeline: TimelineEntry[], date: IsoDate): StateAsOf {
  const registered = timeline.find((e) => e.kind === 'registered');
  if (!registered || !replayed.initial || registered.registration.registeredOn > date)
    return { date, registered: false, stage: null, lastStep: null, deadlines: [], openAlerts: [] };
  const last = replayed.steps.filter((s) => s.review.date <= date).at(-1);
  let state = last?.after ?? replayed.initial;
  // Probation ends by the workflow's timer, not by a step.
  if (state.stage === 'probation' && state.context.probationEndsOn && state.context.probationEndsOn <= date)
    state = { ...state, stage: 'recognition_vote', open: openDeadlines('recognition_vote', state.context) };
  const alerts = new Map<string, Alert>();
  // By the dates the alerts carry (the case's own calendar), not by when Temporal recorded them.
  for (const e of timeline) {
    if (e.kind === 'alert_sent' && String(e.payload.raisedOn) <= date) {
      const a = e.payload as unknown as Alert;
      alerts.set(a.deadlineId, a);
    }
    if (e.kind === 'alert_closed' && String(e.payload.closedOn) <= date) alerts.delete(String(e.payload.deadlineId));
  }
  return {
    date,
    registered: true,
    stage: state.stage,
    lastStep: last ? { type: last.review.type, date: last.review.date } : null,
    deadlines: state.open.map((d) => ({ ...d, overdue: date > d.dueDate })),
    openAlerts: [...alerts.values()],
  };
}
