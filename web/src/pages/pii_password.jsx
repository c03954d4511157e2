// pii_password.jsx - 修改密码 (issue 13): the signed-in user changes its own
// password with POST /me/password; the API names the field at fault (a wrong
// current password, a weak new one) and ends the user's other sessions.
import { useState } from 'preact/hooks';
import { post } from '../api.js';
import { t } from '../i18n/index.js';
import { errorsFrom, Field, FormError } from '../components/form.jsx';

const FIELDS = ['current_password', 'new_password', 'confirm'];

export function ChangePassword() {
  const [f, setF] = useState({ current_password: '', new_password: '', confirm: '' });
  const [errors, setErrors] = useState({});
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const set = (k) => (v) => setF({ ...f, [k]: v });

  const submit = async (e) => {
    e.preventDefault();
    const missing = FIELDS.filter((k) => !f[k]);
    if (missing.length) return setErrors(Object.fromEntries(missing.map((k) => [k, t('error.required')])));
    if (f.new_password !== f.confirm) return setErrors({ confirm: t('pii.password.mismatch') });
    setBusy(true);
    setErrors({});
    try {
      await post('/me/password', { current_password: f.current_password, new_password: f.new_password });
      setDone(true);
      setF({ current_password: '', new_password: '', confirm: '' });
    } catch (err) {
      setErrors(errorsFrom(err, FIELDS, { forbidden: 'pii.password.wrong' }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="stack">
      <h1>{t('pii.password.title')}</h1>
      <form class="card stack" onSubmit={submit} noValidate data-testid="password-form">
        {done && (
          <p class="status success" role="status" data-testid="password-done">
            {t('pii.password.done')}
          </p>
        )}
        <FormError text={errors._form} />
        <Field name="current_password" type="password" autocomplete="current-password" label={t('pii.password.current')} error={errors.current_password} value={f.current_password} onInput={set('current_password')} />
        <Field name="new_password" type="password" autocomplete="new-password" label={t('pii.password.new')} hint={t('pii.password.hint')} error={errors.new_password} value={f.new_password} onInput={set('new_password')} />
        <Field name="confirm" type="password" autocomplete="new-password" label={t('pii.password.confirm')} error={errors.confirm} value={f.confirm} onInput={set('confirm')} />
        <div class="row">
          <button class="btn btn-primary" type="submit" disabled={busy}>
            {t('pii.password.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
