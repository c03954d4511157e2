// care_emergency.jsx - the emergency console for staff: the incidents
// (GET /emergencies) and one incident (/emergency?id=N): its assessment,
// mobilise (POST /emergencies/{id}/mobilize), the called volunteers on a map
// and in a list with their answers, and the timeline, polled every few
// seconds so acknowledgements arrive live.
import { useEffect, useRef, useState } from 'preact/hooks';
import { get, post } from '../api.js';
import { formatDateTime, formatNumber, t } from '../i18n/index.js';
import { Link, queryParam } from '../router.jsx';
import { Field, FormError, errorsFrom } from '../components/form.jsx';
import { Loading, LoadError } from '../components/ui.jsx';
import { Badge } from '../components/care_ui.jsx';
import { IncidentMap } from '../components/map_incident.jsx';

const POLL_MS = 4000;

export function EmergencyList() {
  const [state, setState] = useState({ loading: true });
  const load = () => get('/emergencies?limit=200').then((r) => setState({ items: r.items.slice().reverse() }), (error) => setState({ error }));
  useEffect(() => {
    load();
  }, []);
  if (state.loading) return <Loading />;
  if (state.error) return <LoadError error={state.error} retry={load} />;
  return (
    <div class="stack">
      <h1>{t('care.emergencies_title')}</h1>
      <section class="card">
        {state.items.length === 0 ? (
          <p class="muted">{t('care.no_emergencies')}</p>
        ) : (
          <ul class="list" data-testid="emergencies">
            {state.items.map((e) => (
              <li key={e.id} class="list-item">
                <div class="list-main">
                  <Link href={'/emergency?id=' + e.id}>
                    <strong>{e.title || t('care.etype.' + e.type)}</strong>
                  </Link>
                  <span class="muted small">
                    {t('care.etype.' + e.type)} · {t('care.severity.' + e.severity)} · {e.place || ''} · {formatDateTime(e.created_at)}
                  </span>
                </div>
                <Badge prefix="care.em_status." value={e.status} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

/** Places of the called volunteers, asked once each (null when refused). */
function usePlaces(callouts) {
  const [places, setPlaces] = useState({});
  const asked = useRef(new Set());
  useEffect(() => {
    for (const c of callouts) {
      if (asked.current.has(c.person_id)) continue;
      asked.current.add(c.person_id);
      get('/people/' + c.person_id).then(
        (p) => setPlaces((s) => ({ ...s, [c.person_id]: p.lat != null ? { lat: p.lat, lon: p.lon } : null })),
        () => setPlaces((s) => ({ ...s, [c.person_id]: null })),
      );
    }
  }, [callouts]);
  return places;
}

function MobilizeForm({ em, onDone }) {
  const [count, setCount] = useState(em.needed_count != null ? String(em.needed_count) : '');
  const [radius, setRadius] = useState(em.radius_km != null ? String(em.radius_km) : '');
  const [errors, setErrors] = useState({});
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState(null);
  const submit = async (e) => {
    e.preventDefault();
    const body = {};
    if (count.trim()) body.count = Number(count);
    if (radius.trim()) body.radius_km = Number(radius);
    setBusy(true);
    setErrors({});
    try {
      const r = await post(`/emergencies/${em.id}/mobilize`, body);
      setResult(r);
      onDone();
    } catch (err) {
      setErrors(errorsFrom(err, ['count', 'radius_km']));
    }
    setBusy(false);
  };
  return (
    <form class="card" onSubmit={submit} noValidate aria-labelledby="h-mob">
      <h2 id="h-mob">{t('care.mobilize_title')}</h2>
      <FormError text={errors._form} />
      <div class="row">
        <div style={{ flex: '1 1 120px' }}>
          <Field name="count" type="number" inputMode="numeric" min="1" max="500" label={t('care.count_label')} value={count} onInput={setCount} error={errors.count} />
        </div>
        <div style={{ flex: '1 1 120px' }}>
          <Field name="radius_km" type="number" inputMode="decimal" step="any" min="0.05" max="500" label={t('care.radius_label')} value={radius} onInput={setRadius} error={errors.radius_km} />
        </div>
      </div>
      <button type="submit" class="btn btn-primary" disabled={busy || em.status === 'closed'}>
        {em.wave ? t('care.mobilize_more') : t('care.mobilize')}
      </button>
      {result && (
        <p class="status" role="status" data-testid="mobilized">
          {result.items.length ? t('care.mobilized', { n: result.items.length, wave: result.wave }) : t('care.mobilized_none')}
        </p>
      )}
    </form>
  );
}

/* A volunteer's event names the volunteer (and the distance) in the page's
 * language; free text (the title, a report, a closing note) is shown as
 * written; the server's own summaries (assessed, mobilized, widened) are
 * English machine text, marked so. */
function TimelineDetail({ e, callouts }) {
  if (e.volunteer_id) {
    const c = callouts.find((x) => x.volunteer_id === e.volunteer_id);
    const who = c ? c.name : t('care.volunteer_no', { id: e.volunteer_id });
    return <span class="small"> · {c && e.kind === 'called' ? who + ' · ' + t('care.km', { n: formatNumber(c.distance_km, 2) }) : who}</span>;
  }
  if (!e.detail) return null;
  const machine = ['assessed', 'mobilized', 'widened', 'expired', 'stood_down'].includes(e.kind);
  return (
    <span class="small muted" lang={machine ? 'en' : undefined}>
      {' · '}
      {e.detail}
    </span>
  );
}

export function EmergencyConsole() {
  const id = Number(queryParam('id'));
  const [state, setState] = useState({ loading: true });
  const [updated, setUpdated] = useState(null);
  const load = async () => {
    try {
      const [em, callouts, timeline] = await Promise.all([get('/emergencies/' + id), get(`/emergencies/${id}/callouts?limit=200`), get(`/emergencies/${id}/timeline?limit=200`)]);
      setState({ em, callouts: callouts.items, timeline: timeline.items });
      setUpdated(new Date().toISOString());
    } catch (error) {
      setState((s) => (s.em && error.status !== 403 && error.status !== 404 ? s : { error }));
    }
  };
  useEffect(() => {
    load();
    const timer = setInterval(() => document.visibilityState !== 'hidden' && load(), POLL_MS);
    return () => clearInterval(timer);
  }, [id]);
  const places = usePlaces(state.callouts || []);

  if (state.loading) return <Loading />;
  if (state.error) return <LoadError error={state.error} retry={load} />;
  const { em, callouts, timeline } = state;
  const placed = callouts.map((c) => ({ ...c, ...(places[c.person_id] || {}) }));
  return (
    <div class="stack">
      <p>
        <Link href="/emergencies">{t('care.back_to_list')}</Link>
      </p>
      <h1>
        {em.title || t('care.etype.' + em.type)} <Badge prefix="care.em_status." value={em.status} data-testid="em-status" />
      </h1>
      <section class="card" aria-labelledby="h-incident">
        <h2 id="h-incident">{t('care.incident')}</h2>
        <dl class="facts">
          <dt>{t('care.type')}</dt>
          <dd>{t('care.etype.' + em.type)}</dd>
          <dt>{t('care.severity')}</dt>
          <dd>{t('care.severity.' + em.severity)}</dd>
          {em.place && <dt>{t('care.place')}</dt>}
          {em.place && <dd>{em.place}</dd>}
          {em.description && <dt>{t('care.description')}</dt>}
          {em.description && <dd>{em.description}</dd>}
          <dt>{t('care.reported_at')}</dt>
          <dd>{formatDateTime(em.created_at)}</dd>
        </dl>
      </section>
      <section class="card" aria-labelledby="h-assess" data-testid="assessment">
        <h2 id="h-assess">{t('care.assessment')}</h2>
        {em.assessed_at ? (
          <dl class="facts">
            <dt>{t('care.needed')}</dt>
            <dd>{t('care.people', { n: formatNumber(em.needed_count) })}</dd>
            <dt>{t('care.radius')}</dt>
            <dd>{t('care.km', { n: formatNumber(em.radius_km, 1) })}</dd>
            <dt>{t('care.skills')}</dt>
            <dd>{(em.required_skills || []).join('、') || t('care.none')}</dd>
            <dt>{t('care.oversubscription')}</dt>
            <dd>×{formatNumber(em.oversubscription, 1)}</dd>
            <dt>{t('care.ack_deadline')}</dt>
            <dd>{t('care.seconds', { n: formatNumber(em.ack_deadline_s) })}</dd>
            {em.plan && <dt>{t('care.plan')}</dt>}
            {em.plan && <dd>{em.plan}</dd>}
            <dt>{t('care.assessed_at')}</dt>
            <dd>{formatDateTime(em.assessed_at)}</dd>
          </dl>
        ) : (
          <p class="muted">{t('care.not_assessed')}</p>
        )}
      </section>
      {em.status !== 'closed' && <MobilizeForm em={em} onDone={load} />}
      <section class="card" aria-labelledby="h-callouts">
        <h2 id="h-callouts">{t('care.callouts')}</h2>
        <p class="small" data-testid="counts">
          {t('care.counts', { accepted: em.accepted_count, needed: em.needed_count ?? '—', pending: em.pending_count, wave: em.wave })}
          {em.wave_deadline && ' · ' + t('care.wave_deadline', { time: formatDateTime(em.wave_deadline) })}
        </p>
        {callouts.length === 0 ? (
          <p class="muted">{t('care.no_callouts')}</p>
        ) : (
          <>
            <IncidentMap incident={em} callouts={placed} />
            <ul class="list" data-testid="callouts" aria-live="polite">
              {placed.map((c) => (
                <li key={c.id} class="list-item" data-volunteer={c.volunteer_id}>
                  <div class="list-main">
                    <strong>{c.name}</strong>
                    <span class="muted small">
                      {t('care.km', { n: formatNumber(c.distance_km, 2) })} · {t('care.wave', { n: c.wave })}
                      {c.lat == null && ' · ' + t('care.approx')}
                      {c.answered_at && ' · ' + formatDateTime(c.answered_at)}
                    </span>
                  </div>
                  <Badge prefix="care.callout." value={c.status} />
                </li>
              ))}
            </ul>
          </>
        )}
        {updated && <p class="muted small">{t('care.live', { time: formatDateTime(updated) })}</p>}
      </section>
      <section class="card" aria-labelledby="h-timeline">
        <h2 id="h-timeline">{t('care.timeline')}</h2>
        <ol class="plain" data-testid="timeline">
          {timeline.map((e) => (
            <li key={e.id} data-kind={e.kind} style={{ padding: '.3rem 0', borderTop: '1px solid var(--line)' }}>
              <span class="muted small">{formatDateTime(e.at)}</span> <strong>{t('care.tl.' + e.kind)}</strong>
              <TimelineDetail e={e} callouts={callouts} />
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
