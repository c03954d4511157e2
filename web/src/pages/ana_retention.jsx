// ana_retention.jsx - retention by cohort (GET /stats/retention): the
// volunteers who first registered in a quarter, and how many of them served
// again 3, 6, 12 and 24 months on, as percentages of the cohort, in a chart
// of grouped bars and in a table of the same numbers. A window that has not
// ended yet is shown as such (未到期), never as 0. Platform and regional
// admins may pick a region inside their scope; the default is the caller's
// whole scope.
import { get } from '../api.js';
import { formatNumber, t } from '../i18n/index.js';
import { Link, navigate, queryParam } from '../router.jsx';
import { pending, useLoad } from '../components/ui.jsx';
import { GroupBarChart } from '../components/chart.jsx';
import { RegionPicker } from './ana_region.jsx';
import '../ana.css';

export const WINDOWS = ['3', '6', '12', '24'];

/** retained of registered as a percentage (null stays null: not known yet). */
export const pct = (n, registered) => (n == null ? null : registered ? (100 * n) / registered : 0);

/** "42%": a percentage as shown everywhere on these pages. */
export const pctText = (p) => t('ana.pct', { p: formatNumber(p, 0) });

/** The retention read for a region ('' for the caller's scope). */
export const loadRetention = (region) => get('/stats/retention' + (region ? '?region_id=' + encodeURIComponent(region) : ''));

function Cell({ c, w }) {
  const n = c.retained[w];
  if (n == null)
    return (
      <td class="num ana-pending" data-window={w} data-pending="true">
        {t('ana.ret.pending')}
      </td>
    );
  return (
    <td class="num" data-window={w} data-count={n}>
      {t('ana.ret.cell', { p: pctText(pct(n, c.registered)), n: formatNumber(n) })}
    </td>
  );
}

export function RetentionTable({ cohorts }) {
  return (
    <div class="card misc-scroll" tabIndex={0}>
      <table class="misc-table" data-testid="retention-table">
        <caption class="visually-hidden">{t('ana.ret.table')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('ana.ret.cohort')}</th>
            <th scope="col" class="num">
              {t('ana.ret.registered')}
            </th>
            {WINDOWS.map((w) => (
              <th key={w} scope="col" class="num">
                {t('ana.ret.months', { m: w })}
              </th>
            ))}
            <th scope="col" class="num">
              {t('ana.ret.inactive')}
            </th>
            <th scope="col" class="num">
              {t('ana.ret.withdrawn')}
            </th>
          </tr>
        </thead>
        <tbody>
          {cohorts.map((c) => (
            <tr key={c.cohort} data-cohort={c.cohort}>
              <th scope="row">{c.cohort}</th>
              <td class="num" data-registered={c.registered}>
                {formatNumber(c.registered)}
              </td>
              {WINDOWS.map((w) => (
                <Cell key={w} c={c} w={w} />
              ))}
              <td class="num">{formatNumber(c.churned ? c.churned.inactive : 0)}</td>
              <td class="num">{formatNumber(c.churned ? c.churned.withdrawn : 0)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function Retention() {
  const region = queryParam('region_id') || '';
  const [state, , reload] = useLoad(() => loadRetention(region).then((r) => ({ r })), [region]);
  const wait = pending(state, reload);
  const cohorts = state.r ? state.r.cohorts : [];
  const groups = cohorts.map((c) => {
    const values = WINDOWS.map((w) => pct(c.retained[w], c.registered));
    return {
      label: c.cohort,
      values,
      texts: WINDOWS.map((w, k) => (values[k] == null ? t('ana.ret.pending') : t('ana.ret.cell', { p: pctText(values[k]), n: formatNumber(c.retained[w]) }))),
      shorts: values.map((v) => (v == null ? '' : formatNumber(v, 0))),
    };
  });
  return (
    <section class="stack misc-page">
      <h1>{t('ana.ret.title')}</h1>
      <p class="muted small">{t('ana.ret.intro')}</p>
      <RegionPicker value={region} onChange={(v) => navigate('/analytics/retention' + (v ? '?region_id=' + v : ''))} />
      {wait}
      {state.r &&
        (cohorts.length === 0 ? (
          <p class="card muted" data-testid="retention-empty">
            {t('ana.ret.none')}
          </p>
        ) : (
          <>
            <section class="card" aria-labelledby="h-ret-chart">
              <h2 id="h-ret-chart">{t('ana.ret.chart')}</h2>
              <GroupBarChart
                groups={groups}
                series={WINDOWS.map((w) => t('ana.ret.months', { m: w }))}
                max={100}
                label={t('ana.ret.chart_label')}
                caption={t('ana.ret.chart_caption')}
                testid="retention-chart"
                noTable
              />
            </section>
            <h2>{t('ana.ret.table')}</h2>
            <RetentionTable cohorts={cohorts} />
          </>
        ))}
      <p class="small">
        <Link href="/analytics/below-norm">{t('ana.norm.title')}</Link> · <Link href="/linkage/ratios">{t('ana.link.ratios')}</Link> · <Link href="/supervision/hours">{t('ana.link.supervision')}</Link>
      </p>
    </section>
  );
}
