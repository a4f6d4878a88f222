/**
 * The CLI speaks to the API over HTTP, like every other user: the same roles,
 * the same checks, the same errors. PIPELINE_API_URL and PIPELINE_TOKEN (or
 * --api / --token) say where and who.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
  ) {
    super(describe(status, body));
  }
}

function describe(status: number, body: Record<string, unknown>): string {
  const refusals = body.refusals as Array<{ ruleId: string; reason: { vi: string; en: string } }> | undefined;
  if (refusals?.length)
    return `refused (${status}):\n${refusals.map((r) => `  ${r.ruleId}: ${r.reason.vi}\n    (${r.reason.en})`).join('\n')}`;
  const reason = body.reason as { vi: string; en: string } | undefined;
  if (reason) return `forbidden (${status}): ${reason.vi} (${reason.en})`;
  return `${String(body.error ?? 'error')} (${status}): ${String(body.message ?? '')}`;
}

export interface ApiTarget {
  url: string;
  token?: string;
}

export function apiTarget(values: { api?: string; token?: string }, env = process.env): ApiTarget {
  return {
    url: (values.api ?? env.PIPELINE_API_URL ?? 'http://127.0.0.1:8080').replace(/\/$/, ''),
    token: values.token ?? env.PIPELINE_TOKEN,
  };
}

export interface CallOptions {
  /**
   * One key per user action (a step sent once from the command line). With it, a 503 or a lost connection is
   * retried with the same key, which the API answers with the first outcome instead of recording the step again.
   */
  idempotencyKey?: string;
  attempts?: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function call<T = Record<string, unknown>>(
  target: ApiTarget,
  method: string,
  path: string,
  body?: unknown,
  { idempotencyKey, attempts = idempotencyKey ? 3 : 1 }: CallOptions = {},
): Promise<T> {
  if (!target.token)
    throw new ApiError(401, { error: 'unauthenticated', message: 'set PIPELINE_TOKEN or pass --token' });
  for (let attempt = 1; ; attempt++) {
    const last = attempt >= attempts;
    let res: Response;
    try {
      res = await fetch(`${target.url}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${target.token}`,
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
      throw new Error(`cannot reach the API at ${target.url} (${(err as Error).cause ?? (err as Error).message})`, {
        cause: err,
      });
    }
    const json = (await res.json().catch(() => ({}))) as Record<string, unknown>;
    if (res.ok) return json as T;
    if (res.status !== 503 || last) throw new ApiError(res.status, json);
    await sleep(Math.min(10, Number(res.headers.get('retry-after')) || 2) * 1000);
  }
}
