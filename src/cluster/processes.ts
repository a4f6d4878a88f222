/**
 * The cluster's child processes. Each writes to a log file of its own, runs in a process group of its own (a
 * Ctrl-C in the terminal reaches only `npm run cluster`, which then stops them in order, not all at once), and
 * leaves a pid file under `<dir>/run`: a harness killed before it could stop them (SIGKILL, a test runner that
 * gave up) leaves them running, and the next start on the same directory stops them first.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import {
  appendFileSync,
  closeSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** Set in every child's environment: what marks a process found through a stale pid file as one of ours. */
export const CLUSTER_MARKER = 'PIPELINE_CLUSTER_OF';

export interface ProcessSpec {
  /** Names the log and pid files: `temporal-history`, `worker-1`. */
  name: string;
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  cwd?: string;
  logFile: string;
  /** Run as this user: PostgreSQL refuses to run as root. */
  user?: { uid: number; gid: number };
  /** The signal of an orderly stop: SIGTERM for Temporal and Node (both drain), SIGINT is PostgreSQL's fast shutdown. */
  stopSignal?: NodeJS.Signals;
  /** The signal when the harness itself exits without stopping: SIGKILL, or SIGQUIT (PostgreSQL's immediate shutdown). */
  emergencySignal?: NodeJS.Signals;
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** Every child still running, for the last-resort kill when the harness exits without having stopped them. */
const live = new Set<ManagedProcess>();
let exitHookInstalled = false;
function installExitHook() {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const p of live) p.child.kill(p.spec.emergencySignal ?? 'SIGKILL');
  });
}

export class ManagedProcess {
  readonly child: ChildProcess;
  readonly exited: Promise<Exit>;
  private readonly pidFile: string;

  constructor(
    readonly spec: ProcessSpec,
    runDir: string,
    clusterDir: string,
  ) {
    mkdirSync(dirname(spec.logFile), { recursive: true });
    mkdirSync(runDir, { recursive: true });
    appendFileSync(spec.logFile, `\n=== ${new Date().toISOString()} ${spec.command} ${spec.args.join(' ')}\n`);
    const log = openSync(spec.logFile, 'a');
    try {
      this.child = spawn(spec.command, spec.args, {
        cwd: spec.cwd,
        env: { ...spec.env, [CLUSTER_MARKER]: clusterDir },
        stdio: ['ignore', log, log],
        detached: true,
        uid: spec.user?.uid,
        gid: spec.user?.gid,
      });
    } finally {
      closeSync(log);
    }
    this.exited = new Promise((resolve) => this.child.once('exit', (code, signal) => resolve({ code, signal })));
    // A command that cannot be spawned (missing, not executable) reports it as an event, then exits.
    this.child.once('error', (err) => appendFileSync(spec.logFile, `spawn failed: ${err.message}\n`));
    this.pidFile = join(runDir, `${spec.name}.pid`);
    if (this.child.pid !== undefined) writeFileSync(this.pidFile, `${this.child.pid}\n`);
    live.add(this);
    installExitHook();
    void this.exited.then(() => {
      live.delete(this);
      rmSync(this.pidFile, { force: true });
    });
  }

  get name(): string {
    return this.spec.name;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Orderly stop; a process that has not exited after `timeoutMs` is killed. */
  async stop(timeoutMs = 30_000): Promise<Exit> {
    if (!this.running) return this.exited;
    this.child.kill(this.spec.stopSignal ?? 'SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }

  /** `kill -9`: no draining, no cleanup, as a crash or the kernel's OOM killer would. */
  async kill(): Promise<Exit> {
    if (this.running) this.child.kill('SIGKILL');
    return this.exited;
  }

  /** The log's last lines, so that a failure explains itself without opening the file. */
  tail(lines = 20): string {
    return tailOf(this.spec.logFile, lines);
  }
}

export function tailOf(file: string, lines = 20): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch (err) {
    return `(unreadable: ${(err as Error).message})`;
  }
}

/** Whether pid is alive and carries this cluster's marker: a pid reused since by anything else is left alone. */
function isOurs(pid: number, clusterDir: string): boolean {
  try {
    return readFileSync(`/proc/${pid}/environ`, 'latin1').split('\0').includes(`${CLUSTER_MARKER}=${clusterDir}`);
  } catch {
    return false; // gone, or not ours to read
  }
}

/**
 * Whether pid has not finished exiting. Its environment becomes unreadable early in the exit, before its sockets
 * are closed, so only the end of the exit says its ports are free: no /proc entry, or a zombie's (state Z or X).
 */
function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    return false;
  }
}

/**
 * Stops the processes a previous harness on `clusterDir` left running, PostgreSQL by its immediate shutdown (its
 * backends exit with it, so the next start is not refused for shared memory still in use), the others by SIGKILL.
 * Returns their names.
 */
export async function stopLeftovers(runDir: string, clusterDir: string): Promise<string[]> {
  let files: string[];
  try {
    files = readdirSync(runDir).filter((f) => f.endsWith('.pid'));
  } catch {
    return [];
  }
  const stopped: string[] = [];
  for (const file of files) {
    const name = file.slice(0, -'.pid'.length);
    const pid = Number(readFileSync(join(runDir, file), 'utf8').trim());
    if (Number.isInteger(pid) && pid > 0 && isOurs(pid, clusterDir)) {
      process.kill(pid, name === 'postgres' ? 'SIGQUIT' : 'SIGKILL');
      for (let i = 0; i < 200 && isAlive(pid); i++) await sleep(50);
      stopped.push(name);
    }
    rmSync(join(runDir, file), { force: true });
  }
  return stopped;
}
