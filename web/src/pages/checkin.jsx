// checkin.jsx - the volunteer checks in or out with the leader's code: the
// QR link opens /checkin?token=..., or the code is typed. The sign-up is the
// volunteer's accepted place on the code's shift (the token starts with the
// shift id). Each press carries an Idempotency-Key, so a retried request
// never counts twice. Offline (the service worker's copy of the volunteer's
// shifts), the 离线 notice says so and both buttons are off.
import { useEffect, useState } from 'preact/hooks';
import { get, post, savedAt } from '../api.js';
import { formatDateTime, formatHours, formatRange, t } from '../i18n/index.js';
import { queryParam } from '../router.jsx';
import { useSession } from '../session.js';
import { Field, FormError, errorsFrom } from '../components/form.jsx';
import { Loading, LoadError } from '../components/ui.jsx';
import { myVolunteer } from '../volunteer.js';
import { OfflineNotice, needsNetwork, useRefreshOnline } from '../components/offline.jsx';

const FIELDS = ['token', 'signup_id'];
const newKey = () => (crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random());

export function CheckIn() {
  const { user } = useSession();
  const [token, setToken] = useState(queryParam('token') || '');
  const [state, setState] = useState({ loading: true });
  const [errors, setErrors] = useState({});
  const [done, setDone] = useState(null);
  const [busy, setBusy] = useState(false);

  const load = async () => {
    try {
      const v = await myVolunteer(user);
      if (!v) return setState({ none: true });
      const shifts = await get(`/volunteers/${v.id}/shifts`, { offline: true });
      setState({ v, shifts: shifts.items, savedAt: savedAt(v, shifts) });
    } catch (error) {
      setState({ error });
    }
  };
  useEffect(() => {
    load();
  }, []);
  useRefreshOnline(state.savedAt, load);

  const act = async (dir) => {
    const code = token.trim();
    if (!code) return setErrors({ token: t('error.required') });
    const shiftId = Number(code.split('.')[0]);
    const mine = state.shifts.find((s) => s.shift_id === shiftId) || state.shifts.find((s) => String(s.signup_id) === queryParam('signup'));
    if (!mine) return setErrors({ token: t('checkin.no_place') });
    setBusy(true);
    setErrors({});
    try {
      const res = await post(`/attendance/check-${dir}`, { signup_id: mine.signup_id, token: code }, { 'Idempotency-Key': newKey() });
      setDone({ dir, shift: mine, res });
    } catch (err) {
      setErrors(errorsFrom(err, FIELDS, { invalid_value: 'checkin.bad_token' }));
    }
    setBusy(false);
  };

  if (state.loading) return <Loading />;
  if (state.error) return <LoadError error={state.error} />;
  if (state.none) return <p class="card">{t('volunteer.none')}</p>;

  return (
    <div class="stack">
      <h1>{t('checkin.title')}</h1>
      <OfflineNotice savedAt={state.savedAt} />
      {done && (
        <section class="card success" role="status" data-testid="checkin-done">
          <h2>{done.dir === 'in' ? t('checkin.in_done') : t('checkin.out_done')}</h2>
          <p>
            {done.shift.title} · {formatRange(done.shift.starts_at, done.shift.ends_at)}
          </p>
          {done.dir === 'in' && done.res.check_in_at && <p>{t('checkin.at', { time: formatDateTime(done.res.check_in_at) })}</p>}
          {done.dir === 'out' && <p>{t('checkin.hours', { hours: formatHours(done.res.hours) })}</p>}
        </section>
      )}
      <form class="card" onSubmit={(e) => (e.preventDefault(), act('in'))} noValidate>
        <p class="muted">{t('checkin.intro')}</p>
        <FormError text={errors._form || errors.signup_id} />
        <Field name="token" label={t('checkin.code')} value={token} onInput={setToken} error={errors.token} autocomplete="off" autocapitalize="none" spellcheck={false} />
        <div class="row">
          <button type="submit" class="btn btn-primary" {...needsNetwork(state.savedAt, busy)}>
            {t('checkin.in')}
          </button>
          <button type="button" class="btn" onClick={() => act('out')} {...needsNetwork(state.savedAt, busy)}>
            {t('checkin.out')}
          </button>
        </div>
      </form>
    </div>
  );
}
