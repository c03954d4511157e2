// aid_ui.jsx - what the student-aid pages share (爱青助学, docs/API.md
// "Student aid by semester", "Donor statements", "Public disclosure"):
// semesters as the API writes them ("2026-2027-1": school year and term),
// quarters in China time, the vocabularies' labels, status badges and the
// API's errors with its own message always shown (the approval's four-eyes
// refusal, the fund's shortfall: the person must see why).
import { formatMoney, getLocale, t, tMaybe } from '../i18n/index.js';
import { errorText } from './form.jsx';
import '../aid.css';

export const RUN_STATUSES = ['proposed', 'approved', 'paid'];
export const STAGES = ['primary', 'junior', 'senior'];
export const CHANNELS = ['cash', 'bank_transfer', 'online_platform', 'in_kind'];
export const RELATION_KINDS = ['guardian', 'family', 'household', 'employer'];

/** Who proposes runs and pairs students, and who reads runs (defined with
 * the routes, so that the first page need not load this module). */
export { AID_READERS, AID_STAFF } from '../routes_aid.js';

/** A value's label from the catalog, or the value itself when unknown. */
export const label = (prefix, v) => (v == null || v === '' ? '' : tMaybe(prefix + v) || v);

/** The wall clock in China as a Date read with getUTC*(). */
const chinaNow = () => new Date(Date.now() + 8 * 3600e3);

/** The school year now: "2026-2027" from September on, else the year before's. */
export function currentSchoolYear() {
  const d = chinaNow();
  const y = d.getUTCFullYear() - (d.getUTCMonth() + 1 >= 9 ? 0 : 1);
  return `${y}-${y + 1}`;
}

/** The term now: autumn (1) from September to January, spring (2) after. */
export function currentTerm() {
  const m = chinaNow().getUTCMonth() + 1;
  return m >= 9 || m === 1 ? '1' : '2';
}

/** School years around the current one, for a picker. */
export function schoolYears(before = 1, after = 1) {
  const y = Number(currentSchoolYear().slice(0, 4));
  const out = [];
  for (let i = y - before; i <= y + after; i++) out.push(`${i}-${i + 1}`);
  return out;
}

/** "2026-2027-1" → "2026-2027学年 秋季学期" / "2026–27 autumn term". */
export function semesterLabel(s) {
  const m = /^(\d{4})-(\d{4})-([12])$/.exec(s || '');
  if (!m) return s || '';
  return t('aid.semester_label', { from: m[1], to: m[2], term: t('aid.term.' + m[3]) });
}

/** The quarter now in China time: "2026Q4". */
export function currentQuarter() {
  const d = chinaNow();
  return `${d.getUTCFullYear()}Q${Math.floor(d.getUTCMonth() / 3) + 1}`;
}

/** The n quarters up to and including the current one, newest first. */
export function recentQuarters(n = 8) {
  let [y, q] = currentQuarter().split('Q').map(Number);
  const out = [];
  for (let i = 0; i < n; i++) {
    out.push(`${y}Q${q}`);
    if (--q === 0) {
      q = 4;
      y--;
    }
  }
  return out;
}

export const quarterLabel = (s) => {
  const [y, q] = s.split('Q');
  return t('aid.quarter_label', { year: y, q: t('aid.quarter.' + q) });
};

export const Money = ({ fen, ...rest }) => (
  <span class="aid-money" {...rest}>
    {formatMoney(fen || 0)}
  </span>
);

/** A run's status (待批准, 已批准, 已支付) or a gift's (recorded, voided). */
export function StatusBadge({ prefix, value, ...rest }) {
  return (
    <span class={'aid-badge aid-' + value} data-status={value} {...rest}>
      {label(prefix, value)}
    </span>
  );
}

/** errorText with the API's own message shown in every language: the
 * message says which rule refused (a run's proposer, the fund's money). */
export function aidErrorText(err, overrides) {
  const text = errorText(err, overrides);
  if (!err.message || err.status === 0 || getLocale() !== 'en') return text;
  return `${text} (${err.message})`;
}

/** Like form.jsx's errorsFrom, with aidErrorText. */
export function aidErrorsFrom(err, fields, overrides) {
  const text = aidErrorText(err, overrides);
  if (err.field && fields.includes(err.field)) return { [err.field]: text };
  return { _form: text };
}

/** Error codes this area words itself (the catalog's are generic). */
export const AID_ERRORS = {
  insufficient_funds: 'aid.error.insufficient_funds',
  too_many_requests: 'aid.error.throttled',
};
