/** The candidate as registered: personal data (encrypted in the history by the codec) and the facts rules need. */
import { z } from 'zod';
import { BarredReason } from '../charter/barred-reason';
import { CaseId, IsoDate, OrgId } from './common';
import { Education } from './education';
import { personName, typedText } from './text';

export { Education };

/** Where completed primary school suffices (charter rule 2). */
export const EducationException = z.enum([
  'mountain',
  'border',
  'island',
  'ethnic_minority',
  'extremely_disadvantaged',
  'fisherman_at_sea',
]);

/**
 * The relatives personal-history verification covers (charter rule 5): parents or those who raised them,
 * parents-in-law, spouse and adult children.
 */
export const Relation = z.enum([
  'father',
  'mother',
  'guardian',
  'father_in_law',
  'mother_in_law',
  'spouse',
  'adult_child',
]);

/** A relative to verify, as the API takes it. */
export const FamilyMember = z.object({
  relation: Relation,
  fullName: personName({ vi: 'Họ và tên người thân', en: "relative's full name" }),
  /** A member whose own history is fully declared needs no verification. */
  isPartyMember: z.boolean().default(false),
});

const LeftReason = z.union([BarredReason, z.enum(['resigned_family_hardship', 'removed', 'expelled', 'other'])]);

/** A former member asking to be admitted again (charter rule 9). */
export const Readmission = z.object({
  firstAdmissionDecisionOn: IsoDate,
  leftOn: IsoDate,
  leftReason: LeftReason,
  /** A less serious crime whose record was cleared: 60 months wait from the clearing instead of 36 from leaving. */
  criminalRecordClearedOn: IsoDate.optional(),
  previousReadmissions: z.number().int().min(0).default(0),
});
export type Readmission = z.infer<typeof Readmission>;

export const CandidateProfile = z.object({
  fullName: personName({ vi: 'Họ và tên', en: 'full name' }),
  birthDate: IsoDate,
  education: Education,
  /** The education as it was written ("12/12", "Đại học"), where it was not written as `education`'s code. */
  educationAsWritten: typedText({ vi: 'Trình độ học vấn', en: 'education' }, { max: 100 }).optional(),
  educationException: EducationException.optional(),
  youthUnionMember: z.boolean().default(false),
  tradeUnionMember: z.boolean().default(false),
  /**
   * The relatives verification covers; encrypted at rest with the rest of the profile. Cases registered before
   * the relation was a choice keep the words they were given.
   */
  family: z
    .array(
      FamilyMember.extend({
        relation: z.union([Relation, typedText({ vi: 'Quan hệ', en: 'relation' }, { max: 50 })]),
      }),
    )
    .max(50)
    .default([]),
});
export type CandidateProfile = z.infer<typeof CandidateProfile>;

export const Registration = z.object({
  caseId: CaseId,
  profile: CandidateProfile,
  cellId: OrgId,
  /** The cell's ancestors up to the province, nearest first: recipients of alerts and the visibility scope. */
  committeeIds: z.array(OrgId).min(1),
  /** The committee that decides admissions and recognitions for this cell; the nearest committee when absent. */
  competentCommitteeId: OrgId.optional(),
  /** Whether the cell's unit has a Youth Union organisation (decides the introducer route). */
  youthUnionExists: z.boolean().default(true),
  registeredOn: IsoDate,
  readmission: Readmission.optional(),
  /** Tests and the simulator replace the built-in holidays; absent in production. */
  calendar: z.object({ holidays: z.array(IsoDate), makeUpWorkdays: z.array(IsoDate) }).optional(),
});
export type Registration = z.input<typeof Registration>;
export type RegistrationParsed = z.infer<typeof Registration>;
