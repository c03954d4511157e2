// i18n/index.js - messages and locale formatting.
//
// Every string the UI shows is in the message files (flat keys, "{name}"
// placeholders): zh-CN.json / en.json for the shell, the volunteer's pages
// and the shared components, and one pair per area of pages
// (staff.*.json: organisers' pages and the dashboard; care.*.json: needs,
// residents, emergencies, audit; org.*.json: the org network, people and
// the volunteer pipeline; cal.*.json: calendars of activities, shifts,
// clients' plans and visits; misc.*.json: positions, social workers and
// what the other areas share later; export.*.json: the export page; import.*.json: importing sheets; workdays.*.json: overdue records and the
// holiday calendar; cert.*.json: certificates of service hours; rec.*.json: service records, their verification and corrections; pii.*.json: full details on request, my data, my password;
// fund.*.json: funds, donations, the journal and receipts; aid.*.json: student aid by semester, directed pairing,
// donor statements, the public disclosure; linkage.*.json: where each kind
// of org sits and the qualifications work needs, issue 15; sup.*.json: supervision sessions and hours,
// social workers leading volunteers, a volunteer's lead social worker; ana.*.json:
// workforce analytics, retention and the 20-hour norm; council.*.json:
// councils, their meetings, issues and resolutions; voice.*.json: shift
// feedback, need ratings and surveys; share.*.json: co-building links and
// what partners share; proj.*.json: service projects, their indicators,
// budget, evaluations and the region's view, issue 16; msg.*.json: the
// outbox of SMS and e-mail, issue 17; reply.*.json: notification settings
// and the answer link of a call-out e-mail, issue 17; screen.*.json: the
// city data screen, issue 18; forms.*.json: pickers, tables and bulk actions
// the staff pages share, issue 18; nav.*.json: the menu's sections, the
// bottom tabs, the role switcher and breadcrumbs, issue 18; audit.*.json: the
// audit log's actions and the charts' table view, issue 18; the audit log's
// names of records and fields, audit_fields.*.json, are imported by that
// page alone). Keys are
// unique across files. zh-CN is the default; the choice made with the switch is
// kept in localStorage. Dates and times are shown in China Standard Time
// whatever the device's clock says, since every deployment serves a Chinese
// community and the API's times carry +08:00.
import zh from './zh-CN.json';
import zhNav from './nav.zh-CN.json';
import enNav from './nav.en.json';
import en from './en.json';
import zhStaff from './staff.zh-CN.json';
import enStaff from './staff.en.json';
import zhCare from './care.zh-CN.json';
import enCare from './care.en.json';
import zhOrg from './org.zh-CN.json';
import enOrg from './org.en.json';
import zhCal from './cal.zh-CN.json';
import enCal from './cal.en.json';
import zhMisc from './misc.zh-CN.json';
import enMisc from './misc.en.json';
import zhExport from './export.zh-CN.json';
import enExport from './export.en.json';
import zhImport from './import.zh-CN.json';
import enImport from './import.en.json';
import zhWorkdays from './workdays.zh-CN.json';
import enWorkdays from './workdays.en.json';
import zhCert from './cert.zh-CN.json';
import enCert from './cert.en.json';
import zhRec from './rec.zh-CN.json';
import enRec from './rec.en.json';
import zhPii from './pii.zh-CN.json';
import enPii from './pii.en.json';
import zhFund from './fund.zh-CN.json';
import enFund from './fund.en.json';
import zhAid from './aid.zh-CN.json';
import enAid from './aid.en.json';
import zhLinkage from './linkage.zh-CN.json';
import enLinkage from './linkage.en.json';
import zhSup from './sup.zh-CN.json';
import enSup from './sup.en.json';
import zhAna from './ana.zh-CN.json';
import enAna from './ana.en.json';
import zhCouncil from './council.zh-CN.json';
import enCouncil from './council.en.json';
import zhVoice from './voice.zh-CN.json';
import enVoice from './voice.en.json';
import zhShare from './share.zh-CN.json';
import enShare from './share.en.json';
import zhProj from './proj.zh-CN.json';
import enProj from './proj.en.json';
import zhMsg from './msg.zh-CN.json';
import enMsg from './msg.en.json';
import zhReply from './reply.zh-CN.json';
import enReply from './reply.en.json';
import zhScreen from './screen.zh-CN.json';
import enScreen from './screen.en.json';
import zhAudit from './audit.zh-CN.json';
import enAudit from './audit.en.json';
import zhForms from './forms.zh-CN.json';
import enForms from './forms.en.json';

export const LOCALES = {
  'zh-CN': { ...zh, ...zhStaff, ...zhCare, ...zhOrg, ...zhCal, ...zhMisc, ...zhExport, ...zhImport, ...zhWorkdays, ...zhCert, ...zhRec, ...zhPii, ...zhFund, ...zhAid, ...zhLinkage, ...zhSup, ...zhAna, ...zhCouncil, ...zhVoice, ...zhShare, ...zhProj, ...zhMsg, ...zhReply, ...zhScreen, ...zhForms, ...zhNav, ...zhAudit },
  en: { ...en, ...enStaff, ...enCare, ...enOrg, ...enCal, ...enMisc, ...enExport, ...enImport, ...enWorkdays, ...enCert, ...enRec, ...enPii, ...enFund, ...enAid, ...enLinkage, ...enSup, ...enAna, ...enCouncil, ...enVoice, ...enShare, ...enProj, ...enMsg, ...enReply, ...enScreen, ...enForms, ...enNav, ...enAudit },
};
export const DEFAULT_LOCALE = 'zh-CN';
export const TIME_ZONE = 'Asia/Shanghai';
const STORAGE_KEY = 'ld.locale';

function stored() {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return LOCALES[v] ? v : DEFAULT_LOCALE;
  } catch {
    return DEFAULT_LOCALE;
  }
}

let locale = stored();
const listeners = new Set();

export const getLocale = () => locale;

export function setLocale(next) {
  if (!LOCALES[next] || next === locale) return;
  locale = next;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    /* private mode: the switch still works for this page */
  }
  applyDocument();
  listeners.forEach((fn) => fn(next));
}

export function onLocaleChange(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

export function applyDocument() {
  document.documentElement.lang = locale;
  document.title = t('app.title');
}

/** The message for key with {placeholders} filled; the key itself if missing. */
export function t(key, params) {
  let s = LOCALES[locale][key] ?? LOCALES[DEFAULT_LOCALE][key] ?? key;
  if (params) s = s.replace(/\{(\w+)\}/g, (m, k) => (k in params ? String(params[k]) : m));
  return s;
}

/** t() for a key that may not exist: null when neither catalog has it. */
export function tMaybe(key, params) {
  return key in LOCALES[locale] || key in LOCALES[DEFAULT_LOCALE] ? t(key, params) : null;
}

const cache = new Map();
function fmt(kind, opts) {
  const k = locale + kind;
  let f = cache.get(k);
  if (!f) {
    f = kind.startsWith('n') ? new Intl.NumberFormat(locale, opts) : new Intl.DateTimeFormat(locale, { timeZone: TIME_ZONE, ...opts });
    cache.set(k, f);
  }
  return f;
}

export const formatNumber = (n, digits = 0) =>
  fmt('n' + digits, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(n);

/** Hours to one decimal place, with the unit: "27.5 小时" / "27.5 h". */
export const formatHours = (h) => t('unit.hours', { n: formatNumber(h, 1) });

/** Money in integer fen as yuan: 12345 → "¥123.45". */
export const formatMoney = (fen) => fmt('ncny', { style: 'currency', currency: 'CNY' }).format(fen / 100);

export const formatDate = (iso) =>
  fmt('d', { year: 'numeric', month: 'short', day: 'numeric', weekday: 'short' }).format(new Date(iso));

export const formatDateTime = (iso) =>
  fmt('dt', { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date(iso));

const formatTime = (iso) => fmt('t', { hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date(iso));

/** "11月24日周二 09:00–11:00" (or with both dates when it spans days). */
export function formatRange(startIso, endIso) {
  const a = new Date(startIso), b = new Date(endIso);
  const day = fmt('md', { month: 'short', day: 'numeric', weekday: 'short' });
  if (day.format(a) === day.format(b)) return `${day.format(a)} ${formatTime(startIso)}–${formatTime(endIso)}`;
  return `${day.format(a)} ${formatTime(startIso)} – ${day.format(b)} ${formatTime(endIso)}`;
}

/** The calendar year now in China Standard Time. */
export const currentYear = () => Number(fmt('y', { year: 'numeric', numberingSystem: 'latn' }).formatToParts(new Date()).find((p) => p.type === 'year').value);
