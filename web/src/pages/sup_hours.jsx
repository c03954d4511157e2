// sup_hours.jsx - supervision hours (督导时数) per org and year: each social
// worker of the org's subtree with the hours received and given (GET
// /stats/supervision?org_id=&year=). The org is one of the caller's staff
// orgs or any org id typed in (a platform or regional admin).
import { get } from '../api.js';
import { currentYear, formatHours, formatNumber, t } from '../i18n/index.js';
import { navigate, queryParam } from '../router.jsx';
import { orgsActingFirst, useSession } from '../session.js';
import { pending, useLoad } from '../components/ui.jsx';
import { Picker } from '../components/picker.jsx';
import { errorText } from '../components/form.jsx';

const STAFF_ROLES = ['org_admin', 'supervisor', 'social_worker'];
const staffOrgs = (user) => orgsActingFirst(user, (r) => STAFF_ROLES.includes(r.role));

export function SupervisionHours() {
  const { user } = useSession();
  const mine = staffOrgs(user);
  const org = Number(queryParam('org_id')) || mine[0] || 0;
  const year = Number(queryParam('year')) || currentYear();
  const here = (o, y) => navigate(`/supervision/hours?org_id=${o || ''}&year=${y}`);
  const [state, , reload] = useLoad(async () => {
    if (!org) return { none: true };
    const items = [];
    let cursor = '';
    for (let i = 0; i < 20; i++) {
      const page = await get(`/stats/supervision?org_id=${org}&year=${year}&limit=200` + (cursor ? '&cursor=' + encodeURIComponent(cursor) : ''));
      items.push(...page.items);
      if (!page.next_cursor) break;
      cursor = page.next_cursor;
    }
    const o = await get('/orgs/' + org).catch(() => null);
    return { items, org: o };
  }, [org, year]);
  const loadErr = state.error && state.error.status >= 400 && state.error.status < 500;

  return (
    <section class="stack misc-page">
      <h1>{t('sup.hours.title')}</h1>
      <p class="muted small">{t('sup.hours.intro')}</p>
      <div class="card">
        <Picker kind="org" name="hours_org" label={t('sup.hours.org')} value={org ? String(org) : ''} onChange={(v) => v && here(v, year)} error={loadErr ? errorText(state.error) : undefined} />
        <div class="row">
          <button type="button" class="btn" onClick={() => here(org, year - 1)}>
            {t('sup.hours.prev')}
          </button>
          <strong data-testid="sup-year">{t('sup.hours.year', { year })}</strong>
          <button type="button" class="btn" onClick={() => here(org, year + 1)}>
            {t('sup.hours.next')}
          </button>
        </div>
      </div>
      {state.none && <p class="card muted">{t('sup.hours.choose_org')}</p>}
      {!loadErr && pending(state, reload)}
      {state.items && state.items.length === 0 && <p class="card muted">{t('sup.hours.empty')}</p>}
      {state.items && state.items.length > 0 && (
        <div class="card misc-scroll" tabIndex={0}>
          <table class="misc-table" data-testid="sup-hours-list">
            <thead>
              <tr>
                <th scope="col">{t('sup.hours.worker')}</th>
                <th scope="col">{t('sup.hours.qualification')}</th>
                <th scope="col" class="num">{t('sup.hours.received')}</th>
                <th scope="col" class="num">{t('sup.hours.given')}</th>
              </tr>
            </thead>
            <tbody>
              {state.items.map((r) => (
                <tr key={r.social_worker_id} data-worker={r.social_worker_id}>
                  <td>{r.name}</td>
                  <td>{t('misc.qual.' + r.qualification)}</td>
                  <td class="num" data-col="received">
                    {formatHours(r.hours_received)} · {t('sup.hours.sessions', { n: formatNumber(r.sessions_received) })}
                  </td>
                  <td class="num" data-col="given">
                    {formatHours(r.hours_given)} · {t('sup.hours.sessions', { n: formatNumber(r.sessions_given) })}
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
