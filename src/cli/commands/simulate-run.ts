/** What `pipeline simulate` does, loaded only when it runs: the worker and the test server are heavy. */
import { readFileSync, writeFileSync } from 'node:fs';
import { Runtime } from '@temporalio/worker';
import { withSimulator } from '../../simulator/run';
import { installQuietRuntime } from '../../temporal/quiet-runtime';
import { mismatches, Scenario } from '../../simulator/scenario';
import { UsageError } from '../usage';

export async function simulate(positionals: string[], values: { out?: string; check?: boolean }) {
  const scenarios = positionals.map((file) => {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(file, 'utf8'));
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      throw new UsageError({
        vi: `simulate: không đọc được ${file}: ${why}`,
        en: `simulate: cannot read ${file}: ${why}`,
      });
    }
    const parsed = Scenario.safeParse(raw);
    if (!parsed.success) {
      const issues = parsed.error.issues.slice(0, 10).map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`);
      throw new UsageError({
        vi: `simulate: ${file} không phải kịch bản hợp lệ:\n${issues.join('\n')}`,
        en: `simulate: ${file} is not a valid scenario:\n${issues.join('\n')}`,
      });
    }
    return { file, scenario: parsed.data };
  });
  // stdout is the scenarios' JSON: a warning from the SDK's core (a task retried on a loaded machine) must not land in it.
  installQuietRuntime({ coreLogsToStderr: true });
  let failed = 0;
  const outputs = await withSimulator(async (simulate) => {
    const results = [];
    for (const { file, scenario } of scenarios) {
      const started = performance.now();
      const output = await simulate(scenario);
      const took = `(${((performance.now() - started) / 1000).toFixed(1)} s)`;
      const wrong = values.check && scenario.expect ? mismatches(output, scenario.expect) : [];
      if (values.check)
        process.stderr.write(
          `${wrong.length ? 'FAIL' : 'ok  '} ${file} ${took}\n${wrong.map((w) => `     ${w}\n`).join('')}`,
        );
      failed += wrong.length ? 1 : 0;
      results.push(output);
    }
    return results;
  });
  await Runtime.instance().shutdown();
  const text = JSON.stringify(outputs.length === 1 ? outputs[0] : outputs, null, 2) + '\n';
  if (values.out) writeFileSync(values.out, text);
  else process.stdout.write(text);
  if (failed) throw new Error(`simulate: ${failed} of ${scenarios.length} scenarios did not match their expectations`);
}
