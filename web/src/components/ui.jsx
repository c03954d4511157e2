// ui.jsx - small shared pieces: stars, loading and error states, masks.
import { t } from '../i18n/index.js';

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
      {error && <p class="muted">{error.message}</p>}
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
