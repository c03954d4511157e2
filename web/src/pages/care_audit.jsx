// care_audit.jsx - the audit log for platform admins (GET /audit): who did
// what to which record, newest first, in the page's language (the kinds of
// record, their fields and the actions through the audit.* messages), each
// entry's before and after as a diff of the fields that changed (old → new,
// values as the server gives them: ID numbers and phones masked), filtered
// by user, kind of record, action, dates and record, a page at a time on
// the API's cursor.
import { useEffect, useState } from 'preact/hooks';
import { get } from '../api.js';
import { formatDateTime, formatMoney, getLocale, keysWith, t, tMaybe } from '../i18n/index.js';
import { Field, FormError, errorText } from '../components/form.jsx';
import { SelectField } from '../components/lk_ui.jsx';
import { Loading } from '../components/ui.jsx';

const PAGE = 50;
const USERS_MAX_PAGES = 5;
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

/** Fields whose values the pages already name ("<entity>.<field>": the
 * prefix of their messages): a stage, a need's status, a gender, ... */
const VALUE_NAMES = {
  'volunteers.stage': 'stage.',
  'volunteer-stages.from': 'stage.',
  'volunteer-stages.to': 'stage.',
  'needs.status': 'misc.status.',
  'need-events.from': 'misc.status.',
  'need-events.to': 'misc.status.',
  'people.gender': 'gender.',
  'orgs.kind': 'org.kind.',
  'social-workers.qualification': 'misc.qual.',
  'service-records.status': 'export.status.',
  'signups.status': 'signup.',
};

/** A value of field `key` of a record of kind `entity` as text: empty,
 * yes/no, a named value, money in yuan, a time in China time, a list, or
 * the JSON of anything else. */
export function valueText(key, v, entity) {
  if (v == null || v === '' || (Array.isArray(v) && v.length === 0)) return t('audit.empty');
  const names = VALUE_NAMES[entity + '.' + key];
  if (names && typeof v === 'string') return tMaybe(names + v) || v;
  if (typeof v === 'boolean') return t(v ? 'audit.yes' : 'audit.no');
  if (typeof v === 'number' && key.endsWith('_fen')) return formatMoney(v);
  if (typeof v === 'string' && TIME.test(v)) return formatDateTime(v);
  if (Array.isArray(v) && v.every((x) => x == null || typeof x !== 'object')) return v.join('、');
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
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
                  {valueText(r.key, r.before, entry.entity)}
                </td>
              )}
              {both && (
                <td class="audit-arrow" aria-hidden="true">
                  →
                </td>
              )}
              {hasAfter && (
                <td class="audit-new" data-testid="diff-new">
                  {valueText(r.key, r.after, entry.entity)}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

/** Every user, a page of 200 at a time (at most USERS_MAX_PAGES), for the
 * filter by user. */
async function loadUsers() {
  const users = [];
  let cursor = null;
  for (let i = 0; i < USERS_MAX_PAGES; i++) {
    const r = await get('/users?limit=200' + (cursor ? '&cursor=' + cursor : ''));
    users.push(...r.items);
    cursor = r.next_cursor;
    if (!cursor) break;
  }
  return users.map((u) => ({ value: String(u.id), label: u.username })).sort((a, b) => a.label.localeCompare(b.label));
}

export function AuditLog() {
  const [filters, setFilters] = useState(EMPTY);
  const [state, setState] = useState({ loading: true, items: [] });
  const [users, setUsers] = useState([]);
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
    loadUsers().then(setUsers, () => setUsers([]));
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
    load(EMPTY);
  };
  return (
    <div class="stack">
      <h1>{t('care.audit_title')}</h1>
      <form class="card audit-filters" onSubmit={(e) => (e.preventDefault(), load(filters))} noValidate aria-label={t('audit.filters')}>
        <FormError text={errors._form} />
        <div class="row">
          <div class="audit-filter">
            <SelectField name="user_id" label={t('audit.actor')} placeholder={t('audit.actor_all')} value={filters.user_id} onInput={set('user_id')} options={users} error={errors.user_id} />
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
