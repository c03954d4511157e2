// ana_below_norm.jsx - the registered volunteers below the norm of 20 hours
// of service a year (中国注册志愿者管理办法; GET /stats/below-norm, every page
// of it): a year picker, how many they are and their share of all
// registered, and the list with their hours and last service, sortable,
// each linking to the volunteer's page.
import { useState } from 'preact/hooks';
import { get } from '../api.js';
import { currentYear, formatDate, formatHours, formatNumber, t } from '../i18n/index.js';
import { Link, navigate, queryParam } from '../router.jsx';
import { pending, useLoad } from '../components/ui.jsx';
import { RegionPicker } from './ana_region.jsx';
import { pctText } from './ana_retention.jsx';
import '../ana.css';

/** Every page of the below-norm read for a year (0: this year) and region. */
export async function loadBelowNorm(year, region, max = 5000) {
  const q = new URLSearchParams({ limit: '200' });
  if (year) q.set('year', String(year));
  if (region) q.set('region_id', String(region));
  const first = await get('/stats/below-norm?' + q);
  const items = [...first.items];
  let cursor = first.next_cursor;
  while (cursor && items.length < max) {
    q.set('cursor', cursor);
    const page = await get('/stats/below-norm?' + q);
    items.push(...page.items);
    cursor = page.next_cursor;
  }
  return { ...first, items };
}

const SORTS = {
  name: (a, b) => a.name.localeCompare(b.name, 'zh-CN') || a.volunteer_id - b.volunteer_id,
  hours: (a, b) => a.hours - b.hours || a.volunteer_id - b.volunteer_id,
  last: (a, b) => (a.last_service_date || '').localeCompare(b.last_service_date || '') || a.volunteer_id - b.volunteer_id,
};

function SortHead({ k, sort, setSort, num }) {
  const on = sort.key === k;
  return (
    <th scope="col" class={num ? 'num' : undefined} aria-sort={on ? (sort.desc ? 'descending' : 'ascending') : 'none'}>
      <button type="button" class="ana-sort" data-sort={k} onClick={() => setSort({ key: k, desc: on ? !sort.desc : false })}>
        {t('ana.norm.col_' + k)}
        {on ? (sort.desc ? ' ↓' : ' ↑') : ''}
      </button>
    </th>
  );
}

export function BelowNorm() {
  const thisYear = currentYear();
  const year = Number(queryParam('year')) || thisYear;
  const region = queryParam('region_id') || '';
  const [sort, setSort] = useState({ key: 'hours', desc: false });
  const [state, , reload] = useLoad(() => loadBelowNorm(year, region).then((r) => ({ r })), [year, region]);
  const wait = pending(state, reload);
  const go = (y, g) => {
    const q = new URLSearchParams();
    if (y !== thisYear) q.set('year', String(y));
    if (g) q.set('region_id', g);
    navigate('/analytics/below-norm' + (q.toString() ? '?' + q : ''));
  };
  const years = [];
  for (let y = thisYear; y >= thisYear - 5; y--) years.push(y);
  if (!years.includes(year)) years.push(year);
  const r = state.r;
  const rows = r ? [...r.items].sort(SORTS[sort.key]) : [];
  if (sort.desc) rows.reverse();
  return (
    <section class="stack misc-page">
      <h1>{t('ana.norm.title')}</h1>
      <p class="muted small">{t('ana.norm.intro', { n: r ? r.norm_hours : 20 })}</p>
      <div class="card row">
        <div class="field">
          <label for="ana-year">{t('ana.norm.year')}</label>
          <select id="ana-year" value={String(year)} onChange={(e) => go(Number(e.currentTarget.value), region)}>
            {years.map((y) => (
              <option key={y} value={String(y)}>
                {y}
              </option>
            ))}
          </select>
        </div>
        <RegionPicker value={region} onChange={(g) => go(year, g)} />
      </div>
      {wait}
      {r && (
        <>
          <p class="card" data-testid="below-norm-summary" data-below={r.below_norm} data-registered={r.registered}>
            {t('ana.norm.summary', {
              year: r.year,
              n: formatNumber(r.below_norm),
              total: formatNumber(r.registered),
              p: pctText(r.registered ? (100 * r.below_norm) / r.registered : 0),
              h: r.norm_hours,
            })}
          </p>
          {rows.length === 0 ? (
            <p class="muted">{t('ana.norm.none')}</p>
          ) : (
            <div class="card misc-scroll" tabIndex={0}>
              <table class="misc-table" data-testid="below-norm-table">
                <thead>
                  <tr>
                    <SortHead k="name" sort={sort} setSort={setSort} />
                    <th scope="col">{t('ana.norm.col_no')}</th>
                    <SortHead k="hours" sort={sort} setSort={setSort} num />
                    <SortHead k="last" sort={sort} setSort={setSort} />
                  </tr>
                </thead>
                <tbody>
                  {rows.map((v) => (
                    <tr key={v.volunteer_id} data-volunteer={v.volunteer_id}>
                      <td>
                        <Link href={'/analytics/volunteer?id=' + v.volunteer_id}>{v.name}</Link>
                      </td>
                      <td class="mono small">{v.volunteer_no}</td>
                      <td class="num" data-hours={v.hours}>
                        {formatHours(v.hours)}
                      </td>
                      <td>{v.last_service_date ? formatDate(v.last_service_date + 'T12:00:00+08:00') : t('ana.never')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}
