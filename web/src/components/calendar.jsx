// calendar.jsx - a month or week calendar of timed events, in China Standard
// Time whatever the device's zone. On a wide screen it is a table (a caption,
// one column per weekday with its header, a heading per day); on a narrow one
// (under 720 px) a list of days, each with its heading. The previous / next /
// today controls and the month/week switch are labelled buttons, the events
// links, so everything works from the keyboard; PageUp / PageDown inside the
// calendar move by a period too. The wide table is a grid with a roving
// tabindex: Tab enters it once, on the anchor day (the focused day is the
// anchor, kept in the URL); the arrow keys move a day (left/right) or a
// week (up/down), Home/End to the week's Monday/Sunday, PageUp/PageDown a
// month, moving the period shown when the day leaves it; Enter or Space
// opens the day: its week in the month view, its first event in the week
// view. The events of a day are out of the tab order in the grid: up/down
// move between them once a day is opened, Escape goes back to the day.
//
// Dates are "YYYY-MM-DD" strings of the China calendar; weeks start on Monday
// (as Chinese calendars do). The page owns what is shown (view, anchor date)
// and fetches the events of rangeOf(view, anchor).
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { TIME_ZONE, formatDate, formatRange, getLocale, t } from '../i18n/index.js';
import { Link } from '../router.jsx';

const DAY = 86400e3;
const CST = 8 * 3600e3;

/** The China date of an ISO time (or of a Date / epoch ms). */
export const dayOf = (time) => new Date(new Date(time).getTime() + CST).toISOString().slice(0, 10);
/** Today in China. */
export const today = () => dayOf(Date.now());
const ms = (day) => Date.parse(day + 'T00:00:00Z');
const fromMs = (n) => new Date(n).toISOString().slice(0, 10);
export const addDays = (day, n) => fromMs(ms(day) + n * DAY);
/** The day n months on, clamped to that month's length. */
export function addMonths(day, n) {
  const d = new Date(ms(day));
  const first = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d.getUTCDate(), last));
  return fromMs(first.getTime());
}
/** Monday of the day's week. */
const monday = (day) => addDays(day, -((new Date(ms(day)).getUTCDay() + 6) % 7));
/** A China date at midnight as an ISO time with its offset. */
export const isoOf = (day) => day + 'T00:00:00+08:00';
const isDay = (s) => typeof s === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(ms(s));
export const VIEWS = ['month', 'week'];

/** What a view shows: its days (whole weeks) and the [from, to) of a query. */
export function rangeOf(view, anchor) {
  let start, end;
  if (view === 'week') {
    start = monday(anchor);
    end = addDays(start, 7);
  } else {
    const first = anchor.slice(0, 8) + '01';
    start = monday(first);
    end = monday(addDays(addMonths(first, 1), 6)); // the Monday after the month's last week
  }
  const days = [];
  for (let d = start; d < end; d = addDays(d, 1)) days.push(d);
  return { days, from: isoOf(start), to: isoOf(end) };
}

/** The view and anchor kept in the URL (?view=&date=), so a reload keeps them. */
export function useCalendarState() {
  const q = new URLSearchParams(location.search);
  const [state, setState] = useState({
    view: VIEWS.includes(q.get('view')) ? q.get('view') : 'month',
    anchor: isDay(q.get('date')) ? q.get('date') : today(),
  });
  const set = (view, anchor) => {
    const p = new URLSearchParams(location.search);
    p.set('view', view);
    p.set('date', anchor);
    history.replaceState(null, '', location.pathname + '?' + p);
    setState({ view, anchor });
  };
  return [state, set];
}

function useWide() {
  const mq = typeof matchMedia === 'function' ? matchMedia('(min-width: 720px)') : null;
  const [wide, setWide] = useState(mq ? mq.matches : true);
  useEffect(() => {
    if (!mq) return undefined;
    const on = () => setWide(mq.matches);
    mq.addEventListener('change', on);
    return () => mq.removeEventListener('change', on);
  }, []);
  return wide;
}

const intl = (opts) => new Intl.DateTimeFormat(getLocale(), { timeZone: TIME_ZONE, ...opts });
const timeOf = (iso) => intl({ hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date(iso));
/** "2026年11月" / "November 2026", or the week's first and last day. */
function periodLabel(view, anchor, days) {
  if (view === 'week') return t('cal.week_of', { from: formatDate(isoOf(days[0])), to: formatDate(isoOf(days[6])) });
  return intl({ year: 'numeric', month: 'long' }).format(new Date(isoOf(anchor.slice(0, 8) + '15')));
}
const weekdayName = (day, style) => intl({ weekday: style }).format(new Date(day + 'T12:00:00+08:00'));

const S = {
  bar: { display: 'flex', flexWrap: 'wrap', gap: '.5rem', alignItems: 'center', justifyContent: 'space-between' },
  group: { display: 'flex', flexWrap: 'wrap', gap: '.5rem' },
  table: { width: '100%', borderCollapse: 'collapse', tableLayout: 'fixed' },
  th: { padding: '.25rem', fontWeight: 600, fontSize: '.85rem', borderBottom: '1px solid #ccd' },
  td: { verticalAlign: 'top', border: '1px solid #dde', padding: '.25rem', height: '6.5rem' },
  tdWeek: { verticalAlign: 'top', border: '1px solid #dde', padding: '.25rem', height: '16rem' },
  dayHead: { margin: 0, fontSize: '.85rem', fontWeight: 600 },
  other: { color: 'var(--muted)', background: '#f7f8fa' }, // not an opacity: the text keeps its contrast
  today: { background: 'rgba(0, 102, 204, .08)' },
  events: { listStyle: 'none', margin: '.25rem 0 0', padding: 0, display: 'grid', gap: '.2rem' },
  ev: { fontSize: '.8rem', lineHeight: 1.25, overflowWrap: 'anywhere' },
  evLink: { display: 'block', padding: '.1rem .25rem', borderRadius: '4px', borderLeft: '3px solid currentColor', textDecoration: 'none' },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'grid', gap: '.75rem' },
  listDay: { margin: '0 0 .25rem', fontSize: '1rem' },
  listEv: { display: 'block', padding: '.5rem .75rem', minHeight: '44px' },
};

function EventItem({ ev, compact }) {
  const body = compact ? (
    <>
      <span class="mono">{timeOf(ev.start)}</span> {ev.title}
    </>
  ) : (
    <>
      <span class="mono">
        {timeOf(ev.start)}–{timeOf(ev.end)}
      </span>{' '}
      <strong>{ev.title}</strong>
      {ev.sub && <span class="muted small"> · {ev.sub}</span>}
    </>
  );
  // the name begins with the text shown (WCAG 2.5.3), then the whole time and details
  const label = `${formatRange(ev.start, ev.end)} ${ev.title}${ev.sub ? ' · ' + ev.sub : ''}`;
  const full = compact && <span class="sr-only"> ({label})</span>;
  return (
    <li style={S.ev} data-event={ev.key}>
      {ev.href ? (
        <Link href={ev.href} style={compact ? S.evLink : { ...S.evLink, ...S.listEv }} title={label} tabIndex={compact ? -1 : undefined}>
          {body}
          {full}
        </Link>
      ) : (
        <span style={compact ? S.evLink : { ...S.evLink, ...S.listEv }} title={label}>
          {body}
          {full}
        </span>
      )}
    </li>
  );
}

/**
 * events: [{key, start, end, title, sub?, href?}] (ISO times); view, anchor
 * and onChange(view, anchor) from useCalendarState(); label names the
 * calendar for assistive technology; loading shows a status while fetching.
 */
export function Calendar({ events, view, anchor, onChange, label, loading, testid = 'calendar' }) {
  const wide = useWide();
  const { days } = rangeOf(view, anchor);
  const now = today();
  const month = anchor.slice(0, 7);
  const byDay = new Map();
  for (const ev of [...events].sort((a, b) => Date.parse(a.start) - Date.parse(b.start))) {
    const k = dayOf(ev.start);
    if (!byDay.has(k)) byDay.set(k, []);
    byDay.get(k).push(ev);
  }
  const step = (n) => onChange(view, view === 'week' ? addDays(anchor, 7 * n) : addMonths(anchor, n));
  const unit = view === 'week' ? 'week' : 'month';
  const period = periodLabel(view, anchor, days);
  const onKey = (e) => {
    if (e.key === 'PageUp' || e.key === 'PageDown') {
      e.preventDefault();
      step(e.key === 'PageUp' ? -1 : 1);
    }
  };
  // the grid's keys (the wide table): the anchor is the focused day
  const grid = useRef(null);
  const moved = useRef(false);
  useLayoutEffect(() => {
    if (!moved.current || !grid.current) return;
    moved.current = false;
    grid.current.querySelector(`td[data-day="${anchor}"]`)?.focus();
  });
  const go = (v, d) => {
    moved.current = true;
    onChange(v, d);
  };
  const onGridKey = (e) => {
    if (e.target.tagName === 'A') {
      // a day's shifts (out of the tab order): up/down between them, Escape back to the day
      const links = [...e.target.closest('td').querySelectorAll('a')];
      const i = links.indexOf(e.target);
      const next = { ArrowDown: links[i + 1], ArrowUp: links[i - 1], Escape: e.target.closest('td') }[e.key];
      if (next) {
        e.preventDefault();
        e.stopPropagation();
        next.focus();
      }
      return;
    }
    if (e.target.tagName !== 'TD') return;
    const d = anchor;
    const dow = (new Date(ms(d)).getUTCDay() + 6) % 7; // Monday 0
    const to = {
      ArrowLeft: () => addDays(d, -1),
      ArrowRight: () => addDays(d, 1),
      ArrowUp: () => addDays(d, -7),
      ArrowDown: () => addDays(d, 7),
      Home: () => addDays(d, -dow),
      End: () => addDays(d, 6 - dow),
      PageUp: () => addMonths(d, -1),
      PageDown: () => addMonths(d, 1),
    }[e.key];
    if (to) {
      e.preventDefault();
      e.stopPropagation();
      go(view, to());
    } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      if (view === 'month') go('week', d);
      else e.target.querySelector('a')?.focus();
    }
  };
  const inView = days.filter((d) => view === 'week' || d.slice(0, 7) === month);
  const count = inView.reduce((n, d) => n + (byDay.get(d) || []).length, 0);

  const dayHeading = (d, Tag = 'h3', style = S.dayHead) => (
    <Tag style={style}>
      <span aria-hidden="true">{Number(d.slice(8))}</span>
      <span class="sr-only">{formatDate(isoOf(d))}</span>
      {d === now && <span class="sr-only"> {t('cal.today_mark')}</span>}
    </Tag>
  );

  let body;
  if (wide) {
    const weeks = [];
    for (let i = 0; i < days.length; i += 7) weeks.push(days.slice(i, i + 7));
    body = (
      <table style={S.table} data-testid={testid + '-grid'} role="grid" ref={grid} onKeyDown={onGridKey}>
        <caption class="sr-only">{period}</caption>
        <thead>
          <tr>
            {days.slice(0, 7).map((d) => (
              <th key={d} scope="col" style={S.th}>
                <abbr title={weekdayName(d, 'long')} style={{ textDecoration: 'none' }}>
                  {weekdayName(d, 'short')}
                </abbr>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((w) => (
            <tr key={w[0]}>
              {w.map((d) => {
                const evs = byDay.get(d) || [];
                const out = view === 'month' && d.slice(0, 7) !== month;
                return (
                  <td
                    key={d}
                    data-day={d}
                    class="cal-day"
                    tabIndex={d === anchor ? 0 : -1}
                    aria-selected={d === anchor ? 'true' : 'false'}
                    onClick={(e) => e.target.closest('a') || d === anchor || onChange(view, d)}
                    style={{ ...(view === 'week' ? S.tdWeek : S.td), ...(out ? S.other : {}), ...(d === now ? S.today : {}) }} aria-current={d === now ? 'date' : undefined}>
                    {dayHeading(d)}
                    {evs.length > 0 && (
                      <ul style={S.events}>
                        {evs.map((ev) => (
                          <EventItem key={ev.key} ev={ev} compact />
                        ))}
                      </ul>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    );
  } else {
    const shown = view === 'week' ? inView : inView.filter((d) => byDay.has(d));
    body = (
      <ol style={S.list} data-testid={testid + '-list'} aria-label={period}>
        {shown.map((d) => (
          <li key={d} data-day={d} aria-current={d === now ? 'date' : undefined}>
            <h3 style={S.listDay}>
              {formatDate(isoOf(d))}
              {d === now && <span class="muted small"> · {t('cal.today_mark')}</span>}
            </h3>
            {(byDay.get(d) || []).length === 0 ? (
              <p class="muted small">{t('cal.no_events_day')}</p>
            ) : (
              <ul style={S.events} class="cards">
                {byDay.get(d).map((ev) => (
                  <EventItem key={ev.key} ev={ev} />
                ))}
              </ul>
            )}
          </li>
        ))}
      </ol>
    );
  }

  return (
    <section class="card stack" aria-label={label} data-testid={testid} data-view={view} data-anchor={anchor} onKeyDown={onKey}>
      <div style={S.bar}>
        <h2 style={{ margin: 0 }} aria-live="polite" data-testid={testid + '-period'}>
          {period}
        </h2>
        <div style={S.group} role="group" aria-label={t('cal.view_label')}>
          {VIEWS.map((v) => (
            <button key={v} type="button" class={'btn' + (v === view ? ' btn-primary' : '')} aria-pressed={v === view ? 'true' : 'false'} onClick={() => onChange(v, anchor)}>
              {t('cal.view.' + v)}
            </button>
          ))}
        </div>
      </div>
      <div style={S.group} role="group" aria-label={t('cal.nav_label')}>
        <button type="button" class="btn" onClick={() => step(-1)} aria-label={t('cal.prev.' + unit)}>
          <span aria-hidden="true">‹ </span>
          {t('cal.prev.' + unit)}
        </button>
        <button type="button" class="btn" onClick={() => onChange(view, today())}>
          {t('cal.today')}
        </button>
        <button type="button" class="btn" onClick={() => step(1)} aria-label={t('cal.next.' + unit)}>
          {t('cal.next.' + unit)}
          <span aria-hidden="true"> ›</span>
        </button>
      </div>
      <p class="muted small" role="status" data-testid={testid + '-count'}>
        {loading ? t('common.loading') : count === 0 ? t('cal.no_events') : t('cal.count', { n: count })}
      </p>
      {body}
    </section>
  );
}
