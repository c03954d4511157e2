// notify_prefs.jsx - 通知设置 on my account (issue 17): which channels my
// notifications take (SMS, e-mail, the in-app inbox) and my quiet hours,
// China time, during which SMS and e-mail wait; emergency call-outs always
// come at once by SMS (GET/PUT /me/notify-prefs; the API names the field at
// fault).
import { useEffect, useState } from 'preact/hooks';
import { api, get } from '../api.js';
import { t } from '../i18n/index.js';
import { errorsFrom, FormError } from '../components/form.jsx';
import { LoadError } from '../components/ui.jsx';

const CHANNELS = ['sms', 'email', 'inbox'];
const FIELDS = ['channels', 'quiet_start', 'quiet_end'];

/** Minutes after midnight <-> "HH:MM" (an <input type="time">). */
const toTime = (m) => (m == null ? '' : String(Math.floor(m / 60)).padStart(2, '0') + ':' + String(m % 60).padStart(2, '0'));
function toMinutes(s) {
  const m = /^(\d{1,2}):(\d{2})$/.exec(s || '');
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

export function NotifyPrefs() {
  const [f, setF] = useState(null);
  const [loadError, setLoadError] = useState(null);
  const [errors, setErrors] = useState({});
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);

  const fill = (p) =>
    setF({ channels: p.channels, quiet: p.quiet_start != null, start: toTime(p.quiet_start), end: toTime(p.quiet_end) });
  useEffect(() => {
    get('/me/notify-prefs').then(fill, setLoadError);
  }, []);
  if (loadError) return <LoadError error={loadError} />;
  if (!f) return null;

  const toggle = (c) =>
    setF({ ...f, channels: f.channels.includes(c) ? f.channels.filter((x) => x !== c) : [...f.channels, c] });
  const submit = async (e) => {
    e.preventDefault();
    const body = { channels: CHANNELS.filter((c) => f.channels.includes(c)), quiet_start: null, quiet_end: null };
    if (f.quiet) {
      body.quiet_start = toMinutes(f.start);
      body.quiet_end = toMinutes(f.end);
      const missing = ['quiet_start', 'quiet_end'].filter((k) => body[k] == null);
      if (missing.length) return setErrors(Object.fromEntries(missing.map((k) => [k, t('notify.time_required')])));
    }
    setBusy(true);
    setErrors({});
    setDone(false);
    try {
      fill(await api('PUT', '/me/notify-prefs', body));
      setDone(true);
    } catch (err) {
      setErrors(errorsFrom(err, FIELDS));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="card stack" onSubmit={submit} noValidate data-testid="notify-prefs">
      <h2>{t('notify.title')}</h2>
      <p class="muted">{t('notify.intro')}</p>
      {done && (
        <p class="status success" role="status" data-testid="notify-saved">
          {t('notify.saved')}
        </p>
      )}
      <FormError text={errors._form} />
      <fieldset class={'field' + (errors.channels ? ' field-invalid' : '')}>
        <legend>{t('notify.channels')}</legend>
        {CHANNELS.map((c) => (
          <label class="check" key={c}>
            <input type="checkbox" name={'channel-' + c} checked={f.channels.includes(c)} onChange={() => toggle(c)} />{' '}
            {t('notify.channel.' + c)}
          </label>
        ))}
        {errors.channels && (
          <p class="error" data-field="channels" role="alert">
            {errors.channels}
          </p>
        )}
      </fieldset>
      <div class="field">
        <label class="check">
          <input type="checkbox" name="quiet" checked={f.quiet} onChange={(e) => setF({ ...f, quiet: e.currentTarget.checked })} />{' '}
          {t('notify.quiet')}
        </label>
      </div>
      {f.quiet && (
        <div class="row">
          {[
            ['quiet_start', 'start'],
            ['quiet_end', 'end'],
          ].map(([name, k]) => (
            <div class={'field' + (errors[name] ? ' field-invalid' : '')} key={name}>
              <label for={'f-' + name}>{t('notify.' + name)}</label>
              <input id={'f-' + name} name={name} type="time" value={f[k]} onInput={(e) => setF({ ...f, [k]: e.currentTarget.value })} />
              {errors[name] && (
                <p class="error" data-field={name} role="alert">
                  {errors[name]}
                </p>
              )}
            </div>
          ))}
        </div>
      )}
      <p class="hint">{t('notify.emergency_note')}</p>
      <div class="row">
        <button class="btn btn-primary" type="submit" disabled={busy}>
          {t('notify.save')}
        </button>
      </div>
    </form>
  );
}
