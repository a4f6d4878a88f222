/**
 * The parts of signing in through the province's identity provider that need no provider: its settings and their
 * errors, the sealed cookie a sign-in waits in, grants read from a roles claim against the demo registry, and which
 * account an identity lands on (PGlite in memory). The whole flow against a real provider is test/e2e/oidc.test.ts.
 */
import { createServer } from 'node:http';
import { join } from 'node:path';
import { identityProvider, IdentityProviderUnavailable } from '../../src/accounts/identity-provider';
import { accountForIdentity, grantsFromClaim, usernameFrom } from '../../src/accounts/oidc-accounts';
import { loadOidcSettings } from '../../src/accounts/oidc-settings';
import { createAccount, findAccount } from '../../src/accounts/store';
import { tokenKeys } from '../../src/auth/server-secret';
import type { IsoDate } from '../../src/charter/dates';
import { pendingSignIns, type PendingSignIn } from '../../src/api/oidc-pending';
import type { AppDatabase } from '../../src/db/open';
import { loadRegistryFile } from '../../src/org/load';
import { memoryDatabase } from '../helpers/app-db';
import { freePort } from '../helpers/scratch-server';

const ENV = {
  PIPELINE_OIDC_ISSUER: 'https://dang-nhap.tinh.example.vn/realms/tinh',
  PIPELINE_OIDC_CLIENT_ID: 'pipeline',
  PIPELINE_OIDC_CLIENT_SECRET: 'a-client-secret',
  PIPELINE_OIDC_REDIRECT_URL: 'https://pipeline.tinh.example.vn/auth/oidc/callback',
};

describe('settings', () => {
  test('off without an issuer; defaults otherwise', () => {
    expect(loadOidcSettings({})).toBeNull();
    const s = loadOidcSettings(ENV)!;
    expect(s.issuer.href).toBe(ENV.PIPELINE_OIDC_ISSUER);
    expect(s).toMatchObject({ clientId: 'pipeline', scopes: 'openid profile', rolesClaim: null, nameClaim: 'name' });
    expect(
      loadOidcSettings({ ...ENV, PIPELINE_OIDC_SCOPES: 'profile email', PIPELINE_OIDC_ROLES_CLAIM: 'roles' }),
    ).toMatchObject({ scopes: 'profile email openid', rolesClaim: 'roles' });
  });

  test.each([
    [{ PIPELINE_OIDC_CLIENT_ID: '' }, /PIPELINE_OIDC_CLIENT_ID is required/],
    [{ PIPELINE_OIDC_CLIENT_SECRET: undefined }, /PIPELINE_OIDC_CLIENT_SECRET is required/],
    [{ PIPELINE_OIDC_ISSUER: 'not a url' }, /PIPELINE_OIDC_ISSUER must be a URL/],
    [{ PIPELINE_OIDC_ISSUER: 'http://idp.example.vn' }, /PIPELINE_OIDC_ISSUER must be an https:\/\/ URL/],
    [{ PIPELINE_OIDC_REDIRECT_URL: 'https://pipeline.example.vn/' }, /PIPELINE_OIDC_REDIRECT_URL must be the API's/],
    [{ PIPELINE_OIDC_ROLES_CLAIM: 'two words' }, /PIPELINE_OIDC_ROLES_CLAIM must be a claim's name/],
  ])('%j is refused naming its variable', (change, message) => {
    expect(() => loadOidcSettings({ ...ENV, ...change })).toThrow(message);
  });

  test('plain http only on this machine', () => {
    const local = loadOidcSettings({
      ...ENV,
      PIPELINE_OIDC_ISSUER: 'http://127.0.0.1:9000',
      PIPELINE_OIDC_REDIRECT_URL: 'http://localhost:8080/auth/oidc/callback',
    });
    expect(local?.issuer.protocol).toBe('http:');
  });
});

test('a provider that does not answer discovery is named by its variable, and asked again next time', async () => {
  const port = await freePort();
  const provider = identityProvider(
    loadOidcSettings({
      ...ENV,
      PIPELINE_OIDC_ISSUER: `http://127.0.0.1:${port}`,
      PIPELINE_OIDC_REDIRECT_URL: 'http://127.0.0.1:1/auth/oidc/callback',
    })!,
  );
  const failure = `the identity provider at PIPELINE_OIDC_ISSUER=http://127.0.0.1:${port}/ did not answer discovery`;
  await expect(provider.configuration()).rejects.toThrow(failure);
  await expect(provider.configuration()).rejects.toThrow(IdentityProviderUnavailable);
  // Once it answers, the next sign-in finds it: the failure was not remembered.
  const issuer = `http://127.0.0.1:${port}`;
  const server = createServer((_req, res) =>
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ issuer, authorization_endpoint: `${issuer}/auth`, token_endpoint: `${issuer}/token` })),
  );
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  try {
    expect((await provider.configuration()).serverMetadata().issuer).toBe(issuer);
  } finally {
    server.close();
  }
});

describe('the waiting sign-in', () => {
  const sealer = pendingSignIns(tokenKeys('a-unit-test-token-secret-of-32-characters'));
  const pending: PendingSignIn = {
    state: 'state-0123456789abcdef',
    nonce: 'nonce-0123456789abcdef',
    verifier: 'v'.repeat(43),
    lang: 'en',
    expiresAt: Date.now() + 60_000,
  };

  test('opens what it sealed, until it lapses', () => {
    const cookie = sealer.seal(pending);
    expect(sealer.open(cookie)).toEqual(pending);
    expect(sealer.open(cookie, pending.expiresAt + 1)).toBeNull();
  });

  test('refuses a cookie it did not seal or that was changed', () => {
    const cookie = sealer.seal(pending);
    const other = pendingSignIns(tokenKeys('another-token-secret-of-32-characters!!'));
    expect(other.open(cookie)).toBeNull();
    const [, mac] = cookie.split('.');
    const forged = Buffer.from(JSON.stringify({ ...pending, state: 'state-chosen-by-attacker' })).toString('base64url');
    expect(sealer.open(`${forged}.${mac}`)).toBeNull();
    expect(sealer.open(undefined)).toBeNull();
    expect(sealer.open('garbage')).toBeNull();
  });
});

describe('grants from a roles claim', () => {
  const registry = loadRegistryFile(join(__dirname, '..', '..', 'data', 'demo-province.json'));
  const tree = registry.on('2026-01-01' as IsoDate);

  test('role:organisation strings that fit the registry become grants; the rest are ignored with a reason', () => {
    const { grants, ignored } = grantsFromClaim(
      [
        'cell_secretary:cb-thpt-a',
        'committee:du-xa-a',
        'cell_secretary:cb-thpt-a',
        'cell_secretary:cb-khong-co',
        'committee:cb-thpt-a',
        'chairman:du-xa-a',
        'no-colon',
        42,
      ],
      tree,
    );
    expect(grants).toEqual([
      { role: 'cell_secretary', orgId: 'cb-thpt-a' },
      { role: 'committee', orgId: 'du-xa-a' },
    ]);
    expect(ignored.map((i) => [i.value, i.reason.en])).toEqual([
      ['cell_secretary:cb-khong-co', 'no organisation cb-khong-co in the registry in force'],
      ['committee:cb-thpt-a', expect.stringContaining('acts for a committee')],
      ['chairman:du-xa-a', expect.stringContaining('not role:organisation')],
      ['no-colon', expect.stringContaining('not role:organisation')],
      ['42', expect.stringContaining('not role:organisation')],
    ]);
  });

  test('a space- or comma-separated string, or no claim at all', () => {
    expect(grantsFromClaim('auditor:tu-demo, committee:du-xa-a', tree).grants).toHaveLength(2);
    expect(grantsFromClaim(undefined, tree)).toEqual({ grants: [], ignored: [] });
  });
});

describe('the account an identity lands on', () => {
  let database: AppDatabase;
  beforeAll(async () => {
    database = await memoryDatabase();
  }, 60_000);
  afterAll(() => database?.close());
  const ISS = 'https://idp.example.vn';

  test('usernames are made from what the provider calls the person', () => {
    const id = { issuer: ISS, subject: 's' };
    expect(usernameFrom('Nguyễn.Văn.Đức', id)).toBe('nguyen.van.duc');
    expect(usernameFrom('an@tinh.gov.vn', id)).toBe('an-tinh.gov.vn');
    expect(usernameFrom(null, id)).toMatch(/^oidc-[0-9a-f]{12}$/);
    expect(usernameFrom('!', id)).toMatch(/^oidc-[0-9a-f]{12}$/);
  });

  test('an unlinked account with the same username is linked once; then the link is what counts', async () => {
    const db = database.db;
    await createAccount(db, { username: 'tran.binh', fullName: 'Trần Bình', grants: [], createdBy: null });
    const first = await accountForIdentity(db, {
      issuer: ISS,
      subject: 'sub-1',
      preferredUsername: 'Tran.Binh',
      fullName: 'Trần Văn Bình',
    });
    expect(first.how).toBe('linked_now');
    expect(first.account).toMatchObject({ username: 'tran.binh', fullName: 'Trần Văn Bình', oidcSubject: 'sub-1' });
    // The provider renamed the person: the link still finds them.
    const again = await accountForIdentity(db, {
      issuer: ISS,
      subject: 'sub-1',
      preferredUsername: 'binh.tv',
      fullName: 'Trần Văn Bình',
    });
    expect(again).toMatchObject({ how: 'linked', account: { username: 'tran.binh' } });
    // Another subject claiming the same username gets an account of its own, not this one.
    const other = await accountForIdentity(db, {
      issuer: ISS,
      subject: 'sub-2',
      preferredUsername: 'tran.binh',
      fullName: null,
    });
    expect(other).toMatchObject({ how: 'created', account: { username: 'tran.binh-2', fullName: 'tran.binh-2' } });
    expect((await findAccount(db, 'tran.binh-2'))?.passwordHash).toBeNull();
  });

  test('diacritics never link an existing account', async () => {
    const db = database.db;
    await createAccount(db, { username: 'nguyen', fullName: 'Nguyên', grants: [], createdBy: null });
    const r = await accountForIdentity(db, {
      issuer: ISS,
      subject: 'sub-3',
      preferredUsername: 'nguyễn',
      fullName: 'Nguyễn',
    });
    expect(r).toMatchObject({ how: 'created', account: { username: 'nguyen-2' } });
    expect((await findAccount(db, 'nguyen'))?.oidcSubject).toBeNull();
  });
});
