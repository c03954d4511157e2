// misc_response_times.jsx - how fast needs move (GET
// /needs/response-times): one horizontal bar per move that happened, its
// length the median time (chart.jsx's horizontal bars, filling the card),
// and a table of every move with its
// count, mean and median. The region is the caller's: a regional admin's
// region, an org staff member's org's region; a platform admin sees
// everywhere. A category filter narrows it (?category=).
import { useEffect, useState } from 'preact/hooks';
import { get } from '../api.js';
import { formatNumber, t } from '../i18n/index.js';
import { navigate, queryParam } from '../router.jsx';
import { pickRole, useSession } from '../session.js';
import { Loading, LoadError } from '../components/ui.jsx';
import { HBarChart } from '../components/chart.jsx';
import { ORGANISERS } from './staff_activities.jsx';

export const CATEGORIES = ['elderly_care', 'child_care', 'disability', 'mental_health', 'legal_aid', 'medical', 'family_support', 'hardship_relief', 'community_affairs', 'environment', 'emergency', 'education', 'other'];

/** A duration in seconds as "45 秒", "12 分钟", "3.5 小时" or "2.1 天". */
export function formatDuration(s) {
  if (s == null) return '—';
  if (s < 90) return t('misc.rt.seconds', { n: formatNumber(s) });
  if (s < 90 * 60) return t('misc.rt.minutes', { n: formatNumber(s / 60) });
  if (s < 48 * 3600) return t('misc.rt.hours', { n: formatNumber(s / 3600, 1) });
  return t('misc.rt.days', { n: formatNumber(s / 86400, 1) });
}

const moveLabel = (it) => t('misc.rt.arrow', { from: t('misc.status.' + it.from), to: t('misc.status.' + it.to) });

/** The region to count in: null for everywhere (platform admins), else the
 * id; throws 'no_region' when the caller's roles name none. */
async function callerRegion(user) {
  if (user.roles.some((r) => r.role === 'platform_admin')) return null;
  // the acting role's region: a regional admin's, or that of the org staffed
  const r = pickRole(user, (r) => (r.role === 'regional_admin' && r.region_id) || (ORGANISERS.includes(r.role) && r.org_id));
  if (!r) throw Object.assign(new Error('no region'), { noRegion: true });
  return r.role === 'regional_admin' ? r.region_id : (await get('/orgs/' + r.org_id)).region_id;
}

/** The median of each move that happened, as horizontal bars (a refusal
 * in grey); the page's table beneath holds every figure. */
function MedianChart({ items }) {
  const rows = items.filter((it) => it.count > 0 && it.median_seconds != null);
  if (rows.length === 0) return <p class="muted">{t('misc.rt.no_data')}</p>;
  const bars = rows.map((it) => ({ label: moveLabel(it), value: it.median_seconds, text: formatDuration(it.median_seconds), color: it.to === 'rejected' ? '#5b6573' : '#1a5fb4' }));
  return <HBarChart items={bars} label={t('misc.rt.chart')} caption={t('misc.rt.chart_caption')} testid="rt-chart" noTable />;
}

export function ResponseTimes() {
  const { user } = useSession();
  const cat = CATEGORIES.includes(queryParam('category')) ? queryParam('category') : '';
  const [state, setState] = useState({ loading: true });
  const load = async () => {
    setState({ loading: true });
    try {
      const region = await callerRegion(user);
      const params = new URLSearchParams();
      if (region) params.set('region_id', region);
      if (cat) params.set('category', cat);
      const [res, reg] = await Promise.all([
        get('/needs/response-times' + (params.toString() ? '?' + params : '')),
        region ? get('/regions/' + region).catch(() => null) : null,
      ]);
      setState({ items: res.items, region: reg });
    } catch (error) {
      setState(error.noRegion ? { noRegion: true } : { error });
    }
  };
  useEffect(() => {
    load();
  }, [cat]);

  return (
    <section class="stack misc-page">
      <h1>{t('misc.rt.title')}</h1>
      <p class="muted small">{t('misc.rt.intro')}</p>
      <div class="field misc-filter">
        <label for="rt-category">{t('misc.rt.category')}</label>
        <select id="rt-category" value={cat} onChange={(e) => navigate('/response-times' + (e.currentTarget.value ? '?category=' + e.currentTarget.value : ''))}>
          <option value="">{t('misc.rt.all')}</option>
          {CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {t('misc.cat.' + c)}
            </option>
          ))}
        </select>
      </div>
      {state.loading && <Loading />}
      {state.noRegion && <p class="card muted">{t('misc.rt.no_region')}</p>}
      {state.error && <LoadError error={state.error} retry={load} />}
      {state.items && (
        <>
          <p class="small" data-testid="rt-scope">
            {state.region ? t('misc.rt.scope', { name: state.region.name }) : t('misc.rt.scope_all')}
          </p>
          <div class="card">
            <h2>{t('misc.rt.chart')}</h2>
            <MedianChart items={state.items} />
          </div>
          <div class="card misc-scroll" tabIndex={0}>
            <table class="misc-table" data-testid="rt-table">
              <thead>
                <tr>
                  <th scope="col">{t('misc.rt.move')}</th>
                  <th scope="col" class="num">{t('misc.rt.count')}</th>
                  <th scope="col" class="num">{t('misc.rt.median')}</th>
                  <th scope="col" class="num">{t('misc.rt.avg')}</th>
                </tr>
              </thead>
              <tbody>
                {state.items.map((it) => (
                  <tr key={it.from + it.to} data-move={`${it.from}-${it.to}`}>
                    <td>{moveLabel(it)}</td>
                    <td class="num">{formatNumber(it.count)}</td>
                    <td class="num">{formatDuration(it.median_seconds)}</td>
                    <td class="num">{formatDuration(it.avg_seconds)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
