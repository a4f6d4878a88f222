/**
 * A case as the workflow keeps it: the machine's snapshot, the case as
 * registered, the trail of what happened and the ledger of every deadline it
 * ever had (the simulator and the dashboard read the trail and the ledger
 * through the workflow's queries). Pure: nothing under src/case imports
 * @temporalio/workflow, so the case's bookkeeping is tested without a server;
 * the workflow only wires it to Updates, timers and activities.
 */
import type { SearchAttributeUpdatePair, TypedSearchAttributes } from '@temporalio/common';
import { startOfLocalDay, type IsoDate } from '../charter/dates';
import { policyInForce } from '../charter/policy';
import { persist, restoreCase, stageOf, startCase, type CaseSnapshot, type PersistedCase } from '../machine/advance';
import { calendarOf } from '../machine/calendar-of';
import { trackDeadlines } from '../machine/deadline-log';
import { openDeadlines } from '../machine/deadlines';
import type { RegistrationParsed } from '../schemas/candidate';
import type { CaseContext, Deadline, Stage } from '../schemas/case';
import { SA } from '../schemas/search-attributes';
import type { DeadlineRecord, TrailEntry } from '../schemas/trail';

export interface CaseState {
  snapshot: CaseSnapshot;
  /** The case as registered: a correction judges the case again from here. */
  origin: CaseContext;
  trail: TrailEntry[];
  /** Every deadline the case ever had, met or open, with the escalation level each has reached. */
  ledger: DeadlineRecord[];
}

/** What survives continue-as-new. */
export interface CarriedCase {
  persisted: PersistedCase;
  origin: CaseContext;
  trail: TrailEntry[];
  deadlines: DeadlineRecord[];
}

/** When something happens to a case: the workflow's clock, as an instant and as the day in Vietnam. */
export interface Clock {
  at: string;
  today: IsoDate;
}

export const stageOfCase = (s: CaseState): Stage => stageOf(s.snapshot);
export const contextOf = (s: CaseState): CaseContext => s.snapshot.context;
export const openNow = (s: CaseState): Deadline[] => openDeadlines(stageOf(s.snapshot), s.snapshot.context);

export const carry = (s: CaseState): CarriedCase => ({
  persisted: persist(s.snapshot),
  origin: s.origin,
  trail: s.trail,
  deadlines: s.ledger,
});

export const resume = (c: CarriedCase): CaseState => ({
  snapshot: restoreCase(c.persisted),
  origin: c.origin,
  trail: c.trail,
  ledger: c.deadlines,
});

/** Appends an entry to the trail, numbered and stamped. */
export function withEntry(
  s: CaseState,
  e: Omit<TrailEntry, 'seq' | 'at'>,
  clock: Clock,
): { state: CaseState; entry: TrailEntry } {
  const entry: TrailEntry = { seq: s.trail.length + 1, at: clock.at, ...e };
  return { state: { ...s, trail: [...s.trail, entry] }, entry };
}

/** A case just registered: its trail opens with the registration, its ledger with the deadlines it starts with. */
export function openCase(reg: RegistrationParsed, clock: Clock): CaseState {
  const snapshot = startCase(reg);
  const ledger: DeadlineRecord[] = [];
  trackDeadlines(ledger, openDeadlines(stageOf(snapshot), snapshot.context), clock.today, calendarOf(snapshot.context));
  return withEntry(
    { snapshot, origin: snapshot.context, trail: [], ledger },
    { kind: 'registered', date: reg.registeredOn, stageAfter: 'source', policyId: policyInForce(reg.registeredOn)?.id },
    clock,
  ).state;
}

/** The case's search attributes, all of them: the workflow upserts those that changed, the API sets them at start. */
export function searchAttributesOf(s: CaseState): SearchAttributeUpdatePair[] {
  const c = contextOf(s);
  const open = s.ledger.filter((r) => r.metOn === null);
  const nextDue = open.map((r) => r.dueDate).sort()[0];
  return [
    { key: SA.stage, value: stageOfCase(s) },
    { key: SA.cell, value: c.cellId },
    { key: SA.committees, value: c.committeeIds },
    { key: SA.nextDue, value: nextDue ? startOfLocalDay(nextDue) : null },
    { key: SA.overdueLevel, value: Math.max(0, ...open.map((r) => r.level)) },
    { key: SA.admissionYear, value: c.admission?.decision === 'admit' ? Number(c.admission.on.slice(0, 4)) : null },
  ];
}

/** The search attributes whose value differs from the run's: an activation that changed none upserts nothing. */
export function changedSearchAttributes(s: CaseState, current: Pick<TypedSearchAttributes, 'get'>) {
  const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
  return searchAttributesOf(s).filter((p) => !same(p.value, current.get(p.key)));
}

/** What the workflow returns when the case ends. */
export function resultOf(s: CaseState) {
  const c = contextOf(s);
  return {
    caseId: c.caseId,
    stage: stageOfCase(s),
    officialSince: c.officialSince ?? null,
    partyAgeFrom: c.partyAgeFrom ?? null,
    ended: c.ended ?? null,
  };
}
