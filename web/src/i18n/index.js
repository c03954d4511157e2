// i18n/index.js - messages and locale formatting.
//
// Every string the UI shows is in the message files (flat keys, "{name}"
// placeholders): zh-CN.json / en.json for the shell, the volunteer's pages,
// the charts and the other shared components, and one pair per area of pages
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
// the staff pages share, issue 18; nav.*.json: the menu's sections and
// every page's menu label, the bottom tabs, the role switcher and
// breadcrumbs, issue 18; audit.*.json: the audit log's actions, issue 18;
// audit_fields.*.json: the audit log's names of records and fields). Keys
// are unique across files.
//
// The catalogues load with what needs them (issue 18): the shell's (app,
// nav, cert: the first page's) are imported here in zh-CN; every other
// one, and every English one, is fetched by import() when first needed: a
// page group's areas by lazy.jsx (lazyModule's second argument) before the
// group renders, English when it is chosen (setLocale waits for the
// English of every area in use, initLocale before the first render), so
// t() stays synchronous and never meets a key that is not loaded yet.
// zh-CN is the default; the choice made with the switch is kept in
// localStorage. Dates and times are shown in China Standard Time
// whatever the device's clock says, since every deployment serves a Chinese
// community and the API's times carry +08:00.
import zh from './zh-CN.json';
import zhNav from './nav.zh-CN.json';
import zhCert from './cert.zh-CN.json';

export const DEFAULT_LOCALE = 'zh-CN';
export const TIME_ZONE = 'Asia/Shanghai';
const STORAGE_KEY = 'ld.locale';

/* Where each catalogue comes from: import() with a literal path, so that
 * esbuild makes each file a chunk of its own (the shell's zh-CN ones are
 * in the first page above). tests/web/i18n.test.mjs checks that every file
 * on disk is here or imported above and that every area is named by some
 * lazyModule() of a routes file. */
const SOURCES = {
  'zh-CN': {
    staff: () => import('./staff.zh-CN.json'),
    care: () => import('./care.zh-CN.json'),
    org: () => import('./org.zh-CN.json'),
    cal: () => import('./cal.zh-CN.json'),
    misc: () => import('./misc.zh-CN.json'),
    export: () => import('./export.zh-CN.json'),
    import: () => import('./import.zh-CN.json'),
    workdays: () => import('./workdays.zh-CN.json'),
    rec: () => import('./rec.zh-CN.json'),
    pii: () => import('./pii.zh-CN.json'),
    fund: () => import('./fund.zh-CN.json'),
    aid: () => import('./aid.zh-CN.json'),
    linkage: () => import('./linkage.zh-CN.json'),
    sup: () => import('./sup.zh-CN.json'),
    ana: () => import('./ana.zh-CN.json'),
    council: () => import('./council.zh-CN.json'),
    voice: () => import('./voice.zh-CN.json'),
    share: () => import('./share.zh-CN.json'),
    proj: () => import('./proj.zh-CN.json'),
    msg: () => import('./msg.zh-CN.json'),
    reply: () => import('./reply.zh-CN.json'),
    screen: () => import('./screen.zh-CN.json'),
    forms: () => import('./forms.zh-CN.json'),
    audit: () => import('./audit.zh-CN.json'),
    audit_fields: () => import('./audit_fields.zh-CN.json'),
  },
  en: {
    app: () => import('./en.json'),
    nav: () => import('./nav.en.json'),
    cert: () => import('./cert.en.json'),
    staff: () => import('./staff.en.json'),
    care: () => import('./care.en.json'),
    org: () => import('./org.en.json'),
    cal: () => import('./cal.en.json'),
    misc: () => import('./misc.en.json'),
    export: () => import('./export.en.json'),
    import: () => import('./import.en.json'),
    workdays: () => import('./workdays.en.json'),
    rec: () => import('./rec.en.json'),
    pii: () => import('./pii.en.json'),
    fund: () => import('./fund.en.json'),
    aid: () => import('./aid.en.json'),
    linkage: () => import('./linkage.en.json'),
    sup: () => import('./sup.en.json'),
    ana: () => import('./ana.en.json'),
    council: () => import('./council.en.json'),
    voice: () => import('./voice.en.json'),
    share: () => import('./share.en.json'),
    proj: () => import('./proj.en.json'),
    msg: () => import('./msg.en.json'),
    reply: () => import('./reply.en.json'),
    screen: () => import('./screen.en.json'),
    forms: () => import('./forms.en.json'),
    audit: () => import('./audit.en.json'),
    audit_fields: () => import('./audit_fields.en.json'),
  },
};
/** The areas every page needs: the shell, the menu, the volunteer's pages. */
const SHELL = ['app', 'nav', 'cert'];

/** The messages loaded so far, per language, and which areas they hold. */
const messages = { 'zh-CN': { ...zh, ...zhNav, ...zhCert }, en: {} };
const loaded = { 'zh-CN': new Set(SHELL), en: new Set() };
const loading = new Map(); // 'en:staff' -> promise
/** The areas the pages opened so far asked for: a switch of language loads
 * them all in the new language before it shows anything in it. */
const wanted = new Set(SHELL);

function stored() {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return SOURCES[v] ? v : DEFAULT_LOCALE;
  } catch {
    return DEFAULT_LOCALE;
  }
}

let locale = stored();
const listeners = new Set();

export const getLocale = () => locale;

/** Load the catalogues of `areas` in `lang` (those not loaded yet). */
function loadIn(lang, areas) {
  return Promise.all(
    areas
      .filter((a) => !loaded[lang].has(a))
      .map((a) => {
        const k = lang + ':' + a;
        if (!loading.has(k)) {
          const from = SOURCES[lang][a];
          if (!from) return Promise.reject(new Error(`i18n: no catalogue ${a} in ${lang}`));
          loading.set(
            k,
            from().then(
              (m) => {
                Object.assign(messages[lang], m.default);
                loaded[lang].add(a);
                loading.delete(k);
              },
              (err) => {
                loading.delete(k); // a retry fetches it again
                throw err;
              },
            ),
          );
        }
        return loading.get(k);
      }),
  );
}

/** Load the messages of `areas` (lazy.jsx: a page group's areas) in the
 * language shown; resolves when t() has them. */
export function loadAreas(areas) {
  for (const a of areas) wanted.add(a);
  return loadIn(locale, areas);
}

/** Before the first render: the shell's messages in the language kept from
 * last time (English is fetched; if that fails, the page opens in zh-CN). */
export function initLocale() {
  if (locale === DEFAULT_LOCALE) return Promise.resolve();
  return loadIn(locale, [...wanted]).catch(() => {
    locale = DEFAULT_LOCALE;
  });
}

let switching = null;
/** Switch the language: resolves once the new language's messages of every
 * area in use have loaded and the page shows them (nothing is shown half
 * translated or as raw keys meanwhile); rejects, leaving the language as
 * it was, when they cannot be fetched. */
export async function setLocale(next) {
  if (!SOURCES[next]) return;
  switching = next;
  if (next === locale) return;
  // a page opened meanwhile may want more areas: until all are in
  for (let miss = [...wanted]; miss.length; miss = [...wanted].filter((a) => !loaded[next].has(a))) {
    await loadIn(next, miss);
    if (switching !== next) return; // a later switch won
  }
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
  let s = messages[locale][key] ?? messages[DEFAULT_LOCALE][key] ?? key;
  if (params) s = s.replace(/\{(\w+)\}/g, (m, k) => (k in params ? String(params[k]) : m));
  return s;
}

/** t() for a key that may not exist: null when neither catalog has it. */
export function tMaybe(key, params) {
  return key in messages[locale] || key in messages[DEFAULT_LOCALE] ? t(key, params) : null;
}

/** The loaded keys that start with `prefix` (both languages have the same). */
export const keysWith = (prefix) => Object.keys(messages[locale]).filter((k) => k.startsWith(prefix));

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
