/**
 * The charter's data files checked against their schemas, once per process
 * (a worker or the API refuses to start on a bad edit), instead of once per
 * workflow. The modules that use the files trust them as they are, so the
 * check also insists that parsing changes nothing (no defaults, no transforms).
 */
import canonicalize from 'canonicalize';
import { parseHolidays } from './holiday-schema';
import { parsePolicies } from './policy-schema';
import holidays from './data/holidays.json';
import policies from './data/policies.json';

/** zod's output follows the schema's key order, the file its own: compare them key order aside. */
const isSame = (a: unknown, b: unknown) => canonicalize(a) === canonicalize(b);

/** The file as the modules read it: top-level keys starting with `_` are comments. */
const withoutComments = (file: object) => Object.fromEntries(Object.entries(file).filter(([k]) => !k.startsWith('_')));

export function checkCharterData(): void {
  if (!isSame(parsePolicies(policies), policies.sets))
    throw new Error('policies: the schema changes data/policies.json when parsing it; put the values in the file');
  if (!isSame(parseHolidays(holidays), withoutComments(holidays)))
    throw new Error('holidays: the schema changes data/holidays.json when parsing it; put the values in the file');
}
