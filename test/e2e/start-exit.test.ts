/**
 * `npm start` as a new user runs it, in a directory of its own: it comes up (dashboard, readiness), and Ctrl-C
 * stops it and the process exits by itself. The runtime's log forwarding once kept it alive after "stopped".
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { freePort } from '../helpers/scratch-server';
import { eventually } from '../helpers/stack';

const root = join(__dirname, '..', '..');
let child: ChildProcess | undefined;
afterAll(() => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

test('npm start comes up, and Ctrl-C stops it: the process exits by itself, code 0', async () => {
  const [temporal, ui, api] = [await freePort(), await freePort(), await freePort()];
  const dir = mkdtempSync(join(tmpdir(), 'start-'));
  let output = '';
  child = spawn(
    process.execPath,
    ['--import', pathToFileURL(require.resolve('tsx')).href, join(root, 'scripts', 'start.ts')],
    {
      cwd: dir,
      env: {
        ...process.env,
        TEMPORAL_DEV_PORT: String(temporal),
        TEMPORAL_DEV_UI_PORT: String(ui),
        PIPELINE_API_PORT: String(api),
        PIPELINE_DEMO: 'false',
        PIPELINE_LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout!.on('data', (b: Buffer) => (output += b.toString()));
  child.stderr!.on('data', (b: Buffer) => (output += b.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child!.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const ready = await eventually(
    () =>
      fetch(`http://127.0.0.1:${api}/readyz`).then(
        (r) => r.status,
        () => 0,
      ),
    (status) => status === 200,
    90_000,
  );
  expect({ ready, output: ready === 200 ? '' : output }).toEqual({ ready: 200, output: '' });
  expect((await fetch(`http://127.0.0.1:${api}/`)).status).toBe(200);

  child.kill('SIGINT');
  const timeout = new Promise<'still running'>((resolve) => setTimeout(() => resolve('still running'), 30_000).unref());
  expect(await Promise.race([exited, timeout])).toEqual({ code: 0, signal: null });
  expect(output).toContain('start: stopped');
}, 150_000);
