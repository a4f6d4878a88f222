/**
 * How sign-in behaves, from the environment: how long a session lives idle and at most, when repeated failures lock
 * an account and for how long, how fast one address may try, and whether the cookie is Secure. Every value is
 * checked, and a bad one names its variable.
 */
import { z } from 'zod';

export interface AuthSettings {
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  lockoutAttempts: number;
  lockoutMinutes: number;
  /** Sign-in attempts per minute per address and username (POST /auth/sign-in and /auth/tokens). */
  signInPerMinute: number;
  /** Secure cookies need HTTPS; browsers also accept them from http://localhost. */
  cookieSecure: boolean;
  /** Personal access tokens: the longest life one may ask for. */
  tokenMaxDays: number;
}

export const DEFAULT_AUTH_SETTINGS: AuthSettings = {
  sessionIdleMinutes: 30,
  sessionMaxHours: 12,
  lockoutAttempts: 5,
  lockoutMinutes: 15,
  signInPerMinute: 10,
  cookieSecure: true,
  tokenMaxDays: 365,
};

const VARIABLES: Record<Exclude<keyof AuthSettings, 'cookieSecure'>, string> = {
  sessionIdleMinutes: 'PIPELINE_SESSION_IDLE_MINUTES',
  sessionMaxHours: 'PIPELINE_SESSION_MAX_HOURS',
  lockoutAttempts: 'PIPELINE_LOCKOUT_ATTEMPTS',
  lockoutMinutes: 'PIPELINE_LOCKOUT_MINUTES',
  signInPerMinute: 'PIPELINE_SIGNIN_PER_MINUTE',
  tokenMaxDays: 'PIPELINE_TOKEN_MAX_DAYS',
};

export function loadAuthSettings(env: NodeJS.ProcessEnv = process.env): AuthSettings {
  const settings = { ...DEFAULT_AUTH_SETTINGS };
  for (const [key, variable] of Object.entries(VARIABLES) as Array<[keyof typeof VARIABLES, string]>) {
    const raw = env[variable];
    if (raw === undefined || raw === '') continue;
    const parsed = z.coerce.number().int().min(1).max(100_000).safeParse(raw);
    if (!parsed.success)
      throw new Error(`configuration: ${variable} must be a whole number from 1 (got ${JSON.stringify(raw)})`);
    settings[key] = parsed.data;
  }
  const secure = env.PIPELINE_COOKIE_SECURE;
  if (secure !== undefined && secure !== '') {
    if (secure !== 'true' && secure !== 'false')
      throw new Error(`configuration: PIPELINE_COOKIE_SECURE must be true or false (got ${JSON.stringify(secure)})`);
    settings.cookieSecure = secure === 'true';
  }
  return settings;
}
