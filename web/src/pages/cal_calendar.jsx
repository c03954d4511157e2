// cal_calendar.jsx - the organisers' calendar: the shifts of the activities
// of the caller's scope (their org's subtree; a regional admin's region; the
// whole platform for a platform admin) in the month or week shown, each
// linking to its sign-ups page.
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../i18n/index.js';
import { actingOrg, actingRegion, useSession } from '../session.js';
import { staffOrg } from './staff_activities.jsx';
import { ORGANISE } from '../routes_staff.js';
import { Calendar, rangeOf, useCalendarState } from '../components/calendar.jsx';
import { getAll, shiftsOf } from '../components/calendar_data.jsx';
import { LoadError } from '../components/ui.jsx';

/** The activities filter of the caller's scope. */
function scopeQuery(user) {
  const org = staffOrg(user) || actingOrg(user);
  if (org) return '&org_id=' + org;
  const region = actingRegion(user);
  return region ? '&region_id=' + region : '';
}

/** Calendar events of shifts, named by their activity and position. */
export function shiftEvents(shifts, activities, canOpen, titleOf) {
  const acts = new Map(activities.map((a) => [a.id, a]));
  return shifts.map((s) => {
    const a = acts.get(s.activity_id) || {};
    const pos = (a.positions || []).find((p) => p.id === s.position_id);
    const places = t('cal.places', { accepted: s.accepted, capacity: s.capacity });
    return {
      key: 's' + s.id,
      start: s.starts_at,
      end: s.ends_at,
      title: titleOf ? titleOf(s, a, pos) : a.title || t('cal.shift_n', { id: s.id }),
      sub: (!titleOf && pos ? pos.title + ' · ' : '') + places,
      href: canOpen ? `/shift?id=${s.id}` : undefined,
    };
  });
}

export function OrgCalendar() {
  const { user } = useSession();
  const [{ view, anchor }, setCal] = useCalendarState();
  const [state, setState] = useState({ loading: true, events: [] });
  const canOpen = user.roles.some((r) => ORGANISE.includes(r.role));
  const seq = useRef(0);
  const load = async () => {
    const { from, to } = rangeOf(view, anchor);
    const mine = ++seq.current; // a slower earlier answer must not win
    setState((s) => ({ loading: true, events: s.events }));
    try {
      const q = 'from=' + encodeURIComponent(from) + '&to=' + encodeURIComponent(to);
      const activities = await getAll('/activities?' + q + scopeQuery(user));
      const shifts = await shiftsOf(activities.map((a) => a.id), from, to);
      if (mine === seq.current) setState({ events: shiftEvents(shifts, activities, canOpen) });
    } catch (error) {
      if (mine === seq.current) setState({ error, events: [] });
    }
  };
  useEffect(() => {
    load();
  }, [view, anchor]);
  return (
    <div class="stack">
      <h1>{t('cal.title')}</h1>
      <p class="muted">{t('cal.intro')}</p>
      {state.error && <LoadError error={state.error} retry={load} />}
      <Calendar events={state.events} view={view} anchor={anchor} onChange={setCal} loading={state.loading} label={t('cal.title')} testid="org-calendar" />
    </div>
  );
}
