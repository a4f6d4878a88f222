/** Typed keys of the custom search attributes the candidate workflow upserts (the servers get them from temporal.config.ts). */
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

export const SA = {
  stage: defineSearchAttributeKey('CandidateStage', SearchAttributeType.KEYWORD),
  cell: defineSearchAttributeKey('CellId', SearchAttributeType.KEYWORD),
  committees: defineSearchAttributeKey('CommitteeIds', SearchAttributeType.KEYWORD_LIST),
  nextDue: defineSearchAttributeKey('NextDueDate', SearchAttributeType.DATETIME),
  overdueLevel: defineSearchAttributeKey('OverdueLevel', SearchAttributeType.INT),
  admissionYear: defineSearchAttributeKey('AdmissionYear', SearchAttributeType.INT),
};
