// care_board.jsx - the social workers' needs board: the needs of the
// caller's scope (GET /needs) in one column per status, each movable one
// legal step (POST /needs/{id}/status); triage assigns a social worker of
// the caller's orgs; a move to matched names the match (a social worker or
// a registered volunteer of the caller's orgs), which the card then shows.
// The API's error goes next to the field it names. A need a council's
// resolution became links back to its meeting; ?id= shows one need on top
// (where a council's page links to it, and where a row of the table opens).
// Filters by urgency, category and assignee (the API's) narrow both views;
// ?view=table shows the needs as a table instead of columns (issue 18:
// components/table.jsx, a page at a time on the API's cursor, sortable,
// filtered by status too). The view and the filters are in the URL.
import { useEffect, useRef, useState } from 'preact/hooks';
import { get, post } from '../api.js';
import { formatDateTime, t } from '../i18n/index.js';
import { useSession } from '../session.js';
import { Link, navigate, queryParam, useLocation } from '../router.jsx';
import { FormError, errorsFrom } from '../components/form.jsx';
import { Loading, useLoad, pending } from '../components/ui.jsx';
import { DataTable, useCursorList } from '../components/table.jsx';
import { Badge, CATEGORIES, NEED_STATUSES, SelectField, TextAreaField, URGENCIES, nextStatuses } from '../components/care_ui.jsx';
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

/** The URL parameters of the board: the view and the API's filters. */
const PARAMS = ['view', 'status', 'urgency', 'category', 'assigned_social_worker_id'];
/** Those the board's columns also honour (the table adds `status`). */
const BOARD_FILTERS = ['urgency', 'category', 'assigned_social_worker_id'];

function currentParams() {
  const p = {};
  for (const k of PARAMS) p[k] = queryParam(k) || '';
  if (p.view !== 'table') p.view = '';
  return p;
}

/** /needs with `p` (empty values left out) and `change` applied. */
function boardHref(p, change = {}) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...p, ...change })) if (v) q.set(k, v);
  const s = q.toString();
  return '/needs' + (s ? '?' + s : '');
}

function Filters({ p, workers }) {
  const set = (k) => (v) => navigate(boardHref(p, { [k]: v }));
  return (
    <section class="card dtable-filters" aria-label={t('care.filters')} data-testid="need-filters">
      {p.view === 'table' && (
        <SelectField id="nf-status" name="status" label={t('care.status_label')} value={p.status} onChange={set('status')} placeholder={t('forms.any')} options={NEED_STATUSES.map((s) => [s, t('care.need_status.' + s)])} />
      )}
      <SelectField id="nf-urgency" name="urgency" label={t('care.urgency')} value={p.urgency} onChange={set('urgency')} placeholder={t('forms.any')} options={URGENCIES.map((u) => [u, t('care.urgency.' + u)])} />
      <SelectField id="nf-category" name="category" label={t('care.category')} value={p.category} onChange={set('category')} placeholder={t('forms.any')} options={CATEGORIES.map((c) => [c, t('care.category.' + c)])} />
      <SelectField
        id="nf-assignee"
        name="assigned_social_worker_id"
        label={t('care.assignee')}
        value={p.assigned_social_worker_id}
        onChange={set('assigned_social_worker_id')}
        placeholder={t('forms.any')}
        options={workers.map((w) => [String(w.id), w.name])}
      />
    </section>
  );
}

/** The needs as a table: the API's filters (status too), a page at a time
 * on its cursor, sortable by any column; a title opens the need on top
 * (?id=) with its moves and history. `moved` is the last need moved there,
 * put in its row. */
function NeedTable({ p, workers, moved }) {
  const { view, ...filters } = p;
  const list = useCursorList('/needs', filters);
  useEffect(() => {
    if (moved) list.setItems((items) => items.map((x) => (x.id === moved.id ? moved : x)));
  }, [moved]);
  const columns = [
    { key: 'title', label: t('care.need_title'), render: (n) => <Link href={boardHref(p, { id: String(n.id) })}>{n.title}</Link> },
    { key: 'status', label: t('care.status_label'), value: (n) => NEED_STATUSES.indexOf(n.status), render: (n) => <Badge prefix="care.need_status." value={n.status} /> },
    { key: 'urgency', label: t('care.urgency'), value: (n) => URGENCIES.indexOf(n.urgency), render: (n) => t('care.urgency.' + n.urgency) },
    { key: 'category', label: t('care.category'), value: (n) => t('care.category.' + n.category) },
    {
      key: 'assignee',
      label: t('care.assignee'),
      value: (n) => (n.assigned_social_worker_id ? workerName(n.assigned_social_worker_id, n.assigned_social_worker_name, workers) : ''),
      render: (n) => (n.assigned_social_worker_id ? workerName(n.assigned_social_worker_id, n.assigned_social_worker_name, workers) : <span class="muted">{t('care.unassigned')}</span>),
    },
    { key: 'updated_at', label: t('care.updated'), render: (n) => formatDateTime(n.updated_at) },
  ];
  return <DataTable list={list} columns={columns} label={t('care.table_label')} empty={t('care.table_empty')} testid="need-table" />;
}

export function NeedsBoard() {
  const { user } = useSession();
  const [flash, setFlash] = useState(null);
  const [lastMoved, setLastMoved] = useState(null);
  useLocation();
  const focus = queryParam('id');
  const p = currentParams();
  const boardQuery = new URLSearchParams({ limit: '200' });
  for (const k of BOARD_FILTERS) if (p[k]) boardQuery.set(k, p[k]);
  // the table reads its own rows: its filters do not reload the page
  const [state, setState, load] = useLoad(async () => {
    const [needs, workers] = await Promise.all([p.view === 'table' ? null : get('/needs?' + boardQuery), loadWorkers(user)]);
    return { needs: needs ? needs.items : [], workers };
  }, [p.view, p.view === 'table' ? '' : boardQuery.toString()]);
  // the need on top (?id=) comes by itself, so that opening one keeps the
  // table as it is, with the pages it has loaded
  const [one, setOne, loadOne] = useLoad(() => (focus ? get('/needs/' + focus) : Promise.resolve({ none: true })), [focus]);
  const wait = pending(state, load);
  if (wait) return wait;

  const moved = (n) => {
    setState((s) => ({ ...s, needs: s.needs.map((x) => (x.id === n.id ? n : x)) }));
    setOne((o) => (o && o.id === n.id ? n : o));
    setLastMoved(n);
    setFlash(t('care.moved_flash', { title: n.title, to: t('care.need_status.' + n.status) }));
    // the keyboard follows the card to its new column
    setTimeout(() => document.querySelector(`[data-testid="board"] li[data-need="${n.id}"] button`)?.focus());
  };
  const board = p.view !== 'table';
  return (
    <div class="stack">
      <h1>{t('care.board_title')}</h1>
      <p class="row" role="group" aria-label={t('forms.view')}>
        <Link class={'btn' + (board ? ' btn-primary' : '')} href={boardHref({ ...p, view: '', status: '' })} aria-current={board ? 'page' : undefined} data-testid="view-board">
          {t('forms.view_board')}
        </Link>
        <Link class={'btn' + (!board ? ' btn-primary' : '')} href={boardHref(p, { view: 'table' })} aria-current={!board ? 'page' : undefined} data-testid="view-table">
          {t('forms.view_table')}
        </Link>
      </p>
      <p class="status" role="status" aria-live="polite">
        {flash || ''}
      </p>
      {focus && (
        <section class="card" data-testid="need-focus" aria-label={t('council.need_focus')}>
          <h2 style={{ fontSize: '1rem' }}>{t('council.need_focus')}</h2>
          {pending(one, loadOne) ||
            (String(one.id) === focus ? (
              <ul class="plain" style={{ padding: 0, margin: 0 }}>
                <NeedCard key={one.id} need={one} workers={state.workers} onMoved={moved} />
              </ul>
            ) : (
              <Loading />
            ))}
        </section>
      )}
      <Filters p={p} workers={state.workers} />
      {!board && <NeedTable key={boardHref(p)} p={p} workers={state.workers} moved={lastMoved} />}
      {board && (
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
      )}
    </div>
  );
}
