// pwa.js - the page's side of the service worker (sw.js): registering it
// where browsers have service workers (and only over a secure origin, which
// localhost counts as; elsewhere the app works as before, online only), and
// telling it to drop the signed-in user's kept data.

export function registerWorker() {
  if (!('serviceWorker' in navigator) || !window.isSecureContext) return;
  navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => {
    /* no worker: the app still works online */
  });
}

/** Drop the kept answers of the user signing in or out (the worker also
 * does so when it sees the login or logout request pass). */
export function forgetOfflineData() {
  const c = 'serviceWorker' in navigator && navigator.serviceWorker.controller;
  if (c) c.postMessage({ type: 'clear-data' });
}
