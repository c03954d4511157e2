// staff_activities.jsx - the organisers' activities: the list of the
// caller's org, a new activity with its first position and shift (checked
// here as the API checks it; the API's own errors shown next to the field
// they name; a professional activity's lead social worker, refused by the
// qualification rules next to its field; the service project it belongs to,
// issue 16), and one activity with its shifts and its project. The list is a
// table on the API's cursor, filtered by mode (issue 18); the host org
// and the lead are chosen by name (components/picker.jsx, issue 18).
import { useEffect, useState } from 'preact/hooks';
import { get, post } from '../api.js';
import { formatRange, t } from '../i18n/index.js';
import { Link, navigate, queryParam } from '../router.jsx';
import { actingOrg, useSession } from '../session.js';
import { Field, FormError, errorsFrom } from '../components/form.jsx';
import { useLoad, pending } from '../components/ui.jsx';
import { SelectField } from '../components/lk_ui.jsx';
import { Picker } from '../components/picker.jsx';
import { DataTable, useCursorList } from '../components/table.jsx';
import { Crumbs } from '../components/crumbs.jsx';

export const ORGANISERS = ['org_admin', 'supervisor', 'social_worker'];
const MODES = ['daily', 'professional', 'event', 'emergency', 'advocacy'];

/** The org the caller organises for: its acting staff role's org (null for a
 * platform admin, who names one). */
export const staffOrg = (user) => actingOrg(user, (r) => ORGANISERS.includes(r.role));

/** "2026-11-24T09:00" (a datetime-local value, China time) → ISO with offset. */
const toIso = (v) => (v ? v + ':00+08:00' : '');

function Select({ name, label, value, onInput, options, error }) {
  const id = 'f-' + name;
  return (
    <div class={'field' + (error ? ' field-invalid' : '')}>
      <label for={id}>{label}</label>
      <select id={id} name={name} value={value} onInput={(e) => onInput(e.currentTarget.value)} class="btn btn-block" aria-invalid={error ? 'true' : undefined} aria-describedby={error ? id + '-err' : undefined}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {error && (
        <p class="error" id={id + '-err'} data-field={name} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

export function ActivityList() {
  const { user } = useSession();
  const org = staffOrg(user);
  const mode = queryParam('mode') || '';
  // a page at a time on the cursor, filtered by mode on the server (issue 18)
  const list = useCursorList('/activities', { org_id: org, mode });
  const columns = [
    { key: 'title', label: t('act.f_title'), render: (a) => <Link href={`/activity?id=${a.id}`}>{a.title}</Link> },
    { key: 'starts_at', label: t('forms.when'), render: (a) => formatRange(a.starts_at, a.ends_at) },
    { key: 'mode', label: t('act.f_mode'), value: (a) => t('act.mode.' + a.mode) },
    { key: 'sign_up', label: t('act.f_sign_up'), value: (a) => t('signup_mode.' + a.sign_up) },
    { key: 'place', label: t('act.f_place'), value: (a) => a.place || '' },
  ];
  return (
    <div class="stack">
      <h1>{t('act.title')}</h1>
      <Link href="/activities/new" class="btn btn-primary">
        {t('act.new')}
      </Link>
      <div class="card dtable-filters">
        <Select name="act_mode" label={t('act.f_mode')} value={mode} onInput={(v) => navigate('/activities' + (v ? '?mode=' + v : ''))} options={[{ value: '', label: t('forms.any') }, ...MODES.map((m) => ({ value: m, label: t('act.mode.' + m) }))]} />
      </div>
      <DataTable list={list} columns={columns} label={t('act.title')} empty={t('act.none')} testid="activities" initialSort={{ key: 'starts_at', dir: -1 }} />
    </div>
  );
}

const ACT_FIELDS = ['title', 'mode', 'place', 'starts_at', 'ends_at', 'sign_up', 'org_ids', 'lead_social_worker_id', 'project_id'];
/** The projects an activity may join: those not yet accepted or failed. */
const OPEN_PROJECTS = ['planned', 'running', 'closing'];

export function ActivityNew() {
  const { user } = useSession();
  const myOrg = staffOrg(user);
  const [f, setF] = useState({
    title: '', mode: 'daily', place: '', starts_at: '', ends_at: '', sign_up: 'open', org: myOrg ? String(myOrg) : '',
    pos_title: '', headcount: '2', shift_start: '', shift_end: '', lead: '', project: queryParam('project_id') || '',
  });
  const [projects, setProjects] = useState([]);
  const [teams, setTeams] = useState([]);
  const [errors, setErrors] = useState({});
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState(null); // the activity, once made
  const set = (k) => (v) => setF((o) => ({ ...o, [k]: v }));

  useEffect(() => {
    // Co-host with the org's volunteer teams, so their volunteers see it.
    if (myOrg) get(`/orgs?org_id=${myOrg}&kind=volunteer_team&limit=50`).then((r) => setTeams(r.items), () => {});
    get('/projects?limit=200').then((r) => setProjects(r.items.filter((p) => OPEN_PROJECTS.includes(p.status))), () => {});
  }, []);

  const check = () => {
    const e = {};
    const req = (k) => !String(f[k]).trim() && (e[k] = t('error.required'));
    ['title', 'starts_at', 'ends_at', 'pos_title', 'headcount', 'shift_start', 'shift_end', 'org'].forEach(req);
    if (f.title.length > 200) e.title = t('act.err_long');
    if (f.place.length > 200) e.place = t('act.err_long');
    if (!e.ends_at && !e.starts_at && f.ends_at <= f.starts_at) e.ends_at = t('act.err_end_before');
    const n = Number(f.headcount);
    if (!e.headcount && !(Number.isInteger(n) && n >= 1 && n <= 10000)) e.headcount = t('act.err_headcount');
    if (!e.shift_end && !e.shift_start && f.shift_end <= f.shift_start) e.shift_end = t('act.err_end_before');
    if (!e.shift_start && !e.starts_at && !e.ends_at && (f.shift_start < f.starts_at || f.shift_start >= f.ends_at)) e.shift_start = t('act.err_shift_outside');
    if (!e.shift_end && !e.starts_at && !e.ends_at && (f.shift_end > f.ends_at || f.shift_end <= f.starts_at)) e.shift_end = t('act.err_shift_outside');
    return e;
  };

  const submit = async (ev) => {
    ev.preventDefault();
    const e = check();
    setErrors(e);
    if (Object.keys(e).length) {
      const first = document.querySelector('[aria-invalid="true"]');
      if (first) first.focus();
      return;
    }
    setBusy(true);
    let act = created;
    try {
      if (!act) {
        const org = Number(f.org);
        act = await post('/activities', {
          title: f.title.trim(), mode: f.mode, place: f.place.trim() || undefined, sign_up: f.sign_up,
          starts_at: toIso(f.starts_at), ends_at: toIso(f.ends_at),
          org_ids: [org, ...teams.map((x) => x.id).filter((id) => id !== org)],
          positions: [{ title: f.pos_title.trim(), headcount: Number(f.headcount) }],
          lead_social_worker_id: f.mode === 'professional' && f.lead ? Number(f.lead) : undefined,
          project_id: f.project ? Number(f.project) : undefined,
        });
        setCreated(act);
      }
    } catch (err) {
      const m = errorsFrom(err, [...ACT_FIELDS, 'positions']);
      if (m.positions) m.pos_title = m.positions;
      if (m.org_ids) m.org = m.org_ids;
      setErrors(m);
      setBusy(false);
      return;
    }
    try {
      const shift = await post('/shifts', { position_id: act.positions[0].id, starts_at: toIso(f.shift_start), ends_at: toIso(f.shift_end), capacity: Number(f.headcount) });
      navigate(`/activity?id=${act.id}&shift=${shift.id}`);
    } catch (err) {
      const m = errorsFrom(err, ['starts_at', 'ends_at', 'capacity']);
      setErrors({ _form: m._form, shift_start: m.starts_at, shift_end: m.ends_at, headcount: m.capacity });
    }
    setBusy(false);
  };

  const opts = (list, prefix) => list.map((v) => ({ value: v, label: t(prefix + v) }));
  return (
    <div class="stack">
      <h1>{t('act.new')}</h1>
      <form class="card" onSubmit={submit} noValidate data-testid="activity-form">
        <FormError text={errors._form} />
        {created && <p class="notice">{t('act.created_no_shift')}</p>}
        <div>
          <Field name="title" label={t('act.f_title')} value={f.title} onInput={set('title')} error={errors.title} maxLength={200} />
          <Select name="mode" label={t('act.f_mode')} value={f.mode} onInput={set('mode')} options={opts(MODES, 'act.mode.')} error={errors.mode} />
          <Select name="sign_up" label={t('act.f_sign_up')} value={f.sign_up} onInput={set('sign_up')} options={opts(['open', 'approval'], 'signup_mode.')} error={errors.sign_up} />
          {f.mode === 'professional' && (
            // a professional activity may name its lead: a worker of the host org, found by name
            <Picker kind="social_worker" name="lead_social_worker_id" label={t('lk.act.lead')} value={f.lead} onChange={set('lead')} params={{ org_id: f.org }} error={errors.lead_social_worker_id} placeholder={t('lk.act.no_lead')} hint={t('lk.act.lead_hint')} />
          )}
          {projects.length > 0 && (
            <SelectField name="project_id" label={t('proj.act.project')} value={f.project} onInput={set('project')} options={projects.map((p) => ({ value: String(p.id), label: `${p.title}（${p.starts_on} – ${p.ends_on}）` }))} error={errors.project_id} placeholder={t('proj.act.no_project')} hint={t('proj.act.project_hint')} />
          )}
          {!myOrg && <Picker kind="org" name="org" label={t('act.f_org')} value={f.org} onChange={set('org')} error={errors.org} />}
          <Field name="place" label={t('act.f_place')} value={f.place} onInput={set('place')} error={errors.place} maxLength={200} />
          <Field name="starts_at" label={t('act.f_starts')} type="datetime-local" value={f.starts_at} onInput={set('starts_at')} error={errors.starts_at} />
          <Field name="ends_at" label={t('act.f_ends')} type="datetime-local" value={f.ends_at} onInput={set('ends_at')} error={errors.ends_at} />
          {teams.length > 0 && <p class="hint">{t('act.cohosts', { names: teams.map((x) => x.name).join('、') })}</p>}
          <h2>{t('act.position')}</h2>
          <Field name="pos_title" label={t('act.f_pos_title')} value={f.pos_title} onInput={set('pos_title')} error={errors.pos_title} maxLength={200} />
        </div>
        <Field name="headcount" label={t('act.f_headcount')} type="number" inputMode="numeric" min="1" value={f.headcount} onInput={set('headcount')} error={errors.headcount} />
        <h2>{t('act.shift')}</h2>
        <Field name="shift_start" label={t('act.f_shift_start')} type="datetime-local" value={f.shift_start} onInput={set('shift_start')} error={errors.shift_start} />
        <Field name="shift_end" label={t('act.f_shift_end')} type="datetime-local" value={f.shift_end} onInput={set('shift_end')} error={errors.shift_end} />
        <button type="submit" class="btn btn-primary btn-block" disabled={busy}>
          {busy ? t('act.saving') : t('act.save')}
        </button>
      </form>
    </div>
  );
}

export function ActivityDetail() {
  const id = queryParam('id');
  const [state, , load] = useLoad(async () => {
    const [a, shifts] = await Promise.all([get(`/activities/${id}`), get(`/shifts?activity_id=${id}&limit=200`)]);
    const project = a.project_id ? await get('/projects/' + a.project_id).catch(() => null) : null;
    return { a, shifts: shifts.items, project };
  });
  const wait = pending(state, load);
  if (wait) return wait;
  const { a, shifts, project } = state;
  const pos = (pid) => (a.positions || []).find((p) => p.id === pid);
  return (
    <div class="stack">
      <Crumbs here={a.title} />
      <h1>{a.title}</h1>
      <section class="card">
        <p>{formatRange(a.starts_at, a.ends_at)}</p>
        <p class="muted small">
          {t('act.mode.' + a.mode)} · {t('signup_mode.' + a.sign_up)}
          {a.place ? ' · ' + a.place : ''}
        </p>
        {a.project_id && (
          <p data-testid="activity-project">
            {t('proj.act.of_project')}
            <Link href={'/project?id=' + a.project_id}>{project ? project.title : t('proj.project_no', { id: a.project_id })}</Link>
          </p>
        )}
        <Link href={`/activities/feedback?id=${a.id}`} class="btn" data-testid="activity-feedback-link">
          {t('voice.fb.title')}
        </Link>
      </section>
      <h2>{t('act.shifts')}</h2>
      {shifts.length === 0 && <p class="card muted">{t('act.no_shifts')}</p>}
      <ul class="list cards" data-testid="activity-shifts">
        {shifts.map((s) => (
          <li key={s.id} class="card shift" data-shift={s.id}>
            <h3 class="shift-title">
              {formatRange(s.starts_at, s.ends_at)}
              {pos(s.position_id) && <span class="muted"> · {pos(s.position_id).title}</span>}
            </h3>
            <p class="small">
              {t('shifts.places', { accepted: s.accepted, capacity: s.capacity })}
              {s.waitlisted > 0 && ' · ' + t('shifts.waitlisted', { n: s.waitlisted })}
            </p>
            <div class="row">
              <Link href={`/shift?id=${s.id}`} class="btn">
                {t('act.signups')}
              </Link>
              <Link href={`/shift/checkin?id=${s.id}`} class="btn btn-primary">
                {t('act.checkin_screen')}
              </Link>
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
