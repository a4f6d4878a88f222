// The API with the signed-in user's token; a 401 signs them out.
const KEY = 'pipeline.token';

export const session = {
  token: () => sessionStorage.getItem(KEY),
  set: (token) => sessionStorage.setItem(KEY, token),
  clear: () => sessionStorage.removeItem(KEY),
};

export class ApiError extends Error {
  constructor(status, body) {
    super(body?.message ?? `HTTP ${status}`);
    this.status = status;
    this.body = body ?? {};
  }
}

/**
 * A fresh Idempotency-Key for one user action. getRandomValues rather than randomUUID, which a browser
 * offers only on HTTPS or localhost, and the dashboard may be served over plain HTTP inside a province's network.
 */
export function newActionKey() {
  return [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function send(method, path, body, idempotencyKey) {
  const headers = { authorization: `Bearer ${session.token()}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
  const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (res.status === 401) {
    session.clear();
    window.dispatchEvent(new Event('signed-out'));
  }
  return res;
}

/**
 * A call to the API. With an Idempotency-Key, a 503 (the case's worker was busy) is retried with the same key
 * after the server's Retry-After: the step is recorded once however often it is sent.
 */
export async function api(method, path, body, { idempotencyKey } = {}) {
  for (let attempt = 1; ; attempt++) {
    const res = await send(method, path, body, idempotencyKey);
    const data = await res.json().catch(() => ({}));
    if (res.ok) return data;
    if (!(idempotencyKey && res.status === 503 && attempt < 3)) throw new ApiError(res.status, data);
    await sleep(Math.min(10, Number(res.headers.get('retry-after')) || 2) * 1000);
  }
}

/** Every page of a case list. */
export async function listAll(query) {
  const out = [];
  let token = null;
  do {
    const q = new URLSearchParams({ ...query, pageSize: '200', ...(token ? { pageToken: token } : {}) });
    const page = await api('GET', `/cases?${q}`);
    out.push(...page.cases);
    token = page.nextPageToken;
  } while (token);
  return out;
}

/** A file the API builds (CSV, Excel), saved through the browser. */
export async function download(path, filename) {
  const res = await send('GET', path);
  if (!res.ok) throw new ApiError(res.status, await res.json().catch(() => ({})));
  const url = URL.createObjectURL(await res.blob());
  const a = Object.assign(document.createElement('a'), { href: url, download: filename });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
