/**
 * Tracing may be turned on over running cases: with the OpenTelemetry workflow interceptors bundled in (as the
 * worker does when OTEL_EXPORTER_OTLP_ENDPOINT is set), every recorded history of every release still replays,
 * since the interceptors add spans but no command. Without tracing the bundle does not contain them at all.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { startTracing, type Tracing } from '../../src/telemetry/tracing';
import { bundleWorkflows } from '../helpers/temporal';
import { explainReplayFailure } from '../helpers/replay';

const dir = join(__dirname, '..', 'histories');
const corpus = readdirSync(dir, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.json'))
  .sort();

let tracing: Tracing;
beforeAll(async () => {
  // Nothing is exported on replay; the endpoint only turns tracing on.
  tracing = (await startTracing('pipeline-worker', { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:9' }))!;
});
afterAll(() => tracing?.shutdown());

test('every recorded history replays with the tracing interceptors in the workflow bundle', async () => {
  const workflowBundle = await bundleWorkflows({ workflowInterceptorModules: tracing.workflowInterceptorModules });
  const { sinks } = tracing.workerOptions;
  expect(workflowBundle.code).toContain('OpenTelemetryInboundInterceptor');
  const histories = corpus.map((f) => ({
    workflowId: f,
    history: historyFromJSON(JSON.parse(readFileSync(join(dir, f), 'utf8'))),
  }));
  const failures: string[] = [];
  for await (const result of Worker.runReplayHistories({ workflowBundle, sinks }, histories))
    if (result.error) failures.push(explainReplayFailure(result.workflowId, result.error));
  expect(failures).toEqual([]);
  expect(histories.length).toBeGreaterThan(30);
});

test('without tracing the bundle has no OpenTelemetry in it', async () => {
  expect((await bundleWorkflows()).code).not.toContain('OpenTelemetryInboundInterceptor');
});
