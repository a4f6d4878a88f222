/** Every scenario under examples/ through the real CLI, `pipeline simulate --check`, on its own server. */
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { SimulationOutput } from '../../src/simulator/scenario';

const root = join(__dirname, '..', '..');
const examples = readdirSync(join(root, 'examples'))
  .filter((f) => f.endsWith('.json'))
  .map((f) => join('examples', f));

test('at least ten examples, each matching its expectations', async () => {
  expect(examples.length).toBeGreaterThanOrEqual(10);
  const { stdout, stderr } = await promisify(execFile)(
    process.execPath,
    ['bin/pipeline.js', 'simulate', '--check', ...examples],
    {
      cwd: root,
      maxBuffer: 64 * 1024 * 1024,
    },
  ).catch((err: { stdout: string; stderr: string; code: number }) => {
    throw new Error(`pipeline simulate exited ${err.code}:\n${err.stderr}`);
  });
  const outputs = SimulationOutput.array().parse(JSON.parse(stdout));
  expect(outputs.map((o) => o.scenario)).toEqual(examples.map((f) => f.replace(/^examples\/(.*)\.json$/, '$1')));
  expect(stderr.split('\n').filter((l) => l.startsWith('ok  ')).length).toBe(examples.length);
  // 27 cases, some years long, one after another on one time-skipping server.
}, 400_000);
