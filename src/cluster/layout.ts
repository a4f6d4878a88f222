/**
 * Where everything of one cluster lives: its directories, and every port, derived from one base port so that a
 * test can take a block of free ports and `npm run cluster` fixed ones. Every process listens on 127.0.0.1 only.
 */
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';

export const TEMPORAL_SERVICES = ['frontend', 'history', 'matching', 'worker'] as const;
export type TemporalServiceName = (typeof TEMPORAL_SERVICES)[number];

export interface TemporalServicePorts {
  /** gRPC: the frontend's is the one clients use; the others are spoken to by the services among themselves. */
  grpc: number;
  /** Ringpop gossip, by which the services find one another (they also register in the database). */
  membership: number;
  /** Prometheus scrape endpoint, http://host:port/metrics. */
  metrics: number;
  /** Go's pprof, http://host:port/debug/pprof/. */
  pprof: number;
}

export interface ClusterLayout {
  dir: string;
  host: string;
  logDir: string;
  runDir: string;
  /** The generated Temporal configuration: one file per service, and the dynamic config they share. */
  configDir: string;
  postgresDataDir: string;
  postgresPort: number;
  temporal: Record<TemporalServiceName, TemporalServicePorts>;
  /** The frontend's HTTP API (Temporal's REST gateway, also where Nexus callbacks arrive). */
  frontendHttpPort: number;
  apiPorts: number[];
  workerMetricsPorts: number[];
  /**
   * Fixed when the cluster is first created and never changeable afterwards: a workflow's shard is a hash of its
   * id modulo this number. 4 suits a province (thousands of cases, a few commands a minute; one shard takes
   * hundreds of updates a second) and lets up to four history processes share the load; more shards only cost
   * idle polling of the database on a small machine.
   */
  historyShards: number;
}

export interface LayoutOptions {
  /** The cluster's directory: PostgreSQL's data (unless external), logs, pid files, configuration, secrets. */
  dir: string;
  /**
   * Temporal's ports are basePort + 0..3 (gRPC of frontend, history, matching, worker), +4 (frontend HTTP),
   * +10..13 (membership), +20..23 (metrics), +30..33 (pprof); PostgreSQL +40, APIs +50.., workers' metrics +60..
   * unless given. Without it, a free block is chosen.
   */
  basePort?: number;
  postgresPort?: number;
  apiPorts?: number[];
  workerMetricsPorts?: number[];
  workers?: number;
  apis?: number;
  historyShards?: number;
  /** PostgreSQL's data directory; default `<dir>/postgres`. */
  postgresDataDir?: string;
}

/** Most processes of one kind a layout has ports for. */
export const MAX_PER_KIND = 10;
const SPAN = 70;

export function clusterLayout(options: LayoutOptions & { basePort: number }): ClusterLayout {
  const { basePort } = options;
  const workers = options.workers ?? 2;
  const apis = options.apis ?? 2;
  if (!Number.isInteger(basePort) || basePort < 1024 || basePort + SPAN > 65535)
    throw new Error(`cluster: basePort must be an integer from 1024 to ${65535 - SPAN} (got ${basePort})`);
  for (const [what, n] of [
    ['workers', workers],
    ['apis', apis],
  ] as const)
    if (!Number.isInteger(n) || n < 0 || n > MAX_PER_KIND)
      throw new Error(`cluster: ${what} must be from 0 to ${MAX_PER_KIND} (got ${n})`);
  const dir = resolve(options.dir);
  const temporal = Object.fromEntries(
    TEMPORAL_SERVICES.map((name, i) => [
      name,
      { grpc: basePort + i, membership: basePort + 10 + i, metrics: basePort + 20 + i, pprof: basePort + 30 + i },
    ]),
  ) as Record<TemporalServiceName, TemporalServicePorts>;
  const apiPorts = options.apiPorts ?? Array.from({ length: apis }, (_, i) => basePort + 50 + i);
  const workerMetricsPorts = options.workerMetricsPorts ?? Array.from({ length: workers }, (_, i) => basePort + 60 + i);
  if (apiPorts.length < apis) throw new Error(`cluster: ${apis} APIs but only ${apiPorts.length} apiPorts`);
  if (workerMetricsPorts.length < workers)
    throw new Error(`cluster: ${workers} workers but only ${workerMetricsPorts.length} workerMetricsPorts`);
  const historyShards = options.historyShards ?? 4;
  if (!Number.isInteger(historyShards) || historyShards < 1)
    throw new Error(`cluster: historyShards must be a positive integer (got ${historyShards})`);
  return {
    dir,
    host: '127.0.0.1',
    logDir: join(dir, 'logs'),
    runDir: join(dir, 'run'),
    configDir: join(dir, 'temporal-config'),
    postgresDataDir: resolve(options.postgresDataDir ?? join(dir, 'postgres')),
    postgresPort: options.postgresPort ?? basePort + 40,
    temporal,
    frontendHttpPort: basePort + 4,
    apiPorts: apiPorts.slice(0, apis),
    workerMetricsPorts: workerMetricsPorts.slice(0, workers),
    historyShards,
  };
}

/** Every port of the layout with what it is for, to name the one that is taken. */
export function portsOf(layout: ClusterLayout, { postgres }: { postgres: boolean }): Array<[number, string]> {
  return [
    ...(postgres ? [[layout.postgresPort, 'PostgreSQL'] as [number, string]] : []),
    ...TEMPORAL_SERVICES.flatMap((name): Array<[number, string]> => {
      const p = layout.temporal[name];
      return [
        [p.grpc, `Temporal ${name} gRPC`],
        [p.membership, `Temporal ${name} membership`],
        [p.metrics, `Temporal ${name} metrics`],
        [p.pprof, `Temporal ${name} pprof`],
      ];
    }),
    [layout.frontendHttpPort, 'Temporal frontend HTTP'],
    ...layout.apiPorts.map((p, i): [number, string] => [p, `API ${i + 1}`]),
    ...layout.workerMetricsPorts.map((p, i): [number, string] => [p, `worker ${i + 1} metrics`]),
  ];
}

export const canListen = (port: number, host = '127.0.0.1') =>
  new Promise<boolean>((done) => {
    const s = createServer();
    s.once('error', () => done(false));
    s.listen(port, host, () => s.close(() => done(true)));
  });

/** The ports of the layout already taken by something else, each named. */
export async function takenPorts(layout: ClusterLayout, postgres: boolean): Promise<Array<[number, string]>> {
  const taken: Array<[number, string]> = [];
  for (const [port, what] of portsOf(layout, { postgres }))
    if (!(await canListen(port, layout.host))) taken.push([port, what]);
  return taken;
}

/**
 * A base port whose whole block is free now, from 20000–32000: below the kernel's ephemeral range (32768 and up),
 * from which outgoing connections take their ports and could take one of ours between the check and the bind.
 */
export async function freeBasePort(options: LayoutOptions, postgres: boolean): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const basePort = 20_000 + 10 * Math.floor(Math.random() * ((32_000 - SPAN - 20_000) / 10));
    if (!(await takenPorts(clusterLayout({ ...options, basePort }), postgres)).length) return basePort;
  }
  throw new Error('cluster: no free block of ports found from 20000 to 32000');
}
