/**
 * The demo's story holds whatever day `npm start` seeds it: for days over several years (weekends, Tết and the
 * other days off included), every demo case's steps pass the charter through the case's pure core, each case ends
 * in the stage its story says, each living one can take its next step that very day, the decision is overdue, and
 * the case at the cell's vote has exactly its introductions and comments expiring before next month's meeting.
 */
import { addDays, iso, startOfLocalDay, type IsoDate } from '../../src/charter/dates';
import { contextOf, openCase, stageOfCase, type CaseState, type Clock } from '../../src/case/state';
import { takeStep } from '../../src/case/step';
import { nextWake, runWake } from '../../src/case/wake';
import { SECRETARY, signedBy, STEPS } from '../../src/demo/full-case';
import { demoCases, workingDaysBefore } from '../../src/demo/timeline';
import { vnCalendar } from '../../src/charter/calendar';
import { loadRegistryFile } from '../../src/org/load';
import { registryFacts } from '../../src/org/facts';
import { dossierOf } from '../../src/reports/dossier';
import { Registration } from '../../src/schemas/candidate';
import type { MachineEvent } from '../../src/schemas/commands';
import { DEMO_REGISTRY } from '../helpers/stack';

const registry = loadRegistryFile(DEMO_REGISTRY);
const REGISTRY_CHECKED = new Set([
  'RECORD_CELL_VOTE',
  'RECORD_COMMITTEE_DECISION',
  'RECORD_RECOGNITION_VOTE',
  'RECORD_RECOGNITION_DECISION',
]);
const clockOn = (today: IsoDate): Clock => ({ at: startOfLocalDay(today).toISOString(), today });

/** A step as the seed sends it, recorded on `today`. */
function event(cellId: string, step: Record<string, unknown>, who = SECRETARY, today: IsoDate): MachineEvent {
  const facts = REGISTRY_CHECKED.has(String(step.type))
    ? { registry: registryFacts(registry, cellId, step.committeeId as string | undefined, step.date as IsoDate) }
    : {};
  return {
    ...step,
    ...facts,
    signedBy,
    recordedBy: { userId: who.userId, role: who.role },
    recordedOn: today,
  } as unknown as MachineEvent;
}

/** Takes the step, running first the case's own timers due by its date (probation's end). */
function take(s: CaseState, e: MachineEvent, today: IsoDate): CaseState {
  for (let w = nextWake(s); w && w.on <= e.date; w = nextWake(s)) s = runWake(s, w, clockOn(today)).state;
  const r = takeStep(s, e, 'command', clockOn(today));
  if (!r.ok) throw new Error(`${e.type} on ${e.date}: ${r.refusals.map((x) => x.ruleId).join(', ')}`);
  return r.state;
}

const STAGE = { 'demo-an': 'dossier', 'demo-binh': 'cell_vote', 'demo-cuong': 'committee_review' } as const;
const NEXT: Record<string, string> = {
  'demo-an': 'RECORD_COMMENTS',
  'demo-binh': 'RECORD_CELL_VOTE',
  'demo-cuong': 'RECORD_COMMITTEE_DECISION',
  'demo-em': 'RECORD_CERTIFICATE',
};

/** Every ninth day from the end of 2026 to 2030, and a few that fall on days off. */
const DAYS: IsoDate[] = [
  ...Array.from({ length: 150 }, (_, i) => addDays(iso('2026-11-28'), 9 * i)),
  iso('2027-02-06'), // Tết
  iso('2027-01-01'),
  iso('2027-05-01'),
  iso('2027-09-02'),
];

test.each(DAYS)('seeded on %s, the demo tells a true story', (today) => {
  for (const d of demoCases(today)) {
    const tree = registry.on(d.registeredOn);
    const reg = Registration.parse({
      caseId: d.caseId,
      profile: { fullName: d.fullName, birthDate: d.birthDate, education: 'higher', youthUnionMember: true },
      cellId: d.cellId,
      committeeIds: tree.committeesAbove(d.cellId),
      competentCommitteeId: tree.competentCommittee(d.cellId),
      youthUnionExists: true,
      registeredOn: d.registeredOn,
    });
    let s = openCase(reg, clockOn(today));
    for (const [who, step] of d.steps) s = take(s, event(d.cellId, step, who, today), today);
    for (let w = nextWake(s); w && w.on <= today; w = nextWake(s)) s = runWake(s, w, clockOn(today)).state;

    const stage = stageOfCase(s);
    if (d.caseId === 'demo-dung') {
      expect(stage).toBe('official');
      continue;
    }
    if (d.caseId === 'demo-em') expect(stage).toBe('training');
    else expect(stage).toBe(STAGE[d.caseId as keyof typeof STAGE]);

    if (d.caseId === 'demo-binh') {
      const dossier = dossierOf(stage, contextOf(s), today);
      const expiring = dossier.items.filter((i) => i.status === 'expires_before_vote').map((i) => i.form);
      expect(expiring.sort()).toEqual(['3-KNĐ', '4-KNĐ', '5-KNĐ']);
      expect(dossier.items.filter((i) => i.ruleId && (i.status === 'expired' || i.status === 'missing'))).toEqual([]);
    }
    if (d.caseId === 'demo-cuong') {
      // Its decision is overdue today: the deadline passed a few working days ago.
      const due = s.ledger.find((r) => r.kind === 'committee_decision')!.dueDate;
      expect(vnCalendar.isOverdue(due, today)).toBe(true);
      expect(due >= workingDaysBefore(today, 10)).toBe(true);
    }

    const [, template] = STEPS.find(([, x]) => x.type === NEXT[d.caseId])!;
    const who =
      d.caseId === 'demo-cuong' ? STEPS.find(([, x]) => x.type === 'RECORD_COMMITTEE_DECISION')![0] : SECRETARY;
    expect(() => take(s, event(d.cellId, { ...template, date: today }, who, today), today)).not.toThrow();
  }
});
