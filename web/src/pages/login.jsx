// login.jsx - sign in with username and password (POST /api/v1/login).
import { useState } from 'preact/hooks';
import { post } from '../api.js';
import { t } from '../i18n/index.js';
import { navigate, queryParam } from '../router.jsx';
import { useSession, roleNames } from '../session.js';
import { homeFor } from '../routes.js';
import { Field, FormError, errorsFrom } from '../components/form.jsx';
import { forgetVolunteer } from '../volunteer.js';

const FIELDS = ['username', 'password'];

export function Login() {
  const { setUser } = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState({});
  const [busy, setBusy] = useState(false);

  const submit = async (e) => {
    e.preventDefault();
    // The same rule as the API: both are required.
    const missing = {};
    if (!username.trim()) missing.username = t('error.required');
    if (!password) missing.password = t('error.required');
    setErrors(missing);
    if (missing.username || missing.password) return;
    setBusy(true);
    try {
      const res = await post('/login', { username: username.trim(), password });
      forgetVolunteer();
      setUser(res.user);
      const next = queryParam('next');
      navigate(next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : homeFor(roleNames(res.user)), true);
    } catch (err) {
      setErrors(errorsFrom(err, FIELDS, { unauthorized: 'login.wrong', too_many_requests: 'login.throttled' }));
      setBusy(false);
    }
  };

  return (
    <section class="card narrow">
      <h1>{t('login.title')}</h1>
      <p class="muted">{t('login.intro')}</p>
      <form onSubmit={submit} noValidate>
        <FormError text={errors._form} />
        <Field name="username" label={t('login.username')} value={username} onInput={setUsername} error={errors.username} autocomplete="username" autocapitalize="none" spellcheck={false} required />
        <Field name="password" type="password" label={t('login.password')} value={password} onInput={setPassword} error={errors.password} autocomplete="current-password" required />
        <button type="submit" class="btn btn-primary btn-block" disabled={busy}>
          {busy ? t('login.busy') : t('login.submit')}
        </button>
      </form>
    </section>
  );
}
