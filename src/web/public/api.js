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

async function send(method, path, body) {
  const headers = { authorization: `Bearer ${session.token()}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (res.status === 401) {
    session.clear();
    window.dispatchEvent(new Event('signed-out'));
  }
  return res;
}

export async function api(method, path, body) {
  const res = await send(method, path, body);
  const data = await res.json().catch(() => ({}));
  if (!res.ok) throw new ApiError(res.status, data);
  return data;
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
