// staff_shift.jsx - one shift for its organisers: the sign-ups with approval
// (accept / reject, the waiting list; several accepted at once, each
// sign-up's result listed, issue 18), attendance and the hours to verify;
// and the leader's check-in screen: the rotating QR code (GET
// /shifts/{id}/check-in-token, fetched again before it expires) and who has
// checked in, polled.
import { useEffect, useRef, useState } from 'preact/hooks';
import { get, post } from '../api.js';
import { formatDateTime, formatNumber, formatRange, t } from '../i18n/index.js';
import { Link, queryParam } from '../router.jsx';
import { errorText } from '../components/form.jsx';
import { Loading, LoadError } from '../components/ui.jsx';
import { BulkBar, runEach } from '../components/table.jsx';
import { Flags } from './rec_records.jsx';
import { Crumbs } from '../components/crumbs.jsx';

/** Volunteer names by volunteer id (a name the caller may not read stays
 * the volunteer's number). */
async function names(ids) {
  const out = {};
  await Promise.all(
    [...new Set(ids)].map(async (vid) => {
      try {
        const v = await get(`/volunteers/${vid}`);
        out[vid] = v.name || v.volunteer_no; // the API names the person (issue 18)
      } catch {
        out[vid] = out[vid] || '#' + vid;
      }
    }),
  );
  return out;
}

async function loadShift(id) {
  const shift = await get(`/shifts/${id}`);
  const [act, signups, att] = await Promise.all([
    get(`/activities/${shift.activity_id}`),
    get(`/shifts/${id}/signups?limit=200`),
    get(`/attendance?shift_id=${id}&limit=200`),
  ]);
  return { shift, act, signups: signups.items, att: att.items, who: await names(signups.items.map((s) => s.volunteer_id)) };
}

const GROUPS = ['pending', 'waitlisted', 'accepted', 'rejected', 'cancelled'];

export function ShiftSignups() {
  const id = queryParam('id');
  const [state, setState] = useState({ loading: true });
  const [records, setRecords] = useState([]);
  const [errs, setErrs] = useState({});
  const [busy, setBusy] = useState(0);
  const [picked, setPicked] = useState(new Set());
  const [results, setResults] = useState(null);
  const load = async (quiet) => {
    if (!quiet) setState({ loading: true });
    try {
      const d = await loadShift(id);
      const recs = await get(`/service-records?activity_id=${d.act.id}&limit=200`);
      const mine = new Set(d.signups.map((s) => s.id));
      setRecords(recs.items.filter((r) => mine.has(r.signup_id)));
      setState(d);
    } catch (error) {
      setState({ error });
    }
  };
  useEffect(() => {
    load();
  }, []);

  const act = async (key, path) => {
    setBusy(key);
    setErrs((e) => ({ ...e, [key]: null }));
    try {
      await post(path);
      await load(true);
    } catch (err) {
      setErrs((e) => ({ ...e, [key]: errorText(err) }));
    }
    setBusy(0);
  };

  if (state.loading) return <Loading />;
  if (state.error) return <LoadError error={state.error} retry={() => load()} />;
  const { shift, act: a, signups, att, who } = state;
  const attOf = (sid) => att.find((x) => x.signup_id === sid);
  const recOf = (sid) => records.find((r) => r.signup_id === sid && r.status !== 'voided');
  const open = signups.filter((s) => s.status === 'pending' || s.status === 'waitlisted');
  const allOn = open.length > 0 && open.every((s) => picked.has(s.id));
  const toggle = (sid, on) =>
    setPicked((p) => {
      const n = new Set(p);
      on ? n.add(sid) : n.delete(sid);
      return n;
    });
  // accept each chosen sign-up in turn: one refused (the shift full, say)
  // is listed with the API's reason, the others stay accepted
  const acceptAll = async () => {
    setBusy('bulk');
    const done = await runEach(
      open.filter((s) => picked.has(s.id)),
      (s) => post(`/signups/${s.id}/accept`),
    );
    setResults(done);
    setPicked(new Set(done.filter((r) => !r.ok).map((r) => r.item.id)));
    await load(true);
    setBusy(0);
  };

  return (
    <div class="stack">
      <Crumbs here={a.title + ' · ' + formatRange(shift.starts_at, shift.ends_at)} />
      <h1>{t('sig.title')}</h1>
      <section class="card">
        <h2>
          <Link href={`/activity?id=${a.id}`}>{a.title}</Link>
        </h2>
        <p>{formatRange(shift.starts_at, shift.ends_at)}</p>
        <p class="small">
          {t('shifts.places', { accepted: shift.accepted, capacity: shift.capacity })} · {t('signup_mode.' + a.sign_up)}
        </p>
        <Link href={`/shift/checkin?id=${shift.id}`} class="btn btn-primary">
          {t('act.checkin_screen')}
        </Link>
      </section>
      {signups.length === 0 && <p class="card muted">{t('sig.none')}</p>}
      {(open.length > 0 || results) && (
        <BulkBar count={picked.size} results={results} nameOf={(s) => who[s.volunteer_id]} testid="signups-bulk">
          <label class="row" style={{ gap: '.4rem', margin: 0 }}>
            <input type="checkbox" checked={allOn} onChange={() => setPicked(allOn ? new Set() : new Set(open.map((s) => s.id)))} data-testid="select-all" />
            {t('forms.select_all_n', { n: open.length })}
          </label>
          <button type="button" class="btn btn-primary" disabled={busy === 'bulk' || picked.size === 0} onClick={acceptAll} data-testid="bulk-accept">
            {busy === 'bulk' ? t('forms.bulk_running') : t('forms.bulk_accept')}
          </button>
        </BulkBar>
      )}
      {GROUPS.map((g) => {
        const list = signups.filter((s) => s.status === g);
        if (!list.length) return null;
        return (
          <section key={g} class="card" data-testid={'signups-' + g}>
            <h2>
              {t('sig.group.' + g)} ({list.length})
            </h2>
            <ul class="list">
              {list.map((s) => {
                const at = attOf(s.id), rec = recOf(s.id);
                return (
                  <li key={s.id} class="list-item" data-signup={s.id}>
                    {(g === 'pending' || g === 'waitlisted') && (
                      <input type="checkbox" checked={picked.has(s.id)} onChange={(e) => toggle(s.id, e.currentTarget.checked)} aria-label={t('forms.select_row', { name: who[s.volunteer_id] })} style={{ width: '1.25rem', height: '1.25rem', flex: 'none' }} />
                    )}
                    <div class="list-main">
                      <span>{who[s.volunteer_id]}</span>
                      {at && (
                        <span class="small muted">
                          {t('sig.checked_in', { time: formatDateTime(at.check_in_at) })}
                          {at.check_out_at && ' · ' + t('sig.checked_out', { time: formatDateTime(at.check_out_at) })}
                        </span>
                      )}
                      {rec && (
                        <span class="small" data-testid="record">
                          {t('unit.hours', { n: formatNumber(rec.hours, 2) })} · {t('sig.record.' + rec.status)} <Flags r={rec} />
                        </span>
                      )}
                      {errs[s.id] && (
                        <span class="error" role="alert">
                          {errs[s.id]}
                        </span>
                      )}
                    </div>
                    <div class="row">
                      {(g === 'pending' || g === 'waitlisted') && (
                        <>
                          <button type="button" class="btn btn-primary" disabled={busy === s.id} onClick={() => act(s.id, `/signups/${s.id}/accept`)}>
                            {t('sig.accept')}
                          </button>
                          <button type="button" class="btn" disabled={busy === s.id} onClick={() => act(s.id, `/signups/${s.id}/reject`)}>
                            {t('sig.reject')}
                          </button>
                        </>
                      )}
                      {rec && rec.status === 'recorded' && (
                        <button type="button" class="btn btn-primary" disabled={busy === s.id} onClick={() => act(s.id, `/service-records/${rec.id}/verify`)}>
                          {t('sig.verify')}
                        </button>
                      )}
                    </div>
                  </li>
                );
              })}
            </ul>
          </section>
        );
      })}
    </div>
  );
}

const POLL_MS = 5000;

export function ShiftCheckinScreen() {
  const id = queryParam('id');
  const [state, setState] = useState({ loading: true });
  const [tok, setTok] = useState(null);
  const [tokErr, setTokErr] = useState(null);
  const [left, setLeft] = useState(0);
  const timer = useRef(0);

  // The token: fetched again 10 s before it expires (it lives 60 s).
  useEffect(() => {
    let stop = false;
    const fetchTok = async () => {
      try {
        const x = await get(`/shifts/${id}/check-in-token`);
        if (stop) return;
        setTok(x);
        setTokErr(null);
        const ms = new Date(x.expires_at).getTime() - Date.now() - 10000;
        timer.current = setTimeout(fetchTok, Math.max(5000, ms));
      } catch (err) {
        if (stop) return;
        setTokErr(errorText(err));
        timer.current = setTimeout(fetchTok, 5000);
      }
    };
    fetchTok();
    return () => {
      stop = true;
      clearTimeout(timer.current);
    };
  }, []);

  useEffect(() => {
    const tick = setInterval(() => tok && setLeft(Math.max(0, Math.round((new Date(tok.expires_at).getTime() - Date.now()) / 1000))), 1000);
    return () => clearInterval(tick);
  }, [tok]);

  // Who has checked in: the sign-ups once, the attendance every few seconds.
  useEffect(() => {
    let stop = false, poll = 0;
    (async () => {
      try {
        const d = await loadShift(id);
        if (stop) return;
        setState(d);
        poll = setInterval(async () => {
          try {
            const att = await get(`/attendance?shift_id=${id}&limit=200`);
            if (!stop) setState((s) => ({ ...s, att: att.items }));
          } catch {
            /* the next poll tries again */
          }
        }, POLL_MS);
      } catch (error) {
        if (!stop) setState({ error });
      }
    })();
    return () => {
      stop = true;
      clearInterval(poll);
    };
  }, []);

  if (state.loading) return <Loading />;
  if (state.error) return <LoadError error={state.error} />;
  const { shift, act: a, signups, att, who } = state;
  const accepted = signups.filter((s) => s.status === 'accepted');
  const attOf = (sid) => att.find((x) => x.signup_id === sid);
  const inCount = accepted.filter((s) => attOf(s.id)).length;

  return (
    <div class="stack">
      <h1>{t('qr.title')}</h1>
      <section class="card">
        <h2>{a.title}</h2>
        <p>{formatRange(shift.starts_at, shift.ends_at)}</p>
      </section>
      <section class="card" aria-labelledby="h-qr" data-testid="qr-card">
        <h2 id="h-qr">{t('qr.scan')}</h2>
        {tokErr && (
          <p class="error" role="alert">
            {tokErr}
          </p>
        )}
        {tok && (
          <>
            <img src={'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(tok.qr_svg)} alt={t('qr.alt')} width="280" height="280" data-testid="qr" />
            <p>
              {t('qr.code')} <span class="mono" data-testid="qr-token">{tok.token}</span>
            </p>
            <p class="muted small" role="timer" aria-live="off">
              {t('qr.expires', { s: left })}
            </p>
            <p class="small">
              <a href={tok.link} data-testid="qr-link">
                {t('qr.link')}
              </a>
            </p>
          </>
        )}
      </section>
      <section class="card" aria-labelledby="h-in" data-testid="checked-in">
        <h2 id="h-in">{t('qr.checked_in', { n: inCount, total: accepted.length })}</h2>
        <ul class="list" aria-live="polite">
          {accepted.map((s) => {
            const at = attOf(s.id);
            return (
              <li key={s.id} class="list-item" data-signup={s.id} data-in={at ? 'yes' : 'no'}>
                <span>{who[s.volunteer_id]}</span>
                <span class={at ? 'status' : 'muted small'}>
                  {at ? (at.check_out_at ? t('qr.out_at', { time: formatDateTime(at.check_out_at) }) : t('qr.in_at', { time: formatDateTime(at.check_in_at) })) : t('qr.not_yet')}
                </span>
              </li>
            );
          })}
        </ul>
      </section>
    </div>
  );
}
