// picker.jsx - choose an org, a region, a person, a social worker, a
// volunteer or a user account by typing part of a name instead of a number
// (issue 18).
//
// An ARIA 1.2 combobox: a text input with role="combobox" owning a listbox
// of options found through the list API's `q` (debounced; orgs, regions,
// social workers and volunteers by a part of the name, people by its
// start, users by a part of the username or of their person's name).
// Up/Down move, Enter chooses, Escape closes (a second Escape clears the
// text). A `free` picker also takes text that chose nothing (onText): a
// form sends it as it is (an evaluator's username, for one the caller
// cannot list). `value` is the chosen id as a string ('' for none);
// a preset id is shown by its name (GET /{path}/{id}). The API's error for
// the field goes beside it through FieldWrap, as for every other field.
import { useEffect, useRef, useState } from 'preact/hooks';
import { get } from '../api.js';
import { t } from '../i18n/index.js';
import { describedBy, errorText, FieldWrap } from './form.jsx';
import '../forms.css';

/** What each kind searches and how an item reads. */
export const PICKER_KINDS = {
  org: { path: '/orgs', label: (o) => o.name, sub: (o) => t('org.kind.' + o.kind) },
  region: { path: '/regions', label: (r) => r.name, sub: (r) => t('lk.level.' + r.level) },
  person: { path: '/people', label: (p) => p.name, sub: (p) => p.phone || '' },
  social_worker: { path: '/social-workers', label: (w) => w.name || t('lk.sw_n', { id: w.id }), sub: (w) => t('misc.qual.' + w.qualification) },
  volunteer: { path: '/volunteers', label: (v) => v.name || v.volunteer_no, sub: (v) => v.volunteer_no + ' · ' + t('stage.' + v.stage) },
  user: { path: '/users', label: userLabel, sub: (u) => (u.roles || []).map((r) => t('role.' + r.role)).join('、') },
};

/** A user account as people read it: its person's name with the
 * username, or the username alone. */
export function userLabel(u) {
  return u.name ? t('forms.user_named', { name: u.name, username: u.username }) : u.username;
}

const DEBOUNCE_MS = 250;

/** A picker field. `params`: filters every search adds ({org_id: 3});
 * onChange(id, item) with id '' when cleared. */
export function Picker({ kind, name, label, value, onChange, onText, free, params, error, hint, disabled, placeholder, id: givenId }) {
  const k = PICKER_KINDS[kind];
  const id = givenId || 'f-' + name;
  const listId = id + '-list';
  const [text, setText] = useState('');
  const [items, setItems] = useState([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [status, setStatus] = useState(''); // '', 'loading', 'none', 'free' or an error text
  const chosen = useRef({ id: '', label: '' });
  const timer = useRef(0);
  const seq = useRef(0);
  const extra = params ? new URLSearchParams(Object.entries(params).filter(([, v]) => v !== undefined && v !== null && v !== '')).toString() : '';

  // a preset (or changed from outside) id is shown by its name
  useEffect(() => {
    const v = value ? String(value) : '';
    if (v === chosen.current.id) return;
    chosen.current = { id: v, label: '' };
    if (!v) return setText('');
    let live = true;
    get(k.path + '/' + v).then(
      (it) => live && chosen.current.id === v && ((chosen.current.label = k.label(it)), setText(k.label(it))),
      () => live && setText(t('forms.picker_unknown', { id: v })),
    );
    return () => (live = false);
  }, [value, kind]);
  useEffect(() => () => clearTimeout(timer.current), []);

  const search = (q) => {
    const n = ++seq.current;
    setStatus('loading');
    const qs = new URLSearchParams({ limit: '20' });
    if (q.trim()) qs.set('q', q.trim());
    get(k.path + '?' + qs + (extra ? '&' + extra : '')).then(
      (page) => {
        if (n !== seq.current) return;
        setItems(page.items);
        setActive(page.items.length ? 0 : -1);
        setStatus(page.items.length ? '' : free ? 'free' : 'none');
      },
      // a free picker whose list the caller may not read still takes text
      (err) => n === seq.current && (setItems([]), setStatus(free && err.status === 403 ? 'free' : errorText(err))),
    );
  };
  const input = (e) => {
    const q = e.currentTarget.value;
    setText(q);
    setOpen(true);
    if (onText) onText(q);
    if (chosen.current.id) {
      chosen.current = { id: '', label: '' };
      onChange('', null);
    }
    clearTimeout(timer.current);
    timer.current = setTimeout(() => search(q), DEBOUNCE_MS);
  };
  const choose = (it) => {
    chosen.current = { id: String(it.id), label: k.label(it) };
    setText(k.label(it));
    setOpen(false);
    setActive(-1);
    onChange(String(it.id), it);
  };
  const key = (e) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (!open) {
        setOpen(true);
        search(chosen.current.id ? '' : text);
        return;
      }
      const d = e.key === 'ArrowDown' ? 1 : -1;
      if (items.length) setActive((a) => (a + d + items.length) % items.length);
    } else if (e.key === 'Enter') {
      if (open && active >= 0 && items[active]) {
        e.preventDefault();
        choose(items[active]);
      }
    } else if (e.key === 'Escape') {
      if (open) {
        e.preventDefault();
        setOpen(false);
      } else if (text) {
        e.preventDefault();
        setText('');
        if (onText) onText('');
        if (chosen.current.id) {
          chosen.current = { id: '', label: '' };
          onChange('', null);
        }
      }
    }
  };
  const blur = () => {
    setOpen(false);
    // leaving with text that chose nothing: show what is chosen (or nothing)
    if (!chosen.current.id) return;
    setText(chosen.current.label || text);
  };
  const optId = (i) => `${id}-opt-${i}`;
  const expanded = open && items.length > 0;
  return (
    <FieldWrap id={id} name={name} label={label} hint={hint} error={error}>
      <div class="picker" data-picker={kind}>
        <input
          id={id}
          name={name}
          type="text"
          role="combobox"
          autoComplete="off"
          aria-autocomplete="list"
          aria-expanded={expanded ? 'true' : 'false'}
          aria-controls={listId}
          aria-activedescendant={expanded && active >= 0 ? optId(active) : undefined}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={describedBy(id, hint, error)}
          placeholder={placeholder || t('forms.picker_placeholder')}
          disabled={disabled}
          value={text}
          data-value={value || ''}
          onInput={input}
          onKeyDown={key}
          onBlur={blur}
          onFocus={(e) => e.currentTarget.select()}
        />
        <ul id={listId} role="listbox" aria-label={label} class="picker-list" hidden={!expanded}>
          {items.map((it, i) => (
            <li
              key={it.id}
              id={optId(i)}
              role="option"
              aria-selected={i === active ? 'true' : 'false'}
              class={i === active ? 'active' : undefined}
              data-id={it.id}
              // mousedown, not click: the input's blur would close the list first
              onMouseDown={(e) => (e.preventDefault(), choose(it))}
            >
              <span>{k.label(it)}</span>
              {k.sub(it) && <span class="muted small"> · {k.sub(it)}</span>}
            </li>
          ))}
        </ul>
        {open && status && (
          <p class={'picker-status small ' + (status === 'loading' || status === 'none' || status === 'free' ? 'muted' : 'error')} role="status">
            {status === 'loading' ? t('common.loading') : status === 'none' ? t('forms.picker_none') : status === 'free' ? (text.trim() ? t('forms.picker_free', { text: text.trim() }) : t('forms.picker_free_empty')) : status}
          </p>
        )}
      </div>
    </FieldWrap>
  );
}
