// ui.jsx - small shared pieces: stars, loading and error states, masks,
// and the load-on-mount hook most pages use.
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n/index.js';

/** Run `fn` on mount (and when `deps` change): the state is {loading: true}
 * first, then the object fn resolves to, or {error}. Returns [state,
 * setState, reload]; reload(true) refreshes without the loading state. */
export function useLoad(fn, deps = []) {
  const [state, setState] = useState({ loading: true });
  const reload = async (quiet) => {
    if (!quiet) setState({ loading: true });
    try {
      setState(await fn());
    } catch (error) {
      setState({ error });
    }
  };
  useEffect(() => {
    reload();
  }, deps);
  return [state, setState, reload];
}

/** What a page shows while useLoad's state is loading or failed; null once
 * there is data. */
export function pending(state, reload) {
  if (state.loading) return <Loading />;
  if (state.error) return <LoadError error={state.error} retry={() => reload()} />;
  return null;
}

export function Stars({ n, max = 5 }) {
  const full = '★'.repeat(n), empty = '☆'.repeat(Math.max(0, max - n));
  return (
    <span class="stars" role="img" aria-label={t('volunteer.stars_label', { n })}>
      <span aria-hidden="true">{full}</span>
      <span class="stars-empty" aria-hidden="true">
        {empty}
      </span>
    </span>
  );
}

export const Loading = () => (
  <p class="muted" role="status">
    {t('common.loading')}
  </p>
);

export function LoadError({ error, retry }) {
  return (
    <div class="card" role="alert">
      <p class="error">{t('common.load_failed')}</p>
      {error && <p class="muted">{error.status === 0 && !navigator.onLine ? t('offline.no_copy') : error.message}</p>}
      {retry && (
        <button type="button" class="btn" onClick={retry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}

/** 420102********1234: what a screen shows of an ID number. */
export const maskId = (s) => (s && s.length > 10 && !s.includes('*') ? s.slice(0, 6) + '*'.repeat(s.length - 10) + s.slice(-4) : s);
/** 138****5678 */
export const maskPhone = (s) => (s && s.length === 11 && !s.includes('*') ? s.slice(0, 3) + '****' + s.slice(7) : s);
