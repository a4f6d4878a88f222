/**
 * `npm start` as a new user runs it, in a directory of its own: it comes up (dashboard, readiness), and Ctrl-C
 * stops it and the process exits by itself. The runtime's log forwarding once kept it alive after "stopped".
 * An operator's signal to npm itself stops everything too: npm forwards SIGINT and SIGTERM only to its own child,
 * which must be the service, not a shell waiting on it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
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

/** The stack on its own free ports, quiet, without the demo. */
const stackEnv = (temporal: number, ui: number, api: number): NodeJS.ProcessEnv => ({
  ...process.env,
  TEMPORAL_DEV_PORT: String(temporal),
  TEMPORAL_DEV_UI_PORT: String(ui),
  PIPELINE_API_PORT: String(api),
  PIPELINE_DEMO: 'false',
  PIPELINE_LOG_LEVEL: 'warn',
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
      env: stackEnv(temporal, ui, api),
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

/** The process's descendants, from Linux's /proc (each task's children). */
function descendants(pid: number): number[] {
  let children: number[];
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
  return children.flatMap((c) => [c, ...descendants(c)]);
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return !readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.startsWith('Z');
  } catch {
    return false;
  }
};

test('SIGTERM to the npm process stops the whole stack: npm exits 0 and no process it started is left', async () => {
  const [temporal, ui, api] = [await freePort(), await freePort(), await freePort()];
  // npm runs a script in its package's directory: a package of its own whose start script is the project's, with
  // the project's scripts and modules, so the servers' data stays in the scratch directory.
  const dir = mkdtempSync(join(tmpdir(), 'npm-start-'));
  const { scripts } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: { start: string } };
  const start = scripts.start.replaceAll('scripts/', `${join(root, 'scripts')}/`);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'start-exit', private: true, scripts: { start } }));
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
  let output = '';
  const npm = spawn('npm', ['start', '--silent'], {
    cwd: dir,
    env: stackEnv(temporal, ui, api),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child = npm;
  npm.stdout!.on('data', (b: Buffer) => (output += b.toString()));
  npm.stderr!.on('data', (b: Buffer) => (output += b.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    npm.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const ready = await eventually(
    () =>
      fetch(`http://127.0.0.1:${api}/readyz`).then(
        (r) => r.status,
        () => 0,
      ),
    (status) => status === 200,
    120_000,
  );
  expect({ ready, output: ready === 200 ? '' : output }).toEqual({ ready: 200, output: '' });
  // The service, the worker's and the dev server's processes: everything npm started.
  const started = descendants(npm.pid!);
  expect(started.length).toBeGreaterThanOrEqual(2);

  npm.kill('SIGTERM');
  const timeout = new Promise<'still running'>((resolve) => setTimeout(() => resolve('still running'), 30_000).unref());
  expect(await Promise.race([exited, timeout])).toEqual({ code: 0, signal: null });
  expect(output).toContain('start: stopped');
  expect(started.filter(alive)).toEqual([]);
  // Nothing answers on the stack's ports any more.
  expect(
    await fetch(`http://127.0.0.1:${api}/readyz`).then(
      () => 'answering',
      () => 'closed',
    ),
  ).toBe('closed');
}, 180_000);
