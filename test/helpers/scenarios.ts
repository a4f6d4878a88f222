/** Scenarios of the deadline tests on the time-skipping server: the charter's worked examples as dated cases. */
const introducer = (fullName: string, together_since = '2022-01-01') => ({
  kind: 'official_member',
  fullName,
  memberStatus: 'official',
  together_since,
});
const tally = { officialMembers: 15, present: 14, excusedAbsent: 0, yes: 13, no: 1, minutesHash: 'b'.repeat(64) };
const committee = (agree = 7) => ({ members: 9, agree, minutesHash: 'c'.repeat(64) });

const candidate = { fullName: 'Nguyễn Thị Hoa', birthDate: '1995-04-12', education: 'higher' };
/** A unit with no grassroots Youth Union, so the youth-age candidate is introduced by two official members. */
const cell = { id: 'cb-thpt-a', committeeIds: ['du-xa-a', 'hu-a', 'tu-demo'], youthUnionExists: false };

/** Charter: a cell resolution on 10/12/2025 gives a committee deadline of 12/3/2026. */
export function committeeDeadlineScenario(decisionOn?: string) {
  return {
    name: 'committee-deadline',
    caseId: `committee-${decisionOn ?? 'open'}`,
    candidate,
    cell,
    registeredOn: '2025-06-02',
    steps: [
      { date: '2025-06-03', type: 'ENROL_COURSE', mentor: 'Lê Văn Tâm' },
      { date: '2025-07-01', type: 'RECORD_CERTIFICATE', certificateNo: 'CN-25-001' },
      { date: '2025-07-05', type: 'RECORD_APPLICATION' },
      { date: '2025-07-07', type: 'RECORD_PERSONAL_HISTORY' },
      { date: '2025-09-01', type: 'RECORD_COMMENTS' },
      { date: '2025-09-01', type: 'RECORD_INTRODUCTION', slot: 1, introducer: introducer('Phạm Văn Dũng') },
      { date: '2025-09-02', type: 'RECORD_INTRODUCTION', slot: 2, introducer: introducer('Hoàng Thị Em') },
      { date: '2025-10-15', type: 'RECORD_VERIFICATION', outcome: 'pass' },
      { date: '2025-12-10', type: 'RECORD_CELL_VOTE', resolution: 'propose_admission', tally },
      ...(decisionOn
        ? [
            {
              date: decisionOn,
              type: 'RECORD_COMMITTEE_DECISION',
              decision: 'admit',
              committeeId: 'du-xa-a',
              tally: committee(),
            },
          ]
        : []),
    ],
  };
}

/** Charter: probation ending Friday 13/2/2026 gives a recognition deadline of 3/4/2026. */
export function recognitionScenario(voteOn: string, decisionOn: string | undefined, until?: string) {
  return {
    name: 'recognition-deadline',
    caseId: `recognition-${voteOn}`,
    candidate,
    cell,
    registeredOn: '2024-03-01',
    steps: [
      { date: '2024-03-04', type: 'ENROL_COURSE', mentor: 'Lê Văn Tâm' },
      { date: '2024-04-01', type: 'RECORD_CERTIFICATE', certificateNo: 'CN-24-017' },
      { date: '2024-04-05', type: 'RECORD_APPLICATION' },
      { date: '2024-04-06', type: 'RECORD_PERSONAL_HISTORY' },
      { date: '2024-06-01', type: 'RECORD_COMMENTS' },
      { date: '2024-06-03', type: 'RECORD_INTRODUCTION', slot: 1, introducer: introducer('Phạm Văn Dũng') },
      { date: '2024-06-03', type: 'RECORD_INTRODUCTION', slot: 2, introducer: introducer('Hoàng Thị Em') },
      { date: '2024-08-01', type: 'RECORD_VERIFICATION', outcome: 'pass' },
      { date: '2024-11-01', type: 'RECORD_CELL_VOTE', resolution: 'propose_admission', tally },
      {
        date: '2025-01-06',
        type: 'RECORD_COMMITTEE_DECISION',
        decision: 'admit',
        committeeId: 'du-xa-a',
        tally: committee(),
      },
      { date: '2025-02-13', type: 'RECORD_CEREMONY' },
      { date: '2025-02-13', type: 'ASSIGN_HELPER', helper: 'Phạm Văn Dũng' },
      { date: '2025-06-20', type: 'RECORD_RECOGNITION_PAPER', form: 'CN-ĐVM' },
      { date: '2026-01-20', type: 'RECORD_RECOGNITION_PAPER', form: '10-KNĐ' },
      { date: '2026-01-21', type: 'RECORD_RECOGNITION_PAPER', form: '11-KNĐ' },
      { date: '2026-01-22', type: 'RECORD_RECOGNITION_PAPER', form: '12-KNĐ' },
      { date: voteOn, type: 'RECORD_RECOGNITION_VOTE', resolution: 'recognise', tally },
      ...(decisionOn
        ? [
            {
              date: decisionOn,
              type: 'RECORD_RECOGNITION_DECISION',
              decision: 'recognise',
              committeeId: 'du-xa-a',
              tally: committee(8),
            },
          ]
        : []),
    ],
    until,
  };
}
