/**
 * A sign-in on its way through the identity provider: its state, nonce and PKCE verifier, kept in the browser that
 * started it, in an HTTP-only cookie sealed with the server's secret. Any API instance of the province can finish
 * it (nothing is kept in one process), and only the browser that started it can: a callback without the cookie, or
 * with a state that is not the cookie's, is refused. SameSite=Lax, not Strict: the provider sends the person back
 * with a cross-site navigation, which a Strict cookie would not follow.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { AuthSettings } from '../accounts/settings';
import type { TokenKeys } from '../auth/server-secret';

/** Long enough to type a password at the provider, short enough that a forgotten tab's sign-in lapses. */
export const PENDING_MINUTES = 10;

const Pending = z.strictObject({
  state: z.string().min(16).max(200),
  nonce: z.string().min(16).max(200),
  verifier: z.string().min(43).max(128),
  lang: z.enum(['vi', 'en']),
  expiresAt: z.number().int(),
});
export type PendingSignIn = z.infer<typeof Pending>;

export const pendingCookieName = (settings: AuthSettings) =>
  settings.cookieSecure ? '__Host-pipeline-oidc' : 'pipeline-oidc';

export const pendingCookieOptions = (settings: AuthSettings) => ({
  httpOnly: true,
  secure: settings.cookieSecure,
  sameSite: 'lax' as const,
  path: '/',
});

export function pendingSignIns(keys: TokenKeys) {
  const mac = (body: string) => createHmac('sha256', keys.secret).update('oidc-pending\0').update(body).digest();
  return {
    seal(pending: PendingSignIn): string {
      const body = Buffer.from(JSON.stringify(pending)).toString('base64url');
      return `${body}.${mac(body).toString('base64url')}`;
    },
    /** The sign-in the cookie holds, or null when it is absent, not sealed here, or has lapsed. */
    open(cookie: string | undefined, now = Date.now()): PendingSignIn | null {
      const [body, sent, extra] = (cookie ?? '').split('.');
      if (!body || !sent || extra !== undefined) return null;
      const expected = mac(body);
      const given = Buffer.from(sent, 'base64url');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
      let json: unknown;
      try {
        json = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
      } catch {
        return null;
      }
      const parsed = Pending.safeParse(json);
      return parsed.success && parsed.data.expiresAt > now ? parsed.data : null;
    },
  };
}
