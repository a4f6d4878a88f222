/**
 * The secrets every process of one cluster must share: the payload codec's key (each worker and API decrypts what
 * another encrypted), the token secret (a token issued by one API instance is accepted by the other), and the
 * local PostgreSQL's password. Made once in `<dir>/secrets.json` (mode 600) and kept: a new codec key would make
 * every case already stored unreadable. An operator's own values in the environment win over the file's; in
 * production they come from the secret store, never from a file beside the data.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';

const Secrets = z.object({
  postgresPassword: z.string().min(16),
  tokenSecret: z.string().min(32),
  codecKeyId: z.string().min(1),
  codecKeys: z.record(z.string(), z.base64()),
});
export type ClusterSecrets = z.infer<typeof Secrets>;

export function loadOrCreateSecrets(file: string): ClusterSecrets {
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    const made: ClusterSecrets = {
      // Hex: safe unescaped in a URL, a YAML string and a command line.
      postgresPassword: randomBytes(24).toString('hex'),
      tokenSecret: randomBytes(32).toString('base64url'),
      codecKeyId: 'cluster-1',
      codecKeys: { 'cluster-1': randomBytes(32).toString('base64') },
    };
    // 'wx': two harnesses starting on one fresh directory must not each write keys of their own.
    try {
      writeFileSync(file, JSON.stringify(made, null, 2) + '\n', { mode: 0o600, flag: 'wx' });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  return readSecrets(file);
}

/** A cluster's secrets as they are, for a tool that must not make new ones (a backup). */
export function readSecrets(file: string): ClusterSecrets {
  const parsed = Secrets.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`cluster: ${file}: ${issue.path.join('.')}: ${issue.message}`);
  }
  return parsed.data;
}

/** The variables that hand the shared secrets to a worker or an API, except those the environment already sets. */
export function secretsEnv(secrets: ClusterSecrets, env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const out: Record<string, string> = {};
  if (!env.PIPELINE_TOKEN_SECRET) out.PIPELINE_TOKEN_SECRET = secrets.tokenSecret;
  if (!env.PIPELINE_CODEC_KEYS) {
    out.PIPELINE_CODEC_KEYS = JSON.stringify(secrets.codecKeys);
    out.PIPELINE_CODEC_KEY_ID = secrets.codecKeyId;
  }
  return out;
}
