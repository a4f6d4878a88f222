/** Terse, still validated, commands for tests: defaults for the signer, recorder and form. */
import { advance, startCase, type CaseSnapshot } from '../../src/machine/advance';
import { Command, type CommandType, type MachineEvent } from '../../src/schemas/commands';
import type { Registration } from '../../src/schemas/candidate';
import type { CellTallyFacts } from '../../src/charter/rules/votes';
import { Registration as RegistrationSchema } from '../../src/schemas/candidate';

export const HASH = 'a'.repeat(64);

export function cmd(
  type: CommandType,
  date: string,
  extra: Record<string, unknown> = {},
  recordedOn?: string,
): MachineEvent {
  const schema = Command.options.find((o) => o.shape.type.value === type)!;
  const form = schema.shape.form.options[0];
  const parsed = Command.parse({
    type,
    date,
    form,
    signedBy: 'Bí thư Trần Văn Bình',
    recordedBy: { userId: 'secretary-1', role: 'cell_secretary' },
    ...extra,
  });
  return { ...parsed, recordedOn: (recordedOn ?? date) as MachineEvent['recordedOn'] };
}

export function registration(over: Partial<Registration> = {}) {
  return RegistrationSchema.parse({
    caseId: 'case-1',
    profile: {
      fullName: 'Nguyễn Văn An',
      birthDate: '2000-03-15',
      education: 'upper_secondary',
      youthUnionMember: false,
      tradeUnionMember: false,
    },
    cellId: 'cb-thpt-a',
    committeeIds: ['du-xa-a', 'hu-a', 'tu-demo'],
    // No grassroots Youth Union: a youth-age non-member is then introduced by two official members (Charter art. 4),
    // which most tests take for granted; tests of the Youth Union route say youthUnionExists: true.
    youthUnionExists: false,
    registeredOn: '2024-01-05',
    ...over,
  });
}

export const tally = (t: Partial<CellTallyFacts> = {}) => ({
  officialMembers: 20,
  attachedElsewhere: 0,
  present: 18,
  excusedAbsent: 1,
  yes: 17,
  no: 1,
  minutesHash: HASH,
  ...t,
});

const introducer = (fullName: string) => ({
  kind: 'official_member',
  fullName,
  memberStatus: 'official',
  together_since: '2022-01-01',
});

/** A clean case, step by step, from registration to official. Each entry: the event and the stage it leads to. */
export const HAPPY_PATH: Array<[MachineEvent, string]> = [
  [cmd('ENROL_COURSE', '2024-02-01', { mentor: 'Lê Thị Cúc' }), 'training'],
  [cmd('RECORD_CERTIFICATE', '2024-03-01', { certificateNo: 'CN-2024-0117' }), 'dossier'],
  [cmd('RECORD_APPLICATION', '2024-03-10'), 'dossier'],
  [cmd('RECORD_PERSONAL_HISTORY', '2024-03-12'), 'dossier'],
  [cmd('RECORD_COMMENTS', '2024-03-20'), 'dossier'],
  [cmd('RECORD_INTRODUCTION', '2024-03-15', { slot: 1, introducer: introducer('Phạm Văn Dũng') }), 'dossier'],
  [cmd('RECORD_INTRODUCTION', '2024-03-16', { slot: 2, introducer: introducer('Hoàng Thị Em') }), 'verification'],
  [cmd('RECORD_VERIFICATION', '2024-05-10', { outcome: 'pass' }), 'cell_vote'],
  [cmd('RECORD_CELL_VOTE', '2024-06-05', { resolution: 'propose_admission', tally: tally() }), 'committee_review'],
  [cmd('RECORD_APPRAISAL', '2024-06-20', { form: '7-KNĐ' }), 'committee_review'],
  [
    cmd('RECORD_COMMITTEE_DECISION', '2024-07-15', {
      decision: 'admit',
      committeeId: 'du-xa-a',
      tally: { members: 9, agree: 7, minutesHash: HASH },
    }),
    'ceremony',
  ],
  [cmd('RECORD_CEREMONY', '2024-08-02'), 'probation'],
  [cmd('ASSIGN_HELPER', '2024-08-02', { helper: 'Phạm Văn Dũng' }), 'probation'],
  [cmd('RECORD_RECOGNITION_PAPER', '2024-09-30', { form: 'CN-ĐVM' }), 'probation'],
  [cmd('RECORD_RECOGNITION_PAPER', '2025-07-20', { form: '10-KNĐ' }), 'probation'],
  [cmd('RECORD_RECOGNITION_PAPER', '2025-07-22', { form: '11-KNĐ' }), 'probation'],
  [cmd('RECORD_RECOGNITION_PAPER', '2025-07-25', { form: '12-KNĐ' }), 'probation'],
  [{ type: 'PROBATION_ENDED', date: '2025-08-02', recordedOn: '2025-08-02' } as MachineEvent, 'recognition_vote'],
  [cmd('RECORD_RECOGNITION_VOTE', '2025-08-20', { resolution: 'recognise', tally: tally() }), 'recognition_review'],
  [
    cmd('RECORD_RECOGNITION_DECISION', '2025-09-10', {
      decision: 'recognise',
      committeeId: 'du-xa-a',
      tally: { members: 9, agree: 8, minutesHash: HASH },
    }),
    'official',
  ],
];

/** The happy path's events up to (not including) the first that leaves `stage`. */
export function eventsUntil(stage: string): MachineEvent[] {
  const out: MachineEvent[] = [];
  let current = 'source';
  for (const [e, next] of HAPPY_PATH) {
    if (current === stage && next !== stage) break;
    out.push(e);
    current = next;
  }
  return out;
}

/** Takes each event in turn; a refusal fails the test with the step and its rules. */
export function run(events: MachineEvent[], s: CaseSnapshot = startCase(registration())): CaseSnapshot {
  for (const e of events) {
    const r = advance(s, e);
    if (!r.ok) throw new Error(`${e.type} on ${e.date} refused: ${JSON.stringify(r.refusals)}`);
    s = r.snapshot;
  }
  return s;
}

/** The rule ids refusing `e` (none when it is accepted). */
export function refusedWith(s: CaseSnapshot, e: MachineEvent): string[] {
  const r = advance(s, e);
  return r.ok ? [] : r.refusals.map((x) => x.ruleId);
}
