// api.js - the one place the app talks to the server.
//
// The browser session is the HttpOnly `ld_session` cookie set by POST /login;
// every non-GET request also sends X-CSRF-Token, read from the `ld_csrf`
// cookie (double submit, checked by the server). Errors come back as
// ApiError carrying the API's {code, message, field}.
//
// Offline (sw.js): a GET made with {offline: true} - the signed-in user's own
// data on the volunteer pages, and the session (/me) the shell asks for - is
// kept by the service worker; when the network fails the worker answers
// with the kept copy and the time it was saved (X-Liandong-Cached-At). The
// answer then carries that time as `savedAt` (not enumerable), and
// savedAt(...answers) gives a page the oldest of them, so what it shows from
// the copy is said to be so (components/offline.jsx).
import { forgetOfflineData } from './pwa.js';

export class ApiError extends Error {
  constructor(status, body) {
    const e = (body && body.error) || {};
    super(e.message || `HTTP ${status}`);
    this.status = status;
    this.code = e.code || (status ? 'http_' + status : 'network');
    this.field = e.field || null;
  }
}

const OFFLINE_HEADER = 'X-Liandong-Offline';
const CACHED_AT = 'X-Liandong-Cached-At';

let onUnauthorized = () => {};
/** Called when a request answers 401 (the session ended). */
export function setUnauthorizedHandler(fn) {
  onUnauthorized = fn;
}

function csrfToken() {
  const m = document.cookie.match(/(?:^|;\s*)ld_csrf=([^;]*)/);
  return m ? decodeURIComponent(m[1]) : '';
}

/** Mark `to` (an object) with the time `from` was saved offline, if it was. */
export function keepSavedAt(from, to) {
  const at = from && from.savedAt;
  if (at && to && typeof to === 'object') Object.defineProperty(to, 'savedAt', { value: at, configurable: true });
  return to;
}

/** The oldest time any of the answers was saved offline; null when all are
 * fresh from the network. */
export function savedAt(...answers) {
  const times = answers.map((a) => a && a.savedAt).filter(Boolean).sort();
  return times[0] || null;
}

/** Call /api/v1 + path; resolves to the JSON body (null for 204). */
export async function api(method, path, body, extraHeaders) {
  const headers = { Accept: 'application/json', ...extraHeaders };
  if (path === '/login' || path === '/logout') forgetOfflineData();
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
    if (res.status === 401 && path !== '/login') {
      forgetOfflineData();
      onUnauthorized(err);
    }
    throw err;
  }
  // The shell reads /me on its next load: ask for it now, so that the
  // worker keeps this user's (the login answer is never kept).
  if (path === '/login' && method === 'POST') get('/me').catch(() => {});
  const cachedAt = res.headers.get(CACHED_AT);
  if (cachedAt) keepSavedAt({ savedAt: cachedAt }, data);
  return data;
}

/** GET; with {offline: true} the service worker keeps the answer for
 * offline use (only the signed-in user's own data). The shell's /me is
 * always kept, so the saved pages open offline signed in. */
export const get = (path, opts) => api('GET', path, undefined, opts?.offline || path === '/me' ? { [OFFLINE_HEADER]: '1' } : undefined);
export const post = (path, body, headers) => api('POST', path, body, headers);
