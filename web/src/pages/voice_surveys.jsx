// voice_surveys.jsx - satisfaction surveys for the staff (docs/API.md,
// volunteer and resident voice): the list with send (open) and close, the
// builder (title, org, who it goes to, anonymous, questions of each kind:
// single, multiple, scale 1-5, text) for a draft, and the results: per
// question a bar chart (components/chart.jsx) and the same numbers as a
// table, text answers listed (sorted, with no name for an anonymous survey).
import { useState } from 'preact/hooks';
import { api, get, post } from '../api.js';
import { formatNumber, t } from '../i18n/index.js';
import { Link, navigate, queryParam } from '../router.jsx';
import { orgsActingFirst, useSession } from '../session.js';
import { pending, useLoad } from '../components/ui.jsx';
import { errorsFrom, errorText, Field, FormError } from '../components/form.jsx';
import { BarChart } from '../components/chart.jsx';
import { SelectField } from './sup_common.jsx';
import { ratingBars } from './voice_shifts.jsx';
import { Crumbs } from '../components/crumbs.jsx';

const KINDS = ['single', 'multiple', 'scale', 'text'];
const SCOPES = ['org_volunteers', 'activity_participants', 'region_residents'];
const FIELDS = ['title', 'description', 'org_id', 'scope_kind', 'scope_org_id', 'scope_activity_id', 'scope_region_id', 'anonymous', 'questions'];

export function SurveyList() {
  const [state, , reload] = useLoad(async () => (await get('/surveys?limit=100')).items);
  const [error, setError] = useState('');
  const move = async (id, to) => {
    setError('');
    try {
      await post(`/surveys/${id}/${to}`);
      reload(true);
    } catch (err) {
      setError(errorText(err));
    }
  };
  const wait = pending(state, reload);
  return (
    <section class="stack misc-page">
      <h1>{t('voice.list.title')}</h1>
      <p class="muted small">{t('voice.list.intro')}</p>
      <p>
        <Link href="/surveys/new" class="btn btn-primary">
          {t('voice.list.new')}
        </Link>
      </p>
      <FormError text={error} />
      {wait}
      {Array.isArray(state) && state.length === 0 && <p class="card muted">{t('voice.list.none')}</p>}
      {Array.isArray(state) && state.length > 0 && (
        <div class="card misc-scroll" tabIndex={0}>
          <table class="misc-table" data-testid="survey-list">
            <thead>
              <tr>
                <th scope="col">{t('voice.b.title')}</th>
                <th scope="col">{t('voice.b.scope')}</th>
                <th scope="col">{t('voice.count')}</th>
                <th scope="col">
                  <span class="sr-only">{t('voice.list.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {state.map((s) => (
                <tr key={s.id} data-survey={s.id}>
                  <td>
                    <strong>{s.title}</strong>
                    <br />
                    <span class="muted small">
                      {t('voice.status.' + s.status)} · {s.anonymous ? t('voice.anonymous') : t('voice.named')}
                    </span>
                  </td>
                  <td>{t('voice.scope.' + s.scope_kind)}</td>
                  <td>{s.status === 'draft' ? '' : t('voice.list.responses', { n: s.responses ?? 0, m: s.recipients })}</td>
                  <td class="voice-actions">
                    {s.status === 'draft' && (
                      <>
                        <Link class="btn" href={'/surveys/edit?id=' + s.id}>
                          {t('voice.list.edit')}
                        </Link>{' '}
                        <button type="button" class="btn btn-primary" onClick={() => move(s.id, 'open')}>
                          {t('voice.list.open')}
                        </button>
                      </>
                    )}
                    {s.status === 'open' && (
                      <button type="button" class="btn" onClick={() => move(s.id, 'close')}>
                        {t('voice.list.close')}
                      </button>
                    )}{' '}
                    {s.status !== 'draft' && (
                      <Link class="btn" href={'/surveys/results?id=' + s.id}>
                        {t('voice.list.results')}
                      </Link>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

const blank = (n) => ({ key: 'q' + n, text: '', kind: 'single', options: '', required: false });

/** The orgs the caller builds surveys for: those of its staff roles, or
 * every org for a platform admin. */
async function myOrgs(user) {
  const ids = orgsActingFirst(user);
  if (!ids.length) return (await get('/orgs?limit=200')).items;
  return Promise.all(ids.map((id) => get('/orgs/' + id)));
}

function QuestionEditor({ q, i, set, remove, error }) {
  const put = (k) => (v) => set({ ...q, [k]: v });
  const choice = q.kind === 'single' || q.kind === 'multiple';
  return (
    <fieldset class="card stack" data-question={i}>
      <legend>{t('voice.b.q', { n: i + 1 })}</legend>
      <Field name={`q${i}_key`} label={t('voice.b.key')} hint={t('voice.b.key_hint')} value={q.key} onInput={put('key')} />
      <Field name={`q${i}_text`} label={t('voice.b.text')} value={q.text} onInput={put('text')} />
      <SelectField name={`q${i}_kind`} label={t('voice.b.kind')} value={q.kind} onInput={put('kind')} options={KINDS.map((k) => ({ value: k, label: t('voice.kind.' + k) }))} />
      {choice && (
        <div class="field">
          <label for={`f-q${i}_options`}>{t('voice.b.options')}</label>
          <textarea id={`f-q${i}_options`} rows={4} value={q.options} onInput={(e) => put('options')(e.currentTarget.value)} />
        </div>
      )}
      <label class="check">
        <input type="checkbox" checked={q.required} onChange={(e) => put('required')(e.currentTarget.checked)} /> {t('voice.b.required')}
      </label>
      {error && (
        <p class="error" data-field={'questions[' + i + ']'} role="alert">
          {error}
        </p>
      )}
      <button type="button" class="btn" onClick={remove}>
        {t('voice.b.remove')}
      </button>
    </fieldset>
  );
}

/** The form's questions as the API takes them. */
const toApi = (qs) =>
  qs.map((q) => {
    const o = { key: q.key.trim(), text: q.text.trim(), kind: q.kind, required: q.required };
    if (q.kind === 'single' || q.kind === 'multiple')
      o.options = q.options
        .split('\n')
        .map((s) => s.trim())
        .filter(Boolean);
    return o;
  });

export function SurveyBuilder() {
  const id = queryParam('id');
  const { user } = useSession();
  const [f, setF] = useState(null);
  const [qs, setQs] = useState([blank(1)]);
  const [errors, setErrors] = useState({});
  const [busy, setBusy] = useState(false);
  const [state, , reload] = useLoad(async () => {
    const orgs = await myOrgs(user);
    const [acts, regions] = await Promise.all([get('/activities?limit=100'), get('/regions?limit=200')]);
    if (id) {
      const s = await get('/surveys/' + id);
      setF({ ...s, org_id: String(s.org_id), scope_activity_id: String(s.scope_activity_id || ''), scope_region_id: String(s.scope_region_id || '') });
      setQs(s.questions.map((q) => ({ ...q, options: (q.options || []).join('\n'), required: !!q.required })));
    } else {
      setF({ title: '', description: '', org_id: orgs[0] ? String(orgs[0].id) : '', scope_kind: 'org_volunteers', scope_activity_id: '', scope_region_id: '', anonymous: false });
    }
    return { orgs, acts: acts.items, regions: regions.items };
  }, [id]);
  const wait = pending(state, reload);
  if (wait) return wait;
  if (!f) return null;
  const set = (k) => (v) => setF((o) => ({ ...o, [k]: v }));
  const qError = (i) => {
    const k = Object.keys(errors).find((e) => e.startsWith(`questions[${i}]`));
    return k ? errors[k] : '';
  };
  const submit = async (e) => {
    e.preventDefault();
    setErrors({});
    setBusy(true);
    const body = { title: f.title.trim(), description: (f.description || '').trim() || undefined, scope_kind: f.scope_kind, anonymous: !!f.anonymous, questions: toApi(qs) };
    if (f.scope_kind === 'activity_participants') body.scope_activity_id = Number(f.scope_activity_id) || undefined;
    if (f.scope_kind === 'region_residents') body.scope_region_id = Number(f.scope_region_id) || undefined;
    try {
      if (id) {
        body.scope_activity_id = body.scope_activity_id ?? null;
        body.scope_region_id = body.scope_region_id ?? null;
        body.scope_org_id = f.scope_kind === 'org_volunteers' ? f.scope_org_id || Number(f.org_id) : null;
        await api('PATCH', '/surveys/' + id, body);
      } else {
        await post('/surveys', { ...body, org_id: Number(f.org_id) || undefined });
      }
      navigate('/surveys');
    } catch (err) {
      const k = err.field && err.field.startsWith('questions[') ? err.field.replace(/\].*$/, ']') : null;
      setErrors(k ? { [k]: errorText(err, { invalid_value: 'voice.err.question' }) } : errorsFrom(err, FIELDS));
    } finally {
      setBusy(false);
    }
  };
  const { orgs, acts, regions } = state;
  return (
    <form class="stack misc-page" onSubmit={submit} data-testid="survey-form">
      <h1>{id ? t('voice.b.edit_title') : t('voice.b.new_title')}</h1>
      <FormError text={errors._form} />
      <div class="card stack">
        <Field name="title" label={t('voice.b.title')} value={f.title} onInput={set('title')} error={errors.title} />
        <Field name="description" label={t('voice.b.description')} value={f.description || ''} onInput={set('description')} error={errors.description} />
        {!id && <SelectField name="org_id" label={t('voice.b.org')} value={f.org_id} onInput={set('org_id')} options={orgs.map((o) => ({ value: String(o.id), label: o.name }))} error={errors.org_id} />}
        <SelectField name="scope_kind" label={t('voice.b.scope')} value={f.scope_kind} onInput={set('scope_kind')} options={SCOPES.map((s) => ({ value: s, label: t('voice.scope.' + s) }))} error={errors.scope_kind || errors.scope_org_id} />
        {f.scope_kind === 'activity_participants' && (
          <SelectField name="scope_activity_id" label={t('voice.b.scope_activity')} value={f.scope_activity_id} onInput={set('scope_activity_id')} placeholder={t('voice.b.pick')} options={acts.map((a) => ({ value: String(a.id), label: a.title }))} error={errors.scope_activity_id} />
        )}
        {f.scope_kind === 'region_residents' && (
          <SelectField name="scope_region_id" label={t('voice.b.scope_region')} value={f.scope_region_id} onInput={set('scope_region_id')} placeholder={t('voice.b.pick')} options={regions.map((r) => ({ value: String(r.id), label: r.name }))} error={errors.scope_region_id} />
        )}
        <label class="check">
          <input type="checkbox" name="anonymous" checked={!!f.anonymous} onChange={(e) => set('anonymous')(e.currentTarget.checked)} /> {t('voice.anonymous')}
        </label>
        <p class="hint">{t('voice.anonymous_hint')}</p>
      </div>
      <h2>{t('voice.b.questions')}</h2>
      {errors.questions && (
        <p class="error" data-field="questions" role="alert">
          {errors.questions}
        </p>
      )}
      {qs.map((q, i) => (
        <QuestionEditor key={i} q={q} i={i} error={qError(i)} set={(nq) => setQs((all) => all.map((x, j) => (j === i ? nq : x)))} remove={() => setQs((all) => all.filter((_, j) => j !== i))} />
      ))}
      <p>
        <button type="button" class="btn" onClick={() => setQs((all) => [...all, blank(all.length + 1)])}>
          {t('voice.b.add')}
        </button>
      </p>
      <p>
        <button type="submit" class="btn btn-primary" disabled={busy}>
          {busy ? t('voice.saving') : t('voice.b.save')}
        </button>{' '}
        <Link href="/surveys">{t('voice.b.back')}</Link>
      </p>
    </form>
  );
}

const pct = (n, of) => (of ? formatNumber((n * 100) / of, 1) + '%' : '—');

/** One question's numbers: a chart and a table (choices, scale), or the
 * text answers. */
function QuestionResult({ q, anonymous, view }) {
  if (q.kind === 'text')
    return q.texts.length ? (
      <ul class="list" data-testid={'texts-' + q.key}>
        {q.texts.map((a, i) => (
          <li key={i} class="list-item">
            {a.text}
            {!anonymous && a.name && <span class="muted small"> — {t('voice.res.by', { name: a.name })}</span>}
          </li>
        ))}
      </ul>
    ) : (
      <p class="muted">{t('voice.res.no_texts')}</p>
    );
  const rows =
    q.kind === 'scale'
      ? ratingBars(q.distribution).map((b, i) => ({ label: b.label, count: q.distribution[i + 1] || 0 }))
      : q.options.map((o) => ({ label: o.option, count: o.count }));
  const total = rows.reduce((s, r) => s + r.count, 0);
  return (
    <>
      {q.kind === 'scale' && (
        <p data-testid={'avg-' + q.key}>{q.average === null ? t('voice.none_yet') : t('voice.res.average', { avg: formatNumber(q.average, 2) })}</p>
      )}
      {view === 'chart' ? (
        <BarChart items={rows.map((r) => ({ label: r.label, value: r.count, text: String(r.count) }))} label={q.text} testid={'chart-' + q.key} />
      ) : (
      <table class="misc-table" data-testid={'table-' + q.key}>
        <thead>
          <tr>
            <th scope="col">{q.kind === 'scale' ? t('voice.res.score') : t('voice.res.option')}</th>
            <th scope="col" class="num">{t('voice.res.count')}</th>
            <th scope="col" class="num">{t('voice.res.share')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.label}>
              <td>{r.label}</td>
              <td class="num">{r.count}</td>
              <td class="num">{pct(r.count, total)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      )}
    </>
  );
}

export function SurveyResults() {
  const id = queryParam('id');
  const [view, setView] = useState('chart');
  const [state, , reload] = useLoad(() => get(`/surveys/${id}/results`), [id]);
  const wait = pending(state, reload);
  if (wait) return wait;
  const r = state;
  return (
    <section class="stack misc-page">
      <Crumbs here={r.title} />
      <h1>
        {t('voice.res.title')}：{r.title}
      </h1>
      <p data-testid="res-summary">
        {t('voice.res.summary', { m: r.recipients, n: r.responses })} · {t('voice.status.' + r.status)} · {r.anonymous ? t('voice.anonymous') : t('voice.named')}
      </p>
      <div role="group" class="voice-views">
        {['chart', 'table'].map((v) => (
          <button key={v} type="button" class={'btn' + (view === v ? ' btn-primary' : '')} aria-pressed={view === v ? 'true' : 'false'} onClick={() => setView(v)}>
            {t('voice.res.' + v)}
          </button>
        ))}
      </div>
      {r.questions.map((q, i) => (
        <section key={q.key} class="card stack" data-result={q.key}>
          <h2>
            {i + 1}. {q.text} <span class="muted small">({t('voice.kind.' + q.kind)} · {t('voice.res.answered', { n: q.answered })})</span>
          </h2>
          <QuestionResult q={q} anonymous={r.anonymous} view={view} />
        </section>
      ))}
      <p>
        <Link href="/surveys">{t('voice.b.back')}</Link>
      </p>
    </section>
  );
}
