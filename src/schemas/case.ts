/**
 * The case as the machine holds it: every fact a later rule, deadline or
 * auditor needs, recorded from the commands. Persisted in the workflow's
 * snapshot and carried across continue-as-new.
 */
import { z } from 'zod';
import { CellTally, CommitteeTally, DocumentKind, Introducer } from './commands';
import { CandidateProfile, Readmission } from './candidate';
import { BilingualText, FormCode, IsoDate, OrgId } from './common';
import { STAGES } from './stages';

/** A name as stored: checked by the command's schema when it was recorded, so not re-checked here. */
const StoredName = z.string();

export const Stage = z.enum(STAGES);
export type Stage = z.infer<typeof Stage>;

const Signed = z.object({ on: IsoDate, signedBy: StoredName });

export const CaseContext = z.object({
  caseId: z.string(),
  profile: CandidateProfile,
  cellId: OrgId,
  committeeIds: z.array(OrgId).min(1),
  competentCommitteeId: OrgId,
  youthUnionExists: z.boolean(),
  registeredOn: IsoDate,
  readmission: Readmission.optional(),
  calendar: z.object({ holidays: z.array(IsoDate), makeUpWorkdays: z.array(IsoDate) }).optional(),
  lastStepOn: IsoDate,

  mentor: StoredName.optional(),
  certificate: Signed.extend({ no: z.string() }).optional(),
  application: Signed.optional(),
  personalHistory: Signed.optional(),
  introductions: z.array(Signed.extend({ slot: z.number().int(), form: FormCode, introducer: Introducer })),
  comments: Signed.optional(),
  verification: Signed.extend({ outcome: z.enum(['pass', 'fail']) }).optional(),
  documents: z.array(Signed.extend({ kind: DocumentKind, no: z.string() })),
  cellVote: Signed.extend({ policyId: z.string(), resolution: z.string(), tally: CellTally }).optional(),
  appraisals: z.array(Signed.extend({ form: FormCode })),
  admission: Signed.extend({
    committeeId: OrgId,
    decision: z.enum(['admit', 'refuse']),
    receivedOn: IsoDate,
    policyId: z.string(),
    tally: CommitteeTally,
  }).optional(),
  extensions: z.record(z.string(), z.object({ count: z.number().int(), workingDays: z.number().int() })),
  ceremonyOn: IsoDate.optional(),
  probationEndsOn: IsoDate.optional(),
  helpers: z.array(Signed.extend({ helper: StoredName })),
  /** Absent in cases started before helper assessments existed. */
  helperAssessments: z.array(Signed.extend({ helper: StoredName })).optional(),
  recognitionPapers: z.array(Signed.extend({ form: FormCode })),
  disciplines: z.array(Signed.extend({ discipline: z.string() })),
  recognitionVotes: z.array(Signed.extend({ resolution: z.string(), tally: CellTally })),
  referredToSuperior: z.boolean(),
  /** The competent committee's recognition votes where neither side reached two thirds (absent before 4.2c was kept). */
  failedCommitteeVotes: z.array(Signed.extend({ committeeId: OrgId, tally: CommitteeTally })).optional(),
  recognition: Signed.extend({ decision: z.enum(['recognise', 'remove']), committeeId: OrgId }).optional(),
  officialSince: IsoDate.optional(),
  partyAgeFrom: IsoDate.optional(),
  transfer: z
    .object({ movedOn: IsoDate, fromCellId: OrgId, letterOn: IsoDate.optional(), presentedOn: IsoDate.optional() })
    .optional(),
  ended: z.object({ on: IsoDate, reason: z.string() }).optional(),
});
export type CaseContext = z.infer<typeof CaseContext>;

/** An open deadline: what the workflow keeps a timer for. */
export const Deadline = z.object({
  id: z.string(),
  kind: z.enum([
    'helper_assessment',
    'committee_decision',
    'ceremony',
    'recognition_vote',
    'recognition_decision',
    'transfer_start',
    'transfer_present',
  ]),
  startedOn: IsoDate,
  dueDate: IsoDate,
  /** The organisation that answers for it (cell or committee); escalation climbs from here. */
  answerBy: OrgId,
  policyId: z.string(),
  label: BilingualText,
});
export type Deadline = z.infer<typeof Deadline>;
