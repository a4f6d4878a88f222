/**
 * Every step a user records, as a zod-validated command. Each carries the date
 * it happened (not when it was typed), the form it stands for, who signed it
 * and who recorded it: what an auditor needs to re-check it later.
 */
import { z } from 'zod';
import { Actor, FormCode, IsoDate, MinutesHash, OrgId } from './common';
import { namedCheck } from './compiled/named';
import { personName, typedText } from './text';

const reasonText = (max: number) => typedText({ vi: 'Lý do', en: 'reason' }, { max, multiline: true });

const base = {
  date: IsoDate,
  signedBy: personName({ vi: 'Người ký', en: 'signed by' }),
  recordedBy: Actor,
  note: typedText({ vi: 'Ghi chú', en: 'note' }, { max: 2000, multiline: true }).optional(),
  /**
   * Copied from the paper dossier after the fact (a committee digitising old
   * cases): the step happened, so the charter's breaches are kept with it as
   * irregularities for the auditor instead of refusing it. Only a future date
   * or a step the stage cannot take is refused.
   */
  paperRecord: z.boolean().optional(),
};
const form = <const F extends FormCode[]>(...codes: F) => z.enum(codes);

/** Who a tally leaves out, where the minutes name them; the count still governs, and the names must match it. */
const namesOf = (what: { vi: string; en: string }) => z.array(personName(what)).max(1000).optional();

/** A cell's or committee's vote; the denominator rule lives in src/charter/rules/votes.ts. */
export const CellTally = z
  .object({
    officialMembers: z.number().int().min(0),
    /** Official members temporarily attached to another organisation: not counted. */
    attachedElsewhere: z.number().int().min(0).default(0),
    attachedElsewhereNames: namesOf({ vi: 'Đảng viên sinh hoạt tạm thời nơi khác', en: 'member attached elsewhere' }),
    present: z.number().int().min(0),
    /** Absent members exempted from activity (old age, illness): not counted. Other absentees are counted. */
    excusedAbsent: z.number().int().min(0).default(0),
    excusedAbsentNames: namesOf({ vi: 'Đảng viên được miễn sinh hoạt vắng mặt', en: 'exempted absentee' }),
    yes: z.number().int().min(0),
    no: z.number().int().min(0),
    minutesHash: MinutesHash,
  })
  // What must add up is a named check (src/schemas/compiled/named.ts): the workflows read votes without zod.
  .check(namedCheck('cellTally'));
export type CellTally = z.infer<typeof CellTally>;

export const CommitteeTally = z
  .object({
    members: z.number().int().min(1),
    agree: z.number().int().min(0),
    /** Members voting the other way, where the minutes give it: a deadlock shows neither side at two thirds. */
    against: z.number().int().min(0).optional(),
    minutesHash: MinutesHash,
  })
  .check(namedCheck('committeeTally'));
export type CommitteeTally = z.infer<typeof CommitteeTally>;

/**
 * What the organisation registry said on the step's date, filled in by the API
 * (callers may not send it: workflow code cannot read the registry). Every
 * figure is null where the registry had none for that date. Steps recorded
 * without it (older histories, the simulator) are judged as unverified.
 */
export const RegistryFacts = z.object({
  /** The date the registry was read for: the step's own. */
  asOf: IsoDate,
  /** The registry version in force on it, null if none was. */
  versionFrom: IsoDate.nullable(),
  /** The case's cell's official members. */
  officialMembers: z.number().int().min(0).nullable(),
  /** The executive size of the committee the step names. */
  committeeMembers: z.number().int().min(0).nullable(),
  /** The committee competent for the case's cell, and the one directly above it (which decides after a deadlock). */
  competentCommitteeId: OrgId.nullable(),
  superiorCommitteeId: OrgId.nullable(),
});
export type RegistryFacts = z.infer<typeof RegistryFacts>;

export const Introducer = z.object({
  kind: z.enum(['official_member', 'youth_union', 'trade_union']),
  fullName: personName({ vi: 'Họ và tên người giới thiệu', en: "introducer's full name" }),
  /** The member's status on the day of introducing; a probationer cannot introduce. */
  memberStatus: z.enum(['official', 'probationary', 'not_member']).default('official'),
  /** Since when they have worked, studied or lived with the applicant in the same unit. */
  together_since: IsoDate.optional(),
});
export type Introducer = z.infer<typeof Introducer>;

export const DocumentKind = z.enum([
  'over_60_consent',
  'readmission_consent',
  'ceremony_delay_consent',
  'education_certificate',
  'other',
]);

export const Command = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('ENROL_COURSE'),
    form: form('VB'),
    mentor: personName({ vi: 'Người theo dõi, giúp đỡ', en: 'mentor' }),
    ...base,
  }),
  z.object({
    type: z.literal('RECORD_CERTIFICATE'),
    form: form('CN-NTVĐ'),
    certificateNo: typedText({ vi: 'Số giấy chứng nhận', en: 'certificate number' }, { max: 100 }),
    ...base,
  }),
  z.object({ type: z.literal('RECORD_APPLICATION'), form: form('1-KNĐ'), ...base }),
  z.object({ type: z.literal('RECORD_PERSONAL_HISTORY'), form: form('2-KNĐ'), ...base }),
  z.object({
    type: z.literal('RECORD_INTRODUCTION'),
    form: form('3-KNĐ', '4-KNĐ'),
    slot: z.union([z.literal(1), z.literal(2)]),
    introducer: Introducer,
    ...base,
  }),
  z.object({
    type: z.literal('REPLACE_INTRODUCER'),
    form: form('3-KNĐ', '4-KNĐ'),
    slot: z.union([z.literal(1), z.literal(2)]),
    introducer: Introducer,
    reason: reasonText(500),
    ...base,
  }),
  z.object({ type: z.literal('RECORD_COMMENTS'), form: form('5-KNĐ'), ...base }),
  z.object({
    type: z.literal('RECORD_VERIFICATION'),
    form: form('2-KNĐ'),
    outcome: z.enum(['pass', 'fail']),
    findings: typedText({ vi: 'Kết quả thẩm tra', en: 'findings' }, { max: 2000, multiline: true }).optional(),
    ...base,
  }),
  z.object({
    type: z.literal('RECORD_CELL_VOTE'),
    form: form('6-KNĐ'),
    resolution: z.enum(['propose_admission', 'not_proposed']),
    tally: CellTally,
    registry: RegistryFacts.optional(),
    ...base,
  }),
  z.object({ type: z.literal('RECORD_APPRAISAL'), form: form('7-KNĐ', '14-KNĐ'), ...base }),
  z.object({
    type: z.literal('RECORD_COMMITTEE_DECISION'),
    form: form('9-KNĐ'),
    decision: z.enum(['admit', 'refuse']),
    committeeId: OrgId,
    tally: CommitteeTally,
    /** When the cell received the decision: the ceremony's 30 working days run from here. */
    receivedOn: IsoDate.optional(),
    registry: RegistryFacts.optional(),
    ...base,
  }),
  z.object({
    type: z.literal('EXTEND_DEADLINE'),
    form: form('VB'),
    deadline: z.enum(['committee_decision', 'recognition_decision']),
    workingDays: z.number().int().min(1),
    reason: reasonText(1000),
    ...base,
  }),
  z.object({
    type: z.literal('RECORD_DOCUMENT'),
    form: form('VB'),
    kind: DocumentKind,
    documentNo: typedText({ vi: 'Số văn bản', en: 'document number' }, { max: 100 }),
    ...base,
  }),
  z.object({ type: z.literal('RECORD_CEREMONY'), form: form('VB'), ...base }),
  z.object({
    type: z.literal('ASSIGN_HELPER'),
    form: form('VB'),
    helper: personName({ vi: 'Đảng viên giúp đỡ', en: 'helper' }),
    ...base,
  }),
  z.object({
    type: z.literal('RECORD_HELPER_ASSESSMENT'),
    form: form('VB'),
    helper: personName({ vi: 'Đảng viên giúp đỡ', en: 'helper' }),
    ...base,
  }),
  z.object({
    type: z.literal('RECORD_RECOGNITION_PAPER'),
    form: form('CN-ĐVM', '10-KNĐ', '11-KNĐ', '12-KNĐ'),
    ...base,
  }),
  z.object({
    type: z.literal('RECORD_DISCIPLINE'),
    form: form('VB'),
    discipline: z.enum(['reprimand', 'warning', 'dismissal', 'expulsion']),
    ...base,
  }),
  z.object({ type: z.literal('REMOVE_NAME'), form: form('VB'), reason: reasonText(1000), ...base }),
  z.object({
    type: z.literal('RECORD_RECOGNITION_VOTE'),
    form: form('13-KNĐ'),
    resolution: z.enum(['recognise', 'remove', 'undecided']),
    tally: CellTally,
    registry: RegistryFacts.optional(),
    ...base,
  }),
  z.object({
    type: z.literal('RECORD_RECOGNITION_DECISION'),
    form: form('16-KNĐ'),
    /** "undecided": neither side reached two thirds; three such votes of the committee send the case up (4.2c). */
    decision: z.enum(['recognise', 'remove', 'undecided']),
    committeeId: OrgId,
    tally: CommitteeTally,
    registry: RegistryFacts.optional(),
    ...base,
  }),
  z.object({
    type: z.literal('MOVE_CELL'),
    form: form('VB'),
    toCellId: OrgId,
    toCommitteeIds: z.array(OrgId).min(1),
    toCompetentCommitteeId: OrgId.optional(),
    ...base,
  }),
  z.object({ type: z.literal('RECORD_TRANSFER_LETTER'), form: form('VB'), ...base }),
  z.object({ type: z.literal('RECORD_TRANSFER_PRESENTED'), form: form('VB'), ...base }),
  z.object({ type: z.literal('WITHDRAW'), form: form('1-KNĐ', 'VB'), reason: reasonText(1000), ...base }),
]);
export type Command = z.infer<typeof Command>;
export type CommandInput = z.input<typeof Command>;
export type CommandType = Command['type'];

/** The workflow's own events, never sent by users: time passing. */
export const SystemEvent = z.object({ type: z.literal('PROBATION_ENDED'), date: IsoDate });
export type SystemEvent = z.infer<typeof SystemEvent>;

/** What the machine receives: a command stamped with the day it was recorded (the workflow's clock). */
export type MachineEvent = (Command | SystemEvent) & {
  recordedOn: IsoDate;
  /**
   * Set only when a workflow replays a step its history shows was accepted: the rules of the code replaying it
   * may be stricter than those that accepted it, and a step that happened must happen again on replay. Its
   * breaches are kept as irregularities, as a paper record's are.
   */
  acceptedEarlier?: true;
  /** Set by advance() on the event it hands the machine, whose rules it has just run: the guard need not again. */
  judged?: true;
};
