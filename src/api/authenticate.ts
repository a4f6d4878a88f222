/**
 * Who is calling: a dashboard session (the cookie, and on every state-changing request its CSRF token in
 * x-csrf-token) or a personal access token (`authorization: Bearer ppat_…`, which a browser never sends by itself,
 * so it needs no CSRF token). Settled in onRequest, before the body is read, so an anonymous caller learns nothing
 * from validation. A session whose password must change may only read /me, change the password and sign out.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { principalOfToken } from '../accounts/access-tokens';
import { liveSession, type LiveSession } from '../accounts/sessions';
import type { AuthSettings } from '../accounts/settings';
import { sameSecret } from '../accounts/secrets';
import { Unauthenticated, type Principal } from '../auth/principal';
import { DatabaseUnavailable, messageOf, type Db } from '../db/open';
import { HttpError } from './errors';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** No caller needed: sign-in, the dashboard's files, probes. */
    public?: boolean;
    /** Open to a session that must change its password first. */
    duringPasswordChange?: boolean;
  }
}

export const cookieName = (settings: AuthSettings) =>
  // The __Host- prefix (Secure, Path=/, no Domain) keeps a sibling subdomain from planting a session cookie.
  settings.cookieSecure ? '__Host-pipeline-session' : 'pipeline-session';

export const cookieOptions = (settings: AuthSettings) => ({
  httpOnly: true,
  secure: settings.cookieSecure,
  sameSite: 'strict' as const,
  path: '/',
});

export interface Caller {
  principal: Principal;
  /** Present for a dashboard session, absent for a token. */
  session?: LiveSession;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export async function authenticate(
  db: Db,
  settings: AuthSettings,
  req: FastifyRequest,
  reply: FastifyReply,
): Promise<Caller> {
  try {
    return await identify(db, settings, req, reply);
  } catch (err) {
    if (err instanceof Unauthenticated || err instanceof HttpError) throw err;
    // Sessions and tokens live in the database: while it is gone the caller is told to retry, not to sign in again.
    throw new DatabaseUnavailable(`reading the caller's session or token: ${messageOf(err)}`, { cause: err });
  }
}

async function identify(db: Db, settings: AuthSettings, req: FastifyRequest, reply: FastifyReply): Promise<Caller> {
  const header = req.headers.authorization;
  if (header !== undefined) {
    if (!header.startsWith('Bearer '))
      throw new Unauthenticated('authorization: only a Bearer personal access token is accepted');
    const principal = await principalOfToken(db, header.slice('Bearer '.length).trim());
    if (!principal) throw new Unauthenticated('the access token is unknown, expired or revoked');
    return { principal };
  }
  const cookie = req.cookies[cookieName(settings)];
  if (!cookie) throw new Unauthenticated('sign in, or send a personal access token');
  const session = await liveSession(db, settings, cookie);
  if (!session) {
    void reply.clearCookie(cookieName(settings), cookieOptions(settings));
    throw new Unauthenticated('the session has ended: sign in again');
  }
  if (!SAFE_METHODS.has(req.method)) {
    const sent = req.headers['x-csrf-token'];
    if (typeof sent !== 'string' || !sameSecret(sent, session.csrfToken))
      throw new HttpError(403, {
        error: 'csrf',
        reason: {
          vi: 'Thiếu hoặc sai mã chống giả mạo (CSRF); hãy tải lại trang',
          en: 'missing or wrong CSRF token; reload the page',
        },
        message: 'missing or wrong x-csrf-token',
      });
  }
  if (session.mustChangePassword && !req.routeOptions.config.duringPasswordChange)
    throw new HttpError(403, {
      error: 'password_change_required',
      reason: {
        vi: 'Cần đổi mật khẩu trước khi làm việc khác',
        en: 'the password must be changed before anything else',
      },
      message: 'the password must be changed first',
    });
  return { principal: session.principal, session };
}
