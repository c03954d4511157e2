// sw.js - the service worker (served as /sw.js, scope /, Cache-Control:
// no-cache; web/build.mjs bundles it with __LD_SHELL__, the list of this
// build's shell files, and __LD_VERSION__). It keeps the volunteer's pages
// readable offline (docs/ARCHITECTURE.md, "Offline"):
//  - the shell (index.html, the hashed assets, the manifest and the icons)
//    is cached on install in a cache named by the build, and the caches of
//    earlier builds are dropped on activate; assets are answered from it,
//    page loads go to the network first and fall back to index.html;
//  - an API GET the page marks with X-Liandong-Offline (api.js: the
//    signed-in user's own data the volunteer pages read, never a staff
//    page's) goes to the network first; a good answer is kept with the time
//    it was saved, and when the network fails the kept answer is given with
//    X-Liandong-Cached-At, so the page says it is offline data of that time;
//  - nothing else is touched: POSTs, the login and every unmarked request go
//    straight to the network;
//  - the kept answers belong to one signed-in user: they are dropped when a
//    login or logout request passes, when an answer is 401, and when the page
//    says so (message {type: 'clear-data'}).
/* global __LD_SHELL__, __LD_VERSION__ */
const SHELL = __LD_SHELL__;
const SHELL_CACHE = 'ld-shell-' + __LD_VERSION__;
const DATA_CACHE = 'ld-data';
const MARK = 'X-Liandong-Offline';
const SAVED_AT = 'X-Liandong-Saved-At';
const CACHED_AT = 'X-Liandong-Cached-At';
/** How long a request waits for the network before a kept answer is used. */
const NETWORK_WAIT_MS = 8000;
const SESSION_PATHS = ['/api/v1/login', '/api/v1/logout'];

// Bumped whenever the kept data is dropped: an answer that was on its way
// for the previous user is not stored.
let generation = 0;
// The last drop, which a store waits for.
let clearing = Promise.resolve();

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(SHELL_CACHE)
      .then((c) => c.addAll(SHELL.map((p) => new Request(p, { cache: 'reload' }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('ld-shell-') && k !== SHELL_CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

function clearData() {
  generation++;
  clearing = clearing.then(() => caches.delete(DATA_CACHE));
  return clearing;
}

self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'clear-data') event.waitUntil(clearData());
});

/** The key an answer is kept under: the URL without `from`, which pages set
 * to the present moment (shifts.jsx), so that the last answer serves the
 * next offline visit. */
function dataKey(request) {
  const url = new URL(request.url);
  url.searchParams.delete('from');
  return url.href;
}

async function keep(key, response, gen) {
  const headers = new Headers(response.headers);
  headers.set(SAVED_AT, new Date().toISOString());
  const body = await response.blob();
  await clearing;
  if (gen !== generation) return;
  const cache = await caches.open(DATA_CACHE);
  if (gen === generation) await cache.put(key, new Response(body, { status: response.status, statusText: response.statusText, headers }));
}

async function kept(key) {
  const hit = await caches.open(DATA_CACHE).then((c) => c.match(key));
  if (!hit) return null;
  const headers = new Headers(hit.headers);
  headers.set(CACHED_AT, hit.headers.get(SAVED_AT) || '');
  headers.delete(SAVED_AT);
  return new Response(hit.body, { status: hit.status, statusText: hit.statusText, headers });
}

const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const SLOW = {};

/** The network's answer; the fallback's (when it has one) if the network
 * fails or takes more than NETWORK_WAIT_MS. */
async function networkOr(network, fallback) {
  try {
    const first = await Promise.race([network, wait(NETWORK_WAIT_MS).then(() => SLOW)]);
    if (first !== SLOW) return first;
    return (await fallback()) || (await network);
  } catch (err) {
    const old = await fallback();
    if (old) return old;
    throw err;
  }
}

function networkFirst(event) {
  const key = dataKey(event.request);
  const gen = generation;
  const network = fetch(event.request);
  // stored while the page already reads the answer
  event.waitUntil(
    network.then((res) => (res.status === 401 ? clearData() : res.ok ? keep(key, res.clone(), gen) : null)).catch(() => null),
  );
  return networkOr(network, () => kept(key));
}

/** A page load: the server's index.html, else the shell's. */
const page = (request) => networkOr(fetch(request), () => caches.match('/index.html', { cacheName: SHELL_CACHE }));

async function asset(request) {
  const hit = await caches.match(request, { cacheName: SHELL_CACHE });
  return hit || fetch(request);
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/api/')) {
    if (SESSION_PATHS.includes(url.pathname)) event.respondWith(clearData().then(() => fetch(request)));
    else if (request.method === 'GET' && request.headers.has(MARK)) event.respondWith(networkFirst(event));
    return;
  }
  if (request.method !== 'GET') return;
  if (request.mode === 'navigate') event.respondWith(page(request));
  else if (SHELL.includes(url.pathname) && url.search === '') event.respondWith(asset(request));
});
