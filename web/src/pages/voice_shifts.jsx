// voice_shifts.jsx - shift feedback (docs/API.md, volunteer and resident
// voice): the volunteer's ended shifts with a 1-5 rating and a comment each
// (GET /volunteers/{id}/past-shifts, POST /signups/{id}/feedback: a second
// send replaces the first), and an activity's feedback for its organisers
// (GET /activities/{id}/feedback) as a chart of the ratings and a table.
import { useState } from 'preact/hooks';
import { get, post } from '../api.js';
import { formatNumber, formatRange, t } from '../i18n/index.js';
import { queryParam } from '../router.jsx';
import { useSession } from '../session.js';
import { pending, useLoad } from '../components/ui.jsx';
import { errorText, FormError } from '../components/form.jsx';
import { BarChart } from '../components/chart.jsx';
import { myVolunteer } from '../volunteer.js';

const OVERRIDES = { conflict: 'voice.err.shift_not_ended' };

/** Five buttons 1..5, the chosen one pressed. */
export function RatingPicker({ name, value, onInput }) {
  return (
    <div class="voice-rating" role="radiogroup" aria-label={t('voice.rating')} data-testid={'rating-' + name}>
      {[1, 2, 3, 4, 5].map((n) => (
        <button key={n} type="button" role="radio" aria-checked={value === n ? 'true' : 'false'} class={'btn' + (value === n ? ' btn-primary' : '')} aria-label={t('voice.stars_label', { n })} onClick={() => onInput(n)}>
          {'★'.repeat(n)}
        </button>
      ))}
    </div>
  );
}

function RateForm({ shift, onSaved }) {
  const [rating, setRating] = useState(shift.rating || 0);
  const [comment, setComment] = useState(shift.comment || '');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (e) => {
    e.preventDefault();
    if (!rating) return setError(t('voice.past.pick'));
    setBusy(true);
    setError('');
    try {
      await post(`/signups/${shift.signup_id}/feedback`, { rating, comment: comment.trim() });
      onSaved();
    } catch (err) {
      setError(errorText(err, OVERRIDES));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="stack" onSubmit={submit} data-testid={'rate-form-' + shift.signup_id}>
      <RatingPicker name={String(shift.signup_id)} value={rating} onInput={setRating} />
      <div class="field">
        <label for={'c-' + shift.signup_id}>{t('voice.comment')}</label>
        <textarea id={'c-' + shift.signup_id} maxLength={500} rows={3} value={comment} onInput={(e) => setComment(e.currentTarget.value)} />
      </div>
      <FormError text={error} />
      <button type="submit" class="btn btn-primary" disabled={busy}>
        {busy ? t('voice.saving') : t('voice.past.send')}
      </button>
    </form>
  );
}

export function MyPastShifts() {
  const { user } = useSession();
  const [open, setOpen] = useState(0);
  const [saved, setSaved] = useState(0);
  const [state, , reload] = useLoad(async () => {
    const v = await myVolunteer(user);
    if (!v) return { items: [] };
    return { items: (await get(`/volunteers/${v.id}/past-shifts`)).items };
  });
  const wait = pending(state, reload);
  if (wait) return wait;
  return (
    <section class="stack">
      <h1>{t('voice.past.title')}</h1>
      <p class="muted small">{t('voice.past.intro')}</p>
      {saved > 0 && (
        <p class="card" role="status" data-testid="rate-saved">
          {t('voice.past.saved')}
        </p>
      )}
      {state.items.length === 0 && <p class="card muted">{t('voice.past.none')}</p>}
      <ul class="list" data-testid="past-shifts">
        {state.items.map((s) => (
          <li key={s.signup_id} class="card stack" data-signup={s.signup_id}>
            <div class="list-main">
              <strong>{s.title}</strong>
              <span>{formatRange(s.starts_at, s.ends_at)}</span>
              {s.place && <span class="muted">{s.place}</span>}
              {s.rating && (
                <span data-testid="my-rating">
                  {t('voice.past.rated')}：{'★'.repeat(s.rating)} {s.comment && <span class="muted">{s.comment}</span>}
                </span>
              )}
            </div>
            {open === s.signup_id ? (
              <RateForm
                shift={s}
                onSaved={() => {
                  setOpen(0);
                  setSaved((n) => n + 1);
                  reload(true);
                }}
              />
            ) : (
              <button type="button" class="btn" onClick={() => setOpen(s.signup_id)}>
                {s.rating ? t('voice.past.change') : t('voice.past.rate')}
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Bars of ratings 1..5 from a {"1".."5"} distribution. */
export function ratingBars(distribution) {
  return [1, 2, 3, 4, 5].map((n) => ({ label: t('voice.rating_of', { n }), value: distribution[n] || 0, text: String(distribution[n] || 0) }));
}

const avg = (a) => (a === null || a === undefined ? t('voice.none_yet') : formatNumber(a, 2));

export function ActivityFeedback() {
  const id = queryParam('id');
  const [state, , reload] = useLoad(async () => {
    const [fb, act] = await Promise.all([get(`/activities/${id}/feedback`), get(`/activities/${id}`)]);
    return { fb, act };
  }, [id]);
  const wait = pending(state, reload);
  if (wait) return wait;
  const { fb, act } = state;
  return (
    <section class="stack misc-page">
      <h1>
        {t('voice.fb.title')}：{act.title}
      </h1>
      <p class="muted small">{t('voice.fb.intro')}</p>
      <div class="card summary">
        <div class="stat">
          <span class="stat-label">{t('voice.average')}</span>
          <span class="stat-value" data-testid="fb-average">
            {avg(fb.average)}
          </span>
        </div>
        <div class="stat">
          <span class="stat-label">{t('voice.count')}</span>
          <span class="stat-value" data-testid="fb-count">
            {fb.count}
          </span>
        </div>
      </div>
      {fb.count === 0 ? (
        <p class="card muted">{t('voice.fb.none')}</p>
      ) : (
        <>
          <div class="card">
            <BarChart items={ratingBars(fb.distribution)} label={t('voice.fb.chart')} caption={t('voice.fb.chart')} testid="fb-chart" />
          </div>
          <div class="card misc-scroll" tabIndex={0}>
            <h2>{t('voice.fb.by_shift')}</h2>
            <table class="misc-table" data-testid="fb-shifts">
              <thead>
                <tr>
                  <th scope="col">{t('voice.fb.shift')}</th>
                  <th scope="col" class="num">{t('voice.count')}</th>
                  <th scope="col" class="num">{t('voice.average')}</th>
                </tr>
              </thead>
              <tbody>
                {fb.shifts.map((s) => (
                  <tr key={s.shift_id}>
                    <td>{formatRange(s.starts_at, s.ends_at)}</td>
                    <td class="num">{s.count}</td>
                    <td class="num">{avg(s.average)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <h2>{t('voice.fb.items')}</h2>
            <table class="misc-table" data-testid="fb-items">
              <thead>
                <tr>
                  <th scope="col">{t('voice.fb.volunteer')}</th>
                  <th scope="col" class="num">{t('voice.rating')}</th>
                  <th scope="col">{t('voice.comment')}</th>
                </tr>
              </thead>
              <tbody>
                {fb.items.map((i) => (
                  <tr key={i.id}>
                    <td>{i.volunteer_name}</td>
                    <td class="num">{i.rating}</td>
                    <td>{i.comment || ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
