/**
 * The replay corpus: the histories each supported release recorded
 * (`npm run record-histories -- v<release>`) must replay on the current code,
 * so a change that would break the cases already running fails here, not in a
 * committee's inbox years later (docs/versioning.md).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { historyFromJSON, historyToJSON } from '@temporalio/common/lib/proto-utils';
import { bundleWorkflowCode, DefaultLogger, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { withSimulator } from '../../src/simulator/run';
import { explainReplayFailure, releasesIn } from '../helpers/replay';
import { bundleWorkflows } from '../helpers/temporal';

const dir = join(__dirname, '..', 'histories');
const corpus = readdirSync(dir, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.json'))
  .sort();

let workflowBundle: WorkflowBundleWithSourceMap;
beforeAll(async () => {
  workflowBundle = await bundleWorkflows();
});

const newestVersion = () => releasesIn(dir).at(-1)!;
const eventsOf = (json: string) => (JSON.parse(json) as { events: Array<{ eventType: string }> }).events;

test('the newest version of the corpus holds every example: every stage a case can wait in, every kind of lateness', () => {
  const newest = corpus.filter((f) => f.startsWith(`${newestVersion()}/`)).map((f) => f.split('/')[1]);
  const examples = readdirSync(join(__dirname, '..', '..', 'examples')).filter((f) => f.endsWith('.json'));
  expect(newest.sort()).toEqual(examples.sort());
  // Nothing under test/histories is skipped for a misspelt release name.
  expect(new Set(corpus.map((f) => f.split('/')[0]))).toEqual(new Set(releasesIn(dir)));
});

test('every recorded history replays on the current workflow code', async () => {
  const histories = corpus.map((f) => ({
    workflowId: f,
    history: historyFromJSON(JSON.parse(readFileSync(join(dir, f), 'utf8'))),
  }));
  const failures: string[] = [];
  for await (const result of Worker.runReplayHistories({ workflowBundle }, histories))
    if (result.error) failures.push(explainReplayFailure(result.workflowId, result.error));
  expect(failures).toEqual([]);
});

test("a case recorded now writes the newest corpus's events, one for one", async () => {
  const name = '01-happy-path-official';
  const scenario: unknown = JSON.parse(readFileSync(join(__dirname, '..', '..', 'examples', `${name}.json`), 'utf8'));
  let fresh: Array<{ eventType: string }> = [];
  // The way `npm run record-histories` made the corpus: the simulator on a time-skipping server.
  await withSimulator((simulate) => simulate(scenario), {
    afterCase: async (handle) => {
      fresh = eventsOf(historyToJSON(await handle.fetchHistory()));
    },
  });
  const recorded = eventsOf(readFileSync(join(dir, newestVersion(), `${name}.json`), 'utf8'));
  // Same scenario, same code path: a new or missing event means the workflow changed since the newest release
  // was recorded. Released, the change needs a patch; unreleased, the release being made records its own corpus.
  expect(fresh.map((e) => e.eventType)).toEqual(recorded.map((e) => e.eventType));
});

test('a step accepted under earlier rules replays under stricter ones: kept with its breaches, never refused on replay', async () => {
  // Recorded on 27/11/2026, before issue 16 forbade an application dated before the course certificate that
  // opened its stage, and a decision by a committee that is not the competent one. Its steps happened; the
  // code that replays them must take them again, whatever it would say of them today.
  const file = join(__dirname, 'fixtures', 'accepted-under-earlier-rules.json');
  const history = historyFromJSON(JSON.parse(readFileSync(file, 'utf8')));
  await expect(Worker.runReplayHistory({ workflowBundle }, history)).resolves.toBeUndefined();
});

test('a deliberately incompatible change fails the replay of the newest corpus, with a message that says what to do', async () => {
  // The shipped workflow with one timer added at its start: what an unguarded change to workflow code looks like.
  const incompatible = await bundleWorkflowCode({
    workflowsPath: require.resolve('./fixtures/incompatible-workflows'),
    logger: new DefaultLogger('WARN'),
  });
  const file = `${newestVersion()}/01-happy-path-official.json`;
  const history = historyFromJSON(JSON.parse(readFileSync(join(dir, file), 'utf8')));
  const failures: string[] = [];
  for await (const result of Worker.runReplayHistories({ workflowBundle: incompatible }, [
    { workflowId: file, history },
  ]))
    if (result.error) failures.push(explainReplayFailure(result.workflowId, result.error));
  expect(failures).toHaveLength(1);
  expect(failures[0]).toContain(`${file}: `);
  expect(failures[0]).toContain("Guard the change with patched('<name>')");
  expect(failures[0]).toContain(`Do not re-record ${newestVersion()}`);
});
