// offline.jsx - what a volunteer page shows when its data is the copy the
// service worker kept (api.js savedAt): the 离线 notice with the time the
// data was saved, the reason the network actions are off, and a refresh as
// soon as the browser is back online (again 1, 3 and 8 s later if the first
// try still got the saved copy, and every 30 s meanwhile, for the network
// that returns without an "online" event).
import { useEffect } from 'preact/hooks';
import { formatDateTime, t } from '../i18n/index.js';

export const OFFLINE_REASON_ID = 'offline-reason';
const RETRY_MS = 30000;
const BACK_ONLINE_MS = [1000, 3000, 8000];

export function OfflineNotice({ savedAt }) {
  if (!savedAt) return null;
  return (
    <section class="card notice offline-notice" role="status" data-testid="offline-notice">
      <strong class="offline-title">{t('offline.title')}</strong>
      <span data-testid="offline-saved-at">{t('offline.saved_at', { time: formatDateTime(savedAt) })}</span>
      <span class="small" id={OFFLINE_REASON_ID}>
        {t('offline.actions')}
      </span>
    </section>
  );
}

/** While the page shows saved data, call refresh() when the network is back. */
export function useRefreshOnline(savedAt, refresh) {
  useEffect(() => {
    if (!savedAt) return undefined;
    const again = () => refresh();
    // The first request after the "online" event can still fail (the link
    // is not up yet, the worker answers from its copy): try again shortly
    // after, until the page shows fresh data and this effect ends.
    const soon = [];
    const online = () => {
      again();
      for (const ms of BACK_ONLINE_MS) soon.push(setTimeout(again, ms));
    };
    addEventListener('online', online);
    const timer = setInterval(() => navigator.onLine && again(), RETRY_MS);
    return () => {
      removeEventListener('online', online);
      clearInterval(timer);
      soon.forEach(clearTimeout);
    };
  }, [savedAt]);
}

/** Props for a button that needs the network: disabled offline, with the
 * notice's reason as its description. */
export const needsNetwork = (savedAt, busy = false) =>
  savedAt ? { disabled: true, 'aria-describedby': OFFLINE_REASON_ID, title: t('offline.needs_network') } : { disabled: busy };
