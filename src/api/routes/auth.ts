/**
 * Signing in and out: the dashboard's session (POST /auth/sign-in sets the cookie), the person's own password, the
 * grant they act as, and personal access tokens for the CLI and scripts (POST /auth/tokens, what `pipeline login`
 * calls). Every one of these is written to the sign-in log.
 */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { createAccessToken, revokeAccessToken, tokensOf } from '../../accounts/access-tokens';
import { logAuthEvent } from '../../accounts/events';
import { passwordProblem, verifyPassword } from '../../accounts/passwords';
import { actAs, revokeSession, revokeSessionsOf } from '../../accounts/sessions';
import { BAD_CREDENTIALS, checkPassword } from '../../accounts/sign-in';
import { changePassword, findAccount, grantsOf, type AccountRow } from '../../accounts/store';
import { Grant, Role } from '../../auth/principal';
import { localDateOf } from '../../charter/dates';
import { OrgId } from '../../schemas/common';
import { cookieName, cookieOptions } from '../authenticate';
import { HttpError } from '../errors';
import { startSession } from '../session-start';
// Declares the `pipeline` decorator the server sets before it registers this plugin.
import '../context';

const Credentials = {
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(200),
  /** The grant to act as; the first one the account holds when absent. */
  role: Role.optional(),
  orgId: OrgId.optional(),
};

export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.pipeline;
  const db = ctx.deps.database.db;
  const settings = ctx.auth;
  const rateLimit = {
    max: settings.signInPerMinute,
    timeWindow: 60_000,
    // After the body is parsed, so the key can hold the username: guessing one account is slowed without
    // locking out a whole office behind one address.
    hook: 'preHandler' as const,
    keyGenerator: (req: FastifyRequest) =>
      `${req.ip}\u0000${String((req.body as { username?: unknown } | undefined)?.username ?? '').toLowerCase()}`,
    errorResponseBuilder: () => ({
      statusCode: 429,
      error: 'rate_limited',
      reason: { vi: 'Thử đăng nhập quá nhiều lần; hãy đợi một phút', en: 'too many sign-in attempts; wait a minute' },
      message: 'too many sign-in attempts; wait a minute',
    }),
  };

  /** The account and the grant asked for, or the same refusal whatever was wrong. */
  async function signIn(req: FastifyRequest, body: { username: string; password: string }, via: string) {
    const result = await checkPassword(db, settings, { ...body, ip: req.ip, via });
    if (!result.ok)
      throw new HttpError(401, {
        error: 'invalid_credentials',
        reason: BAD_CREDENTIALS(settings),
        message: BAD_CREDENTIALS(settings).en,
      });
    return result.account;
  }

  async function chooseGrant(account: AccountRow, asked: { role?: string; orgId?: string }): Promise<Grant> {
    const grants = await grantsOf(db, account.username);
    const grant = grants.find(
      (g) =>
        (asked.role === undefined || g.role === asked.role) && (asked.orgId === undefined || g.orgId === asked.orgId),
    );
    if (grant) return grant;
    throw new HttpError(403, {
      error: 'no_grant',
      reason: grants.length
        ? {
            vi: `Tài khoản không có vai trò ${asked.role ?? ''} ở ${asked.orgId ?? ''}`.replace(/\s+/g, ' ').trim(),
            en: `the account holds no role ${asked.role ?? ''} in ${asked.orgId ?? ''}`.replace(/\s+/g, ' ').trim(),
          }
        : { vi: 'Tài khoản chưa được giao vai trò nào', en: 'the account has no role yet' },
      message: 'no such grant',
    });
  }

  async function me(req: FastifyRequest) {
    const { principal: p, session } = ctx.caller(req);
    const registry = ctx.registry(req);
    const tree = registry.on(localDateOf(Date.now()));
    const unit = tree.has(p.orgId) ? tree.unit(p.orgId) : null;
    const grants = await grantsOf(db, p.userId);
    return {
      ...p,
      name: p.name ?? p.userId,
      orgName: unit?.name ?? p.orgId,
      orgKind: unit?.kind ?? null,
      province: registry.province,
      grants: grants.map((g) => ({ ...g, orgName: tree.has(g.orgId) ? tree.unit(g.orgId).name : g.orgId })),
      // Names of the province's organisations (not secret), so pages show names instead of ids.
      unitNames: Object.fromEntries(tree.units().map((u) => [u.id, u.name])),
      via: session ? ('session' as const) : ('token' as const),
      mustChangePassword: session?.mustChangePassword ?? false,
      csrfToken: session?.csrfToken ?? null,
    };
  }

  app.get(
    '/me',
    {
      config: { duringPasswordChange: true },
      schema: { summary: 'The signed-in person: name, the role and organisation they act as, their other roles' },
    },
    async (req) => me(req),
  );

  app.post(
    '/auth/sign-in',
    {
      config: { public: true, rateLimit },
      schema: {
        summary: 'Sign in to the dashboard: sets the session cookie; the answer is /me with its CSRF token',
        body: z.strictObject(Credentials),
      },
    },
    async (req, reply) => {
      const account = await signIn(req, req.body, 'password');
      const grant = await chooseGrant(account, req.body);
      const session = await startSession(db, settings, req, reply, {
        username: account.username,
        grant,
        method: 'password',
      });
      return {
        signedIn: true,
        mustChangePassword: account.mustChangePassword,
        csrfToken: session.csrfToken,
      };
    },
  );

  app.post(
    '/auth/sign-out',
    { config: { duringPasswordChange: true }, schema: { summary: 'End this session' } },
    async (req, reply) => {
      const { principal, session } = ctx.caller(req);
      if (session) {
        await revokeSession(db, session.idHash);
        await logAuthEvent(db, { kind: 'sign_out', username: principal.userId, ip: req.ip });
        void reply.clearCookie(cookieName(settings), cookieOptions(settings));
      }
      return { signedOut: true };
    },
  );

  app.post(
    '/auth/sign-out-everywhere',
    { config: { duringPasswordChange: true }, schema: { summary: "End every one of the person's sessions" } },
    async (req, reply) => {
      const { principal } = ctx.caller(req);
      const ended = await revokeSessionsOf(db, principal.userId);
      await logAuthEvent(db, {
        kind: 'sign_out_everywhere',
        username: principal.userId,
        ip: req.ip,
        detail: { ended },
      });
      void reply.clearCookie(cookieName(settings), cookieOptions(settings));
      return { signedOut: true, sessionsEnded: ended };
    },
  );

  app.post(
    '/auth/password',
    {
      config: { duringPasswordChange: true },
      schema: {
        summary: "Change one's own password; the person's other sessions end",
        body: z.strictObject({ currentPassword: z.string().min(1).max(200), newPassword: z.string().min(1).max(400) }),
      },
    },
    async (req) => {
      const { principal, session } = ctx.caller(req);
      const account = await findAccount(db, principal.userId);
      if (!account || !(await verifyPassword(account.passwordHash, req.body.currentPassword)))
        throw new HttpError(400, {
          error: 'invalid',
          field: 'currentPassword',
          reason: { vi: 'Mật khẩu hiện tại không đúng', en: 'the current password is wrong' },
          message: 'currentPassword: the current password is wrong',
        });
      const problem = passwordProblem(req.body.newPassword, {
        username: account.username,
        fullName: account.fullName,
        current: req.body.currentPassword,
      });
      if (problem)
        throw new HttpError(400, {
          error: 'invalid',
          field: 'newPassword',
          reason: problem,
          message: `newPassword: ${problem.en}`,
        });
      await changePassword(db, account.username, req.body.newPassword, session?.idHash ?? null);
      await logAuthEvent(db, { kind: 'password_changed', username: account.username, ip: req.ip });
      return { changed: true };
    },
  );

  app.post(
    '/auth/act',
    {
      schema: {
        summary: 'Act as another of the roles the account holds (this session); recorded with every step',
        body: Grant,
      },
    },
    async (req) => {
      const { principal, session } = ctx.caller(req);
      if (!session)
        throw new HttpError(400, {
          error: 'invalid',
          reason: {
            vi: 'Mã truy cập gắn với một vai trò; hãy tạo mã khác',
            en: 'an access token is bound to one role; create another',
          },
          message: 'an access token is bound to one role; create another',
        });
      const account = await findAccount(db, principal.userId);
      const grant = await chooseGrant(account!, req.body);
      await actAs(db, session.idHash, grant);
      await logAuthEvent(db, { kind: 'acting_as', username: principal.userId, ip: req.ip, detail: grant });
      return { role: grant.role, orgId: grant.orgId };
    },
  );

  app.post(
    '/auth/tokens',
    {
      config: { public: true, rateLimit },
      schema: {
        summary:
          'A personal access token for the CLI or a script (`pipeline login`): one role in one organisation, revocable',
        body: z.strictObject({
          ...Credentials,
          label: z.string().trim().min(1).max(100).default('pipeline login'),
          expiresInDays: z.number().int().min(1).max(settings.tokenMaxDays).default(90),
        }),
      },
    },
    async (req, reply) => {
      const account = await signIn(req, req.body, 'token');
      if (account.mustChangePassword)
        throw new HttpError(403, {
          error: 'password_change_required',
          reason: {
            vi: 'Cần đổi mật khẩu (đăng nhập bảng điều khiển) trước khi tạo mã truy cập',
            en: 'change the password (sign in to the dashboard) before creating an access token',
          },
          message: 'the password must be changed first',
        });
      const grant = await chooseGrant(account, req.body);
      const expiresAt = new Date(Date.now() + req.body.expiresInDays * 86_400_000);
      const { token, id } = await createAccessToken(db, {
        username: account.username,
        grant,
        label: req.body.label,
        expiresAt,
      });
      await logAuthEvent(db, {
        kind: 'token_created',
        username: account.username,
        ip: req.ip,
        detail: { id, label: req.body.label, ...grant, expiresAt: expiresAt.toISOString() },
      });
      return reply
        .code(201)
        .send({ token, id, role: grant.role, orgId: grant.orgId, expiresAt: expiresAt.toISOString() });
    },
  );

  app.get(
    '/auth/tokens',
    { schema: { summary: "The person's own access tokens (never their secrets)" } },
    async (req) => ({
      tokens: await tokensOf(db, ctx.principal(req).userId),
    }),
  );

  app.delete(
    '/auth/tokens/:id',
    {
      schema: { summary: "Revoke one of one's own access tokens", params: z.object({ id: z.string().min(1).max(64) }) },
    },
    async (req) => {
      const p = ctx.principal(req);
      const owner = await revokeAccessToken(db, req.params.id, p.userId);
      if (!owner)
        throw new HttpError(404, {
          error: 'not_found',
          reason: { vi: 'Không có mã truy cập này', en: 'no such access token' },
          message: 'no such access token',
        });
      await logAuthEvent(db, { kind: 'token_revoked', username: p.userId, ip: req.ip, detail: { id: req.params.id } });
      return { revoked: true };
    },
  );
};
