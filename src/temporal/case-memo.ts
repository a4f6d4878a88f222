/**
 * The candidate's name kept beside the case in Temporal's visibility record, as a memo the client sets when it
 * starts the case: lists show names from the same visibility query that finds the cases, with no query per case
 * and no change to the workflow. The memo goes through the client's data converter, so the payload codec seals
 * it like the rest of the candidate's data (search attributes, which are not sealed, never carry it). Temporal
 * carries a run's memo into the next one on continue-as-new. Cases started before the memo have none.
 */
import type { LoadedDataConverter } from '@temporalio/common';
import { decodeMapFromPayloads } from '@temporalio/common/lib/internal-non-workflow';
import type { temporal } from '@temporalio/proto';
import type { Registration } from '../schemas/candidate';

const FULL_NAME = 'fullName';

/** The memo a case starts with. */
export const caseMemo = (registration: Registration): Record<string, unknown> => ({
  [FULL_NAME]: registration.profile.fullName,
});

/**
 * The name in a visibility record's memo, or null when the case has none (started before the memo) or it does not
 * open (sealed with a key this process does not hold): a list shows such a case by its id rather than failing.
 */
export async function nameFromMemo(
  converter: LoadedDataConverter,
  memo: temporal.api.common.v1.IMemo | null | undefined,
): Promise<string | null> {
  if (!memo?.fields?.[FULL_NAME]) return null;
  try {
    const fields = await decodeMapFromPayloads(converter, memo.fields);
    const name = fields?.[FULL_NAME];
    return typeof name === 'string' && name ? name : null;
  } catch {
    return null;
  }
}
