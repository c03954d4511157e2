// voice_fill.jsx - surveys for the people they were sent to (docs/API.md,
// volunteer and resident voice): the list (GET /surveys?mine=1, with
// whether each is answered) and the fill-in page, one control per question
// kind, sent once (POST /surveys/{id}/answers); an answer the API refuses
// (422 naming answers.KEY) is shown under its question.
import { useState } from 'preact/hooks';
import { get, post } from '../api.js';
import { t } from '../i18n/index.js';
import { Link, queryParam } from '../router.jsx';
import { pending, useLoad } from '../components/ui.jsx';
import { errorText, FormError } from '../components/form.jsx';
import { RatingPicker } from './voice_shifts.jsx';

const OVERRIDES = { invalid_value: 'voice.err.answer', duplicate: 'voice.err.duplicate', conflict: 'voice.err.closed' };

export function MySurveys() {
  const [state, , reload] = useLoad(async () => (await get('/surveys?mine=1&limit=100')).items);
  const wait = pending(state, reload);
  if (wait) return wait;
  return (
    <section class="stack">
      <h1>{t('voice.mine.title')}</h1>
      <p class="muted small">{t('voice.mine.intro')}</p>
      {state.length === 0 && <p class="card muted">{t('voice.mine.none')}</p>}
      <ul class="list" data-testid="my-surveys">
        {state.map((s) => (
          <li key={s.id} class="list-item" data-survey={s.id}>
            <div class="list-main">
              <strong>{s.title}</strong>
              <span class="muted small">{t('voice.status.' + s.status)}</span>
            </div>
            {s.answered ? (
              <span class="muted">{t('voice.mine.done')}</span>
            ) : s.status === 'open' ? (
              <Link class="btn btn-primary" href={'/surveys/fill?id=' + s.id}>
                {t('voice.mine.fill')}
              </Link>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Control({ q, value, set }) {
  const id = 'a-' + q.key;
  if (q.kind === 'scale') return <RatingPicker name={q.key} value={value} onInput={set} />;
  if (q.kind === 'text') return <textarea id={id} rows={3} maxLength={1000} value={value || ''} onInput={(e) => set(e.currentTarget.value)} />;
  const multiple = q.kind === 'multiple';
  const chosen = multiple ? value || [] : value;
  return (
    <div class="stack" role={multiple ? 'group' : 'radiogroup'}>
      {q.options.map((o) => (
        <label key={o} class="check">
          <input
            type={multiple ? 'checkbox' : 'radio'}
            name={id}
            value={o}
            checked={multiple ? chosen.includes(o) : chosen === o}
            onChange={() => set(multiple ? (chosen.includes(o) ? chosen.filter((x) => x !== o) : [...chosen, o]) : o)}
          />{' '}
          {o}
        </label>
      ))}
    </div>
  );
}

export function SurveyFill() {
  const id = queryParam('id');
  const [answers, setAnswers] = useState({});
  const [errors, setErrors] = useState({});
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const [state, , reload] = useLoad(() => get('/surveys/' + id), [id]);
  const wait = pending(state, reload);
  if (wait) return wait;
  const s = state;
  if (done || s.answered)
    return (
      <p class="card" role="status" data-testid="fill-done">
        {done ? t('voice.fill.thanks') : t('voice.fill.already')} <Link href="/my/surveys">{t('voice.mine.title')}</Link>
      </p>
    );
  if (s.status !== 'open') return <p class="card muted">{t('voice.fill.closed')}</p>;
  const submit = async (e) => {
    e.preventDefault();
    setErrors({});
    setBusy(true);
    const body = {};
    for (const q of s.questions) {
      const v = answers[q.key];
      if (v !== undefined && v !== '' && !(Array.isArray(v) && !v.length)) body[q.key] = v;
    }
    try {
      await post(`/surveys/${id}/answers`, { answers: body });
      setDone(true);
    } catch (err) {
      const key = err.field && err.field.startsWith('answers.') ? err.field : '_form';
      setErrors({ [key]: errorText(err, OVERRIDES) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="stack" onSubmit={submit} data-testid="survey-fill">
      <h1>{s.title}</h1>
      {s.description && <p>{s.description}</p>}
      {s.anonymous && <p class="muted small">{t('voice.fill.anonymous')}</p>}
      <FormError text={errors._form} />
      {s.questions.map((q, i) => (
        <fieldset key={q.key} class="card stack" data-question={q.key}>
          <legend>
            {i + 1}. {q.text} {q.required && <span class="muted small">{t('voice.fill.required')}</span>}
          </legend>
          <Control q={q} value={answers[q.key]} set={(v) => setAnswers((a) => ({ ...a, [q.key]: v }))} />
          {errors['answers.' + q.key] && (
            <p class="error" data-field={'answers.' + q.key} role="alert">
              {errors['answers.' + q.key]}
            </p>
          )}
        </fieldset>
      ))}
      <button type="submit" class="btn btn-primary" disabled={busy}>
        {busy ? t('voice.saving') : t('voice.fill.send')}
      </button>
    </form>
  );
}
