/**
 * The CLI speaks to the API over HTTP, like every other user: the same roles,
 * the same checks, the same errors. --api / PIPELINE_API_URL and --token /
 * PIPELINE_TOKEN say where and who; without them, the sign-in `pipeline login`
 * saved (for the API it was issued by).
 */
import { dmyInstant } from './format';
import { readCredentials } from './credentials';
import { say } from './lang';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
  ) {
    super(describe(status, body));
  }
}

/** One entry of the API's list of field errors (src/schemas/field-errors.ts): the field as its form labels it. */
interface FieldError {
  path?: string;
  field?: { vi: string; en: string };
  vi?: string;
  en?: string;
}

function describe(status: number, body: Record<string, unknown>): string {
  const refusals = body.refusals as Array<{ ruleId: string; reason: { vi: string; en: string } }> | undefined;
  if (refusals?.length)
    return `refused (${status}):\n${refusals.map((r) => `  ${r.ruleId}: ${r.reason.vi}\n    (${r.reason.en})`).join('\n')}`;
  const reason = body.reason as { vi: string; en: string } | undefined;
  const label =
    status === 403 && body.error !== 'password_change_required' ? 'forbidden' : String(body.error ?? 'error');
  if (reason) return `${label} (${status}): ${reason.vi} (${reason.en})`;
  // Every field's error in the user's language, each named as the form labels it, when the API lists them.
  const fields = (Array.isArray(body.errors) ? body.errors : []) as FieldError[];
  if (fields.length && fields.every((f) => f.vi && f.en))
    return [
      `${label} (${status}):`,
      ...fields.map((f) => {
        const name = f.field ? say(f.field) : f.path;
        return `  ${name ? `${name}${f.path ? ` (${f.path})` : ''}: ` : ''}${say({ vi: f.vi!, en: f.en! })}`;
      }),
    ].join('\n');
  return `${label} (${status}): ${String(body.message ?? '')}`.trimEnd();
}

export interface ApiTarget {
  url: string;
  token?: string;
  /** Where the token came from, so a refused one is explained. */
  tokenFrom?: 'option' | 'env' | 'login';
}

const DEFAULT_API = 'http://127.0.0.1:8080';
const trim = (url: string) => url.replace(/\/+$/, '');

/** --api, then PIPELINE_API_URL, then the API signed in to, then the local one npm start runs. */
export function apiUrl(values: { api?: string }, env = process.env, signedInTo?: string): string {
  return trim(values.api ?? env.PIPELINE_API_URL ?? signedInTo ?? DEFAULT_API);
}

export function apiTarget(values: { api?: string; token?: string }, env = process.env): ApiTarget {
  const saved = values.token || env.PIPELINE_TOKEN ? undefined : readCredentials(env);
  const url = apiUrl(values, env, saved?.api);
  if (values.token) return { url, token: values.token, tokenFrom: 'option' };
  if (env.PIPELINE_TOKEN) return { url, token: env.PIPELINE_TOKEN, tokenFrom: 'env' };
  // A token is only ever sent to the API that issued it.
  if (saved && trim(saved.api) === url) {
    if (Date.parse(saved.expiresAt) <= Date.now())
      throw new ApiError(401, {
        error: 'unauthenticated',
        message: say({
          vi: `phiên đăng nhập của ${saved.username} đã hết hạn ngày ${dmyInstant(saved.expiresAt)}: chạy pipeline login`,
          en: `${saved.username}'s sign-in expired on ${dmyInstant(saved.expiresAt)}: run pipeline login`,
        }),
      });
    return { url, token: saved.token, tokenFrom: 'login' };
  }
  return { url };
}

export interface CallOptions {
  /**
   * One key per user action (a step sent once from the command line). With it, a 503 or a lost connection is
   * retried with the same key, which the API answers with the first outcome instead of recording the step again.
   */
  idempotencyKey?: string;
  attempts?: number;
  /** For signing in: no token is needed or sent. */
  anonymous?: boolean;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const NO_TOKEN = {
  vi: 'chưa đăng nhập: chạy pipeline login, hoặc đặt PIPELINE_TOKEN / --token',
  en: 'not signed in: run pipeline login, or set PIPELINE_TOKEN / pass --token',
};

/** The raw answer of a request, retried like call(); a refusal is thrown as ApiError. */
async function request(
  target: ApiTarget,
  method: string,
  path: string,
  body: unknown,
  { idempotencyKey, attempts = idempotencyKey ? 3 : 1, anonymous = false }: CallOptions,
): Promise<Response> {
  if (!anonymous && !target.token) throw new ApiError(401, { error: 'unauthenticated', message: say(NO_TOKEN) });
  for (let attempt = 1; ; attempt++) {
    const last = attempt >= attempts;
    let res: Response;
    try {
      res = await fetch(`${target.url}${path}`, {
        method,
        headers: {
          ...(anonymous ? {} : { authorization: `Bearer ${target.token}` }),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (err) {
      if (!last) {
        await sleep(2000);
        continue;
      }
      const why = String((err as Error).cause ?? (err as Error).message);
      throw new Error(
        say({
          vi: `không kết nối được API tại ${target.url} (${why})`,
          en: `cannot reach the API at ${target.url} (${why})`,
        }),
        { cause: err },
      );
    }
    if (res.ok) return res;
    if (res.status !== 503 || last) {
      const json = (await res.json().catch(() => ({}))) as Record<string, unknown>;
      if (res.status === 401 && target.tokenFrom === 'login' && !json.reason)
        json.message = `${String(json.message ?? '')} (${say({ vi: 'chạy lại pipeline login', en: 'run pipeline login again' })})`;
      throw new ApiError(res.status, json);
    }
    await res.body?.cancel();
    await sleep(Math.min(10, Number(res.headers.get('retry-after')) || 2) * 1000);
  }
}

export async function call<T = Record<string, unknown>>(
  target: ApiTarget,
  method: string,
  path: string,
  body?: unknown,
  options: CallOptions = {},
): Promise<T> {
  const res = await request(target, method, path, body, options);
  return (await res.json().catch(() => ({}))) as T;
}

/** A file the API sends (a document): its bytes and the name its Content-Disposition gives. */
export async function download(
  target: ApiTarget,
  path: string,
): Promise<{ bytes: Buffer; filename: string | undefined; contentType: string | null; headers: Headers }> {
  const res = await request(target, 'GET', path, undefined, {});
  return {
    bytes: Buffer.from(await res.arrayBuffer()),
    filename: filenameOf(res.headers.get('content-disposition')),
    contentType: res.headers.get('content-type'),
    headers: res.headers,
  };
}

/** RFC 6266: filename*=UTF-8''… (a Vietnamese name) before the plain filename="…". */
export function filenameOf(disposition: string | null): string | undefined {
  if (!disposition) return undefined;
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition);
  if (extended) {
    try {
      return decodeURIComponent(extended[1]!.trim());
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]+))/.exec(disposition);
  return plain ? (plain[1]?.replace(/\\(.)/g, '$1') ?? plain[2]!.trim()) : undefined;
}
