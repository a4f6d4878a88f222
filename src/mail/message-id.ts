/**
 * Stable Message-IDs: the same mail gets the same id on every attempt, so a mail sent again after a worker died
 * between the server's acceptance and Temporal's record of it is recognised by mail systems as the same message.
 */
import type { IsoDate } from '../charter/dates';

const safe = (s: string) => s.replace(/[^A-Za-z0-9._-]/g, '_');
const domainOf = (from: string) => /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'pipeline.local';

/** The day's digest for a committee. */
export const digestMessageId = (committeeId: string, day: IsoDate, from: string): string =>
  `<digest.${safe(committeeId)}.${day}@${domainOf(from)}>`;

/** One alert mailed to one committee. */
export const alertMessageId = (alertId: string, committeeId: string, from: string): string =>
  `<alert.${safe(alertId)}.${safe(committeeId)}@${domainOf(from)}>`;
