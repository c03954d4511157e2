// care_audit.jsx - the audit log for platform admins (GET /audit): who did
// what to which record, newest first, in the page's language (the kinds of
// record, their fields and the actions through the audit.* messages), each
// entry's before and after as a diff of the fields that changed (old → new,
// values as the server gives them: ID numbers and phones masked; stages,
// statuses, kinds, roles and every other enumerated value by its name),
// filtered by user (a picker: part of a person's name or of the username),
// kind of record, action, dates and record, a page at a time on the API's
// cursor.
import { useEffect, useState } from 'preact/hooks';
import { get } from '../api.js';
import { formatDateTime, formatMoney, getLocale, keysWith, t, tMaybe } from '../i18n/index.js';
import { Field, FormError, errorText } from '../components/form.jsx';
import { SelectField } from '../components/lk_ui.jsx';
import { Picker } from '../components/picker.jsx';
import { Loading } from '../components/ui.jsx';
// where each enumerated value's name is (the names are in the catalogues)
import VALUES from '../audit_values.json';

const PAGE = 50;
const EMPTY = { user_id: '', entity: '', action: '', from: '', to: '', entity_id: '' };

/** The name of record kind or field `key` ("audit.f.name") in the page's
 * language (audit_fields.*.json, loaded with this page alone: routes_care.js),
 * or null. */
const nameOf = tMaybe;

/** The names under a message prefix ("audit.action.") of a catalog, as
 * options sorted by their text in the page's language. */
function named(prefix, text) {
  return keysWith(prefix)
    .map((k) => ({ value: k.slice(prefix.length), label: text(k) }))
    .sort((a, b) => a.label.localeCompare(b.label, getLocale()));
}

function query(f, cursor) {
  const q = new URLSearchParams({ limit: String(PAGE) });
  for (const [k, v] of Object.entries(f)) if (String(v).trim()) q.set(k, String(v).trim());
  if (cursor) q.set('cursor', cursor);
  return '/audit?' + q;
}

/** Field k of a record of kind `entity`: its name for that kind, if it
 * has one, else the field's name. */
export const fieldName = (k, entity) => nameOf(`audit.f.${entity}.${k}`) || nameOf('audit.f.' + k) || k;
export const entityName = (e) => nameOf('audit.e.' + e) || e;
export const actionName = (a) => tMaybe('audit.action.' + a) || a;

/** Who made the entry: the user's person's name and username, the
 * username, a user since deleted, or the system. */
export function actorName(a) {
  if (a.user_name && a.username) return t('audit.who', { name: a.user_name, username: a.username });
  if (a.username) return a.username;
  return a.user_id ? t('audit.user_gone', { id: a.user_id }) : t('audit.system');
}

const TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/;

/** The name of enumerated value v where "<entity>.<field>" (or
 * "<entity>.<field>.<key>" for a key of a list's items, "export.<key>" for
 * an export's detail) takes it, in the page's language (audit_values.json
 * gives the message prefix; a unit test checks every enum the audit can
 * carry is named), or undefined. */
export function valueName(where, v) {
  const prefix = VALUES[where];
  if (!prefix || typeof v !== 'string') return undefined;
  return tMaybe(prefix + v);
}

/** A scalar value as text. */
function scalarText(key, v, where) {
  if (v == null || v === '') return t('audit.empty');
  const named = valueName(where, v);
  if (named) return named;
  if (typeof v === 'boolean') return t(v ? 'audit.yes' : 'audit.no');
  if (typeof v === 'number' && key.endsWith('_fen')) return formatMoney(v);
  if (typeof v === 'string' && TIME.test(v)) return formatDateTime(v);
  return String(v);
}

/** An item of a list of records (a role, a budget line, a question...):
 * its keys by name and its values named, "key: value" each. */
function itemText(o, where, entity) {
  if (where === 'users.roles' && typeof o.role === 'string') {
    const scope = o.org_id ? t('account.scope_org', { id: o.org_id }) : o.region_id ? t('account.scope_region', { id: o.region_id }) : '';
    return (valueName('users.roles.role', o.role) || o.role) + scope;
  }
  return Object.entries(o)
    .map(([k, v]) => fieldName(k, entity) + t('audit.kv_sep') + (v && typeof v === 'object' ? JSON.stringify(v) : scalarText(k, v, where + '.' + k)))
    .join(t('audit.kv_join'));
}

/** A value of field `key` of a record of kind `entity` (written by
 * `action`) as text: empty, yes/no, a named value, money in yuan, a time in
 * China time, a list (its items named), or the JSON of anything else. */
export function valueText(key, v, entity, action) {
  if (v == null || v === '' || (Array.isArray(v) && v.length === 0)) return t('audit.empty');
  // an export's detail names the export's kind, format and encoding
  const where = (action === 'export' ? 'export' : entity) + '.' + key;
  if (Array.isArray(v)) {
    // the fields a reveal showed, by their names
    if (action === 'reveal' && key === 'fields') return v.map((x) => fieldName(String(x), entity)).join('、');
    if (v.every((x) => x == null || typeof x !== 'object')) return v.map((x) => scalarText(key, x, where)).join('、');
    return v.map((x) => (x && typeof x === 'object' && !Array.isArray(x) ? itemText(x, where, entity) : JSON.stringify(x))).join(t('audit.item_join'));
  }
  if (typeof v === 'object') return itemText(v, where, entity);
  return scalarText(key, v, where);
}

const same = (a, b) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
const obj = (v) => (v && typeof v === 'object' && !Array.isArray(v) ? v : null);

/** The fields that differ between before and after (either may be null):
 * [{key, before, after}], in the record's order. */
export function diff(before, after) {
  const b = obj(before) || {}, a = obj(after) || {};
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  return keys.filter((k) => !same(b[k], a[k])).map((k) => ({ key: k, before: b[k], after: a[k] }));
}

function Diff({ entry }) {
  const rows = diff(entry.before, entry.after);
  const hasBefore = !!obj(entry.before), hasAfter = !!obj(entry.after);
  if (!hasBefore && !hasAfter) return null;
  if (!rows.length) return <p class="muted small">{t('audit.no_changes')}</p>;
  const both = hasBefore && hasAfter;
  const summary = both ? t('audit.changes', { n: rows.length }) : t('audit.fields_set', { n: rows.length });
  return (
    <details class="audit-diff" open={both && rows.length <= 6}>
      <summary class="small">
        {summary}: {rows.slice(0, 4).map((r) => fieldName(r.key, entry.entity)).join('、')}
        {rows.length > 4 ? '…' : ''}
      </summary>
      <table class="misc-table audit-table" data-testid="audit-diff">
        <thead>
          <tr>
            <th scope="col">{t('audit.col_field')}</th>
            {hasBefore && <th scope="col">{t('audit.col_before')}</th>}
            {both && <th scope="col" class="audit-arrow" aria-hidden="true"></th>}
            {hasAfter && <th scope="col">{t('audit.col_after')}</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} data-field={r.key}>
              <th scope="row">{fieldName(r.key, entry.entity)}</th>
              {hasBefore && (
                <td class="audit-old" data-testid="diff-old">
                  {valueText(r.key, r.before, entry.entity, entry.action)}
                </td>
              )}
              {both && (
                <td class="audit-arrow" aria-hidden="true">
                  →
                </td>
              )}
              {hasAfter && (
                <td class="audit-new" data-testid="diff-new">
                  {valueText(r.key, r.after, entry.entity, entry.action)}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

export function AuditLog() {
  const [filters, setFilters] = useState(EMPTY);
  const [state, setState] = useState({ loading: true, items: [] });
  const [cleared, setCleared] = useState(0); // a new actor picker on clearing
  const [errors, setErrors] = useState({});
  const set = (k) => (v) => setFilters((f) => ({ ...f, [k]: v }));

  const load = async (f, cursor) => {
    setErrors({});
    if (!cursor) setState({ loading: true, items: [] });
    try {
      const r = await get(query(f, cursor));
      setState((s) => ({ items: cursor ? [...s.items, ...r.items] : r.items, next: r.next_cursor, applied: f }));
    } catch (err) {
      const text = errorText(err);
      if (err.status === 403) return setState({ forbidden: text, items: [] });
      if (err.field && err.field in EMPTY) setErrors({ [err.field]: text });
      else setErrors({ _form: text });
      setState((s) => ({ ...s, loading: false }));
    }
  };
  useEffect(() => {
    load(EMPTY);
  }, []);

  if (state.forbidden)
    return (
      <section class="card" role="alert" data-testid="audit-forbidden">
        <h1>{t('care.audit_title')}</h1>
        <p class="error">{state.forbidden}</p>
      </section>
    );
  const clear = () => {
    setFilters(EMPTY);
    setCleared((n) => n + 1);
    load(EMPTY);
  };
  return (
    <div class="stack">
      <h1>{t('care.audit_title')}</h1>
      <form class="card audit-filters" onSubmit={(e) => (e.preventDefault(), load(filters))} noValidate aria-label={t('audit.filters')}>
        <FormError text={errors._form} />
        <div class="row">
          <div class="audit-filter">
            <Picker key={cleared} kind="user" name="user_id" label={t('audit.actor')} placeholder={t('audit.actor_all')} value={filters.user_id} onChange={set('user_id')} error={errors.user_id} />
          </div>
          <div class="audit-filter">
            <SelectField name="entity" label={t('audit.entity')} placeholder={t('audit.entity_all')} value={filters.entity} onInput={set('entity')} options={named('audit.e.', nameOf)} error={errors.entity} />
          </div>
          <div class="audit-filter">
            <SelectField name="action" label={t('audit.action_label')} placeholder={t('audit.action_all')} value={filters.action} onInput={set('action')} options={named('audit.action.', t)} error={errors.action} />
          </div>
          <div class="audit-filter">
            <Field name="from" type="date" label={t('audit.from')} value={filters.from} onInput={set('from')} error={errors.from} />
          </div>
          <div class="audit-filter">
            <Field name="to" type="date" label={t('audit.to')} value={filters.to} onInput={set('to')} error={errors.to} />
          </div>
          <div class="audit-filter">
            <Field name="entity_id" type="number" inputMode="numeric" label={t('audit.entity_id')} value={filters.entity_id} onInput={set('entity_id')} error={errors.entity_id} />
          </div>
        </div>
        <div class="row">
          <button type="submit" class="btn btn-primary">
            {t('audit.apply')}
          </button>
          <button type="button" class="btn" onClick={clear}>
            {t('audit.clear')}
          </button>
        </div>
      </form>
      <section class="card" aria-labelledby="h-audit-list">
        <h2 id="h-audit-list">{t('care.audit_entries')}</h2>
        {state.loading ? (
          <Loading />
        ) : state.items.length === 0 ? (
          <p class="muted">{t('care.audit_none')}</p>
        ) : (
          <>
            <p class="muted small" aria-live="polite">
              {t('audit.count', { n: state.items.length })}
            </p>
            <ul class="list" data-testid="audit">
              {state.items.map((a) => (
                <li key={a.id} class="list-item audit-entry" data-entry={a.id} data-action={a.action} data-entity={a.entity} data-user={a.user_id ?? ''} data-at={a.at}>
                  <div>
                    <strong class="audit-action">{actionName(a.action)}</strong> · <span class="audit-record">{a.entity_id ? t('audit.record', { entity: entityName(a.entity), id: a.entity_id }) : entityName(a.entity)}</span>
                  </div>
                  <span class="muted small">
                    <time dateTime={a.at}>{formatDateTime(a.at)}</time> · <span class="audit-actor">{actorName(a)}</span>
                  </span>
                  <Diff entry={a} />
                </li>
              ))}
            </ul>
          </>
        )}
        {state.next && (
          <button type="button" class="btn" onClick={() => load(state.applied, state.next)}>
            {t('care.load_more')}
          </button>
        )}
      </section>
    </div>
  );
}
