// account.jsx - my account: username, roles, the person behind it (ID number
// and phone masked on screen), links to 我的数据 and 修改密码 (issue 13), and
// 通知设置: channels and quiet hours (issue 17, notify_prefs.jsx).
import { useEffect, useState } from 'preact/hooks';
import { get } from '../api.js';
import { formatDateTime, t } from '../i18n/index.js';
import { useSession } from '../session.js';
import { Link } from '../router.jsx';
import { LoadError, maskId, maskPhone } from '../components/ui.jsx';
import { NotifyPrefs } from './notify_prefs.jsx';

function roleScope(r) {
  if (r.org_id) return t('account.scope_org', { id: r.org_id });
  if (r.region_id) return t('account.scope_region', { id: r.region_id });
  return '';
}

export function Account() {
  const { user } = useSession();
  const [person, setPerson] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => {
    if (user.person_id) get('/people/' + user.person_id).then(setPerson, setError);
  }, [user.person_id]);

  return (
    <section class="stack">
      <h1>{t('account.title')}</h1>
      <div class="card">
        <dl class="facts">
          <dt>{t('account.username')}</dt>
          <dd data-testid="username">{user.username}</dd>
          <dt>{t('account.roles')}</dt>
          <dd>
            <ul class="plain">
              {user.roles.map((r, i) => (
                <li key={i}>
                  {t('role.' + r.role)} <span class="muted">{roleScope(r)}</span>
                </li>
              ))}
            </ul>
          </dd>
          {user.created_at && (
            <>
              <dt>{t('account.created')}</dt>
              <dd>{formatDateTime(user.created_at)}</dd>
            </>
          )}
        </dl>
      </div>
      <div class="row">
        <Link class="btn" href="/account/data" data-testid="my-data-link">
          {t('pii.my_data')}
        </Link>
        <Link class="btn" href="/account/password" data-testid="password-link">
          {t('pii.change_password')}
        </Link>
      </div>
      {error && <LoadError error={error} />}
      {person && (
        <div class="card">
          <h2>{t('account.person')}</h2>
          <dl class="facts">
            <dt>{t('person.name')}</dt>
            <dd>{person.name}</dd>
            <dt>{t('person.id_number')}</dt>
            <dd class="mono">{maskId(person.id_number) || '—'}</dd>
            <dt>{t('person.phone')}</dt>
            <dd class="mono">{maskPhone(person.phone) || '—'}</dd>
            {person.skills && person.skills.length > 0 && (
              <>
                <dt>{t('person.skills')}</dt>
                <dd>{person.skills.join('、')}</dd>
              </>
            )}
          </dl>
        </div>
      )}
      <NotifyPrefs />
    </section>
  );
}
