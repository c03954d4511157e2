// care_ui.jsx - pieces the care pages share: a select and a text area laid
// out like form.jsx's Field (label, hint, the API's error next to it), a
// status badge and the vocabularies of needs.
import { t } from '../i18n/index.js';
import { describedBy as described, FieldWrap as Wrap } from './form.jsx';

// app.css styles inputs only; selects and text areas get the same look here
// (a style object is set through the CSSOM, which the CSP allows).
export const controlStyle = {
  width: '100%', minHeight: '44px', padding: '.5rem .75rem', border: '1px solid var(--line)',
  borderRadius: '8px', font: 'inherit', background: '#fff', boxSizing: 'border-box',
};

/** A labelled <select>; options are [value, text] pairs. */
export function SelectField({ id, name, label, hint, error, value, onChange, options, placeholder, ...rest }) {
  id = id || 'f-' + name;
  return (
    <Wrap id={id} name={name} label={label} hint={hint} error={error}>
      <select
        id={id}
        name={name}
        value={value}
        onChange={(e) => onChange(e.currentTarget.value)}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={described(id, hint, error)}
        style={{ ...controlStyle, borderColor: error ? 'var(--err)' : undefined }}
        {...rest}
      >
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </Wrap>
  );
}

export function TextAreaField({ id, name, label, hint, error, value, onInput, rows = 3, ...rest }) {
  id = id || 'f-' + name;
  return (
    <Wrap id={id} name={name} label={label} hint={hint} error={error}>
      <textarea
        id={id}
        name={name}
        rows={rows}
        value={value}
        onInput={(e) => onInput(e.currentTarget.value)}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={described(id, hint, error)}
        style={{ ...controlStyle, borderColor: error ? 'var(--err)' : undefined, resize: 'vertical' }}
        {...rest}
      />
    </Wrap>
  );
}

const BADGE = {
  new: '#1d5fbf', triaged: '#7a4cc2', planned: '#8a6d00', matched: '#0b7a75', in_service: '#9a4f00',
  done: '#2e7d32', closed: '#555', rejected: '#b3261e',
  reported: '#1d5fbf', assessed: '#7a4cc2', mobilizing: '#b3261e',
  called: '#8a6d00', accepted: '#2e7d32', declined: '#b3261e', arrived: '#0b7a75', stood_down: '#555', expired: '#666',
};

/** A coloured label for a status; `prefix` picks the catalog ("care.need_status."). */
export function Badge({ prefix, value, ...rest }) {
  const c = BADGE[value] || '#555';
  return (
    <span
      data-status={value}
      style={{ display: 'inline-block', padding: '.1rem .5rem', borderRadius: '999px', border: '1px solid ' + c, color: c, fontSize: '.85rem', whiteSpace: 'nowrap' }}
      {...rest}
    >
      {t(prefix + value)}
    </span>
  );
}

export const NEED_STATUSES = ['new', 'triaged', 'planned', 'matched', 'in_service', 'done', 'closed', 'rejected'];
export const CATEGORIES = ['elderly_care', 'child_care', 'disability', 'mental_health', 'legal_aid', 'medical', 'family_support', 'hardship_relief', 'community_affairs', 'environment', 'emergency', 'education', 'other'];
export const URGENCIES = ['low', 'medium', 'high', 'critical'];

/** The legal next statuses of a need (docs/API.md, "Status"). */
export function nextStatuses(s) {
  const main = NEED_STATUSES.slice(0, 7);
  const i = main.indexOf(s);
  const out = i >= 0 && i < 6 ? [main[i + 1]] : [];
  if (['new', 'triaged', 'planned', 'matched'].includes(s)) out.push('rejected');
  return out;
}
