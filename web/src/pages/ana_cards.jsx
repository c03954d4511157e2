// ana_cards.jsx - the dashboard's workforce cards: the 12-month retention of
// the latest cohort whose 12 months have passed, with a sparkline of that
// figure over the cohorts before it (GET /stats/retention), and how many
// registered volunteers are below the 20-hour norm this year (GET
// /stats/below-norm); each links to its page.
import { get } from '../api.js';
import { formatNumber, t } from '../i18n/index.js';
import { Link } from '../router.jsx';
import { useLoad } from '../components/ui.jsx';
import { Sparkline } from '../components/chart.jsx';
import { loadRetention, pct, pctText } from './ana_retention.jsx';
import '../ana.css';

const CARD_WINDOW = '12';

/** The cohorts whose CARD_WINDOW has passed, oldest first, as points. */
export function retentionPoints(cohorts) {
  return cohorts
    .filter((c) => c.retained[CARD_WINDOW] != null)
    .map((c) => {
      const value = pct(c.retained[CARD_WINDOW], c.registered);
      return { label: c.cohort, value, text: pctText(value), n: c.retained[CARD_WINDOW], registered: c.registered };
    });
}

function RetentionCard({ region }) {
  const [state] = useLoad(() => loadRetention(region).then((r) => ({ r })), [region]);
  if (state.loading || state.error) return null;
  const points = retentionPoints(state.r.cohorts);
  const last = points[points.length - 1];
  return (
    <section class="card" aria-labelledby="h-ana-ret" data-testid="retention-card">
      <h2 id="h-ana-ret">{t('ana.card.retention', { m: CARD_WINDOW })}</h2>
      {last ? (
        <div class="ana-figure">
          <span class="stat-value" data-testid="retention-card-value" data-cohort={last.label}>
            {last.text}
          </span>
          <span class="muted small">{t('ana.card.retention_of', { cohort: last.label, n: formatNumber(last.n), total: formatNumber(last.registered) })}</span>
          {points.length > 1 && <Sparkline points={points.slice(-8)} max={100} label={t('ana.card.spark_label', { m: CARD_WINDOW })} testid="retention-spark" />}
        </div>
      ) : (
        <p class="muted" data-testid="retention-card-value">
          {t('ana.card.retention_none', { m: CARD_WINDOW })}
        </p>
      )}
      <Link href={'/analytics/retention' + (region ? '?region_id=' + region : '')}>{t('ana.card.retention_link')}</Link>
    </section>
  );
}

function BelowNormCard({ region }) {
  const [state] = useLoad(() => get('/stats/below-norm?limit=1' + (region ? '&region_id=' + encodeURIComponent(region) : '')).then((r) => ({ r })), [region]);
  if (state.loading || state.error) return null;
  const r = state.r;
  return (
    <section class="card" aria-labelledby="h-ana-norm" data-testid="below-norm-card">
      <h2 id="h-ana-norm">{t('ana.card.norm', { year: r.year, n: r.norm_hours })}</h2>
      <p>
        <span class="stat-value" data-testid="below-norm-card-value">
          {formatNumber(r.below_norm)}
        </span>{' '}
        <span class="muted small">{t('ana.card.norm_of', { total: formatNumber(r.registered), p: pctText(r.registered ? (100 * r.below_norm) / r.registered : 0) })}</span>
      </p>
      <Link href={'/analytics/below-norm' + (region ? '?region_id=' + region : '')}>{t('ana.card.norm_link')}</Link>
    </section>
  );
}

export function AnaCards({ region }) {
  return (
    <>
      <RetentionCard region={region} />
      <BelowNormCard region={region} />
    </>
  );
}
