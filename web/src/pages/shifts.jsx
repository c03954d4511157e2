// shifts.jsx - open shifts a volunteer may sign up for (POST
// /shifts/{id}/signups); the answer (accepted, pending approval, waiting
// list) or the API's refusal is shown on the shift itself. Offline, the
// service worker's last copy is shown with the 离线 notice, without the
// shifts that have ended since, and signing up is off.
import { useEffect, useState } from 'preact/hooks';
import { get, post, savedAt } from '../api.js';
import { formatRange, t } from '../i18n/index.js';
import { useSession } from '../session.js';
import { Loading, LoadError } from '../components/ui.jsx';
import { errorText } from '../components/form.jsx';
import { myVolunteer } from '../volunteer.js';
import { OfflineNotice, needsNetwork, useRefreshOnline } from '../components/offline.jsx';

const ACTIVE = ['pending', 'accepted', 'waitlisted'];

export function ShiftSignup() {
  const { user } = useSession();
  const [state, setState] = useState({ loading: true });
  const [mine, setMine] = useState({}); // shift_id -> status
  const [errs, setErrs] = useState({}); // shift_id -> text
  const [busy, setBusy] = useState(0);

  const load = async (quiet) => {
    if (!quiet) setState({ loading: true });
    try {
      const v = await myVolunteer(user);
      if (!v) return setState({ none: true });
      // Activities hosted with the volunteer's own org (its team), then their
      // shifts not yet ended.
      const now = new Date().toISOString();
      const from = encodeURIComponent(now);
      const keep = { offline: true };
      const [acts, signups] = await Promise.all([
        get(`/activities?org_id=${v.org_id}&from=${from}&limit=50`, keep),
        get(`/signups?volunteer_id=${v.id}&limit=200`, keep),
      ]);
      const lists = await Promise.all(acts.items.map((a) => get(`/shifts?activity_id=${a.id}&from=${from}&limit=50`, keep)));
      const byId = new Map(acts.items.map((a) => [a.id, a]));
      const st = {};
      for (const s of signups.items) if (ACTIVE.includes(s.status)) st[s.shift_id] = s.status;
      setMine(st);
      const items = lists
        .flatMap((l) => l.items)
        .filter((s) => Date.parse(s.ends_at) > Date.parse(now))
        .sort((a, b) => a.starts_at.localeCompare(b.starts_at) || a.id - b.id)
        .map((s) => {
          const a = byId.get(s.activity_id);
          const pos = (a.positions || []).find((p) => p.id === s.position_id);
          return { ...s, activity: a, position: pos };
        });
      setState({ v, items, savedAt: savedAt(v, acts, signups, ...lists) });
    } catch (error) {
      setState({ error });
    }
  };
  useEffect(() => {
    load();
  }, []);
  useRefreshOnline(state.savedAt, () => load(true));

  const signUp = async (shift) => {
    setBusy(shift.id);
    setErrs((e) => ({ ...e, [shift.id]: null }));
    try {
      const s = await post(`/shifts/${shift.id}/signups`, { volunteer_id: state.v.id });
      setMine((m) => ({ ...m, [shift.id]: s.status }));
      const counted = s.status === 'accepted' ? 'accepted' : s.status === 'waitlisted' ? 'waitlisted' : null;
      if (counted) setState((st) => ({ ...st, items: st.items.map((i) => (i.id === shift.id ? { ...i, [counted]: i[counted] + 1 } : i)) }));
    } catch (err) {
      setErrs((e) => ({ ...e, [shift.id]: errorText(err) }));
    }
    setBusy(0);
  };

  if (state.loading) return <Loading />;
  if (state.error) return <LoadError error={state.error} retry={() => load()} />;
  if (state.none) return <p class="card">{t('volunteer.none')}</p>;

  return (
    <div class="stack">
      <h1>{t('shifts.title')}</h1>
      <OfflineNotice savedAt={state.savedAt} />
      {state.items.length === 0 && <p class="card muted">{t('shifts.none')}</p>}
      <ul class="list cards" data-testid="shifts">
        {state.items.map((s) => {
          const status = mine[s.id];
          return (
            <li key={s.id} class="card shift" data-shift={s.id}>
              <h2 class="shift-title">
                {s.activity.title}
                {s.position && <span class="muted"> · {s.position.title}</span>}
              </h2>
              <p>{formatRange(s.starts_at, s.ends_at)}</p>
              {s.activity.place && <p class="muted">{s.activity.place}</p>}
              <p class="small">
                {t('shifts.places', { accepted: s.accepted, capacity: s.capacity })}
                {s.waitlisted > 0 && ' · ' + t('shifts.waitlisted', { n: s.waitlisted })}
                {' · '}
                {t('signup_mode.' + s.activity.sign_up)}
              </p>
              {s.activity.risk_note && <p class="notice">{s.activity.risk_note}</p>}
              {status ? (
                <p class="status" role="status">
                  {t('signup.' + status)}
                </p>
              ) : (
                <button type="button" class="btn btn-primary" onClick={() => signUp(s)} aria-describedby={errs[s.id] ? `err-${s.id}` : undefined} {...needsNetwork(state.savedAt, busy === s.id)}>
                  {t('shifts.sign_up')}
                </button>
              )}
              {errs[s.id] && (
                <p class="error" id={`err-${s.id}`} role="alert">
                  {errs[s.id]}
                </p>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
