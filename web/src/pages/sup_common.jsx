// sup_common.jsx - what the supervision pages share: the social workers of
// the caller's scope with their names (GET /social-workers, then /people and
// /orgs once each), a labelled select, and datetime-local <-> ISO in China time.
import { get } from '../api.js';
import { t } from '../i18n/index.js';
import { describedBy, FieldWrap } from '../components/form.jsx';

/** "2026-11-24T09:00" (a datetime-local value, China time) → ISO with offset. */
export const toIso = (v) => (v ? v + ':00+08:00' : '');

/** Qualifications that may supervise by default (docs/API.md, supervisor). */
export const SUPERVISING = ['intermediate', 'senior'];

function cached(cache, path) {
  if (!cache.has(path)) cache.set(path, get(path).catch(() => null));
  return cache.get(path);
}

/** The social workers the caller reads, each with `name` and `org_name`;
 * `params` narrows the list (e.g. {supervisor_id}). */
export async function loadWorkers(cache, params = {}) {
  const q = new URLSearchParams({ limit: '200', ...params });
  const page = await get('/social-workers?' + q);
  const people = await Promise.all(page.items.map((s) => cached(cache, '/people/' + s.person_id)));
  const orgIds = [...new Set(page.items.map((s) => s.org_id))];
  const orgs = await Promise.all(orgIds.map((id) => cached(cache, '/orgs/' + id)));
  const org = new Map(orgIds.map((id, i) => [id, orgs[i]]));
  return page.items.map((s, i) => ({
    ...s,
    name: people[i] ? people[i].name : t('sup.unknown', { id: s.id }),
    org_name: org.get(s.org_id) ? org.get(s.org_id).name : '#' + s.org_id,
  }));
}

/** A name for a social worker id from a list, or "社工 #id". */
export const nameIn = (list, id) => {
  const w = list && list.find((s) => s.id === id);
  return w ? w.name : t('sup.unknown', { id });
};

export function SelectField({ name, label, value, onInput, options, error, placeholder }) {
  const id = 'f-' + name;
  return (
    <FieldWrap id={id} name={name} label={label} error={error}>
      <select id={id} name={name} value={value} onChange={(e) => onInput(e.currentTarget.value)} class="btn btn-block" aria-invalid={error ? 'true' : undefined} aria-describedby={describedBy(id, null, error)}>
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldWrap>
  );
}
