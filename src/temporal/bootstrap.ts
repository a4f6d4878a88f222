/**
 * The namespace and the custom search attributes (`SEARCH_ATTRIBUTES`) every worker and API process needs,
 * made sure of at start, before anything is served: on a cluster nobody registers them, and a case that met a
 * missing attribute was an internal error (500). What is missing is created when PIPELINE_BOOTSTRAP=create (the
 * default) and the server allows it; otherwise the process stops with an error naming each missing thing and the
 * command an operator runs to create it. An attribute of another type is always an error, naming both types.
 *
 * Idempotent, and safe when several processes start at once: whatever another process created first counts as
 * created. The same code prepares the time-skipping test server, which cannot list search attributes.
 */
import { status } from '@grpc/grpc-js';
import { isGrpcServiceError, type Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { temporal } from '@temporalio/proto';
import { setTimeout as sleep } from 'node:timers/promises';
import { SEARCH_ATTRIBUTES, type TemporalConfig } from '../../temporal.config';

const IVT = temporal.api.enums.v1.IndexedValueType;

/** The CLI's names for the types (`temporal operator search-attribute create --type`). */
const TYPES = {
  Text: IVT.INDEXED_VALUE_TYPE_TEXT,
  Keyword: IVT.INDEXED_VALUE_TYPE_KEYWORD,
  Int: IVT.INDEXED_VALUE_TYPE_INT,
  Double: IVT.INDEXED_VALUE_TYPE_DOUBLE,
  Bool: IVT.INDEXED_VALUE_TYPE_BOOL,
  Datetime: IVT.INDEXED_VALUE_TYPE_DATETIME,
  KeywordList: IVT.INDEXED_VALUE_TYPE_KEYWORD_LIST,
} as const;
export type SearchAttributeType = keyof typeof TYPES;

const typeName = (t: unknown): string => Object.entries(TYPES).find(([, v]) => v === t)?.[0] ?? `type ${String(t)}`;

/** A value of each type that no case holds, for the query that shows the server accepts every attribute. */
const PROBE_VALUE: Record<SearchAttributeType, string> = {
  Text: "'-'",
  Keyword: "'-'",
  KeywordList: "'-'",
  Int: '0',
  Double: '0',
  Bool: 'false',
  Datetime: "'1970-01-01T00:00:00Z'",
};

const codeOf = (err: unknown) => (isGrpcServiceError(err) ? err.code : undefined);
/** The server's own words, with the status's name: "PERMISSION_DENIED: Request unauthorized." */
export function serverReason(err: unknown): string {
  if (isGrpcServiceError(err)) return `${status[err.code] ?? `gRPC status ${err.code}`}: ${err.details}`;
  return err instanceof Error ? err.message : String(err);
}
const alreadyExists = (err: unknown) =>
  codeOf(err) === status.ALREADY_EXISTS || /already exists/i.test(serverReason(err));

/** The namespace or the search attributes are missing, of the wrong type, or cannot be checked. */
export class TemporalBootstrapError extends Error {}

export type BootstrapSettings = Pick<TemporalConfig, 'address' | 'namespace' | 'bootstrap' | 'namespaceRetentionDays'>;

export interface Missing {
  namespace: boolean;
  attributes: Array<[name: string, type: SearchAttributeType]>;
}

/** Everything missing, each thing named, and the commands an operator runs to create it. */
export function missingMessage(settings: BootstrapSettings, missing: Missing, why: string): string {
  const { address, namespace } = settings;
  const target = `--address ${address} --namespace ${namespace}`;
  return [
    `Temporal at ${address} lacks what the pipeline needs in namespace ${namespace}, and ${why}:`,
    ...(missing.namespace ? [`  - the namespace ${namespace}`] : []),
    ...missing.attributes.map(([name, type]) => `  - the search attribute ${name} of type ${type}`),
    'An operator creates them (with the TLS or API-key options of the cluster) with:',
    ...(missing.namespace
      ? [`  temporal operator namespace create ${target} --retention ${settings.namespaceRetentionDays}d`]
      : []),
    ...missing.attributes.map(
      ([name, type]) => `  temporal operator search-attribute create ${target} --name ${name} --type ${type}`,
    ),
    'then starts the worker and the API again.',
  ].join('\n');
}

export interface WrongType {
  name: string;
  expected: SearchAttributeType;
  actual: string;
}

export function wrongTypeMessage(settings: BootstrapSettings, wrong: WrongType[]): string {
  const { address, namespace } = settings;
  return [
    `Temporal at ${address}: in namespace ${namespace}, ${wrong.length === 1 ? 'a search attribute has' : 'search attributes have'} another type than the pipeline needs (temporal.config.ts SEARCH_ATTRIBUTES):`,
    ...wrong.map((w) => `  - ${w.name} is of type ${w.actual}, the pipeline needs ${w.expected}`),
    "A search attribute's type cannot be changed. Point TEMPORAL_NAMESPACE at another namespace, or, if no workflow " +
      'uses it, an operator removes it and the worker or the API creates it again with its type:',
    ...wrong.map(
      (w) =>
        `  temporal operator search-attribute remove --address ${address} --namespace ${namespace} --name ${w.name}`,
    ),
  ].join('\n');
}

export interface BootstrapReport {
  namespaceCreated: boolean;
  attributesCreated: string[];
  /** Attributes two processes created at once, each on its own column, now on one. */
  aliasesRepaired: string[];
}

type Services = Pick<Connection, 'workflowService' | 'operatorService'>;

export interface BootstrapOptions {
  /** How long the server may take to accept new search attributes in queries (its namespace cache refreshes). */
  usableWithinMs?: number;
}

/**
 * Makes sure `settings.namespace` exists and has every search attribute of `SEARCH_ATTRIBUTES` with its type,
 * creating what is missing if `settings.bootstrap` is `create`, and waits until the server accepts them.
 */
export async function ensureNamespaceAndSearchAttributes(
  connection: Services,
  settings: BootstrapSettings,
  options: BootstrapOptions = {},
): Promise<BootstrapReport> {
  try {
    return await bootstrap(connection, settings, options.usableWithinMs ?? 60_000);
  } catch (err) {
    if (err instanceof TemporalBootstrapError) throw err;
    throw new TemporalBootstrapError(
      `Temporal at ${settings.address}: cannot check namespace ${settings.namespace} and its search attributes: ${serverReason(err)}`,
      { cause: err },
    );
  }
}

async function bootstrap(connection: Services, settings: BootstrapSettings, usableWithinMs: number) {
  const { namespace } = settings;
  const wanted = Object.entries(SEARCH_ATTRIBUTES) as Array<[string, SearchAttributeType]>;
  const report: BootstrapReport = { namespaceCreated: false, attributesCreated: [], aliasesRepaired: [] };
  const refuse: (missing: Missing, why: string, cause?: unknown) => never = (missing, why, cause) => {
    throw new TemporalBootstrapError(missingMessage(settings, missing, why), { cause });
  };
  const forbidden = 'PIPELINE_BOOTSTRAP=check forbids creating them';
  const refused = (err: unknown) => `the server refused to create them (${serverReason(err)})`;

  let described = await describe(connection, namespace);
  if (!described) {
    if (settings.bootstrap === 'check') refuse({ namespace: true, attributes: wanted }, forbidden);
    try {
      await connection.workflowService.registerNamespace({
        namespace,
        workflowExecutionRetentionPeriod: msToTs(settings.namespaceRetentionDays * 24 * 3600 * 1000),
        description: 'party-pipeline: one workflow per candidate',
      });
      report.namespaceCreated = true;
    } catch (err) {
      // Another process registered it first.
      if (!alreadyExists(err)) refuse({ namespace: true, attributes: wanted }, refused(err), err);
    }
    described = await describe(connection, namespace);
    if (!described)
      throw new TemporalBootstrapError(
        `Temporal at ${settings.address}: namespace ${namespace} was registered but is not found`,
      );
  }
  const NS = temporal.api.enums.v1.NamespaceState;
  const state = described.namespaceInfo?.state;
  if (state === NS.NAMESPACE_STATE_DELETED || state === NS.NAMESPACE_STATE_DEPRECATED)
    throw new TemporalBootstrapError(
      `Temporal at ${settings.address}: namespace ${namespace} is ${NS[state]}: it takes no new cases`,
    );

  const first = await list(connection, namespace, usableWithinMs);
  if (first === 'unlisted') {
    // The time-skipping test server cannot list search attributes; it says which of them it already has.
    if (settings.bootstrap === 'check')
      throw new TemporalBootstrapError(
        `Temporal at ${settings.address} cannot list search attributes (UNIMPLEMENTED), so PIPELINE_BOOTSTRAP=check cannot verify them`,
      );
    for (const [name, type] of wanted) {
      try {
        await connection.operatorService.addSearchAttributes({ namespace, searchAttributes: { [name]: TYPES[type] } });
        report.attributesCreated.push(name);
      } catch (err) {
        if (!alreadyExists(err)) refuse({ namespace: false, attributes: [[name, type]] }, refused(err), err);
      }
    }
    return report;
  }

  let listed = first;
  for (let round = 1; ; round++) {
    const have = listed;
    const wrong = wanted
      .filter(([name, type]) => have.has(name) && have.get(name) !== type)
      .map(([name, expected]) => ({ name, expected, actual: have.get(name)! }));
    if (wrong.length) throw new TemporalBootstrapError(wrongTypeMessage(settings, wrong));
    const missing = wanted.filter(([name]) => !have.has(name));
    if (!missing.length) break;
    if (settings.bootstrap === 'check') refuse({ namespace: false, attributes: missing }, forbidden);
    if (round > 3)
      refuse({ namespace: false, attributes: missing }, 'they are still not listed after being created three times');
    try {
      await connection.operatorService.addSearchAttributes({
        namespace,
        searchAttributes: Object.fromEntries(missing.map(([name, type]) => [name, TYPES[type]])),
      });
    } catch (err) {
      if (!alreadyExists(err)) refuse({ namespace: false, attributes: missing }, refused(err), err);
    }
    const after = await list(connection, namespace, usableWithinMs);
    if (after === 'unlisted')
      throw new TemporalBootstrapError(`Temporal at ${settings.address} stopped listing search attributes`);
    report.attributesCreated.push(...missing.filter(([name]) => after.has(name)).map(([name]) => name));
    listed = after;
  }

  await waitUntilUsable(connection, settings, wanted, usableWithinMs);
  // Creations (ours, or another process's just before) show in the namespace's config only now.
  if (report.namespaceCreated || report.attributesCreated.length) described = (await describe(connection, namespace))!;
  report.aliasesRepaired = await repairDuplicateColumns(connection, settings, described, wanted);
  if (report.aliasesRepaired.length) {
    // Until every service's namespace cache has refreshed, some may still map the attribute to the dropped column.
    await sleep(5000);
    await waitUntilUsable(connection, settings, wanted, usableWithinMs);
  }
  return report;
}

type Described = temporal.api.workflowservice.v1.IDescribeNamespaceResponse;

async function describe(connection: Services, namespace: string): Promise<Described | undefined> {
  try {
    return await connection.workflowService.describeNamespace({ namespace });
  } catch (err) {
    if (codeOf(err) === status.NOT_FOUND) return undefined;
    throw err;
  }
}

/**
 * The namespace's custom search attributes, name → type name; 'unlisted' if the server cannot list them. A namespace
 * just registered is not found here until the server's namespace cache has it: that is waited for.
 */
async function list(
  connection: Services,
  namespace: string,
  withinMs: number,
): Promise<Map<string, string> | 'unlisted'> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    try {
      const res = await connection.operatorService.listSearchAttributes({ namespace });
      return new Map(Object.entries(res.customAttributes ?? {}).map(([name, t]) => [name, typeName(t)]));
    } catch (err) {
      if (codeOf(err) === status.UNIMPLEMENTED) return 'unlisted';
      if (codeOf(err) !== status.NOT_FOUND || Date.now() > deadline) throw err;
      await sleep(250);
    }
  }
}

/**
 * A new search attribute is listed at once, but each server process learns of it when its namespace cache next
 * refreshes (`system.namespaceCacheRefreshInterval`, 2 s by default): until then a case that sets it would be
 * refused. A count whose query names every attribute shows the server accepts them all.
 */
async function waitUntilUsable(
  connection: Services,
  settings: BootstrapSettings,
  wanted: Array<[string, SearchAttributeType]>,
  withinMs: number,
): Promise<void> {
  const query = wanted.map(([name, type]) => `${name} = ${PROBE_VALUE[type]}`).join(' AND ');
  const deadline = Date.now() + withinMs;
  for (;;) {
    try {
      await connection.workflowService.countWorkflowExecutions({ namespace: settings.namespace, query });
      return;
    } catch (err) {
      const code = codeOf(err);
      // A server that cannot count (the time-skipping one), or a role that may not: nothing more to learn here.
      if (code === status.UNIMPLEMENTED || code === status.PERMISSION_DENIED) return;
      const settling =
        code === status.NOT_FOUND ||
        (code === status.INVALID_ARGUMENT && wanted.some(([name]) => serverReason(err).includes(name)));
      if (!settling || Date.now() > deadline)
        throw new TemporalBootstrapError(
          `Temporal at ${settings.address}: namespace ${settings.namespace} has every search attribute, but ` +
            `${settling ? `after ${withinMs} ms ` : ''}the server still refuses a query naming them: ${serverReason(err)}`,
          { cause: err },
        );
      await sleep(250);
    }
  }
}

/**
 * On SQL visibility a search attribute is an alias of a pre-allocated column. Two processes adding the same
 * attribute at once can each give it a column of its own (the server picks a free column at random and checks
 * only that the column is free), and then updates and queries disagree on where its value is. Every process
 * keeps the same one, the first by name, and drops the others' alias.
 */
async function repairDuplicateColumns(
  connection: Services,
  settings: BootstrapSettings,
  described: Described,
  wanted: Array<[string, SearchAttributeType]>,
): Promise<string[]> {
  const columns = new Map<string, string[]>();
  for (const [column, alias] of Object.entries(described.config?.customSearchAttributeAliases ?? {}))
    if (Object.hasOwn(SEARCH_ATTRIBUTES, alias)) columns.set(alias, [...(columns.get(alias) ?? []), column].sort());
  const doubled = wanted.filter(([name]) => (columns.get(name)?.length ?? 0) > 1).map(([name]) => name);
  if (!doubled.length) return [];
  const detail = doubled.map((name) => `${name} (${columns.get(name)!.join(', ')})`).join(', ');
  if (settings.bootstrap === 'check')
    throw new TemporalBootstrapError(
      `Temporal at ${settings.address}: in namespace ${settings.namespace}, search attributes are each mapped to ` +
        `several columns: ${detail}; PIPELINE_BOOTSTRAP=create keeps the first column of each`,
    );
  const drop = Object.fromEntries(
    doubled.flatMap((name) =>
      columns
        .get(name)!
        .slice(1)
        .map((column) => [column, '']),
    ),
  );
  await connection.workflowService.updateNamespace({
    namespace: settings.namespace,
    config: { customSearchAttributeAliases: drop },
  });
  return doubled;
}
