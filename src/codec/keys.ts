/**
 * Where the codec's keys come from: PIPELINE_CODEC_KEYS (JSON, key id →
 * base64 of 32 bytes) and PIPELINE_CODEC_KEY_ID (the key that seals new
 * payloads), or, for a development machine, a key file under .data/ made on
 * first start. Losing the keys loses every case: production keeps them in
 * its secret store, never in the file.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { AesGcmCodec, CodecKeyError } from './aes-gcm';

const Keys = z.record(
  z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'key ids are letters, digits, dot, dash, underscore'),
  z.base64().refine((b) => Buffer.from(b, 'base64').length === 32, 'each key must be 32 bytes, base64-encoded'),
);

function parseKeys(json: string, variable: string): Map<string, Buffer> {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new CodecKeyError(`configuration: ${variable} is not JSON (expected {"key-id": "<base64 of 32 bytes>"})`);
  }
  const parsed = Keys.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new CodecKeyError(`configuration: ${variable}.${issue.path.join('.')}: ${issue.message}`);
  }
  return new Map(Object.entries(parsed.data).map(([id, b64]) => [id, Buffer.from(b64, 'base64')]));
}

export function loadCodec(env: NodeJS.ProcessEnv = process.env, devKeyFile = '.data/codec-keys.json'): AesGcmCodec {
  if (env.PIPELINE_CODEC_KEYS) {
    const keys = parseKeys(env.PIPELINE_CODEC_KEYS, 'PIPELINE_CODEC_KEYS');
    const current = env.PIPELINE_CODEC_KEY_ID ?? (keys.size === 1 ? [...keys.keys()][0]! : undefined);
    if (!current || !keys.has(current))
      throw new CodecKeyError(
        `configuration: PIPELINE_CODEC_KEY_ID must name one of the keys of PIPELINE_CODEC_KEYS (${[...keys.keys()].join(', ')})`,
      );
    return new AesGcmCodec(keys, current);
  }
  if (!existsSync(devKeyFile)) {
    mkdirSync(dirname(devKeyFile), { recursive: true });
    const file = { current: 'dev-1', keys: { 'dev-1': randomBytes(32).toString('base64') } };
    writeFileSync(devKeyFile, JSON.stringify(file, null, 2) + '\n', { mode: 0o600 });
  }
  const file = JSON.parse(readFileSync(devKeyFile, 'utf8')) as { current: string; keys: unknown };
  return new AesGcmCodec(parseKeys(JSON.stringify(file.keys), devKeyFile), file.current);
}
