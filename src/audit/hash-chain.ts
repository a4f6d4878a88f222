/**
 * A hash chain over a case's events: each link is SHA-256 of the previous
 * link and the event's canonical form. Two exports of the same case
 * agree on every link they share; the first link that differs is where the
 * history was changed, and a longer chain is the same history grown.
 */
import { createHash } from 'node:crypto';
import { temporal } from '@temporalio/proto';
import type { CaseRun } from './runs';
import { canonicalJson } from '../util/canonical-json';

export interface ChainLink {
  runId: string;
  eventId: number;
  hash: string;
}

/**
 * The server marshals map fields (headers, search attributes) in no fixed
 * order, so the event's bytes are not stable: hash its canonical JSON instead
 * (proto3 JSON field names, keys sorted, bytes as base64, 64-bit as strings).
 */
function canonical(event: temporal.api.history.v1.IHistoryEvent): string {
  const obj = temporal.api.history.v1.HistoryEvent.toObject(temporal.api.history.v1.HistoryEvent.fromObject(event), {
    longs: String,
    bytes: String,
    enums: String,
  });
  return canonicalJson(obj);
}

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
