// A real OpenID provider for the tests (oidc-provider, the certified implementation), in its own process because it
// is an ES module with its own framework: listens on a free port of 127.0.0.1, prints {"issuer": …} on one line of
// stdout once it answers, and serves until it is killed. Its clients and accounts come as JSON in
// OIDC_TEST_PROVIDER: {clients: [{client_id, client_secret, redirect_uris}], accounts: [{login, password, sub,
// claims}], issuerHost?}: the issuer may name localhost while the API is at 127.0.0.1, another site for a
// browser, as a province's provider is. The login page is its own small form (username and password, checked); consent is given for the
// clients by the province itself, as a first-party provider does, so there is no consent page.
import { createServer } from 'node:http';
import Provider from 'oidc-provider';

const config = JSON.parse(process.env.OIDC_TEST_PROVIDER ?? '{}');
const accounts = config.accounts ?? [];
const CLAIMS = ['name', 'preferred_username', 'pipeline_roles', 'email'];

const escape = (s) =>
  String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

const loginPage = (uid, error) => `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>Cổng đăng nhập của tỉnh</title></head>
<body><main><h1>Cổng đăng nhập của tỉnh</h1>
${error ? `<p role="alert">${escape(error)}</p>` : ''}
<form method="post" action="/interaction/${escape(uid)}/login">
<label for="login">Tên đăng nhập</label><input id="login" name="login" autocomplete="username" required>
<label for="password">Mật khẩu</label><input id="password" name="password" type="password" required>
<button type="submit">Đăng nhập</button>
</form></main></body></html>`;

async function readForm(req) {
  let body = '';
  for await (const chunk of req) body += chunk;
  return new URLSearchParams(body);
}

const server = createServer();
server.listen(0, '127.0.0.1', () => {
  const issuer = `http://${config.issuerHost ?? '127.0.0.1'}:${server.address().port}`;
  const provider = new Provider(issuer, {
    clients: (config.clients ?? []).map((c) => ({
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
      ...c,
    })),
    claims: { openid: ['sub'], profile: CLAIMS },
    cookies: { keys: ['a-test-provider-cookie-key-of-some-length'] },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    pkce: { required: () => true },
    async findAccount(_ctx, sub) {
      const account = accounts.find((a) => a.sub === sub);
      return account && { accountId: sub, claims: async () => ({ sub, ...account.claims }) };
    },
    // The province's own applications need no consent page: the grant is given on first use.
    async loadExistingGrant(ctx) {
      const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client.clientId,
        accountId: ctx.oidc.session.accountId,
      });
      grant.addOIDCScope('openid profile');
      grant.addOIDCClaims(CLAIMS);
      await grant.save();
      return grant;
    },
  });
  const oidc = provider.callback();

  server.on('request', async (req, res) => {
    const match = /^\/interaction\/([^/?]+)(\/login)?/.exec(req.url ?? '');
    if (!match) return oidc(req, res);
    try {
      const details = await provider.interactionDetails(req, res);
      if (details.prompt.name !== 'login') {
        res.writeHead(501).end(`prompt ${details.prompt.name} is not handled`);
        return;
      }
      if (req.method === 'POST' && match[2]) {
        const form = await readForm(req);
        const account = accounts.find((a) => a.login === form.get('login') && a.password === form.get('password'));
        if (!account) {
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
          res.end(loginPage(details.uid, 'Sai tên đăng nhập hoặc mật khẩu'));
          return;
        }
        await provider.interactionFinished(
          req,
          res,
          { login: { accountId: account.sub } },
          { mergeWithLastSubmission: false },
        );
        return;
      }
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(loginPage(details.uid));
    } catch (err) {
      res.writeHead(400, { 'content-type': 'text/plain' }).end(String(err?.message ?? err));
    }
  });
  process.stdout.write(JSON.stringify({ issuer }) + '\n');
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
