/**
 * Where `pipeline login` keeps its token: ${XDG_CONFIG_HOME:-~/.config}/party-pipeline/credentials.json, readable
 * by its owner only (file 600, directory 700), written atomically so a crash never leaves half a file. It is
 * used for the API it was issued by, and only when neither --token nor PIPELINE_TOKEN says otherwise.
 */
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';

export const Credentials = z.object({
  api: z.string().url(),
  token: z.string().min(1),
  /** The token's id, which `pipeline logout` revokes. */
  id: z.string().min(1),
  username: z.string().min(1),
  role: z.string().min(1),
  orgId: z.string().min(1),
  expiresAt: z.string().min(1),
});
export type Credentials = z.infer<typeof Credentials>;

export function credentialsDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CONFIG_HOME ? env.XDG_CONFIG_HOME : join(env.HOME || homedir(), '.config');
  return join(base, 'party-pipeline');
}

export const credentialsPath = (env: NodeJS.ProcessEnv = process.env): string =>
  join(credentialsDir(env), 'credentials.json');

/** The saved sign-in; undefined when there is none. A file that is not ours is an error naming it. */
export function readCredentials(env: NodeJS.ProcessEnv = process.env): Credentials | undefined {
  const path = credentialsPath(env);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  let parsed: ReturnType<typeof Credentials.safeParse>;
  try {
    parsed = Credentials.safeParse(JSON.parse(text));
  } catch {
    parsed = Credentials.safeParse(undefined);
  }
  if (!parsed.success)
    throw new Error(`${path} is not a sign-in saved by pipeline login: run pipeline login again, or delete it`);
  return parsed.data;
}

/** Written beside the file and renamed over it, created 600 so the token is never readable by others. */
export function writeCredentials(credentials: Credentials, env: NodeJS.ProcessEnv = process.env): string {
  const dir = credentialsDir(env);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  // An existing directory keeps its mode through mkdir: tighten it, since a token is about to live there.
  chmodSync(dir, 0o700);
  const path = credentialsPath(env);
  const temp = join(dir, `.credentials.${randomBytes(6).toString('hex')}.tmp`);
  const fd = openSync(temp, 'wx', 0o600);
  try {
    writeSync(fd, JSON.stringify(Credentials.parse(credentials), null, 2) + '\n');
    fsyncSync(fd);
  } catch (err) {
    closeSync(fd);
    rmSync(temp, { force: true });
    throw err;
  }
  closeSync(fd);
  renameSync(temp, path);
  return path;
}

export function removeCredentials(env: NodeJS.ProcessEnv = process.env): void {
  rmSync(credentialsPath(env), { force: true });
}
