// misc_social_workers.jsx - the social workers of the caller's scope (GET
// /social-workers, which the API already limits to that scope) with their
// names (from /people), orgs, qualifications, certificate numbers and
// supervisors; a filter by qualification; and a profile with the ID number
// and phone as the API gives them (masked unless the caller may see them)
// and masked again on screen. Those who write social workers change a
// worker's supervisor there (the rules' refusal next to the field), and a
// link leads to the qualification rules (lk_qual_rules.jsx), read-only
// unless the caller is a platform admin.
import { useEffect, useState } from 'preact/hooks';
import { api, get } from '../api.js';
import { t } from '../i18n/index.js';
import { Link, navigate, queryParam } from '../router.jsx';
import { Loading, LoadError, maskId, maskPhone } from '../components/ui.jsx';
import { FormError, errorsFrom } from '../components/form.jsx';
import { SelectField, workerOptions } from '../components/lk_ui.jsx';
import { useSession, hasRole } from '../session.js';

/** Who writes social workers (docs/API.md, Roles and scope). */
const SW_WRITERS = ['platform_admin', 'regional_admin', 'org_admin'];

export const QUALIFICATIONS = ['none', 'assistant', 'intermediate', 'senior'];
const LIMIT = 100;

/** One GET per distinct id, answered from a cache the page keeps; a record
 * the caller cannot read resolves to null rather than failing the page. */
function cached(cache, path) {
  if (!cache.has(path)) cache.set(path, get(path).catch(() => null));
  return cache.get(path);
}

/** The names of people, orgs and supervisors the list shows. */
async function resolve(items, cache) {
  const byId = new Map(items.map((s) => [s.id, s]));
  const supIds = [...new Set(items.map((s) => s.supervisor_id).filter((id) => id && !byId.has(id)))];
  const sups = await Promise.all(supIds.map((id) => cached(cache, '/social-workers/' + id)));
  sups.forEach((s) => s && byId.set(s.id, s));
  const all = [...byId.values()];
  const personIds = [...new Set(all.map((s) => s.person_id))];
  const orgIds = [...new Set(all.map((s) => s.org_id))];
  const [people, orgs] = await Promise.all([
    Promise.all(personIds.map((id) => cached(cache, '/people/' + id))),
    Promise.all(orgIds.map((id) => cached(cache, '/orgs/' + id))),
  ]);
  const person = new Map(personIds.map((id, i) => [id, people[i]]));
  const org = new Map(orgIds.map((id, i) => [id, orgs[i]]));
  const nameOf = (swId) => {
    const s = byId.get(swId);
    if (!s) return t('misc.sw.out_of_scope', { id: swId });
    const p = person.get(s.person_id);
    return p ? p.name : t('misc.sw.unknown');
  };
  return { person, org, nameOf, byId };
}

const qualText = (q) => t('misc.qual.' + q);

/** A worker's supervisor, changed with PATCH /social-workers/{id}; the
 * choices are the other workers this page lists. */
function SupervisorForm({ sw, items, names, onSaved }) {
  const [value, setValue] = useState(sw.supervisor_id ? String(sw.supervisor_id) : '');
  const [errors, setErrors] = useState({});
  const [busy, setBusy] = useState(false);
  const workers = items.map((s) => ({ ...s, name: names.nameOf(s.id) }));
  if (sw.supervisor_id && !workers.some((s) => s.id === sw.supervisor_id))
    workers.push({ ...(names.byId.get(sw.supervisor_id) || { id: sw.supervisor_id }), name: names.nameOf(sw.supervisor_id) });
  const submit = async (ev) => {
    ev.preventDefault();
    setBusy(true);
    setErrors({});
    try {
      await api('PATCH', '/social-workers/' + sw.id, { supervisor_id: value ? Number(value) : null });
      await onSaved();
    } catch (err) {
      setErrors(errorsFrom(err, ['supervisor_id']));
    }
    setBusy(false);
  };
  return (
    <form class="lk-top" onSubmit={submit} noValidate data-testid="supervisor-form">
      <FormError text={errors._form} />
      <SelectField
        name="supervisor_id"
        label={t('lk.sw.set_supervisor')}
        value={value}
        onInput={(v) => (setValue(v), setErrors({}))}
        options={workerOptions(workers, sw.id)}
        error={errors.supervisor_id}
        placeholder={t('lk.sw.no_supervisor')}
        hint={t('lk.sw.supervisor_hint')}
      />
      <button type="submit" class="btn btn-primary" disabled={busy || Number(value || 0) === (sw.supervisor_id || 0)}>
        {busy ? t('lk.saving') : t('lk.save')}
      </button>
    </form>
  );
}

function Profile({ sw, names, items, onClose, onSaved }) {
  const { user } = useSession();
  const p = names.person.get(sw.person_id);
  const o = names.org.get(sw.org_id);
  return (
    <section class="card" data-testid="sw-profile" aria-label={t('misc.sw.profile')}>
      <div class="row misc-head">
        <h2>{p ? p.name : t('misc.sw.unknown')}</h2>
        <button type="button" class="btn btn-quiet" onClick={onClose}>
          {t('misc.sw.close')}
        </button>
      </div>
      <dl class="facts">
        <dt>{t('misc.sw.org')}</dt>
        <dd>{o ? o.name : '—'}</dd>
        <dt>{t('misc.sw.qualification')}</dt>
        <dd data-testid="sw-qualification">{qualText(sw.qualification)}</dd>
        <dt>{t('misc.sw.certificate')}</dt>
        <dd class="mono">{sw.certificate_no || '—'}</dd>
        <dt>{t('misc.sw.supervisor')}</dt>
        <dd>{sw.supervisor_id ? names.nameOf(sw.supervisor_id) : '—'}</dd>
        <dt>{t('misc.sw.fields')}</dt>
        <dd>{sw.fields && sw.fields.length ? sw.fields.join('、') : '—'}</dd>
        <dt>{t('sup.ratio.led')}</dt>
        <dd>
          <Link href={'/supervision/worker?id=' + sw.id}>{t('sup.worker.title', { name: p ? p.name : t('misc.sw.unknown') })}</Link>
        </dd>
        <dt>{t('misc.sw.id_number')}</dt>
        <dd class="mono" data-testid="sw-id-number">
          {(p && maskId(p.id_number)) || '—'}
        </dd>
        <dt>{t('misc.sw.phone')}</dt>
        <dd class="mono" data-testid="sw-phone">
          {(p && maskPhone(p.phone)) || '—'}
        </dd>
        <dt>{t('misc.sw.gender')}</dt>
        <dd>{p && p.gender ? t('misc.gender.' + p.gender) : '—'}</dd>
      </dl>
      {hasRole(user, SW_WRITERS) && <SupervisorForm key={sw.id + ':' + sw.supervisor_id} sw={sw} items={items} names={names} onSaved={onSaved} />}
    </section>
  );
}

export function SocialWorkers() {
  const qual = QUALIFICATIONS.includes(queryParam('qualification')) ? queryParam('qualification') : '';
  const id = Number(queryParam('id')) || 0;
  const [cache] = useState(() => new Map());
  const [state, setState] = useState({ loading: true });
  const load = async () => {
    setState({ loading: true });
    try {
      const params = new URLSearchParams({ limit: String(LIMIT) });
      if (qual) params.set('qualification', qual);
      const page = await get('/social-workers?' + params);
      const names = await resolve(page.items, cache);
      setState({ items: page.items, more: !!page.next_cursor, names });
    } catch (error) {
      setState({ error });
    }
  };
  useEffect(() => {
    load();
  }, [qual]);

  const here = (next) => {
    const params = new URLSearchParams();
    const q = 'qualification' in next ? next.qualification : qual;
    if (q) params.set('qualification', q);
    const sel = 'id' in next ? next.id : id;
    if (sel) params.set('id', sel);
    return '/social-workers' + (params.toString() ? '?' + params : '');
  };
  const selected = state.items && state.items.find((s) => s.id === id);

  return (
    <section class="stack misc-page">
      <h1>{t('misc.sw.title')}</h1>
      <p>
        <Link href="/qualification-rules">{t('lk.sw.to_rules')}</Link>
      </p>
      <div class="field misc-filter">
        <label for="sw-qualification">{t('misc.sw.filter')}</label>
        <select id="sw-qualification" value={qual} onChange={(e) => navigate(here({ qualification: e.currentTarget.value, id: 0 }))}>
          <option value="">{t('misc.sw.all')}</option>
          {QUALIFICATIONS.map((q) => (
            <option key={q} value={q}>
              {qualText(q)}
            </option>
          ))}
        </select>
      </div>
      {selected && <Profile sw={selected} names={state.names} items={state.items} onClose={() => navigate(here({ id: 0 }))} onSaved={load} />}
      {state.loading && <Loading />}
      {state.error && <LoadError error={state.error} retry={load} />}
      {state.items && state.items.length === 0 && <p class="card muted">{t('misc.sw.none')}</p>}
      {state.items && state.items.length > 0 && (
        <div class="card misc-scroll" tabIndex={0}>
          <table class="misc-table" data-testid="sw-list">
            <thead>
              <tr>
                <th scope="col">{t('misc.sw.name')}</th>
                <th scope="col">{t('misc.sw.org')}</th>
                <th scope="col">{t('misc.sw.qualification')}</th>
                <th scope="col">{t('misc.sw.certificate')}</th>
                <th scope="col">{t('misc.sw.supervisor')}</th>
              </tr>
            </thead>
            <tbody>
              {state.items.map((s) => {
                const o = state.names.org.get(s.org_id);
                return (
                  <tr key={s.id} data-sw={s.id} data-qualification={s.qualification} aria-current={s.id === id ? 'true' : undefined}>
                    <td>
                      <Link href={here({ id: s.id })}>{state.names.nameOf(s.id)}</Link>
                    </td>
                    <td>{o ? o.name : '—'}</td>
                    <td>{qualText(s.qualification)}</td>
                    <td class="mono">{s.certificate_no || '—'}</td>
                    <td>{s.supervisor_id ? state.names.nameOf(s.supervisor_id) : '—'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {state.more && <p class="muted small">{t('misc.sw.more', { n: LIMIT })}</p>}
        </div>
      )}
    </section>
  );
}
