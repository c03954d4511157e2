// sup_sessions.jsx - supervision sessions (督导记录, docs/API.md issue 15):
// the list with its filters (supervisor, social worker, from/to on the
// start), the form that records one (a supervisor, then the social workers of
// that supervisor's chain to pick from: those whose supervisor_id is the
// supervisor), and a session's page with its minutes to edit. Confidential
// notes show only when the API returns them (to the two sides); anyone else
// reads a line saying they are for the two sides only.
import { useState } from 'preact/hooks';
import { api, get, post } from '../api.js';
import { formatHours, formatRange, t } from '../i18n/index.js';
import { Link, navigate, queryParam } from '../router.jsx';
import { pending, useLoad } from '../components/ui.jsx';
import { describedBy, errorsFrom, Field, FieldWrap, FormError } from '../components/form.jsx';
import { loadWorkers, nameIn, SelectField, SUPERVISING, toIso } from './sup_common.jsx';

const FIELDS = ['supervisor_id', 'social_worker_ids', 'form', 'topic', 'starts_at', 'ends_at', 'minutes', 'confidential_notes'];
/** Our own words for the API's 403s, by the field they name. */
const REFUSALS = { social_worker_ids: { forbidden: 'sup.err.not_in_chain' }, supervisor_id: { forbidden: 'sup.err.not_writer' } };
const FILTERS = ['supervisor_id', 'social_worker_id', 'from', 'to'];

export function SessionList() {
  const f = Object.fromEntries(FILTERS.map((k) => [k, queryParam(k) || '']));
  const key = FILTERS.map((k) => f[k]).join('|');
  const [cache] = useState(() => new Map());
  const [state, , reload] = useLoad(async () => {
    const q = new URLSearchParams({ limit: '100' });
    if (f.supervisor_id) q.set('supervisor_id', f.supervisor_id);
    if (f.social_worker_id) q.set('social_worker_id', f.social_worker_id);
    if (f.from) q.set('from', f.from + 'T00:00:00+08:00');
    if (f.to) q.set('to', f.to + 'T23:59:59+08:00');
    const [list, workers] = await Promise.all([get('/supervision-sessions?' + q), loadWorkers(cache)]);
    return { items: list.items, more: !!list.next_cursor, workers };
  }, [key]);
  const go = (k, v) => {
    const q = new URLSearchParams();
    for (const n of FILTERS) {
      const val = n === k ? v : f[n];
      if (val) q.set(n, val);
    }
    navigate('/supervision' + (q.toString() ? '?' + q : ''));
  };
  const wait = pending(state, reload);
  const workers = state.workers || [];
  const opts = workers.map((w) => ({ value: String(w.id), label: w.name }));
  const sups = workers.filter((w) => SUPERVISING.includes(w.qualification)).map((w) => ({ value: String(w.id), label: w.name }));

  return (
    <section class="stack misc-page">
      <h1>{t('sup.list.title')}</h1>
      <p class="muted small">{t('sup.list.intro')}</p>
      <p>
        <Link href="/supervision/new" class="btn btn-primary">
          {t('sup.list.new')}
        </Link>{' '}
        <Link href="/supervision/hours" class="btn">
          {t('sup.nav.hours')}
        </Link>
      </p>
      <div class="card" data-testid="sup-filters">
        <SelectField name="flt_supervisor" label={t('sup.f.supervisor')} value={f.supervisor_id} onInput={(v) => go('supervisor_id', v)} options={sups} placeholder={t('sup.list.any')} />
        <SelectField name="flt_worker" label={t('sup.f.social_worker')} value={f.social_worker_id} onInput={(v) => go('social_worker_id', v)} options={opts} placeholder={t('sup.list.any')} />
        <Field name="flt_from" label={t('sup.list.from')} type="date" value={f.from} onInput={(v) => go('from', v)} />
        <Field name="flt_to" label={t('sup.list.to')} type="date" value={f.to} onInput={(v) => go('to', v)} />
      </div>
      {wait}
      {state.items && state.items.length === 0 && (
        <p class="card muted" data-testid="sup-empty">
          {t('sup.list.none')}
        </p>
      )}
      {state.items && state.items.length > 0 && (
        <div class="card misc-scroll" tabIndex={0}>
          <table class="misc-table" data-testid="sup-list">
            <thead>
              <tr>
                <th scope="col">{t('sup.f.topic')}</th>
                <th scope="col">{t('sup.f.when')}</th>
                <th scope="col">{t('sup.f.form')}</th>
                <th scope="col">{t('sup.f.supervisor')}</th>
                <th scope="col">{t('sup.f.social_workers')}</th>
                <th scope="col" class="num">{t('sup.f.hours')}</th>
              </tr>
            </thead>
            <tbody>
              {state.items.map((s) => (
                <tr key={s.id} data-session={s.id}>
                  <td>
                    <Link href={'/supervision/session?id=' + s.id}>{s.topic}</Link>
                  </td>
                  <td>{formatRange(s.starts_at, s.ends_at)}</td>
                  <td>{t('sup.form.' + s.form)}</td>
                  <td>{nameIn(workers, s.supervisor_id)}</td>
                  <td>{s.social_worker_ids.map((id) => nameIn(workers, id)).join('、')}</td>
                  <td class="num">{formatHours(s.hours)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {state.more && <p class="muted small">{t('sup.list.more')}</p>}
        </div>
      )}
    </section>
  );
}

export function SessionNew() {
  const [cache] = useState(() => new Map());
  const [f, setF] = useState({ supervisor_id: '', form: 'individual', topic: '', starts_at: '', ends_at: '', minutes: '', confidential_notes: '' });
  const [picked, setPicked] = useState([]);
  const [chain, setChain] = useState(null);
  const [errors, setErrors] = useState({});
  const [busy, setBusy] = useState(false);
  const [state, , reload] = useLoad(async () => ({ workers: await loadWorkers(cache) }));
  const set = (k) => (v) => setF((o) => ({ ...o, [k]: v }));
  const chooseSupervisor = async (v) => {
    setF((o) => ({ ...o, supervisor_id: v }));
    setPicked([]);
    setChain(null);
    if (!v) return;
    try {
      setChain(await loadWorkers(cache, { supervisor_id: v }));
    } catch (err) {
      setErrors(errorsFrom(err, FIELDS));
    }
  };
  const toggle = (id) => setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p, id]));
  const submit = async (e) => {
    e.preventDefault();
    setErrors({});
    setBusy(true);
    try {
      const s = await post('/supervision-sessions', {
        supervisor_id: Number(f.supervisor_id) || undefined,
        social_worker_ids: picked,
        form: f.form,
        topic: f.topic.trim(),
        starts_at: toIso(f.starts_at),
        ends_at: toIso(f.ends_at),
        minutes: f.minutes.trim() || undefined,
        confidential_notes: f.confidential_notes.trim() || undefined,
      });
      navigate('/supervision/session?id=' + s.id);
    } catch (err) {
      setErrors(errorsFrom(err, FIELDS, REFUSALS[err.field]));
    }
    setBusy(false);
  };
  const wait = pending(state, reload);
  if (wait) return wait;
  const sups = state.workers.filter((w) => SUPERVISING.includes(w.qualification)).map((w) => ({ value: String(w.id), label: `${w.name}（${t('misc.qual.' + w.qualification)}）` }));

  return (
    <section class="stack">
      <h1>{t('sup.new.title')}</h1>
      <form class="card" onSubmit={submit} noValidate data-testid="sup-form">
        <FormError text={errors._form} />
        <SelectField name="supervisor_id" label={t('sup.f.supervisor')} value={f.supervisor_id} onInput={chooseSupervisor} options={sups} placeholder={t('sup.new.choose')} error={errors.supervisor_id} />
        <fieldset class={'field sup-workers' + (errors.social_worker_ids ? ' field-invalid' : '')} aria-describedby={errors.social_worker_ids ? 'f-social_worker_ids-err' : undefined}>
          <legend>{t('sup.f.social_workers')}</legend>
          {!f.supervisor_id && <p class="hint">{t('sup.new.choose_first')}</p>}
          {f.supervisor_id && chain && chain.length === 0 && <p class="hint" data-testid="sup-chain-empty">{t('sup.new.chain_empty')}</p>}
          {chain &&
            chain.map((w) => (
              <label key={w.id} class="check" data-worker={w.id}>
                <input type="checkbox" checked={picked.includes(w.id)} onChange={() => toggle(w.id)} /> {w.name}
                <span class="muted small">{w.org_name}</span>
              </label>
            ))}
          {errors.social_worker_ids && (
            <p class="error" id="f-social_worker_ids-err" data-field="social_worker_ids" role="alert">
              {errors.social_worker_ids}
            </p>
          )}
        </fieldset>
        <SelectField name="form" label={t('sup.f.form')} value={f.form} onInput={set('form')} options={['individual', 'group'].map((v) => ({ value: v, label: t('sup.form.' + v) }))} error={errors.form} />
        <Field name="topic" label={t('sup.f.topic')} value={f.topic} onInput={set('topic')} error={errors.topic} maxLength={200} />
        <Field name="starts_at" label={t('sup.f.starts_at')} type="datetime-local" value={f.starts_at} onInput={set('starts_at')} error={errors.starts_at} />
        <Field name="ends_at" label={t('sup.f.ends_at')} type="datetime-local" value={f.ends_at} onInput={set('ends_at')} error={errors.ends_at} />
        <TextArea name="minutes" label={t('sup.f.minutes')} value={f.minutes} onInput={set('minutes')} error={errors.minutes} />
        <TextArea name="confidential_notes" label={t('sup.f.notes')} hint={t('sup.f.notes_hint')} value={f.confidential_notes} onInput={set('confidential_notes')} error={errors.confidential_notes} maxLength={5000} />
        <button type="submit" class="btn btn-primary btn-block" disabled={busy}>
          {busy ? t('sup.saving') : t('sup.new.save')}
        </button>
      </form>
    </section>
  );
}

function TextArea({ name, label, hint, value, onInput, error, ...rest }) {
  const id = 'f-' + name;
  return (
    <FieldWrap id={id} name={name} label={label} hint={hint} error={error}>
      <textarea id={id} name={name} rows={4} value={value} onInput={(e) => onInput(e.currentTarget.value)} aria-invalid={error ? 'true' : undefined} aria-describedby={describedBy(id, hint, error)} {...rest} />
    </FieldWrap>
  );
}

export function SessionPage() {
  const id = Number(queryParam('id')) || 0;
  const [cache] = useState(() => new Map());
  const [minutes, setMinutes] = useState(null);
  const [errors, setErrors] = useState({});
  const [saved, setSaved] = useState(false);
  const [state, setState, reload] = useLoad(async () => {
    const [s, workers] = await Promise.all([get('/supervision-sessions/' + id), loadWorkers(cache)]);
    return { s, workers };
  }, [id]);
  const wait = pending(state, reload);
  if (wait) return wait;
  const { s, workers } = state;
  const save = async (e) => {
    e.preventDefault();
    setErrors({});
    setSaved(false);
    try {
      const next = await api('PATCH', '/supervision-sessions/' + id, { minutes: (minutes ?? s.minutes ?? '').trim() });
      setState({ s: next, workers });
      setMinutes(null);
      setSaved(true);
    } catch (err) {
      setErrors(errorsFrom(err, ['minutes']));
    }
  };
  return (
    <section class="stack">
      <p>
        <Link href="/supervision">{t('sup.back')}</Link>
      </p>
      <h1 data-testid="sup-topic">{s.topic}</h1>
      <section class="card">
        <dl class="facts">
          <dt>{t('sup.f.when')}</dt>
          <dd>{formatRange(s.starts_at, s.ends_at)}</dd>
          <dt>{t('sup.f.hours')}</dt>
          <dd data-testid="sup-hours">{formatHours(s.hours)}</dd>
          <dt>{t('sup.f.form')}</dt>
          <dd data-testid="sup-form-value">{t('sup.form.' + s.form)}</dd>
          <dt>{t('sup.f.supervisor')}</dt>
          <dd>{nameIn(workers, s.supervisor_id)}</dd>
          <dt>{t('sup.f.social_workers')}</dt>
          <dd data-testid="sup-workers">{s.social_worker_ids.map((w) => nameIn(workers, w)).join('、')}</dd>
        </dl>
      </section>
      <section class="card" aria-labelledby="h-sup-notes">
        <h2 id="h-sup-notes">{t('sup.f.notes')}</h2>
        {s.confidential_notes != null ? (
          <p data-testid="sup-notes" style="white-space: pre-wrap">
            {s.confidential_notes}
          </p>
        ) : (
          <p class="muted" data-testid="sup-notes-sealed">
            {t('sup.notes_sealed')}
          </p>
        )}
      </section>
      <form class="card" onSubmit={save} noValidate data-testid="sup-minutes-form">
        <FormError text={errors._form} />
        <TextArea name="minutes" label={t('sup.f.minutes')} value={minutes ?? s.minutes ?? ''} onInput={setMinutes} error={errors.minutes} />
        {saved && (
          <p class="notice" role="status">
            {t('sup.minutes_saved')}
          </p>
        )}
        <button type="submit" class="btn btn-primary">
          {t('sup.minutes_save')}
        </button>
      </form>
    </section>
  );
}
