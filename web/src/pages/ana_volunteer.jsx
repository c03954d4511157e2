// ana_volunteer.jsx - a volunteer's service against the norm: hours this
// year against 20 as a progress bar and the last service date (GET
// /volunteers/{id}/hours), shown on the volunteer's own home, on the
// staff's page of a volunteer (here: stage, hours, links) and on the lead
// page; and the stage tag with reactivation of an `inactive` volunteer
// (POST /volunteers/{id}/stage {"to": "registered"}, which the API allows
// to the staff who organise).
import { useState } from 'preact/hooks';
import { get, post } from '../api.js';
import { formatHours, t } from '../i18n/index.js';
import { Link, queryParam } from '../router.jsx';
import { hasRole, useSession } from '../session.js';
import { pending, useLoad } from '../components/ui.jsx';
import { errorText } from '../components/form.jsx';
import { NormBar } from '../components/norm.jsx';
import { ORGANISE } from '../routes_staff.js';
import '../ana.css';

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
