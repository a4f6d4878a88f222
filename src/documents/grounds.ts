/**
 * The regulations a document cites ("Căn cứ …"), from the policy set in force on its date: before 1/7/2025 the
 * 2021 set's Regulation 24-QĐ/TW (232-QĐ/TW from 20/1/2025) and Guidance 01-HD/TW, from then 294-QĐ/TW and
 * 06-HD/TW. The wording is the policy file's, so a new regulation is a data change.
 */
import type { IsoDate } from '../charter/dates';
import { policyOn, type PolicySet } from '../charter/policy';

/** The grounds' texts in force on `date`, in the policy file's order. */
export function regulationsOn(date: IsoDate, sets?: readonly PolicySet[]): string[] {
  return policyOn(date, sets)
    .documentGrounds.filter((g) => (!g.from || g.from <= date) && (!g.until || date <= g.until))
    .map((g) => g.text);
}

/** "Căn cứ …;" lines: the regulations, then what the form itself rests on (a resolution, a proposal). */
export function groundLines(date: IsoDate, ...own: string[]): string[] {
  const all = [...regulationsOn(date), ...own];
  return all.map((text, i) => `Căn cứ ${text}${i === all.length - 1 ? ',' : ';'}`);
}
