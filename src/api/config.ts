/**
 * The API's settings: address, the registry an empty database starts with, and the token secret, from the
 * environment (PIPELINE_API_PORT, PIPELINE_API_HOST, PIPELINE_REGISTRY, PIPELINE_TOKEN_SECRET; sign-in's in
 * src/accounts/settings.ts). The database's
 * own setting is src/db/config.ts's. A development machine without a secret gets one in .data/, like the codec key.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { tokenKeys, type TokenKeys } from '../auth/server-secret';
import { loadAuthSettings, type AuthSettings } from '../accounts/settings';
import { loadOidcSettings, type OidcSettings } from '../accounts/oidc-settings';

export interface ApiConfig {
  port: number;
  host: string;
  /**
   * What the first start writes into an empty database as the registry in force: PIPELINE_REGISTRY, else the
   * replacement an earlier version kept in .data/registry.json, else the shipped demo. Once the database holds a
   * registry, it is the authority and this is not read.
   */
  registrySeed: RegistrySeed;
  keys: TokenKeys;
  auth: AuthSettings;
  /** The province's identity provider (PIPELINE_OIDC_*), or null when PIPELINE_OIDC_ISSUER is unset. */
  oidc: OidcSettings | null;
}

export interface RegistrySeed {
  path: string;
  /** Where it came from, as the database records it beside the version. */
  source: string;
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
  const host = env.PIPELINE_API_HOST?.trim() || '127.0.0.1';
  const registrySeed = env.PIPELINE_REGISTRY
    ? { path: env.PIPELINE_REGISTRY, source: `PIPELINE_REGISTRY=${env.PIPELINE_REGISTRY}` }
    : existsSync(savedDemo)
      ? { path: savedDemo, source: `${savedDemo} (an earlier version's saved replacement)` }
      : { path: DEMO_REGISTRY, source: 'demo province (data/demo-province.json)' };
  return {
    port: port.data,
    host,
    registrySeed,
    keys: tokenKeys(secret),
    auth: loadAuthSettings(env),
    oidc: loadOidcSettings(env),
  };
}
