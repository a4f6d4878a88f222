/**
 * A registration as a person or a client sends it to the API: education as
 * they write it, relatives by their relation, and no case id needed (the API
 * derives one, as import does). Kept apart from candidate.ts, which the
 * workflow bundle imports: the workflow receives the registration as stored.
 */
import { z } from 'zod';
import { CandidateProfile, FamilyMember, Registration } from './candidate';
import { CaseId } from './common';
import { EducationWritten } from './education';

export const RegistrationProfileBody = CandidateProfile.omit({ educationAsWritten: true }).extend({
  education: EducationWritten,
  family: z.array(FamilyMember).max(50).default([]),
});

export const RegistrationBody = Registration.pick({
  profile: true,
  cellId: true,
  youthUnionExists: true,
  registeredOn: true,
  readmission: true,
})
  .extend({
    caseId: CaseId.optional().meta({
      description:
        'Derived from the cell, the name and the birth date when absent (as import does), so registering the same person twice finds the first case (409)',
    }),
    profile: RegistrationProfileBody,
  })
  .strict();
export type RegistrationBody = z.infer<typeof RegistrationBody>;
