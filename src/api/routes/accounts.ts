/**
 * Administration of accounts (admins): create with a one-time password, rename, disable and enable, unlock, reset
 * the password, assign roles over the registry's tree, see and end sessions and tokens. The sign-in log (auditors
 * and admins). Every change is written to the log with the admin who made it.
 */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { revokeAccessToken, tokensOf } from '../../accounts/access-tokens';
import { listAuthEvents, logAuthEvent, type AuthEventKind } from '../../accounts/events';
import { grantProblem } from '../../accounts/grant-fits';
import { revokeSessionById, revokeSessionsOf, sessionsOf } from '../../accounts/sessions';
import {
  AccountExists,
  AccountNotFound,
  accountView,
  createAccount,
  listAccounts,
  replaceGrants,
  resetPassword,
  unlockAccount,
  updateAccount,
} from '../../accounts/store';
import { Grant } from '../../auth/principal';
import { localDateOf } from '../../charter/dates';
import { personName } from '../../schemas/text';
import { HttpError } from '../errors';
// Declares the `pipeline` decorator the server sets before it registers this plugin.
import '../context';

/** Lower-case letters, digits, dots, dashes: typed at sign-in, kept in every history the person touches. */
export const Username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{1,62}$/, {
    message: 'tên đăng nhập gồm 2–63 chữ thường không dấu, số, dấu chấm, gạch / 2–63 lower-case letters, digits, . _ -',
  });
const Params = z.object({ username: Username });
const FullName = personName({ vi: 'Họ và tên', en: 'full name' });

const notFound = (username: string) =>
  new HttpError(404, {
    error: 'not_found',
    reason: { vi: `Không có tài khoản ${username}`, en: `no account ${username}` },
    message: `no account ${username}`,
  });

export const accountRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.pipeline;
  const db = ctx.deps.database.db;
  const settings = ctx.auth;

  /** The admin making the request, checked. */
  function admin(req: FastifyRequest) {
    const p = ctx.principal(req);
    ctx.check(p, { kind: 'manage_accounts' });
    return p;
  }
  const log = (req: FastifyRequest, kind: AuthEventKind, username: string, detail?: Record<string, unknown>) =>
    logAuthEvent(db, { kind, username, actor: ctx.principal(req).userId, ip: req.ip, detail });

  function checkGrants(req: FastifyRequest, grants: Grant[]) {
    const tree = ctx.registry(req).on(localDateOf(Date.now()));
    grants.forEach((g, i) => {
      const problem = grantProblem(g, tree);
      if (problem)
        throw new HttpError(400, {
          error: 'invalid',
          field: `grants.${i}`,
          reason: problem,
          message: `grants.${i}: ${problem.en}`,
        });
    });
  }
  async function orNotFound<T>(username: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (err) {
      if (err instanceof AccountNotFound) throw notFound(username);
      throw err;
    }
  }

  app.get(
    '/admin/accounts',
    { schema: { summary: 'Every account, with its roles and state (admin)' } },
    async (req) => {
      admin(req);
      return { accounts: await listAccounts(db) };
    },
  );

  app.post(
    '/admin/accounts',
    {
      schema: {
        summary: 'Create an account; the answer holds its one-time password, shown this once (admin)',
        body: z.strictObject({ username: Username, fullName: FullName, grants: z.array(Grant).max(50).default([]) }),
      },
    },
    async (req, reply) => {
      const p = admin(req);
      checkGrants(req, req.body.grants);
      try {
        const { oneTimePassword } = await createAccount(db, { ...req.body, createdBy: p.userId });
        await log(req, 'account_created', req.body.username, { grants: req.body.grants });
        return reply.code(201).send({ account: await accountView(db, req.body.username), oneTimePassword });
      } catch (err) {
        if (err instanceof AccountExists)
          throw new HttpError(409, {
            error: 'conflict',
            field: 'username',
            reason: { vi: `Đã có tài khoản ${req.body.username}`, en: `the account ${req.body.username} exists` },
            message: `the account ${req.body.username} exists`,
          });
        throw err;
      }
    },
  );

  app.get(
    '/admin/accounts/:username',
    { schema: { summary: 'One account, its live sessions and tokens (admin)', params: Params } },
    async (req) => {
      admin(req);
      const { username } = req.params;
      const account = await orNotFound(username, () => accountView(db, username));
      return { account, sessions: await sessionsOf(db, settings, username), tokens: await tokensOf(db, username) };
    },
  );

  app.patch(
    '/admin/accounts/:username',
    {
      schema: {
        summary: 'Rename, disable or enable an account; disabling ends its sessions and tokens (admin)',
        params: Params,
        body: z.strictObject({ fullName: FullName.optional(), enabled: z.boolean().optional() }),
      },
    },
    async (req) => {
      const p = admin(req);
      const { username } = req.params;
      if (req.body.enabled === false && username === p.userId)
        throw new HttpError(409, {
          error: 'conflict',
          reason: { vi: 'Không tự khóa tài khoản của mình', en: 'an admin cannot disable their own account' },
          message: 'an admin cannot disable their own account',
        });
      await orNotFound(username, () => updateAccount(db, username, req.body));
      if (req.body.fullName) await log(req, 'account_updated', username, { fullName: req.body.fullName });
      if (req.body.enabled !== undefined)
        await log(req, req.body.enabled ? 'account_enabled' : 'account_disabled', username);
      return { account: await accountView(db, username) };
    },
  );

  app.post(
    '/admin/accounts/:username/unlock',
    { schema: { summary: 'Lift a lock after repeated failed sign-ins (admin)', params: Params } },
    async (req) => {
      admin(req);
      await orNotFound(req.params.username, () => unlockAccount(db, req.params.username));
      await log(req, 'account_unlocked', req.params.username);
      return { account: await accountView(db, req.params.username) };
    },
  );

  app.post(
    '/admin/accounts/:username/reset-password',
    {
      schema: {
        summary: 'A new one-time password, shown this once; the account’s sessions end (admin)',
        params: Params,
      },
    },
    async (req) => {
      admin(req);
      const oneTimePassword = await orNotFound(req.params.username, () => resetPassword(db, req.params.username));
      await log(req, 'password_reset', req.params.username);
      return { oneTimePassword };
    },
  );

  app.put(
    '/admin/accounts/:username/grants',
    {
      schema: {
        summary: 'The roles the account holds, replaced whole; sessions and tokens of a removed role end (admin)',
        params: Params,
        body: z.strictObject({ grants: z.array(Grant).max(50) }),
      },
    },
    async (req) => {
      const p = admin(req);
      const { username } = req.params;
      await orNotFound(username, () => accountView(db, username));
      checkGrants(req, req.body.grants);
      await replaceGrants(db, username, req.body.grants, p.userId);
      await log(req, 'grants_changed', username, { grants: req.body.grants });
      return { account: await accountView(db, username) };
    },
  );

  app.post(
    '/admin/accounts/:username/sign-out-everywhere',
    { schema: { summary: 'End every session of the account (admin)', params: Params } },
    async (req) => {
      admin(req);
      const ended = await revokeSessionsOf(db, req.params.username);
      await log(req, 'sign_out_everywhere', req.params.username, { ended });
      return { sessionsEnded: ended };
    },
  );

  app.delete(
    '/admin/accounts/:username/sessions/:id',
    {
      schema: {
        summary: 'End one session (admin)',
        params: Params.extend({ id: z.string().min(1).max(64) }),
      },
    },
    async (req) => {
      admin(req);
      if (!(await revokeSessionById(db, req.params.username, req.params.id)))
        throw new HttpError(404, {
          error: 'not_found',
          reason: { vi: 'Không có phiên này', en: 'no such session' },
          message: 'no such session',
        });
      await log(req, 'session_revoked', req.params.username, { session: req.params.id });
      return { revoked: true };
    },
  );

  app.delete(
    '/admin/accounts/:username/tokens/:id',
    {
      schema: { summary: 'Revoke an access token (admin)', params: Params.extend({ id: z.string().min(1).max(64) }) },
    },
    async (req) => {
      admin(req);
      const owner = await revokeAccessToken(db, req.params.id, req.params.username);
      if (!owner)
        throw new HttpError(404, {
          error: 'not_found',
          reason: { vi: 'Không có mã truy cập này', en: 'no such access token' },
          message: 'no such access token',
        });
      await log(req, 'token_revoked', req.params.username, { id: req.params.id });
      return { revoked: true };
    },
  );

  app.get(
    '/auth-events',
    {
      schema: {
        summary: 'The sign-in log, newest first (auditors and admins)',
        querystring: z.strictObject({
          username: z.string().max(100).optional(),
          before: z.coerce.number().int().positive().optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
      },
    },
    async (req) => {
      ctx.check(ctx.principal(req), { kind: 'read_auth_log' });
      const events = await listAuthEvents(db, req.query);
      return {
        events: events.map((e) => ({ ...e, at: e.at.toISOString() })),
        nextBefore: events.length === req.query.limit ? events.at(-1)!.id : null,
      };
    },
  );
};
