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

test('the corpus covers every version and the charter examples', () => {
  expect(corpus.length).toBeGreaterThanOrEqual(14);
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
