// api.js - the one place the app talks to the server.
//
// The browser session is the HttpOnly `ld_session` cookie set by POST /login;
// every non-GET request also sends X-CSRF-Token, read from the `ld_csrf`
// cookie (double submit, checked by the server). Errors come back as
// ApiError carrying the API's {code, message, field}.

export class ApiError extends Error {
  constructor(status, body) {
    const e = (body && body.error) || {};
    super(e.message || `HTTP ${status}`);
    this.status = status;
    this.code = e.code || (status ? 'http_' + status : 'network');
    this.field = e.field || null;
  }
}

let onUnauthorized = () => {};
/** Called when a request answers 401 (the session ended). */
export function setUnauthorizedHandler(fn) {
  onUnauthorized = fn;
}

function csrfToken() {
  const m = document.cookie.match(/(?:^|;\s*)ld_csrf=([^;]*)/);
  return m ? decodeURIComponent(m[1]) : '';
}

/** Call /api/v1 + path; resolves to the JSON body (null for 204). */
export async function api(method, path, body, extraHeaders) {
  const headers = { Accept: 'application/json', ...extraHeaders };
  // a file (Blob) is sent as it is, with its own type; anything else as JSON
  const file = typeof Blob !== 'undefined' && body instanceof Blob;
  if (body !== undefined) headers['Content-Type'] = file ? headers['Content-Type'] || body.type : 'application/json';
  if (method !== 'GET') headers['X-CSRF-Token'] = csrfToken();
  let res;
  try {
    res = await fetch('/api/v1' + path, {
      method,
      headers,
      body: body === undefined || file ? body : JSON.stringify(body),
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, null);
  }
  if (res.status === 204) return null;
  const data = await res.json().catch(() => null);
  if (!res.ok) {
    const err = new ApiError(res.status, data);
    if (res.status === 401 && path !== '/login') onUnauthorized(err);
    throw err;
  }
  return data;
}

export const get = (path) => api('GET', path);
export const post = (path, body, headers) => api('POST', path, body, headers);
