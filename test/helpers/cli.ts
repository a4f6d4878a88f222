/** The real `pipeline` command with what a user pipes into it, for commands that read `-` from stdin. */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { Principal } from '../../src/auth/principal';
import type { Stack } from './stack';

const CLI = join(__dirname, '..', '..', 'bin', 'pipeline.js');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `pipeline ...args` as `principal`, writing `stdin` to it and closing it; resolves with its exit code and output. */
export async function runCliWithInput(
  stack: Stack,
  principal: Principal,
  stdin: string,
  ...args: string[]
): Promise<CliRun> {
  const token = await stack.tokenOf(principal);
  const child = spawn(process.execPath, [CLI, ...args], {
    env: { ...process.env, PIPELINE_API_URL: stack.base, PIPELINE_TOKEN: token },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  child.stdin.end(stdin);
  const code = await new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (c, signal) => resolve(c ?? (signal ? 128 : 1)));
  });
  return { code, stdout, stderr };
}
