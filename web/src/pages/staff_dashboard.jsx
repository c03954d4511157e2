// staff_dashboard.jsx - the statistics of the caller's scope (GET
// /stats/overview): the headline numbers and four charts drawn in SVG:
// verified hours by month, volunteers through the pipeline as a funnel,
// registered volunteers per social worker by district against the 1:10
// target of 社工带动义工, and needs by status; then the funds' money in and
// out by month (aid_dashboard.jsx), for callers who read funds; and the
// workforce cards: retention and the volunteers below the 20-hour norm
// (ana_cards.jsx).
import { get } from '../api.js';
import { formatHours, formatNumber, t } from '../i18n/index.js';
import { Link, queryParam } from '../router.jsx';
import { hasRole, useSession } from '../session.js';
import { SCREEN } from '../routes_screen.js';
import { useLoad, pending } from '../components/ui.jsx';
import { BarChart, Funnel, HBarChart } from '../components/chart.jsx';
import { AidMoneyCard } from './aid_dashboard.jsx';
import { RatioCard } from './sup_ratios.jsx';
import { AnaCards } from './ana_cards.jsx';

const PIPELINE = ['applied', 'trial', 'initial_training', 'selection', 'interview', 'skills_training', 'registered'];
const LEFT = ['rejected', 'withdrawn', 'inactive'];
const NEED_ORDER = ['new', 'triaged', 'matched', 'planned', 'in_service', 'done', 'closed', 'rejected'];

const countOf = (list, key) => (list.find((c) => c.key === key) || { count: 0 }).count;

function Stat({ label, value, testid }) {
  return (
    <div class="stat">
      <span class="stat-label">{label}</span>
      <span class="stat-value" data-testid={testid}>
        {value}
      </span>
    </div>
  );
}

export function StaffDashboard() {
  const region = queryParam('region_id');
  const { user } = useSession();
  const [state, , load] = useLoad(async () => ({
    s: await get('/stats/overview' + (region ? '?region_id=' + encodeURIComponent(region) : '')),
  }));
  const wait = pending(state, load);
  if (wait) return wait;
  const s = state.s;
  const ratio = s.social_worker_volunteer_ratio;

  const months = s.hours_by_month.map((m) => ({
    label: t('dash.month_short', { m: Number(m.month.slice(5)) }),
    name: m.month,
    value: m.hours,
    text: formatHours(m.hours),
    short: formatNumber(m.hours),
  }));
  // Reached at least this stage (people at it or further along).
  const funnel = PIPELINE.map((st, i) => {
    const reached = PIPELINE.slice(i).reduce((n, k) => n + countOf(s.volunteers_by_stage, k), 0);
    return { label: t('stage.' + st), value: reached, text: t('dash.funnel_text', { reached, at: countOf(s.volunteers_by_stage, st) }) };
  });
  const left = LEFT.map((st) => ({ st, n: countOf(s.volunteers_by_stage, st) })).filter((x) => x.n > 0);
  const districts = s.by_district.map((d) => {
    const r = d.social_workers ? d.volunteers_registered / d.social_workers : 0;
    return { label: d.name, value: r, text: d.social_workers ? t('dash.ratio_value', { r: formatNumber(r, 1) }) : t('dash.no_sw') };
  });
  const needs = [...s.needs_by_status]
    .sort((a, b) => NEED_ORDER.indexOf(a.key) - NEED_ORDER.indexOf(b.key))
    .map((n) => ({ label: t('dash.need_' + n.key), value: n.count, text: formatNumber(n.count) }));

  return (
    <div class="stack">
      <h1>{t('dash.title')}</h1>
      {hasRole(user, SCREEN) && (
        <p>
          <Link href={'/screen' + (region ? '?region_id=' + encodeURIComponent(region) : '')} class="btn" data-testid="dash-screen-link">
            {t('screen.open')}
          </Link>
        </p>
      )}
      <section class="card summary" aria-label={t('dash.headline')}>
        <Stat label={t('dash.service_hours')} value={formatHours(s.service_hours)} testid="dash-hours" />
        <Stat label={t('dash.volunteers_registered')} value={formatNumber(s.volunteers_registered)} testid="dash-volunteers" />
        <Stat label={t('dash.social_workers')} value={t('dash.sw_value', { n: formatNumber(s.social_workers), c: formatNumber(s.certified_social_workers) })} />
        <Stat label={t('dash.ratio')} value={ratio == null ? '—' : t('dash.ratio_value', { r: formatNumber(ratio, 1) })} testid="dash-ratio" />
        <Stat label={t('dash.stations_rooms')} value={`${formatNumber(s.stations)} / ${formatNumber(s.rooms)}`} />
        <Stat label={t('dash.agencies_vorgs')} value={`${formatNumber(s.agencies)} / ${formatNumber(s.volunteer_orgs)}`} />
      </section>

      <section class="card" aria-labelledby="h-months">
        <h2 id="h-months">{t('dash.hours_by_month')}</h2>
        <BarChart items={months} label={t('dash.hours_by_month_label')} caption={t('dash.hours_caption')} columns={[t('chart.col_month'), t('chart.col_hours')]} testid="chart-months" />
      </section>

      <section class="card" aria-labelledby="h-funnel">
        <h2 id="h-funnel">{t('dash.funnel')}</h2>
        <Funnel items={funnel} label={t('dash.funnel_label')} caption={t('dash.funnel_caption')} testid="chart-funnel" />
        {left.length > 0 && (
          <p class="muted small">
            {left.map((x) => `${t('stage.' + x.st)} ${formatNumber(x.n)}`).join(' · ')}
          </p>
        )}
      </section>

      <section class="card" aria-labelledby="h-ratio">
        <h2 id="h-ratio">{t('dash.by_district')}</h2>
        {districts.length ? (
          <HBarChart items={districts} label={t('dash.by_district_label')} refValue={s.social_worker_volunteer_target} refLabel={t('dash.target')} caption={t('dash.by_district_caption')} testid="chart-ratio" />
        ) : (
          <p class="muted">{t('dash.empty')}</p>
        )}
      </section>

      <section class="card" aria-labelledby="h-needs">
        <h2 id="h-needs">{t('dash.needs')}</h2>
        {needs.length ? <HBarChart items={needs} label={t('dash.needs_label')} color={2} testid="chart-needs" /> : <p class="muted">{t('dash.empty')}</p>}
      </section>

      <RatioCard />
      <AnaCards region={region} />
      <AidMoneyCard />
    </div>
  );
}
