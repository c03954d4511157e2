// volunteer.jsx - the volunteer's own page, made for a phone: upcoming shifts
// (GET /volunteers/{id}/shifts), verified hours and stars, this year's total
// and the hours of each year (GET /volunteers/{id}/hours), this year's
// hours against the 20-hour norm and the last service (components/norm.jsx).
// Offline, the service worker's copy is shown with the 离线 notice and the
// check-in buttons are off (components/offline.jsx).
import { get, savedAt } from '../api.js';
import { currentYear, formatHours, formatNumber, formatRange, t } from '../i18n/index.js';
import { Link } from '../router.jsx';
import { useSession } from '../session.js';
import { Stars, useLoad, pending } from '../components/ui.jsx';
import { OfflineNotice, needsNetwork, useRefreshOnline } from '../components/offline.jsx';
import { myVolunteer } from '../volunteer.js';
import { NormBar } from '../components/norm.jsx';
import { BarChart } from '../components/chart.jsx';

/** The verified hours of each year as bars filling the card, with their
 * table (chart.jsx). */
function YearBars({ years }) {
  if (!years.length) return null;
  const items = years.map((y) => ({ label: String(y.year), value: y.hours, text: formatHours(y.hours), short: formatNumber(y.hours, 1) }));
  return <BarChart items={items} label={t('volunteer.by_year_chart')} caption={t('volunteer.by_year_caption')} columns={[t('chart.col_year'), t('chart.col_hours')]} testid="chart-years" />;
}

export function VolunteerHome() {
  const { user } = useSession();
  const [state, , load] = useLoad(async () => {
    const v = await myVolunteer(user);
    if (!v) return { none: true };
    const keep = { offline: true };
    const [hours, shifts] = await Promise.all([get(`/volunteers/${v.id}/hours`, keep), get(`/volunteers/${v.id}/shifts`, keep)]);
    return { v, hours, shifts: shifts.items, savedAt: savedAt(v, hours, shifts) };
  });
  useRefreshOnline(state.savedAt, () => load(true));
  const wait = pending(state, load);
  if (wait) return wait;
  if (state.none) return <p class="card">{t('volunteer.none')}</p>;

  const { v, hours, shifts, savedAt: saved } = state;
  const year = currentYear();
  const thisYear = (hours.by_year.find((y) => y.year === year) || { hours: 0 }).hours;
  const years = [...hours.by_year].sort((a, b) => a.year - b.year).slice(-5);

  return (
    <div class="stack">
      <h1>{t('volunteer.title')}</h1>
      <OfflineNotice savedAt={saved} />
      <section class="card summary" aria-labelledby="h-hours">
        <h2 id="h-hours" class="visually-hidden">
          {t('volunteer.hours_heading')}
        </h2>
        <div class="stat">
          <span class="stat-label">{t('volunteer.verified_hours')}</span>
          <span class="stat-value" data-testid="verified-hours">
            {formatHours(hours.verified_hours)}
          </span>
        </div>
        <div class="stat">
          <span class="stat-label">{t('volunteer.year_total', { year })}</span>
          <span class="stat-value" data-testid="year-hours">
            {formatHours(thisYear)}
          </span>
        </div>
        <div class="stat">
          <span class="stat-label">{t('volunteer.stars')}</span>
          <span class="stat-value" data-testid="stars">
            <Stars n={hours.stars} />
          </span>
        </div>
        <NormBar hours={hours} />
        <p class="muted small">
          {t('volunteer.number')} <span class="mono">{v.volunteer_no}</span> · {t('stage.' + v.stage)}
        </p>
      </section>

      <section class="card" aria-labelledby="h-upcoming">
        <h2 id="h-upcoming">{t('volunteer.upcoming')}</h2>
        {shifts.length === 0 ? (
          <p class="muted">
            {t('volunteer.no_upcoming')} <Link href="/shifts">{t('volunteer.find_shifts')}</Link>
          </p>
        ) : (
          <ul class="list" data-testid="upcoming">
            {shifts.map((s) => (
              <li key={s.signup_id} class="list-item">
                <div class="list-main">
                  <strong>{s.title}</strong>
                  <span>{formatRange(s.starts_at, s.ends_at)}</span>
                  {s.place && <span class="muted">{s.place}</span>}
                </div>
                {saved ? (
                  <button type="button" class="btn" {...needsNetwork(saved)}>
                    {t('volunteer.check_in')}
                  </button>
                ) : (
                  <Link class="btn" href={`/checkin?signup=${s.signup_id}`}>
                    {t('volunteer.check_in')}
                  </Link>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section class="card" aria-labelledby="h-years">
        <h2 id="h-years">{t('volunteer.by_year')}</h2>
        {years.length ? <YearBars years={years} /> : <p class="muted">{t('volunteer.no_hours')}</p>}
      </section>
    </div>
  );
}
