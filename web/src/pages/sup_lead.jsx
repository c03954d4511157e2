// sup_lead.jsx - the lead social worker (带教社工) of a volunteer (PATCH
// /volunteers/{id} {"lead_social_worker_id"}, refused naming the field when
// the worker is not of the volunteer's org or one above it), and a social
// worker's page listing the volunteers they lead (GET
// /volunteers?lead_social_worker_id=). The volunteer's hours against the
// 20-hour norm are on the lead page too (ana_volunteer.jsx).
import { useState } from 'preact/hooks';
import { api, get } from '../api.js';
import { t } from '../i18n/index.js';
import { Link, queryParam } from '../router.jsx';
import { pending, useLoad } from '../components/ui.jsx';
import { errorsFrom, FormError } from '../components/form.jsx';
import { loadWorkers, nameIn, SelectField } from './sup_common.jsx';
import { StageTag, VolunteerNorm } from './ana_volunteer.jsx';

export function VolunteerLead() {
  const id = Number(queryParam('id')) || 0;
  const [cache] = useState(() => new Map());
  const [choice, setChoice] = useState(null);
  const [errors, setErrors] = useState({});
  const [saved, setSaved] = useState(false);
  const [state, setState, reload] = useLoad(async () => {
    const v = await get('/volunteers/' + id);
    const [p, workers] = await Promise.all([get('/people/' + v.person_id).catch(() => null), loadWorkers(cache)]);
    return { v, name: p ? p.name : v.volunteer_no, workers };
  }, [id]);
  const wait = pending(state, reload);
  if (wait) return wait;
  const { v, workers } = state;
  const value = choice ?? (v.lead_social_worker_id ? String(v.lead_social_worker_id) : '');
  const save = async (e) => {
    e.preventDefault();
    setErrors({});
    setSaved(false);
    try {
      const next = await api('PATCH', '/volunteers/' + id, { lead_social_worker_id: value ? Number(value) : null });
      setState({ ...state, v: next });
      setChoice(null);
      setSaved(true);
    } catch (err) {
      setErrors(errorsFrom(err, ['lead_social_worker_id']));
    }
  };
  return (
    <section class="stack">
      <h1>{t('sup.lead.title', { name: state.name })}</h1>
      <p class="muted small mono">
        <Link href={'/analytics/volunteer?id=' + v.id}>{v.volunteer_no}</Link>
      </p>
      <div class="card">
        <VolunteerNorm id={v.id} />
      </div>
      <p data-testid="lead-current">
        {t('sup.lead.current')}：{v.lead_social_worker_id ? <Link href={'/supervision/worker?id=' + v.lead_social_worker_id}>{nameIn(workers, v.lead_social_worker_id)}</Link> : t('sup.lead.none')}
      </p>
      <form class="card" onSubmit={save} noValidate data-testid="lead-form">
        <FormError text={errors._form} />
        <SelectField
          name="lead_social_worker_id"
          label={t('sup.lead.field')}
          value={value}
          onInput={setChoice}
          options={workers.map((w) => ({ value: String(w.id), label: `${w.name} · ${w.org_name}` }))}
          placeholder={t('sup.lead.none')}
          error={errors.lead_social_worker_id}
        />
        {saved && (
          <p class="notice" role="status">
            {t('sup.lead.saved')}
          </p>
        )}
        <button type="submit" class="btn btn-primary">
          {t('sup.lead.save')}
        </button>
      </form>
    </section>
  );
}

export function WorkerVolunteers() {
  const id = Number(queryParam('id')) || 0;
  const [state, setState, reload] = useLoad(async () => {
    const [sw, page] = await Promise.all([get('/social-workers/' + id), get('/volunteers?limit=200&lead_social_worker_id=' + id)]);
    const [p, people] = await Promise.all([get('/people/' + sw.person_id).catch(() => null), Promise.all(page.items.map((v) => get('/people/' + v.person_id).catch(() => null)))]);
    return { sw, name: p ? p.name : t('sup.unknown', { id }), items: page.items.map((v, i) => ({ ...v, name: people[i] ? people[i].name : v.volunteer_no })) };
  }, [id]);
  const wait = pending(state, reload);
  if (wait) return wait;
  return (
    <section class="stack misc-page">
      <h1>{t('sup.worker.title', { name: state.name })}</h1>
      <p class="muted small">{t('misc.qual.' + state.sw.qualification)}</p>
      <p>
        <Link href={'/supervision?social_worker_id=' + id}>{t('sup.worker.sessions')}</Link>
      </p>
      <h2>{t('sup.worker.led', { n: state.items.length })}</h2>
      {state.items.length === 0 ? (
        <p class="card muted" data-testid="led-empty">
          {t('sup.worker.none')}
        </p>
      ) : (
        <ul class="card" data-testid="led-list">
          {state.items.map((v) => (
            <li key={v.id} data-volunteer={v.id}>
              <Link href={'/supervision/volunteer?id=' + v.id}>{v.name}</Link> <span class="muted small mono">{v.volunteer_no}</span> <span class="muted small">
                <StageTag v={v} onChange={(nv) => setState({ ...state, items: state.items.map((x) => (x.id === nv.id ? { ...nv, name: x.name } : x)) })} />
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
