/** `npm run worker` as an operator starts it: a real process, for tests that kill it. */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

/** Resolves once the worker polls; rejects with its output if it exits first. */
export function startWorkerProcess(env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'worker/main.ts'], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const collect = (b: Buffer) => {
      output += b.toString();
      if (output.includes('worker: polling')) resolve(child);
    };
    child.stdout!.on('data', collect);
    child.stderr!.on('data', collect);
    child.once('exit', (code, signal) =>
      reject(new Error(`worker exited (${code ?? signal}) before polling:\n${output}`)),
    );
  });
}

/** SIGKILL, and wait until the process is gone. */
export async function killProcess(w: ChildProcess): Promise<void> {
  if (w.exitCode !== null || w.signalCode !== null) return;
  const exited = new Promise((resolve) => w.once('exit', resolve));
  w.kill('SIGKILL');
  await exited;
}
