/** A production-shaped cluster of its own for a test file (src/cluster), and what a test needs to talk to it. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { tsToMs } from '@temporalio/common/lib/time';
import type { History } from '../../src/temporal/case-runs';
import type { Principal } from '../../src/auth/principal';
import { tokenSource } from '../../src/accounts/provision';
import { openDatabase, type AppDatabase } from '../../src/db/open';
import { startCluster, type Cluster, type ClusterOptions } from '../../src/cluster';
import { loadCodec } from '../../src/codec/keys';
import { httpCaller, type Caller } from './stack';

export async function startTestCluster(
  name: string,
  options: Omit<ClusterOptions, 'dir'> & { dir?: string } = {},
): Promise<Cluster> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), `${name}-`));
  const began = Date.now();
  // CLUSTER_DEBUG=1 shows each step of the start with its time.
  const log = process.env.CLUSTER_DEBUG
    ? (line: string) => process.stderr.write(`${((Date.now() - began) / 1000).toFixed(1)} s ${line}\n`)
    : undefined;
  const cluster = await startCluster({ log, ...options, dir });
  process.stderr.write(`${name}: cluster up in ${((Date.now() - began) / 1000).toFixed(1)} s (${dir})\n`);
  return cluster;
}

/** A client that reads and writes the cluster's cases: its address and its codec key. */
export async function clusterClient(cluster: Cluster): Promise<Client> {
  return new Client({
    connection: await Connection.connect({ address: cluster.temporalAddress }),
    namespace: cluster.namespace,
    dataConverter: { payloadCodecs: [loadCodec({ ...process.env, ...cluster.env })] },
  });
}

/**
 * Calls one of the cluster's API instances as a user, with an access token made in the cluster's app database
 * (one handle per cluster, closed with closeApiCallers).
 */
export function apiCaller(cluster: Cluster, apiIndex: number): (p: Principal | null) => Caller {
  let entry = tokenDbs.get(cluster);
  if (!entry) {
    const database = openDatabase({ kind: 'postgres', url: cluster.databases.app });
    let made: ((p: Principal) => Promise<string>) | undefined;
    entry = { database, tokens: async (p) => (made ??= tokenSource((await database).db))(p) };
    tokenDbs.set(cluster, entry);
  }
  return httpCaller(cluster.apis[apiIndex]!.url, entry.tokens);
}

const tokenDbs = new Map<Cluster, { database: Promise<AppDatabase>; tokens: (p: Principal) => Promise<string> }>();

/** Closes the database handles apiCaller opened for a cluster. */
export async function closeApiCallers(cluster: Cluster): Promise<void> {
  const entry = tokenDbs.get(cluster);
  tokenDbs.delete(cluster);
  if (entry) await (await entry.database).close();
}

/** Each workflow task a history's case ran: by which worker (the SDK's identity, pid@host) and when it started. */
export function workflowTasks(history: History): Array<{ pid: number; at: number }> {
  return (history.events ?? []).flatMap((e) => {
    const identity = e.workflowTaskStartedEventAttributes?.identity;
    return identity ? [{ pid: Number(identity.split('@')[0]), at: tsToMs(e.eventTime) }] : [];
  });
}
