// ana_volunteer.jsx - a volunteer's service against the norm: hours this
// year against 20 as a progress bar and the last service date (GET
// /volunteers/{id}/hours), shown on the volunteer's own home, on the
// staff's page of a volunteer (here: stage, hours, links) and on the lead
// page; and the stage tag with reactivation of an `inactive` volunteer
// (POST /volunteers/{id}/stage {"to": "registered"}, which the API allows
// to the staff who organise).
import { useState } from 'preact/hooks';
import { get, post } from '../api.js';
import { formatDate, formatHours, t } from '../i18n/index.js';
import { Link, queryParam } from '../router.jsx';
import { hasRole, useSession } from '../session.js';
import { pending, useLoad } from '../components/ui.jsx';
import { errorText } from '../components/form.jsx';
import { ProgressBar } from '../components/chart.jsx';
import { ORGANISE } from '../routes_staff.js';
import '../ana.css';

/** 中国注册志愿者管理办法: at least 20 hours a year; the hours read says
 * its norm (`norm_hours`), this is for a read without it. */
export const NORM_HOURS = 20;

/** A China date "YYYY-MM-DD" shown like the other dates. */
export const formatDay = (d) => formatDate(d + 'T12:00:00+08:00');

/** Hours this year against the norm and the last service, from an hours read. */
export function NormBar({ hours }) {
  const h = hours.hours_this_year;
  const norm = hours.norm_hours || NORM_HOURS;
  const left = Math.max(0, norm - h);
  return (
    <div class="ana-norm" data-testid="norm">
      <span class="stat-label">{t('ana.vol.norm', { year: hours.year, n: norm })}</span>
      <ProgressBar value={h} target={norm} label={t('ana.vol.norm_label', { h: formatHours(h), n: norm })} testid="norm-bar" />
      <span data-testid="norm-text" data-hours={h}>
        {left > 0 ? t('ana.vol.norm_left', { h: formatHours(h), left: formatHours(left) }) : t('ana.vol.norm_met', { h: formatHours(h) })}
      </span>
      <span class="muted small" data-testid="last-service" data-date={hours.last_service_date || ''}>
        {t('ana.vol.last_service')}：{hours.last_service_date ? formatDay(hours.last_service_date) : t('ana.never')}
      </span>
    </div>
  );
}

/** NormBar loading the hours of volunteer `id` itself. */
export function VolunteerNorm({ id }) {
  const [state, , reload] = useLoad(() => get(`/volunteers/${id}/hours`).then((hours) => ({ hours })), [id]);
  return pending(state, reload) || <NormBar hours={state.hours} />;
}

/** A volunteer's stage as staff see it; `inactive` tagged 不活跃, with a
 * button to reactivate for those who may move stages. */
export function StageTag({ v, onChange }) {
  const { user } = useSession();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  if (v.stage !== 'inactive') return <span data-stage={v.stage}>{t('stage.' + v.stage)}</span>;
  const reactivate = async () => {
    setBusy(true);
    setError(null);
    try {
      onChange(await post(`/volunteers/${v.id}/stage`, { to: 'registered', note: t('ana.vol.reactivate_note') }));
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <span class="row ana-stage" data-stage="inactive">
      <span class="misc-tag ana-inactive">{t('stage.inactive')}</span>
      {hasRole(user, ORGANISE) && onChange && (
        <button type="button" class="btn btn-quiet" disabled={busy} onClick={reactivate} data-testid={'reactivate-' + v.id}>
          {t('ana.vol.reactivate')}
        </button>
      )}
      {error && (
        <span class="error" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}

/** The staff's page of a volunteer: stage, verified hours, the norm. */
export function AnaVolunteer() {
  const id = Number(queryParam('id')) || 0;
  const { user } = useSession();
  const [state, setState, reload] = useLoad(async () => {
    const [v, hours] = await Promise.all([get('/volunteers/' + id), get(`/volunteers/${id}/hours`)]);
    const p = await get('/people/' + v.person_id).catch(() => null);
    return { v, hours, name: p ? p.name : v.volunteer_no };
  }, [id]);
  const wait = pending(state, reload);
  if (wait) return wait;
  const { v, hours } = state;
  return (
    <section class="stack">
      <h1>{state.name}</h1>
      <div class="card">
        <dl class="facts">
          <dt>{t('volunteer.number')}</dt>
          <dd class="mono">{v.volunteer_no}</dd>
          <dt>{t('ana.vol.stage')}</dt>
          <dd data-testid="vol-stage">
            <StageTag v={v} onChange={(nv) => setState({ ...state, v: nv })} />
          </dd>
          <dt>{t('volunteer.verified_hours')}</dt>
          <dd data-testid="vol-verified">{formatHours(hours.verified_hours)}</dd>
        </dl>
      </div>
      <div class="card">
        <NormBar hours={hours} />
      </div>
      <p class="small">
        <Link href={'/people?id=' + v.person_id}>{t('ana.vol.profile')}</Link>
        {hasRole(user, ORGANISE) && (
          <>
            {' · '}
            <Link href={'/supervision/volunteer?id=' + v.id}>{t('sup.lead.link')}</Link>
          </>
        )}
        {' · '}
        <Link href="/analytics/below-norm">{t('ana.norm.title')}</Link>
      </p>
    </section>
  );
}
