/**
 * The bootstrap on a dev server started WITHOUT the search attributes on its command line, as a fresh cluster
 * is: it creates the namespace and the attributes, changes nothing the second time or when two processes run
 * it at once, and where it may not create (PIPELINE_BOOTSTRAP=check, or the server refuses) it stops naming
 * each missing thing. An attribute of another type is an error naming both types.
 */
import { Client, Connection } from '@temporalio/client';
import { msToTs, tsToMs } from '@temporalio/common/lib/time';
import { SEARCH_ATTRIBUTES } from '../../temporal.config';
import { ensureNamespaceAndSearchAttributes, TemporalBootstrapError } from '../../src/temporal/bootstrap';
import { createClient } from '../../src/temporal/client';
import { SA } from '../../src/schemas/search-attributes';
import { loadConfig } from '../../temporal.config';
import { testCodecEnv } from '../helpers/codec';
import { startScratchServer, type ScratchServer } from '../helpers/scratch-server';
import { killProcess, startWorkerProcess } from '../helpers/worker-process';

const WANTED: Record<string, string> = SEARCH_ATTRIBUTES;
const NAMES = Object.keys(WANTED);
const TYPE_NAMES: Record<number, string> = {
  1: 'Text',
  2: 'Keyword',
  3: 'Int',
  4: 'Double',
  5: 'Bool',
  6: 'Datetime',
  7: 'KeywordList',
};

let scratch: ScratchServer;
const connections: Connection[] = [];

async function connect(): Promise<Connection> {
  const c = await Connection.connect({ address: scratch.config.address });
  connections.push(c);
  return c;
}
const settings = (
  over: { namespace?: string; bootstrap?: 'create' | 'check'; namespaceRetentionDays?: number } = {},
) => ({
  ...scratch.config,
  ...over,
});
async function listed(c: Pick<Connection, 'operatorService'>, namespace: string): Promise<Record<string, string>> {
  const res = await c.operatorService.listSearchAttributes({ namespace });
  return Object.fromEntries(
    Object.entries(res.customAttributes ?? {}).map(([n, t]) => [n, TYPE_NAMES[t] ?? String(t)]),
  );
}
/** Column → alias of the namespace's custom search attributes (SQL visibility). */
async function columns(c: Connection, namespace: string): Promise<Record<string, string>> {
  const res = await c.workflowService.describeNamespace({ namespace });
  return { ...(res.config?.customSearchAttributeAliases ?? {}) };
}
async function register(c: Connection, namespace: string, attributes: Record<string, number> = {}) {
  await c.workflowService.registerNamespace({ namespace, workflowExecutionRetentionPeriod: msToTs('1 day') });
  if (Object.keys(attributes).length)
    await c.operatorService.addSearchAttributes({ namespace, searchAttributes: attributes });
}
async function failure(p: Promise<unknown>): Promise<Error> {
  return p.then(
    () => new Error('expected the bootstrap to fail'),
    (err: unknown) => err as Error,
  );
}
const KEYWORD = 2;
const TEXT = 1;
const INT = 3;

beforeAll(async () => {
  scratch = await startScratchServer('bootstrap', {}, 3, { searchAttributes: false });
});
afterAll(async () => {
  for (const c of connections) await c.close();
  await scratch?.discard();
});

test('on a server without them, the attributes are created with their types and a case can use them at once', async () => {
  const c = await connect();
  const { namespace } = scratch.config;
  expect(Object.keys(await listed(c, namespace)).filter((n) => NAMES.includes(n))).toEqual([]);
  const client = new Client({ connection: c, namespace });
  const start = (workflowId: string) =>
    client.workflow.start('candidate', {
      taskQueue: 'nobody-polls',
      workflowId,
      typedSearchAttributes: [
        { key: SA.stage, value: 'source' },
        { key: SA.cell, value: 'cb-bootstrap' },
        { key: SA.committees, value: ['du-a'] },
        { key: SA.nextDue, value: new Date('2027-01-01T00:00:00Z') },
        { key: SA.overdueLevel, value: 0 },
        { key: SA.admissionYear, value: 2026 },
      ],
    });
  // What a case met on a cluster before (the API answered 500): the server refuses attributes it does not know.
  const before = await start('before-bootstrap').then(
    () => new Error('started'),
    (err: Error) => err,
  );
  expect(String((before.cause as Error | undefined)?.message)).toMatch(
    /CandidateStage|CellId|CommitteeIds|NextDueDate|OverdueLevel|AdmissionYear/,
  );

  const report = await ensureNamespaceAndSearchAttributes(c, settings());
  expect(report).toEqual({ namespaceCreated: false, attributesCreated: NAMES, aliasesRepaired: [] });
  expect(await listed(c, namespace)).toMatchObject(WANTED);

  const handle = await start('after-bootstrap');
  try {
    const { count } = await client.workflow.count(`CellId = 'cb-bootstrap' AND AdmissionYear = 2026`);
    expect(count).toBeLessThanOrEqual(1); // accepted as a query; visibility may not have it yet
  } finally {
    await handle.terminate('test over');
  }
});

test('a second run and two runs at once find everything and change nothing', async () => {
  const [a, b] = [await connect(), await connect()];
  const { namespace } = scratch.config;
  await ensureNamespaceAndSearchAttributes(a, settings());
  const before = await columns(a, namespace);
  expect(await ensureNamespaceAndSearchAttributes(a, settings())).toEqual({
    namespaceCreated: false,
    attributesCreated: [],
    aliasesRepaired: [],
  });
  await Promise.all([
    ensureNamespaceAndSearchAttributes(a, settings()),
    ensureNamespaceAndSearchAttributes(b, settings()),
  ]);
  expect(await columns(a, namespace)).toEqual(before);
  // check mode is satisfied too
  await ensureNamespaceAndSearchAttributes(a, settings({ bootstrap: 'check' }));
});

test('a namespace that does not exist is registered with the configured retention, once, by two processes at once', async () => {
  const [a, b] = [await connect(), await connect()];
  const namespace = 'bootstrap-fresh';
  const reports = await Promise.all(
    [a, b].map((c) => ensureNamespaceAndSearchAttributes(c, settings({ namespace, namespaceRetentionDays: 30 }))),
  );
  expect(reports.some((r) => r.namespaceCreated)).toBe(true);
  const described = await a.workflowService.describeNamespace({ namespace });
  expect(tsToMs(described.config?.workflowExecutionRetentionTtl)).toBe(30 * 24 * 3600 * 1000);
  expect(await listed(a, namespace)).toMatchObject(WANTED);
  // Each attribute on exactly one column, whichever process's creation won.
  const aliases = Object.values(await columns(a, namespace)).filter((alias) => NAMES.includes(alias));
  expect(aliases.sort()).toEqual([...NAMES].sort());
});

test('check mode on a namespace that does not exist names it, every attribute with its type, and the commands', async () => {
  const c = await connect();
  const namespace = 'bootstrap-check-absent';
  const err = await failure(ensureNamespaceAndSearchAttributes(c, settings({ namespace, bootstrap: 'check' })));
  expect(err).toBeInstanceOf(TemporalBootstrapError);
  expect(err.message).toContain('PIPELINE_BOOTSTRAP=check forbids creating them');
  expect(err.message).toContain(`  - the namespace ${namespace}`);
  expect(err.message).toContain(
    `temporal operator namespace create --address ${scratch.config.address} --namespace ${namespace} --retention 3650d`,
  );
  for (const [name, type] of Object.entries(WANTED)) {
    expect(err.message).toContain(`  - the search attribute ${name} of type ${type}`);
    expect(err.message).toContain(
      `temporal operator search-attribute create --address ${scratch.config.address} --namespace ${namespace} --name ${name} --type ${type}`,
    );
  }
  // Nothing was created.
  await expect(c.workflowService.describeNamespace({ namespace })).rejects.toThrow(/not found/i);
});

test('check mode names exactly the attributes missing, and creates none', async () => {
  const c = await connect();
  const namespace = 'bootstrap-check-partial';
  await register(c, namespace, { CellId: KEYWORD });
  const err = await failure(ensureNamespaceAndSearchAttributes(c, settings({ namespace, bootstrap: 'check' })));
  expect(err).toBeInstanceOf(TemporalBootstrapError);
  expect(err.message).not.toContain('the namespace');
  expect(err.message).not.toContain('CellId');
  for (const name of NAMES.filter((n) => n !== 'CellId')) {
    expect(err.message).toContain(`the search attribute ${name} of type ${WANTED[name]}`);
    expect(err.message).toContain(`--namespace ${namespace} --name ${name} --type`);
  }
  expect(Object.keys(await listed(c, namespace)).filter((n) => NAMES.includes(n))).toEqual(['CellId']);
});

test('an attribute of another type is an error naming it, its expected and its actual type, in either mode', async () => {
  const c = await connect();
  const namespace = 'bootstrap-wrong-type';
  await register(c, namespace, { CellId: TEXT, OverdueLevel: KEYWORD });
  for (const bootstrap of ['create', 'check'] as const) {
    const err = await failure(ensureNamespaceAndSearchAttributes(c, settings({ namespace, bootstrap })));
    expect(err).toBeInstanceOf(TemporalBootstrapError);
    expect(err.message).toContain('  - CellId is of type Text, the pipeline needs Keyword');
    expect(err.message).toContain('  - OverdueLevel is of type Keyword, the pipeline needs Int');
    expect(err.message).toContain(
      `search-attribute remove --address ${scratch.config.address} --namespace ${namespace} --name CellId`,
    );
  }
  // Never silently mended: the types are the operator's.
  expect(await listed(c, namespace)).toEqual({ CellId: 'Text', OverdueLevel: 'Keyword' });
});

test('a server that refuses to create them gives the same list of what is missing, with its reason', async () => {
  const c = await connect();
  const namespace = 'bootstrap-no-int-column';
  // SQL visibility has three Int columns per namespace: with all three taken, OverdueLevel and AdmissionYear cannot be.
  await register(c, namespace, { Filler1: INT, Filler2: INT, Filler3: INT });
  const err = await failure(ensureNamespaceAndSearchAttributes(c, settings({ namespace })));
  expect(err).toBeInstanceOf(TemporalBootstrapError);
  expect(err.message).toMatch(/the server refused to create them \(INVALID_ARGUMENT: .*cannot have more than 3/);
  for (const [name, type] of Object.entries(WANTED))
    expect(err.message).toContain(`--namespace ${namespace} --name ${name} --type ${type}`);
});

test('an attribute given two columns by two processes at once is named in check mode and put on one in create mode', async () => {
  const c = await connect();
  const namespace = 'bootstrap-doubled';
  await ensureNamespaceAndSearchAttributes(c, settings({ namespace }));
  const used = await columns(c, namespace);
  const first = Object.keys(used).find((column) => used[column] === 'CellId')!;
  const spare = Array.from({ length: 10 }, (_, i) => `Keyword${String(i + 1).padStart(2, '0')}`).find(
    (k) => !(k in used),
  )!;
  // What the server's own add does when two processes race: the same alias on a second free column.
  await c.workflowService.updateNamespace({
    namespace,
    config: { customSearchAttributeAliases: { [spare]: 'CellId' } },
  });
  const doubled = Object.entries(await columns(c, namespace)).filter(([, alias]) => alias === 'CellId');
  expect(doubled).toHaveLength(2);

  const err = await failure(ensureNamespaceAndSearchAttributes(c, settings({ namespace, bootstrap: 'check' })));
  expect(err.message).toMatch(/CellId \(Keyword\d\d, Keyword\d\d\)/);

  const report = await ensureNamespaceAndSearchAttributes(c, settings({ namespace }));
  expect(report.aliasesRepaired).toEqual(['CellId']);
  const kept = [first, spare].sort()[0];
  expect(Object.entries(await columns(c, namespace)).filter(([, alias]) => alias === 'CellId')).toEqual([
    [kept, 'CellId'],
  ]);
});

test('a worker process under PIPELINE_BOOTSTRAP=check stops at start with that error; under create it creates and polls', async () => {
  const env = (namespace: string, bootstrap: string) => ({
    ...testCodecEnv(),
    TEMPORAL_ADDRESS: scratch.config.address,
    TEMPORAL_NAMESPACE: namespace,
    TEMPORAL_TASK_QUEUE: 'bootstrap',
    PIPELINE_BOOTSTRAP: bootstrap,
  });
  const stopped = await failure(startWorkerProcess(env('bootstrap-worker', 'check')));
  expect(stopped.message).toMatch(/^worker exited \(1\) before polling/);
  expect(stopped.message).toContain('  - the namespace bootstrap-worker');
  expect(stopped.message).toContain('--namespace bootstrap-worker --name CellId --type Keyword');
  expect(stopped.message).not.toMatch(/\n\s+at /); // the message, not a stack trace

  const worker = await startWorkerProcess(env('bootstrap-worker', 'create'));
  try {
    expect(await listed(await connect(), 'bootstrap-worker')).toMatchObject(WANTED);
  } finally {
    await killProcess(worker);
  }
});

test("the API's client, made at its start, creates what is missing before it is returned", async () => {
  Object.assign(process.env, testCodecEnv());
  const namespace = 'bootstrap-api';
  const client = await createClient(
    loadConfig({ TEMPORAL_ADDRESS: scratch.config.address, TEMPORAL_NAMESPACE: namespace }),
  );
  try {
    expect(await listed(client.connection, namespace)).toMatchObject(WANTED);
  } finally {
    await client.connection.close();
  }
  const err = await failure(
    createClient(
      loadConfig({
        TEMPORAL_ADDRESS: scratch.config.address,
        TEMPORAL_NAMESPACE: 'bootstrap-api-check',
        PIPELINE_BOOTSTRAP: 'check',
      }),
    ),
  );
  expect(err).toBeInstanceOf(TemporalBootstrapError);
  expect(err.message).toContain('  - the namespace bootstrap-api-check');
});
