/**
 * The API's settings: port, registry file and token secret, from the
 * environment (PIPELINE_API_PORT, PIPELINE_REGISTRY, PIPELINE_TOKEN_SECRET).
 * A development machine without a secret gets one in .data/, like the codec key.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { tokenKeys, type TokenKeys } from '../auth/tokens';

export interface ApiConfig {
  port: number;
  /** Where the registry is read from at start. */
  registryPath: string;
  /** Where an admin's replacement is kept: the given file, or .data/registry.json over the shipped demo. */
  registrySavePath: string;
  keys: TokenKeys;
}

const DEMO_REGISTRY = join(__dirname, '..', '..', 'data', 'demo-province.json');

export function loadApiConfig(
  env: NodeJS.ProcessEnv = process.env,
  devSecretFile = '.data/token-secret',
  savedDemo = '.data/registry.json',
): ApiConfig {
  const port = z.coerce
    .number()
    .int()
    .min(0)
    .max(65535)
    .safeParse(env.PIPELINE_API_PORT ?? '8080');
  if (!port.success)
    throw new Error(`configuration: PIPELINE_API_PORT is invalid (got ${JSON.stringify(env.PIPELINE_API_PORT)})`);
  let secret = env.PIPELINE_TOKEN_SECRET;
  if (!secret) {
    if (!existsSync(devSecretFile)) {
      mkdirSync(dirname(devSecretFile), { recursive: true });
      writeFileSync(devSecretFile, randomBytes(32).toString('base64url') + '\n', { mode: 0o600 });
    }
    secret = readFileSync(devSecretFile, 'utf8').trim();
  }
  return {
    port: port.data,
    registryPath: env.PIPELINE_REGISTRY ?? (existsSync(savedDemo) ? savedDemo : DEMO_REGISTRY),
    registrySavePath: env.PIPELINE_REGISTRY ?? savedDemo,
    keys: tokenKeys(secret),
  };
}
