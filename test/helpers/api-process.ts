/** `npm run api` as an operator starts it: a real process, told everything through its environment. */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

export interface ApiProcess {
  child: ChildProcess;
  /** Everything it printed so far, stdout and stderr. */
  output(): string;
  /** Resolves with the exit code once it has exited. */
  exited: Promise<number | null>;
}

/** Starts src/api/main.ts; `ready` resolves once it listens, and rejects with its output if it exits first. */
export function spawnApi(env: Record<string, string>): ApiProcess & { ready: Promise<void> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/api/main.ts'], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const ready = new Promise<void>((resolve, reject) => {
    const collect = (b: Buffer) => {
      output += b.toString();
      if (output.includes('api: listening on')) resolve();
    };
    child.stdout!.on('data', collect);
    child.stderr!.on('data', collect);
    void exited.then((code) => reject(new Error(`api exited (${code}) before listening:\n${output}`)));
  });
  // Whoever awaits only `exited` (a start meant to fail) must not see `ready`'s rejection as unhandled.
  ready.catch(() => undefined);
  return { child, output: () => output, exited, ready };
}

/** SIGTERM, as a process manager stops it, and its exit code. */
export async function stopApi(p: ApiProcess): Promise<number | null> {
  if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGTERM');
  return p.exited;
}
