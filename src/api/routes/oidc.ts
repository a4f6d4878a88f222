/**
 * Signing in through the province's identity provider (OpenID Connect, authorization code with PKCE): GET
 * /auth/oidc tells the dashboard whether it is set up, /auth/oidc/start sends the browser to the provider, and
 * /auth/oidc/callback brings it back with a session, as password sign-in would. Every outcome, success or not, is
 * written to the sign-in log.
 */
import { z } from 'zod';
import * as oidc from 'openid-client';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { logAuthEvent } from '../../accounts/events';
import { identityProvider, IdentityProviderUnavailable } from '../../accounts/identity-provider';
import {
  accountForIdentity,
  grantsFromClaim,
  grantsFromProvider,
  type IgnoredGrant,
} from '../../accounts/oidc-accounts';
import { grantsOf } from '../../accounts/store';
import { localDateOf } from '../../charter/dates';
import { messageOf } from '../../db/open';
import { startSession } from '../session-start';
import { oidcPage, pageLang, type Bilingual, type Lang } from '../oidc-page';
import {
  PENDING_MINUTES,
  pendingCookieName,
  pendingCookieOptions,
  pendingSignIns,
  type PendingSignIn,
} from '../oidc-pending';
// Declares the `pipeline` decorator the server sets before it registers this plugin.
import '../context';

export const OIDC_LABEL: Bilingual = {
  vi: 'Đăng nhập bằng tài khoản của tỉnh',
  en: "Sign in with the province's account",
};

const TITLE: Bilingual = { vi: 'Không đăng nhập được', en: 'Could not sign in' };

const NOT_SET_UP: Bilingual = {
  vi: 'Đăng nhập bằng tài khoản của tỉnh chưa được thiết lập',
  en: "signing in with the province's account is not set up",
};

/** Claims read from the ID token, then from userinfo when the provider keeps them there. */
type Claims = Record<string, unknown>;

export const oidcRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.pipeline;
  const db = ctx.deps.database.db;
  const settings = ctx.auth;
  const oidcSettings = ctx.deps.oidc ?? null;
  const provider = oidcSettings ? identityProvider(oidcSettings) : null;
  const pending = pendingSignIns(ctx.deps.keys);

  app.get(
    '/auth/oidc',
    {
      config: { public: true },
      schema: { summary: "Whether the province's identity provider is set up, and its label" },
    },
    async () => ({ enabled: provider !== null, label: OIDC_LABEL, start: '/auth/oidc/start' }),
  );

  /** A page ending the attempt, its reason in the sign-in log (never a secret: ids and reasons only). */
  async function refuse(
    req: FastifyRequest,
    reply: FastifyReply,
    lang: Lang,
    status: number,
    message: Bilingual,
    log: { reason: string; username?: string | null; detail?: Record<string, unknown> },
  ) {
    await logAuthEvent(db, {
      kind: 'sign_in_failed',
      username: log.username ?? null,
      ip: req.ip,
      detail: { via: 'oidc', reason: log.reason, ...log.detail },
    });
    return reply
      .code(status)
      .type('text/html; charset=utf-8')
      .send(oidcPage(lang, TITLE, message));
  }

  function unavailable(req: FastifyRequest, reply: FastifyReply, lang: Lang, err: IdentityProviderUnavailable) {
    req.log.error({ err }, err.message);
    return refuse(
      req,
      reply,
      lang,
      503,
      {
        vi: 'Không kết nối được máy chủ đăng nhập của tỉnh; hãy thử lại sau hoặc đăng nhập bằng mật khẩu',
        en: "the province's sign-in server does not answer; try again later or sign in with a password",
      },
      { reason: 'provider_unavailable' },
    );
  }

  app.get(
    '/auth/oidc/start',
    {
      config: { public: true },
      schema: {
        summary: "Go to the province's identity provider to sign in (a browser navigation, not an API call)",
        querystring: z.object({ lang: z.enum(['vi', 'en']).optional() }),
      },
    },
    async (req, reply) => {
      const lang = pageLang(req.query.lang, req.headers['accept-language']);
      if (!provider || !oidcSettings)
        return reply
          .code(404)
          .type('text/html; charset=utf-8')
          .send(oidcPage(lang, TITLE, NOT_SET_UP));
      let config: oidc.Configuration;
      try {
        config = await provider.configuration();
      } catch (err) {
        if (err instanceof IdentityProviderUnavailable) return unavailable(req, reply, lang, err);
        throw err;
      }
      const started: PendingSignIn = {
        state: oidc.randomState(),
        nonce: oidc.randomNonce(),
        verifier: oidc.randomPKCECodeVerifier(),
        lang,
        expiresAt: Date.now() + PENDING_MINUTES * 60_000,
      };
      const url = oidc.buildAuthorizationUrl(config, {
        redirect_uri: oidcSettings.redirectUrl.href,
        scope: oidcSettings.scopes,
        response_type: 'code',
        code_challenge: await oidc.calculatePKCECodeChallenge(started.verifier),
        code_challenge_method: 'S256',
        state: started.state,
        nonce: started.nonce,
        ui_locales: lang,
      });
      void reply.setCookie(pendingCookieName(settings), pending.seal(started), {
        ...pendingCookieOptions(settings),
        maxAge: PENDING_MINUTES * 60,
      });
      return reply.redirect(url.href, 302);
    },
  );

  app.get(
    '/auth/oidc/callback',
    {
      config: {
        public: true,
        // Each try writes to the sign-in log: a forged callback must not be a cheap way to fill it.
        rateLimit: { max: settings.signInPerMinute, timeWindow: 60_000, keyGenerator: (req: FastifyRequest) => req.ip },
      },
      schema: {
        summary:
          'Where the identity provider sends the browser back: checks the answer, signs in, goes to the dashboard',
        querystring: z.object({ state: z.string().max(1000).optional(), error: z.string().max(200).optional() }),
      },
    },
    async (req, reply) => {
      const started = pending.open(req.cookies[pendingCookieName(settings)]);
      // One use: whatever happens next, this attempt is over.
      void reply.clearCookie(pendingCookieName(settings), pendingCookieOptions(settings));
      const lang = pageLang(started?.lang, req.headers['accept-language']);
      if (!provider || !oidcSettings)
        return reply
          .code(404)
          .type('text/html; charset=utf-8')
          .send(oidcPage(lang, TITLE, NOT_SET_UP));
      if (!started || req.query.state !== started.state)
        return refuse(
          req,
          reply,
          lang,
          400,
          {
            vi: 'Phiên đăng nhập không hợp lệ hoặc đã quá hạn; hãy bắt đầu đăng nhập lại từ trang đăng nhập',
            en: 'this sign-in is not valid or has lapsed; start again from the sign-in page',
          },
          { reason: started ? 'state_mismatch' : 'no_pending_sign_in' },
        );
      if (req.query.error)
        return refuse(
          req,
          reply,
          lang,
          401,
          {
            vi: 'Máy chủ đăng nhập của tỉnh không xác nhận đăng nhập',
            en: "the province's sign-in server did not confirm the sign-in",
          },
          { reason: 'provider_refused', detail: { error: req.query.error } },
        );

      let claims: Claims;
      try {
        claims = await claimsOf(await provider.configuration(), req, started);
      } catch (err) {
        if (err instanceof IdentityProviderUnavailable) return unavailable(req, reply, lang, err);
        req.log.warn({ err }, 'oidc: the code exchange failed');
        return refuse(
          req,
          reply,
          lang,
          401,
          {
            vi: 'Không xác nhận được câu trả lời của máy chủ đăng nhập; hãy đăng nhập lại',
            en: "the sign-in server's answer could not be verified; sign in again",
          },
          { reason: 'code_exchange_failed', detail: { error: errorCode(err) } },
        );
      }

      const identity = {
        issuer: String(claims.iss),
        subject: String(claims.sub),
        preferredUsername: text(claims.preferred_username),
        fullName: text(claims[oidcSettings.nameClaim]),
      };
      const { account, how } = await accountForIdentity(db, identity);
      const who = { issuer: identity.issuer, subject: identity.subject };
      if (how === 'created')
        await logAuthEvent(db, {
          kind: 'account_created',
          username: account.username,
          ip: req.ip,
          detail: { via: 'oidc', ...who },
        });
      if (how === 'linked_now')
        await logAuthEvent(db, {
          kind: 'account_updated',
          username: account.username,
          ip: req.ip,
          detail: { via: 'oidc', linked: who },
        });
      if (!account.enabled)
        return refuse(
          req,
          reply,
          lang,
          403,
          { vi: 'Tài khoản đã bị vô hiệu hóa', en: 'the account is disabled' },
          { reason: 'disabled', username: account.username },
        );

      let ignored: IgnoredGrant[] = [];
      if (oidcSettings.rolesClaim) {
        const { registry } = await ctx.registries.get();
        const fromClaim = grantsFromClaim(claims[oidcSettings.rolesClaim], registry.on(localDateOf(Date.now())));
        ignored = fromClaim.ignored;
        if (await grantsFromProvider(db, account.username, fromClaim.grants))
          await logAuthEvent(db, {
            kind: 'grants_changed',
            username: account.username,
            ip: req.ip,
            detail: { via: 'oidc', claim: oidcSettings.rolesClaim, grants: fromClaim.grants },
          });
      }
      const ignoredDetail = ignored.length
        ? { ignoredGrants: ignored.map((i) => ({ value: i.value, reason: i.reason.en })) }
        : {};
      const [grant] = await grantsOf(db, account.username);
      if (!grant)
        return refuse(
          req,
          reply,
          lang,
          403,
          {
            vi: `Tài khoản ${account.username} chưa được giao vai trò nào. Quản trị viên cần giao vai trò (ví dụ bí thư chi bộ của một chi bộ) trước khi bạn đăng nhập được.`,
            en: `The account ${account.username} has no role yet. An administrator must assign one (for example secretary of a cell) before you can sign in.`,
          },
          { reason: 'no_grant', username: account.username, detail: ignoredDetail },
        );

      await startSession(db, settings, req, reply, {
        username: account.username,
        grant,
        method: 'oidc',
        detail: ignoredDetail,
      });
      return reply.redirect('/', 302);
    },
  );

  /**
   * The ID token's claims (its signature, issuer, audience, nonce and the PKCE verifier checked by openid-client),
   * completed from userinfo when the provider keeps profile claims there (as oidc-provider does by default).
   */
  async function claimsOf(config: oidc.Configuration, req: FastifyRequest, started: PendingSignIn): Promise<Claims> {
    const current = new URL(oidcSettings!.redirectUrl);
    current.search = new URL(req.url, 'http://callback').search;
    const tokens = await oidc.authorizationCodeGrant(config, current, {
      pkceCodeVerifier: started.verifier,
      expectedState: started.state,
      expectedNonce: started.nonce,
      idTokenExpected: true,
    });
    const idClaims = tokens.claims()!;
    const wanted = ['preferred_username', oidcSettings!.nameClaim, oidcSettings!.rolesClaim].filter(
      (c): c is string => !!c,
    );
    if (wanted.every((c) => c in idClaims) || !config.serverMetadata().userinfo_endpoint) return { ...idClaims };
    const userinfo = await oidc.fetchUserInfo(config, tokens.access_token, idClaims.sub);
    // The ID token's own claims win: they are what was signed for this sign-in.
    return { ...userinfo, ...idClaims };
  }
};

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim().slice(0, 200) : null);

/** What went wrong, for the log: openid-client's code and the provider's error, never a token. */
function errorCode(err: unknown): string {
  const e = err as { code?: unknown; error?: unknown };
  return [e.code, e.error].filter((x) => typeof x === 'string').join(' ') || messageOf(err).slice(0, 200);
}
