/**
 * A person signed in, by password or through the identity provider: their session written, the sign-in logged with
 * the grant they act as, the cookie set. One place, so both ways give the same cookie and the same log line.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { logAuthEvent } from '../accounts/events';
import { createSession } from '../accounts/sessions';
import type { AuthSettings } from '../accounts/settings';
import type { Grant } from '../auth/principal';
import type { Db } from '../db/open';
import { cookieName, cookieOptions } from './authenticate';

export async function startSession(
  db: Db,
  settings: AuthSettings,
  req: FastifyRequest,
  reply: FastifyReply,
  who: { username: string; grant: Grant; method: 'password' | 'oidc'; detail?: Record<string, unknown> },
): Promise<{ csrfToken: string }> {
  const session = await createSession(db, settings, {
    username: who.username,
    grant: who.grant,
    method: who.method,
    ip: req.ip,
    userAgent: req.headers['user-agent'] ?? null,
  });
  await logAuthEvent(db, {
    kind: 'sign_in',
    username: who.username,
    ip: req.ip,
    detail: { via: who.method, ...who.grant, ...who.detail },
  });
  void reply.setCookie(cookieName(settings), session.cookie, {
    ...cookieOptions(settings),
    maxAge: settings.sessionMaxHours * 3600,
  });
  return { csrfToken: session.csrfToken };
}
