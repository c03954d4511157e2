// care_audit.jsx - the audit log for platform admins (GET /audit): who did
// what to which record, with the record before and after (ID numbers and
// phones masked by the server), filtered by entity, record and user, a page
// at a time.
import { useEffect, useState } from 'preact/hooks';
import { get } from '../api.js';
import { formatDateTime, t } from '../i18n/index.js';
import { Field, FormError, errorText } from '../components/form.jsx';
import { Loading } from '../components/ui.jsx';

const PAGE = 50;

function query(f, cursor) {
  const q = new URLSearchParams({ limit: String(PAGE) });
  if (f.entity.trim()) q.set('entity', f.entity.trim());
  if (f.entity_id.trim()) q.set('entity_id', f.entity_id.trim());
  if (f.user_id.trim()) q.set('user_id', f.user_id.trim());
  if (cursor) q.set('cursor', cursor);
  return '/audit?' + q;
}

function Json({ label, value }) {
  if (value == null) return null;
  return (
    <div>
      <p class="small muted" style={{ margin: '.25rem 0 0' }}>
        {label}
      </p>
      <pre class="mono small" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all', margin: 0, background: '#f4f6f8', padding: '.4rem', borderRadius: '6px' }}>
        {JSON.stringify(value, null, 1)}
      </pre>
    </div>
  );
}

export function AuditLog() {
  const [filters, setFilters] = useState({ entity: '', entity_id: '', user_id: '' });
  const [state, setState] = useState({ loading: true, items: [] });
  const [errors, setErrors] = useState({});
  const set = (k) => (v) => setFilters((f) => ({ ...f, [k]: v }));

  const load = async (cursor) => {
    setErrors({});
    try {
      const r = await get(query(filters, cursor));
      setState((s) => ({ items: cursor ? [...s.items, ...r.items] : r.items, next: r.next_cursor }));
    } catch (err) {
      const text = errorText(err);
      if (err.status === 403) return setState({ forbidden: text, items: [] });
      if (err.field && err.field in filters) setErrors({ [err.field]: text });
      else setErrors({ _form: text });
      setState((s) => ({ ...s, loading: false }));
    }
  };
  useEffect(() => {
    load();
  }, []);

  if (state.forbidden)
    return (
      <section class="card" role="alert" data-testid="audit-forbidden">
        <h1>{t('care.audit_title')}</h1>
        <p class="error">{state.forbidden}</p>
      </section>
    );
  return (
    <div class="stack">
      <h1>{t('care.audit_title')}</h1>
      <form class="card" onSubmit={(e) => (e.preventDefault(), load())} noValidate aria-label={t('care.audit_filters')}>
        <FormError text={errors._form} />
        <div class="row">
          <div style={{ flex: '1 1 140px' }}>
            <Field name="entity" label={t('care.entity')} hint={t('care.entity_hint')} value={filters.entity} onInput={set('entity')} error={errors.entity} />
          </div>
          <div style={{ flex: '1 1 100px' }}>
            <Field name="entity_id" type="number" inputMode="numeric" label={t('care.entity_id')} value={filters.entity_id} onInput={set('entity_id')} error={errors.entity_id} />
          </div>
          <div style={{ flex: '1 1 100px' }}>
            <Field name="user_id" type="number" inputMode="numeric" label={t('care.user_id')} value={filters.user_id} onInput={set('user_id')} error={errors.user_id} />
          </div>
        </div>
        <button type="submit" class="btn btn-primary">
          {t('care.filter')}
        </button>
      </form>
      <section class="card" aria-labelledby="h-audit-list">
        <h2 id="h-audit-list">{t('care.audit_entries')}</h2>
        {state.loading ? (
          <Loading />
        ) : state.items.length === 0 ? (
          <p class="muted">{t('care.audit_none')}</p>
        ) : (
          <ul class="list" data-testid="audit">
            {state.items.map((a) => (
              <li key={a.id} class="list-item" style={{ flexDirection: 'column', alignItems: 'stretch' }} data-entry={a.id}>
                <div>
                  <span class="mono small">#{a.id}</span> <strong>{t('care.audit_action.' + a.action)}</strong> · {a.entity} #{a.entity_id}
                </div>
                <span class="muted small">
                  {formatDateTime(a.at)} · {a.user_id ? t('care.by_user', { id: a.user_id }) : t('care.by_system')}
                </span>
                {(a.before || a.after) && (
                  <details>
                    <summary class="small">{t('care.audit_details')}</summary>
                    <Json label={t('care.before')} value={a.before} />
                    <Json label={t('care.after')} value={a.after} />
                  </details>
                )}
              </li>
            ))}
          </ul>
        )}
        {state.next && (
          <button type="button" class="btn" onClick={() => load(state.next)}>
            {t('care.load_more')}
          </button>
        )}
      </section>
    </div>
  );
}
