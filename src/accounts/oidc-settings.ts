/**
 * Signing in through the province's own identity provider (OpenID Connect), from the environment: off unless
 * PIPELINE_OIDC_ISSUER is set, and then the client's id, secret and redirect URL are required. Every value is
 * checked, and a bad one names its variable.
 */
import { z } from 'zod';

export interface OidcSettings {
  issuer: URL;
  clientId: string;
  clientSecret: string;
  /** The API's /auth/oidc/callback as the browser reaches it (behind a proxy, the proxy's address). */
  redirectUrl: URL;
  /** Space-separated scopes asked for; `openid` always among them. */
  scopes: string;
  /** A claim holding grants as `role:orgId` strings; null: an admin assigns roles. */
  rolesClaim: string | null;
  /** The claim holding the person's full name. */
  nameClaim: string;
}

const VARIABLES = {
  issuer: 'PIPELINE_OIDC_ISSUER',
  clientId: 'PIPELINE_OIDC_CLIENT_ID',
  clientSecret: 'PIPELINE_OIDC_CLIENT_SECRET',
  redirectUrl: 'PIPELINE_OIDC_REDIRECT_URL',
  scopes: 'PIPELINE_OIDC_SCOPES',
  rolesClaim: 'PIPELINE_OIDC_ROLES_CLAIM',
  nameClaim: 'PIPELINE_OIDC_NAME_CLAIM',
} as const;

/** The variable the setting comes from, for errors raised later (discovery). */
export const oidcVariable = (key: keyof typeof VARIABLES) => VARIABLES[key];

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** HTTPS, except on this machine (a provider started for tests or a trial): tokens must not cross a network in clear. */
function url(variable: string, raw: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new Error(`configuration: ${variable} must be a URL (got ${JSON.stringify(raw)})`);
  }
  if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && LOOPBACK.has(parsed.hostname)))
    throw new Error(`configuration: ${variable} must be an https:// URL (got ${JSON.stringify(raw)})`);
  return parsed;
}

const Claim = z.string().regex(/^[A-Za-z0-9_:./-]{1,100}$/);

export function loadOidcSettings(env: NodeJS.ProcessEnv = process.env): OidcSettings | null {
  const value = (key: keyof typeof VARIABLES) => env[VARIABLES[key]]?.trim() || undefined;
  const issuerRaw = value('issuer');
  if (!issuerRaw) return null;
  const required = (key: 'clientId' | 'clientSecret' | 'redirectUrl') => {
    const v = value(key);
    if (!v) throw new Error(`configuration: ${VARIABLES[key]} is required when PIPELINE_OIDC_ISSUER is set`);
    return v;
  };
  const claim = (key: 'rolesClaim' | 'nameClaim') => {
    const v = value(key);
    if (v !== undefined && !Claim.safeParse(v).success)
      throw new Error(`configuration: ${VARIABLES[key]} must be a claim's name (got ${JSON.stringify(v)})`);
    return v;
  };
  const redirectUrl = url(VARIABLES.redirectUrl, required('redirectUrl'));
  if (!redirectUrl.pathname.endsWith('/auth/oidc/callback'))
    throw new Error(
      `configuration: ${VARIABLES.redirectUrl} must be the API's /auth/oidc/callback (got ${JSON.stringify(redirectUrl.href)})`,
    );
  const scopes = new Set((value('scopes') ?? 'openid profile').split(/\s+/));
  scopes.add('openid');
  return {
    issuer: url(VARIABLES.issuer, issuerRaw),
    clientId: required('clientId'),
    clientSecret: required('clientSecret'),
    redirectUrl,
    scopes: [...scopes].join(' '),
    rolesClaim: claim('rolesClaim') ?? null,
    nameClaim: claim('nameClaim') ?? 'name',
  };
}
