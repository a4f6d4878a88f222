/**
 * The test OpenID provider (oidc-provider.mjs) in a child process, and a browser's part in a sign-in through it
 * over plain fetch: redirects followed by hand, cookies carried per origin.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export interface TestAccount {
  login: string;
  password: string;
  sub: string;
  claims: Record<string, unknown>;
}

export interface TestClient {
  client_id: string;
  client_secret: string;
  redirect_uris: string[];
}

export interface OidcProviderProcess {
  issuer: string;
  stop(): Promise<void>;
}

const SCRIPT = join(__dirname, 'oidc-provider.mjs');

export async function startOidcProvider(config: {
  clients: TestClient[];
  accounts: TestAccount[];
  /** The issuer's host name (it listens on 127.0.0.1 whatever the name). */
  issuerHost?: string;
}): Promise<OidcProviderProcess> {
  const child: ChildProcess = spawn(process.execPath, [SCRIPT], {
    env: { ...process.env, OIDC_TEST_PROVIDER: JSON.stringify(config) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const issuer = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => resolve((JSON.parse(line) as { issuer: string }).issuer));
    child.once('exit', (code) => reject(new Error(`the test OpenID provider exited (${code}): ${stderr}`)));
  });
  return {
    issuer,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** What a browser keeps: cookies per origin (enough here: the API and the provider are separate origins). */
export class Browserish {
  readonly cookies = new Map<string, Map<string, string>>();

  cookieHeader(url: string): string {
    const jar = this.cookies.get(new URL(url).origin);
    return jar ? [...jar].map(([k, v]) => `${k}=${v}`).join('; ') : '';
  }

  cookie(url: string, name: string): string | undefined {
    return this.cookies.get(new URL(url).origin)?.get(name);
  }

  /** One request, no redirect followed, its Set-Cookie kept (an expired one removed). */
  async request(url: string, init: { method?: string; form?: Record<string, string> } = {}): Promise<Response> {
    const headers: Record<string, string> = { 'accept-language': 'vi' };
    const cookie = this.cookieHeader(url);
    if (cookie) headers.cookie = cookie;
    if (init.form) headers['content-type'] = 'application/x-www-form-urlencoded';
    const res = await fetch(url, {
      method: init.method ?? (init.form ? 'POST' : 'GET'),
      headers,
      body: init.form ? new URLSearchParams(init.form).toString() : undefined,
      redirect: 'manual',
    });
    const origin = new URL(url).origin;
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const at = pair!.indexOf('=');
      const name = pair!.slice(0, at).trim();
      const value = pair!.slice(at + 1).trim();
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a) || /^\s*expires=thu, 01 jan 1970/i.test(a));
      if (!this.cookies.has(origin)) this.cookies.set(origin, new Map());
      if (expired || value === '') this.cookies.get(origin)!.delete(name);
      else this.cookies.get(origin)!.set(name, value);
    }
    return res;
  }

  /** Follows redirects from `url` until a page answers (or `stopAt` says to stop); returns it and its URL. */
  async follow(
    url: string,
    init: { method?: string; form?: Record<string, string> } = {},
    stopAt: (url: string) => boolean = () => false,
  ): Promise<{ url: string; res: Response; hops: string[] }> {
    const hops: string[] = [url];
    let res = await this.request(url, init);
    while (res.status >= 300 && res.status < 400 && res.headers.get('location')) {
      url = new URL(res.headers.get('location')!, url).href;
      hops.push(url);
      if (stopAt(url)) break;
      res = await this.request(url);
    }
    return { url, res, hops };
  }
}
