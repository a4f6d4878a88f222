/**
 * The replay corpus: histories recorded from earlier workflow code
 * (`npm run record-histories -- v<N>`) must replay on the current code, so a
 * change that would break the cases already running fails here, not in a
 * committee's inbox years later.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { bundleWorkflows } from '../helpers/temporal';

const dir = join(__dirname, '..', 'histories');
const corpus = readdirSync(dir, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.json'))
  .sort();

let workflowBundle: WorkflowBundleWithSourceMap;
beforeAll(async () => {
  workflowBundle = await bundleWorkflows();
});

test('the newest version of the corpus holds every example: every stage a case can wait in, every kind of lateness', () => {
  const versions = [...new Set(corpus.map((f) => f.split('/')[0]!))].sort(
    (a, b) => Number(a.slice(1)) - Number(b.slice(1)),
  );
  const newest = corpus.filter((f) => f.startsWith(`${versions.at(-1)}/`)).map((f) => f.split('/')[1]);
  const examples = readdirSync(join(__dirname, '..', '..', 'examples')).filter((f) => f.endsWith('.json'));
  expect(newest.sort()).toEqual(examples.sort());
  expect(versions.length).toBeGreaterThanOrEqual(3);
});

test('every recorded history replays on the current workflow code', async () => {
  const histories = corpus.map((f) => ({
    workflowId: f,
    history: historyFromJSON(JSON.parse(readFileSync(join(dir, f), 'utf8'))),
  }));
  const failures: string[] = [];
  for await (const result of Worker.runReplayHistories({ workflowBundle }, histories))
    if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
  expect(failures).toEqual([]);
});

test("cases started after patched('lean-history') write fewer events: no unchanged upserts, no timer restarted for nothing", () => {
  const count = (f: string) => {
    const events = (JSON.parse(readFileSync(join(dir, f), 'utf8')) as { events: Array<{ eventType: string }> }).events;
    const of = (type: string) => events.filter((e) => e.eventType === type).length;
    return {
      upserts: of('EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES'),
      timersCancelled: of('EVENT_TYPE_TIMER_CANCELED'),
      total: events.length,
    };
  };
  const before = count('v3/01-happy-path-official.json');
  const after = count('v4/01-happy-path-official.json');
  expect(after.upserts).toBeLessThan(before.upserts);
  expect(after.timersCancelled).toBeLessThan(before.timersCancelled);
  expect(after.total).toBeLessThan(before.total);
});
