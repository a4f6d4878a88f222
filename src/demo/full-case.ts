/**
 * A whole case, registration to official member, dated after the 1/7/2025
 * reform (the commune committee decides) with probation over before today:
 * used by the demo seed of `npm start`, the end-to-end and chaos tests and the
 * benchmarks.
 */
import type { Principal } from '../auth/principal';
import type { CommandInput } from '../schemas/commands';
import { CommandRefused, type caseHandle } from '../temporal/cases';

export const SECRETARY: Principal = { userId: 'bt-thpt-a', role: 'cell_secretary', orgId: 'cb-thpt-a' };
export const COMMITTEE: Principal = { userId: 'du-xa-a-1', role: 'committee', orgId: 'du-xa-a' };
export const signedBy = 'Bí thư Trần Văn Bình';
/** The registry's 18 official members of cb-thpt-a, three of them attached elsewhere: 15 count. */
const vote = {
  officialMembers: 18,
  attachedElsewhere: 3,
  present: 14,
  excusedAbsent: 0,
  yes: 13,
  no: 1,
  minutesHash: 'b'.repeat(64),
};
const decision = { members: 9, agree: 8, minutesHash: 'c'.repeat(64) };
const introducer = (fullName: string) => ({
  kind: 'official_member',
  fullName,
  memberStatus: 'official',
  together_since: '2023-01-01',
});

/**
 * Dated after the 1/7/2025 reform, so the commune committee decides; probation ends before today. The candidate is a
 * Youth Union member of youth age at a school with a grassroots Youth Union (register them with
 * `youthUnionMember: true`), so the Youth Union's executive committee and one official member introduce (Charter art. 4).
 */
export const STEPS: Array<[Principal, Record<string, unknown>]> = [
  [SECRETARY, { date: '2025-07-03', type: 'ENROL_COURSE', form: 'VB', mentor: 'Lê Văn Tâm' }],
  [SECRETARY, { date: '2025-07-25', type: 'RECORD_CERTIFICATE', form: 'CN-NTVĐ', certificateNo: 'CN-25-101' }],
  [SECRETARY, { date: '2025-07-28', type: 'RECORD_APPLICATION', form: '1-KNĐ' }],
  [SECRETARY, { date: '2025-07-29', type: 'RECORD_PERSONAL_HISTORY', form: '2-KNĐ' }],
  [SECRETARY, { date: '2025-08-15', type: 'RECORD_COMMENTS', form: '5-KNĐ' }],
  [
    SECRETARY,
    {
      date: '2025-08-18',
      type: 'RECORD_INTRODUCTION',
      form: '4-KNĐ',
      slot: 1,
      introducer: { kind: 'youth_union', fullName: 'Ban Chấp hành Đoàn trường THPT A', memberStatus: 'not_member' },
    },
  ],
  [
    SECRETARY,
    { date: '2025-08-18', type: 'RECORD_INTRODUCTION', form: '3-KNĐ', slot: 2, introducer: introducer('Hoàng Thị Em') },
  ],
  [SECRETARY, { date: '2025-09-05', type: 'RECORD_VERIFICATION', form: '2-KNĐ', outcome: 'pass' }],
  [
    SECRETARY,
    { date: '2025-09-15', type: 'RECORD_CELL_VOTE', form: '6-KNĐ', resolution: 'propose_admission', tally: vote },
  ],
  [
    COMMITTEE,
    {
      date: '2025-10-06',
      type: 'RECORD_COMMITTEE_DECISION',
      form: '9-KNĐ',
      decision: 'admit',
      committeeId: 'du-xa-a',
      tally: decision,
    },
  ],
  [SECRETARY, { date: '2025-10-20', type: 'RECORD_CEREMONY', form: 'VB' }],
  [SECRETARY, { date: '2025-10-20', type: 'ASSIGN_HELPER', form: 'VB', helper: 'Phạm Văn Dũng' }],
  [SECRETARY, { date: '2026-01-19', type: 'RECORD_HELPER_ASSESSMENT', form: 'VB', helper: 'Phạm Văn Dũng' }],
  [SECRETARY, { date: '2026-03-20', type: 'RECORD_RECOGNITION_PAPER', form: 'CN-ĐVM' }],
  [SECRETARY, { date: '2026-04-20', type: 'RECORD_HELPER_ASSESSMENT', form: 'VB', helper: 'Phạm Văn Dũng' }],
  [SECRETARY, { date: '2026-07-20', type: 'RECORD_HELPER_ASSESSMENT', form: 'VB', helper: 'Phạm Văn Dũng' }],
  [SECRETARY, { date: '2026-10-01', type: 'RECORD_RECOGNITION_PAPER', form: '10-KNĐ' }],
  [SECRETARY, { date: '2026-10-02', type: 'RECORD_RECOGNITION_PAPER', form: '11-KNĐ' }],
  [SECRETARY, { date: '2026-10-05', type: 'RECORD_RECOGNITION_PAPER', form: '12-KNĐ' }],
  [
    SECRETARY,
    { date: '2026-10-22', type: 'RECORD_RECOGNITION_VOTE', form: '13-KNĐ', resolution: 'recognise', tally: vote },
  ],
  [
    COMMITTEE,
    {
      date: '2026-11-05',
      type: 'RECORD_RECOGNITION_DECISION',
      form: '16-KNĐ',
      decision: 'recognise',
      committeeId: 'du-xa-a',
      tally: decision,
    },
  ],
];

/**
 * Sends a step of a back-dated case. The recognition vote waits for
 * probation's end, which the case's own timer records a moment after the
 * ceremony, so a refusal is retried for a few seconds before it counts.
 */
export async function sendInTurn(c: ReturnType<typeof caseHandle>, command: CommandInput): Promise<void> {
  for (let attempt = 0; ; attempt++)
    try {
      await c.send(command);
      return;
    } catch (err) {
      if (!(err instanceof CommandRefused) || attempt > 100) throw err;
      await new Promise((r) => setTimeout(r, 50));
    }
}
