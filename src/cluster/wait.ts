/** Waiting for a process to be ready, and giving up at once, with its log, if it dies first. */
import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ManagedProcess } from './processes';

export class ProcessDiedError extends Error {}

/** Thrown by a probe when waiting longer cannot help (a wrong password): waitUntilReady gives up at once. */
export class NotRetryable extends Error {}

/**
 * Calls `probe` until it resolves; rejects after `timeoutMs` with the probe's last error, or as soon as `process`
 * exits, with the end of its log.
 */
export async function waitUntilReady<T>(
  what: string,
  probe: () => Promise<T>,
  {
    timeoutMs = 60_000,
    process,
    intervalMs = 250,
  }: { timeoutMs?: number; process?: ManagedProcess; intervalMs?: number },
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (process && !process.running) {
      const { code, signal } = await process.exited;
      throw new ProcessDiedError(
        `${what}: ${process.name} exited (${signal ?? `code ${code}`}) before it was ready; the end of ` +
          `${process.spec.logFile}:\n${process.tail()}`,
      );
    }
    try {
      return await probe();
    } catch (err) {
      if (err instanceof NotRetryable) throw err;
      if (Date.now() > deadline) {
        const log = process ? `; the end of ${process.spec.logFile}:\n${process.tail()}` : '';
        throw new Error(`${what}: not ready within ${timeoutMs} ms (${(err as Error).message})${log}`, { cause: err });
      }
      await sleep(intervalMs);
    }
  }
}

/** A process that never became ready is not left running. */
export async function readyOrStopped(proc: ManagedProcess, ready: () => Promise<unknown>): Promise<void> {
  try {
    await ready();
  } catch (err) {
    await proc.stop(10_000);
    throw err;
  }
}

/** Resolves once something accepts TCP connections on host:port. */
export function tcpProbe(host: string, port: number, timeoutMs = 1000): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    const done = (err?: Error) => {
      socket.destroy();
      if (err) reject(err);
      else resolve();
    };
    socket.setTimeout(timeoutMs, () => done(new Error(`no answer on ${host}:${port}`)));
    socket.once('connect', () => done());
    socket.once('error', (err) => done(err));
  });
}

/** Resolves with the body once `url` answers 200. */
export async function httpOk(url: string, timeoutMs = 2000): Promise<string> {
  const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  const body = await res.text();
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}: ${body.slice(0, 200)}`);
  return body;
}
