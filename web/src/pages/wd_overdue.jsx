// wd_overdue.jsx - the overdue records of the caller's orgs (GET
// /service-records/overdue?org_id=): records not yet verified whose due date
// (10 working days after the activity's end, counted with the holiday
// calendar) has passed ("overdue") or falls within 3 working days
// ("due soon"), soonest due first. The org is one of the caller's staff
// orgs (?org_id=) or all of them; a platform admin sees every org.
import { get } from '../api.js';
import { formatDateTime, t } from '../i18n/index.js';
import { navigate, queryParam } from '../router.jsx';
import { useSession } from '../session.js';
import { pending, useLoad } from '../components/ui.jsx';

const STAFF_ROLES = ['org_admin', 'supervisor', 'social_worker'];

/** The ids of the orgs the caller is staff of, each once. */
const staffOrgs = (user) => [...new Set(user.roles.filter((r) => STAFF_ROLES.includes(r.role) && r.org_id).map((r) => r.org_id))];

export function OverdueRecords() {
  const { user } = useSession();
  const orgIds = staffOrgs(user);
  const chosen = Number(queryParam('org_id')) || null;
  const [state, , reload] = useLoad(async () => {
    const [list, orgs] = await Promise.all([
      get('/service-records/overdue?limit=200' + (chosen ? '&org_id=' + chosen : '')),
      Promise.all(orgIds.map((id) => get('/orgs/' + id).catch(() => ({ id, name: '#' + id })))),
    ]);
    return { items: list.items, orgs };
  }, [chosen]);
  const wait = pending(state, reload);
  const overdue = state.items ? state.items.filter((it) => it.state === 'overdue').length : 0;

  return (
    <section class="stack misc-page">
      <h1>{t('wd.overdue.title')}</h1>
      <p class="muted small">{t('wd.overdue.intro')}</p>
      {orgIds.length > 0 && (
        <div class="field misc-filter">
          <label for="wd-org">{t('wd.overdue.org')}</label>
          <select id="wd-org" value={chosen || ''} onChange={(e) => navigate('/overdue' + (e.currentTarget.value ? '?org_id=' + e.currentTarget.value : ''))}>
            <option value="">{t('wd.overdue.all_orgs')}</option>
            {(state.orgs || orgIds.map((id) => ({ id, name: '#' + id }))).map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </div>
      )}
      {wait}
      {state.items && state.items.length === 0 && <p class="card muted" data-testid="overdue-empty">{t('wd.overdue.none')}</p>}
      {state.items && state.items.length > 0 && (
        <>
          <p class="small" data-testid="overdue-summary">
            {t('wd.overdue.summary', { overdue, soon: state.items.length - overdue })}
          </p>
          <div class="card misc-scroll" tabIndex={0}>
            <table class="misc-table" data-testid="overdue-list">
              <thead>
                <tr>
                  <th scope="col">{t('wd.overdue.state')}</th>
                  <th scope="col">{t('wd.overdue.due_at')}</th>
                  <th scope="col">{t('wd.overdue.volunteer')}</th>
                  <th scope="col">{t('wd.overdue.content')}</th>
                  <th scope="col">{t('wd.overdue.ended')}</th>
                  <th scope="col">{t('wd.overdue.org_col')}</th>
                </tr>
              </thead>
              <tbody>
                {state.items.map((it) => (
                  <tr key={it.id} data-record={it.id} data-state={it.state}>
                    <td>
                      <span class={'misc-tag wd-' + it.state}>{t('wd.state.' + it.state)}</span>
                    </td>
                    <td>{formatDateTime(it.due_at)}</td>
                    <td>{it.volunteer_name}</td>
                    <td>{it.content}</td>
                    <td>{formatDateTime(it.ends_at)}</td>
                    <td>{it.org_name}</td>
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
