// care_board.jsx - the social workers' needs board: the needs of the
// caller's scope (GET /needs) in one column per status, each movable one
// legal step (POST /needs/{id}/status); triage assigns a social worker of
// the caller's orgs; a move to matched names the match (a social worker or
// a registered volunteer of the caller's orgs), which the card then shows.
// The API's error goes next to the field it names. A need a council's
// resolution became links back to its meeting; ?id= shows one need on top
// (where a council's page links to it).
import { useEffect, useRef, useState } from 'preact/hooks';
import { get, post } from '../api.js';
import { formatDateTime, t } from '../i18n/index.js';
import { useSession } from '../session.js';
import { Link, queryParam, useLocation } from '../router.jsx';
import { FormError, errorsFrom } from '../components/form.jsx';
import { useLoad, pending } from '../components/ui.jsx';
import { Badge, NEED_STATUSES, SelectField, TextAreaField, nextStatuses } from '../components/care_ui.jsx';
import { NeedHistory } from './care_needs.jsx';

const FIELDS = ['to', 'assigned_social_worker_id', 'social_worker_id', 'volunteer_id', 'note'];

/** The social workers of the caller's orgs, with their names (the API's). */
async function loadWorkers(user) {
  const orgs = [...new Set(user.roles.filter((r) => r.org_id).map((r) => r.org_id))];
  const lists = await Promise.all(orgs.map((o) => get('/social-workers?limit=200&org_id=' + o).then((r) => r.items, () => [])));
  const workers = lists.flat();
  return workers.map((w) => ({ id: w.id, person_id: w.person_id, name: w.name || t('care.worker_no', { id: w.id }), q: w.qualification }));
}

/** The registered volunteers of the caller's orgs, with their numbers. */
async function loadVolunteers(user) {
  const orgs = [...new Set(user.roles.filter((r) => r.org_id).map((r) => r.org_id))];
  const lists = await Promise.all(orgs.map((o) => get('/volunteers?limit=200&stage=registered&org_id=' + o).then((r) => r.items, () => [])));
  return lists.flat();
}

function MoveForm({ need, workers, onMoved, onCancel }) {
  const { user } = useSession();
  const next = nextStatuses(need.status);
  const mine = workers.find((w) => w.person_id === user.person_id);
  const [to, setTo] = useState(next[0] || '');
  const [sw, setSw] = useState(need.assigned_social_worker_id ? String(need.assigned_social_worker_id) : '');
  const [note, setNote] = useState('');
  const [matchSw, setMatchSw] = useState(need.assigned_social_worker_id ? String(need.assigned_social_worker_id) : '');
  const [matchVol, setMatchVol] = useState('');
  const vols = useLoad(() => (to === 'matched' ? loadVolunteers(user) : Promise.resolve([])), [to]);
  const [errors, setErrors] = useState({});
  const [busy, setBusy] = useState(false);
  const p = `m${need.id}-`;
  // opened from the card's 移动 button: the keyboard goes on in the form
  useEffect(() => document.getElementById(p + 'to')?.focus(), []);
  const submit = async (e) => {
    e.preventDefault();
    const body = { to };
    if (sw && (to === 'triaged' || Number(sw) !== need.assigned_social_worker_id)) body.assigned_social_worker_id = Number(sw);
    if (to === 'matched') {
      if (matchSw) body.social_worker_id = Number(matchSw);
      if (matchVol) body.volunteer_id = Number(matchVol);
    }
    if (note.trim()) body.note = note.trim();
    setBusy(true);
    setErrors({});
    try {
      onMoved(await post(`/needs/${need.id}/status`, body));
    } catch (err) {
      setErrors(errorsFrom(err, FIELDS));
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit} noValidate data-testid={'move-' + need.id} aria-label={t('care.move_label', { title: need.title })}>
      <FormError text={errors._form} />
      <SelectField id={p + 'to'} name="to" label={t('care.move_to')} value={to} onChange={setTo} error={errors.to} placeholder={t('care.choose')} options={next.map((s) => [s, t('care.need_status.' + s)])} />
      <SelectField
        id={p + 'sw'}
        name="assigned_social_worker_id"
        label={t('care.assignee')}
        value={sw}
        onChange={setSw}
        error={errors.assigned_social_worker_id}
        placeholder={t('care.choose')}
        hint={to === 'triaged' ? t('care.assignee_hint') : undefined}
        options={workers.map((w) => [String(w.id), w.name + (w === mine ? t('care.me') : '') + ' · ' + t('care.qual.' + w.q)])}
      />
      {to === 'matched' && (
        <>
          <SelectField
            id={p + 'msw'}
            name="social_worker_id"
            label={t('care.match_sw')}
            value={matchSw}
            onChange={setMatchSw}
            error={errors.social_worker_id}
            placeholder={t('care.choose')}
            hint={t('care.match_hint')}
            options={workers.map((w) => [String(w.id), w.name + ' · ' + t('care.qual.' + w.q)])}
          />
          <SelectField
            id={p + 'mvol'}
            name="volunteer_id"
            label={t('care.match_vol')}
            value={matchVol}
            onChange={setMatchVol}
            error={errors.volunteer_id}
            placeholder={t('care.choose')}
            options={(Array.isArray(vols) ? vols : []).map((v) => [String(v.id), (v.name ? v.name + ' · ' : '') + (v.volunteer_no || t('care.volunteer_no', { id: v.id }))])}
          />
        </>
      )}
      <TextAreaField id={p + 'note'} name="note" label={t('care.note')} value={note} onInput={setNote} error={errors.note} rows={2} maxLength={2000} />
      <div class="row">
        <button type="submit" class="btn btn-primary" disabled={busy}>
          {t('care.move_submit')}
        </button>
        <button type="button" class="btn" onClick={onCancel}>
          {t('care.cancel')}
        </button>
      </div>
    </form>
  );
}

/** A social worker by name: the API's (issue 18), else the board's list,
 * else the number (a worker whose person the caller may not read). */
function workerName(id, name, workers) {
  const w = workers.find((x) => x.id === id);
  return name || (w && w.name) || t('care.worker_no', { id });
}

/** What a matched need was matched with, in words. */
function matchText(need, workers) {
  const out = [];
  if (need.match_social_worker_id) {
    out.push(t('care.match_sw_is', { name: workerName(need.match_social_worker_id, need.match_social_worker_name, workers) }));
  }
  if (need.match_volunteer_id) out.push(need.match_volunteer_name ? t('forms.match_vol_named', { name: need.match_volunteer_name }) : t('care.match_vol_is', { id: need.match_volunteer_id }));
  if (need.match_activity_id) out.push(t('care.match_act_is', { id: need.match_activity_id }));
  if (need.match_shift_id) out.push(t('care.match_shift_is', { id: need.match_shift_id }));
  return out.join('，');
}

function NeedCard({ need, workers, onMoved }) {
  const [mode, setMode] = useState(null); // 'move' | 'history'
  const canMove = nextStatuses(need.status).length > 0;
  const moveButton = useRef(null);
  const cancel = () => {
    setMode(null);
    setTimeout(() => moveButton.current?.focus()); // back where the keyboard was
  };
  return (
    <li class="card need-card" data-need={need.id} style={{ padding: '.75rem' }}>
      <strong>{need.title}</strong>
      <p class="small muted" style={{ margin: '.25rem 0' }}>
        {t('care.category.' + need.category)} · {t('care.urgency_is', { u: t('care.urgency.' + need.urgency) })} · {t('care.raised_by.' + need.raised_by)}
      </p>
      <p class="small" style={{ margin: '.25rem 0' }}>
        {need.assigned_social_worker_id ? t('care.assigned_to', { name: workerName(need.assigned_social_worker_id, need.assigned_social_worker_name, workers) }) : t('care.unassigned')}
      </p>
      {(need.match_social_worker_id || need.match_volunteer_id || need.match_activity_id || need.match_shift_id) && (
        <p class="small" style={{ margin: '.25rem 0' }} data-testid={'match-' + need.id}>
          {t('care.matched_with', { what: matchText(need, workers) })}
        </p>
      )}
      {need.resolution_id && (
        <p class="small" style={{ margin: '.25rem 0' }}>
          <Link href={'/councils/meeting?resolution=' + need.resolution_id} data-testid={'from-resolution-' + need.id}>
            {t('council.from_resolution', { id: need.resolution_id })}
          </Link>
        </p>
      )}
      <p class="small muted" style={{ margin: '.25rem 0' }}>
        {formatDateTime(need.updated_at)}
      </p>
      {mode === 'move' ? (
        <MoveForm need={need} workers={workers} onCancel={cancel} onMoved={(n) => (setMode(null), onMoved(n))} />
      ) : (
        <div class="row">
          {canMove && (
            <button type="button" class="btn btn-quiet" ref={moveButton} onClick={() => setMode('move')} aria-label={t('care.move_label', { title: need.title })}>
              {t('care.move')}
            </button>
          )}
          <button type="button" class="btn btn-quiet" aria-expanded={mode === 'history' ? 'true' : 'false'} onClick={() => setMode(mode === 'history' ? null : 'history')}>
            {t('care.history')}
          </button>
        </div>
      )}
      {mode === 'history' && <NeedHistory id={need.id} />}
    </li>
  );
}

export function NeedsBoard() {
  const { user } = useSession();
  const [flash, setFlash] = useState(null);
  useLocation();
  const focus = queryParam('id');
  const [state, setState, load] = useLoad(async () => {
    const [needs, workers, one] = await Promise.all([get('/needs?limit=200'), loadWorkers(user), focus ? get('/needs/' + focus) : null]);
    return { needs: needs.items, workers, focus: one };
  }, [focus]);
  const wait = pending(state, load);
  if (wait) return wait;

  const moved = (n) => {
    setState((s) => ({ ...s, needs: s.needs.map((x) => (x.id === n.id ? n : x)), focus: s.focus && s.focus.id === n.id ? n : s.focus }));
    setFlash(t('care.moved_flash', { title: n.title, to: t('care.need_status.' + n.status) }));
    // the keyboard follows the card to its new column
    setTimeout(() => document.querySelector(`[data-testid="board"] li[data-need="${n.id}"] button`)?.focus());
  };
  return (
    <div class="stack">
      <h1>{t('care.board_title')}</h1>
      <p class="status" role="status" aria-live="polite">
        {flash || ''}
      </p>
      {state.focus && (
        <section class="card" data-testid="need-focus" aria-label={t('council.need_focus')}>
          <h2 style={{ fontSize: '1rem' }}>{t('council.need_focus')}</h2>
          <ul class="plain" style={{ padding: 0, margin: 0 }}>
            <NeedCard need={state.focus} workers={state.workers} onMoved={moved} />
          </ul>
        </section>
      )}
      <div
        data-testid="board"
        role="region"
        aria-label={t('care.board_columns')}
        tabIndex={0}
        style={{ display: 'grid', gridAutoFlow: 'column', gridAutoColumns: 'minmax(240px, 1fr)', gap: '.75rem', overflowX: 'auto', paddingBottom: '.5rem' }}
      >
        {NEED_STATUSES.map((s) => {
          const items = state.needs.filter((n) => n.status === s);
          return (
            <section key={s} aria-labelledby={'col-' + s} data-column={s} style={{ background: '#f4f6f8', borderRadius: '8px', padding: '.5rem', minWidth: 0 }}>
              <h2 id={'col-' + s} style={{ fontSize: '1rem', display: 'flex', justifyContent: 'space-between', gap: '.5rem' }}>
                <Badge prefix="care.need_status." value={s} />
                <span class="muted">{t('care.count', { n: items.length })}</span>
              </h2>
              {items.length === 0 ? (
                <p class="muted small">{t('care.column_empty')}</p>
              ) : (
                <ul class="plain" style={{ display: 'flex', flexDirection: 'column', gap: '.5rem', padding: 0, margin: 0 }}>
                  {items.map((n) => (
                    <NeedCard key={n.id} need={n} workers={state.workers} onMoved={moved} />
                  ))}
                </ul>
              )}
            </section>
          );
        })}
      </div>
    </div>
  );
}
