// The API through the signed-in session. The session cookie is HTTP-only (this page never sees it); the CSRF token
// comes with /me and is kept in memory only, sent with every request that changes something. A 401 on a request
// made while signed in means the session ended (idle, revoked): the page says so on the sign-in form.
let csrfToken = null;

export const session = {
  setCsrf: (token) => (csrfToken = token),
  clear: () => (csrfToken = null),
};

const SAFE = new Set(['GET', 'HEAD']);

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

async function send(method, path, body, idempotencyKey, extraHeaders = {}) {
  const headers = { ...extraHeaders };
  if (csrfToken && !SAFE.has(method)) headers['x-csrf-token'] = csrfToken;
  // A file (a Blob) goes as its bytes; anything else as JSON.
  const raw = body instanceof Blob;
  if (body !== undefined) headers['content-type'] = raw ? 'application/octet-stream' : 'application/json';
  if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
  const res = await fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : raw ? body : JSON.stringify(body),
  });
  // Sign-in's own 401 is a wrong password, for its form to show; anywhere else the session has ended.
  if (res.status === 401 && !path.startsWith('/auth/')) {
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

/** A call whose answer the caller reads itself (a stream of progress lines, a file); a Blob body is sent as it is. */
export async function apiResponse(method, path, body, headers = {}) {
  const res = await send(method, path, body, undefined, headers);
  if (!res.ok) throw new ApiError(res.status, await res.json().catch(() => ({})));
  return res;
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
