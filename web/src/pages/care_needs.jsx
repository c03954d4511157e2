// care_needs.jsx - the resident's phone page: raise a need (POST /needs, in
// the person's own region or a community below it) and follow each one, its
// status and history (GET /needs?raised_by_person_id=, /needs/{id}/events).
// The categories offered are the items of the service menu serving the
// chosen region (GET /service-menu?covering_region_id=), or "other" with a
// note saying what it is, as the API requires (issue 15). A need done or
// closed is rated by its resident (GET/POST /needs/{id}/rating: a second
// send replaces the first).
import { useEffect, useState } from 'preact/hooks';
import { get, post } from '../api.js';
import { formatDateTime, t } from '../i18n/index.js';
import { useSession } from '../session.js';
import { Field, FormError, errorText, errorsFrom } from '../components/form.jsx';
import { Loading, LoadError } from '../components/ui.jsx';
import { Badge, SelectField, TextAreaField, URGENCIES } from '../components/care_ui.jsx';
import { RatingPicker } from './voice_shifts.jsx';

const FIELDS = ['title', 'category', 'category_note', 'region_id', 'urgency', 'place', 'description'];
const EMPTY = { title: '', category: '', category_note: '', region_id: '', urgency: 'medium', place: '', description: '' };

/** The categories the service menu serving `regionId` offers, each once
 * with the titles of its items, then "other". */
export function useMenuCategories(regionId) {
  const [options, setOptions] = useState(null);
  useEffect(() => {
    if (!regionId) return setOptions([]);
    let live = true;
    get(`/service-menu?limit=200&active=true&covering_region_id=${regionId}`).then(
      (r) => {
        const titles = new Map();
        for (const it of r.items) titles.set(it.category, [...(titles.get(it.category) || []), it.title]);
        if (live) setOptions([...titles].map(([c, ts]) => [c, `${t('care.category.' + c)}（${ts.join('、')}）`]));
      },
      () => live && setOptions([]),
    );
    return () => {
      live = false;
    };
  }, [regionId]);
  return options && [...options, ['other', t('care.category.other')]];
}

/** A need's history, oldest first (shared with the board). */
export function NeedHistory({ id }) {
  const [items, setItems] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => {
    get(`/needs/${id}/events`).then((r) => setItems(r.items), setError);
  }, [id]);
  if (error) return <p class="error">{t('common.load_failed')}</p>;
  if (!items) return <Loading />;
  return (
    <ol class="plain small" data-testid={'history-' + id}>
      {items.map((e) => (
        <li key={e.id} style={{ padding: '.25rem 0' }}>
          <span class="muted">{formatDateTime(e.at)}</span> {e.from ? t('care.moved', { from: t('care.need_status.' + e.from), to: t('care.need_status.' + e.to) }) : t('care.raised')}
          {e.note && e.from && <span class="muted"> · {e.note}</span>}
        </li>
      ))}
    </ol>
  );
}

/** The resident's rating of a need done or closed: shown, and given or
 * changed in a small form. */
function NeedRating({ id }) {
  const [saved, setSaved] = useState(undefined); // undefined: loading, null: none yet
  const [editing, setEditing] = useState(false);
  const [rating, setRating] = useState(0);
  const [comment, setComment] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    get(`/needs/${id}/rating`).then(
      (r) => setSaved(r),
      (err) => setSaved(err && err.status === 404 ? null : undefined),
    );
  }, [id]);
  const open = () => {
    setRating(saved ? saved.rating : 0);
    setComment(saved && saved.comment ? saved.comment : '');
    setEditing(true);
  };
  const submit = async (e) => {
    e.preventDefault();
    if (!rating) return setError(t('care.rate_pick'));
    setBusy(true);
    setError('');
    try {
      setSaved(await post(`/needs/${id}/rating`, { rating, comment: comment.trim() }));
      setEditing(false);
    } catch (err) {
      setError(errorText(err));
    }
    setBusy(false);
  };
  if (saved === undefined) return null;
  if (!editing)
    return (
      <div class="row small" data-testid={'need-rating-' + id} style={{ alignItems: 'center', gap: '.5rem' }}>
        {saved ? (
          <span>
            {t('care.rated')}：{'★'.repeat(saved.rating)} {saved.comment && <span class="muted">{saved.comment}</span>}
          </span>
        ) : (
          <span class="muted">{t('care.rate_prompt')}</span>
        )}
        <button type="button" class="btn btn-quiet" onClick={open}>
          {saved ? t('care.rate_change') : t('care.rate')}
        </button>
      </div>
    );
  return (
    <form class="stack" onSubmit={submit} data-testid={'need-rate-form-' + id}>
      <RatingPicker name={'need-' + id} value={rating} onInput={setRating} />
      <TextAreaField name={'rc-' + id} label={t('voice.comment')} value={comment} onInput={setComment} maxLength={500} />
      <FormError text={error} />
      <button type="submit" class="btn btn-primary" disabled={busy}>
        {busy ? t('care.sending') : t('care.rate_send')}
      </button>
    </form>
  );
}

function NeedItem({ need, fresh }) {
  const [open, setOpen] = useState(false);
  return (
    <li class="list-item" data-need={need.id} style={{ flexDirection: 'column', alignItems: 'stretch' }}>
      <div class="row" style={{ justifyContent: 'space-between', alignItems: 'center' }}>
        <div class="list-main">
          <strong>{need.title}</strong>
          <span class="muted small">
            {t('care.category.' + need.category)} · {formatDateTime(need.created_at)}
            {fresh && ' · ' + t('care.just_sent')}
          </span>
        </div>
        <Badge prefix="care.need_status." value={need.status} data-testid="need-status" />
      </div>
      <button type="button" class="btn btn-quiet" aria-expanded={open ? 'true' : 'false'} onClick={() => setOpen(!open)} style={{ alignSelf: 'flex-start' }}>
        {open ? t('care.hide_history') : t('care.show_history')}
      </button>
      {open && <NeedHistory id={need.id} />}
      {(need.status === 'done' || need.status === 'closed') && <NeedRating id={need.id} />}
    </li>
  );
}

export function MyNeeds() {
  const { user } = useSession();
  const [state, setState] = useState({ loading: true });
  const [form, setForm] = useState(EMPTY);
  const [errors, setErrors] = useState({});
  const [busy, setBusy] = useState(false);
  const [fresh, setFresh] = useState(null);
  const set = (k) => (v) => setForm((f) => ({ ...f, [k]: v }));
  const categories = useMenuCategories(form.region_id);

  const load = async () => {
    try {
      if (!user.person_id) return setState({ noPerson: true });
      const person = await get('/people/' + user.person_id);
      let regions = [];
      if (person.region_id) {
        const [own, below] = await Promise.all([get('/regions/' + person.region_id), get('/regions?limit=200&parent_id=' + person.region_id)]);
        regions = [own, ...below.items];
      }
      const needs = await get(`/needs?limit=200&raised_by_person_id=${user.person_id}`);
      setState({ regions, needs: needs.items.slice().reverse() });
      setForm((f) => (f.region_id || !regions.length ? f : { ...f, region_id: String(regions[0].id) }));
    } catch (error) {
      setState({ error });
    }
  };
  useEffect(() => {
    load();
  }, []);

  const submit = async (e) => {
    e.preventDefault();
    const missing = {};
    if (!form.title.trim()) missing.title = t('error.required');
    if (!form.category) missing.category = t('error.required');
    if (form.category === 'other' && !form.category_note.trim()) missing.category_note = t('error.required');
    if (!form.region_id) missing.region_id = t('error.required');
    setErrors(missing);
    if (Object.keys(missing).length) return;
    const body = { title: form.title.trim(), category: form.category, region_id: Number(form.region_id), urgency: form.urgency };
    if (form.category === 'other') body.category_note = form.category_note.trim();
    if (form.place.trim()) body.place = form.place.trim();
    if (form.description.trim()) body.description = form.description.trim();
    setBusy(true);
    try {
      const need = await post('/needs', body);
      setFresh(need.id);
      setForm({ ...EMPTY, region_id: form.region_id });
      setState((s) => ({ ...s, needs: [need, ...s.needs] }));
    } catch (err) {
      setErrors(errorsFrom(err, FIELDS));
    }
    setBusy(false);
  };

  if (state.loading) return <Loading />;
  if (state.error) return <LoadError error={state.error} retry={load} />;
  if (state.noPerson) return <p class="card">{t('care.no_person')}</p>;

  return (
    <div class="stack">
      <h1>{t('care.my_needs_title')}</h1>
      <form class="card" onSubmit={submit} noValidate aria-labelledby="h-raise">
        <h2 id="h-raise">{t('care.raise_title')}</h2>
        <p class="muted small">{t('care.raise_intro')}</p>
        <FormError text={errors._form} />
        <Field name="title" label={t('care.need_title')} value={form.title} onInput={set('title')} error={errors.title} maxLength={200} />
        <SelectField
          name="category"
          label={t('care.category')}
          value={form.category}
          onChange={set('category')}
          error={errors.category}
          placeholder={t('care.choose')}
          options={categories || []}
        />
        {form.category === 'other' && (
          <Field name="category_note" label={t('care.category_note')} value={form.category_note} onInput={set('category_note')} error={errors.category_note} maxLength={200} />
        )}
        <SelectField
          name="region_id"
          label={t('care.region')}
          value={form.region_id}
          onChange={set('region_id')}
          error={errors.region_id}
          placeholder={state.regions.length ? undefined : t('care.choose')}
          options={state.regions.map((r) => [String(r.id), r.name])}
        />
        <SelectField name="urgency" label={t('care.urgency')} value={form.urgency} onChange={set('urgency')} error={errors.urgency} options={URGENCIES.map((u) => [u, t('care.urgency.' + u)])} />
        <Field name="place" label={t('care.place')} value={form.place} onInput={set('place')} error={errors.place} maxLength={500} />
        <TextAreaField name="description" label={t('care.description')} value={form.description} onInput={set('description')} error={errors.description} maxLength={4000} />
        <button type="submit" class="btn btn-primary btn-block" disabled={busy}>
          {busy ? t('care.sending') : t('care.submit_need')}
        </button>
        {fresh && (
          <p class="status" role="status">
            {t('care.need_sent')}
          </p>
        )}
      </form>
      <section class="card" aria-labelledby="h-mine">
        <h2 id="h-mine">{t('care.my_needs')}</h2>
        {state.needs.length === 0 ? (
          <p class="muted">{t('care.no_needs')}</p>
        ) : (
          <ul class="list" data-testid="my-needs">
            {state.needs.map((n) => (
              <NeedItem key={n.id} need={n} fresh={n.id === fresh} />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
