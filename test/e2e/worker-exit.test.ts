/**
 * `npm run worker` stops on SIGTERM as an orchestrator (or `npm run cluster`'s Ctrl-C) expects: it drains, then the
 * process exits by itself with code 0. The runtime's log forwarding once kept a drained worker alive until SIGKILL.
 */
import type { ChildProcess } from 'node:child_process';
import { testCodecEnv } from '../helpers/codec';
import { startScratchServer, type ScratchServer } from '../helpers/scratch-server';
import { killProcess, startWorkerProcess } from '../helpers/worker-process';

let scratch: ScratchServer;
let worker: ChildProcess | undefined;

beforeAll(async () => {
  scratch = await startScratchServer('worker-exit');
});

afterAll(async () => {
  if (worker) await killProcess(worker);
  await scratch?.discard();
});

test('SIGTERM: the worker drains and exits by itself, code 0, within seconds', async () => {
  worker = await startWorkerProcess({ TEMPORAL_ADDRESS: scratch.config.address, ...testCodecEnv() });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    worker!.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const sent = Date.now();
  worker.kill('SIGTERM');
  const timeout = new Promise<'still running'>((resolve) => setTimeout(() => resolve('still running'), 15_000).unref());
  expect(await Promise.race([exited, timeout])).toEqual({ code: 0, signal: null });
  expect(Date.now() - sent).toBeLessThan(15_000);
});
