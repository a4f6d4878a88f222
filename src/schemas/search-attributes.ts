/** Typed keys of the custom search attributes the candidate workflow upserts (the servers get them from temporal.config.ts). */
import type { SearchAttributeKey, SearchAttributeType } from '@temporalio/common/lib/search-attributes';

// What the SDK's defineSearchAttributeKey makes, written without it: the case core, which reads these keys, is
// shared by every workflow of a worker (src/temporal/bundle.ts), and the SDK's own module must stay each workflow's.
const key = <const T extends SearchAttributeType>(name: string, type: T): SearchAttributeKey<T> => ({ name, type });

export const SA = {
  stage: key('CandidateStage', 'KEYWORD'),
  cell: key('CellId', 'KEYWORD'),
  committees: key('CommitteeIds', 'KEYWORD_LIST'),
  nextDue: key('NextDueDate', 'DATETIME'),
  overdueLevel: key('OverdueLevel', 'INT'),
  admissionYear: key('AdmissionYear', 'INT'),
};
