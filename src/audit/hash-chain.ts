/**
 * A hash chain over a case's events: each link is SHA-256 of the previous
 * link and the event's canonical form. Two exports of the same case
 * agree on every link they share; the first link that differs is where the
 * history was changed, and a longer chain is the same history grown.
 *
 * The canonical form is RFC 8785 (JSON Canonicalization Scheme), so an auditor
 * can check an export's links with any JCS implementation and SHA-256
 * (the recipe is in the audit report's schema, `CHAIN_RECIPE`).
 */
import { createHash } from 'node:crypto';
import { temporal } from '@temporalio/proto';
import type { CaseRun } from '../temporal/case-runs';
import canonicalize from 'canonicalize';

export interface ChainLink {
  runId: string;
  eventId: number;
  hash: string;
}

/**
 * The server marshals map fields (headers, search attributes) in no fixed
 * order, so the event's bytes are not stable: hash its JCS form instead (the
 * event as protobufjs's JSON object: camelCase field names, bytes as base64,
 * 64-bit integers and enums as strings).
 */
function canonical(event: temporal.api.history.v1.IHistoryEvent): string {
  const obj = temporal.api.history.v1.HistoryEvent.toObject(temporal.api.history.v1.HistoryEvent.fromObject(event), {
    longs: String,
    bytes: String,
    enums: String,
  });
  return canonicalize(obj)!;
}

/** How a link is made, in words an auditor with another tool can follow; the export's schema carries it. */
export const CHAIN_RECIPE =
  "link[0] = hex(SHA-256(UTF-8 'party-pipeline audit chain v1')); link[n] = hex(SHA-256(UTF-8(link[n-1] + " +
  'JCS(event n)))), JCS being RFC 8785, the events those of every run in order, each the history event as ' +
  'protobufjs JSON (camelCase names, bytes base64, 64-bit integers and enums as strings).';

export function hashChain(runs: CaseRun[]): ChainLink[] {
  let previous = createHash('sha256').update('party-pipeline audit chain v1').digest('hex');
  const links: ChainLink[] = [];
  for (const run of runs)
    for (const event of run.history.events ?? []) {
      previous = createHash('sha256').update(previous).update(canonical(event)).digest('hex');
      links.push({ runId: run.runId, eventId: Number(event.eventId), hash: previous });
    }
  return links;
}

export type ChainComparison =
  | { verdict: 'identical'; events: number }
  | { verdict: 'grown'; shared: number; added: number }
  | { verdict: 'changed'; firstDifference: { runId: string; eventId: number } | null; shared: number };

/** Compares an earlier export's chain with a later one. */
export function compareChains(earlier: ChainLink[], later: ChainLink[]): ChainComparison {
  const n = Math.min(earlier.length, later.length);
  for (let i = 0; i < n; i++)
    if (earlier[i]!.hash !== later[i]!.hash)
      return {
        verdict: 'changed',
        firstDifference: { runId: earlier[i]!.runId, eventId: earlier[i]!.eventId },
        shared: i,
      };
  if (later.length < earlier.length) return { verdict: 'changed', firstDifference: null, shared: n };
  return later.length === earlier.length
    ? { verdict: 'identical', events: n }
    : { verdict: 'grown', shared: n, added: later.length - n };
}
