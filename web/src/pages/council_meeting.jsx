// council_meeting.jsx - a council meeting (docs/API.md issue 15): when and
// where, the agenda (one item a line), the members present as checkboxes,
// the minutes; then the issues raised at it and its resolutions with their
// votes, a form to record one, and on an adopted resolution the button that
// turns it into a need (POST /resolutions/{id}/need) and, once done, the
// link to that need. Opened as ?id= (a meeting), ?council_id= (a new one)
// or ?resolution= (the meeting of that resolution: the needs board links
// back here).
import { useEffect, useState } from 'preact/hooks';
import { api, get, post } from '../api.js';
import { formatDateTime, t } from '../i18n/index.js';
import { navigate, queryParam, useLocation } from '../router.jsx';
import { hasRole, useSession } from '../session.js';
import { pending, useLoad } from '../components/ui.jsx';
import { errorsFrom, errorText, Field, FormError } from '../components/form.jsx';
import { SelectField, TextAreaField } from '../components/care_ui.jsx';
import { toIso } from './sup_common.jsx';
import { Became, COUNCIL_WRITERS, votes } from './council_list.jsx';
import { Crumbs } from '../components/crumbs.jsx';

const MEETING_FIELDS = ['held_at', 'place', 'agenda', 'attendance', 'minutes'];
const RES_FIELDS = ['issue_id', 'text', 'votes_for', 'votes_against', 'votes_abstain', 'outcome'];

function MeetingForm({ meeting, councilId, members, writer, onSaved }) {
  const [f, setF] = useState(() => ({
    held_at: meeting ? meeting.held_at.slice(0, 16) : '',
    place: meeting?.place || '',
    agenda: (meeting?.agenda || []).join('\n'),
    minutes: meeting?.minutes || '',
  }));
  const [present, setPresent] = useState(meeting?.attendance || []);
  const [errors, setErrors] = useState({});
  const [saved, setSaved] = useState(false);
  const toggle = (id) => setPresent((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p, id]));
  const submit = async (e) => {
    e.preventDefault();
    setErrors({});
    setSaved(false);
    const body = {
      held_at: toIso(f.held_at) || undefined,
      place: f.place.trim() || undefined,
      agenda: f.agenda.split('\n').map((s) => s.trim()).filter(Boolean),
      attendance: present,
      minutes: f.minutes.trim() || undefined,
    };
    try {
      const m = meeting ? await api('PATCH', '/council-meetings/' + meeting.id, body) : await post('/council-meetings', { council_id: Number(councilId), ...body });
      setSaved(true);
      onSaved(m);
    } catch (err) {
      setErrors(errorsFrom(err, MEETING_FIELDS));
    }
  };
  const set = (k) => (v) => setF((o) => ({ ...o, [k]: v }));
  return (
    <form class="card" onSubmit={submit} noValidate data-testid="meeting-form">
      <FormError text={errors._form} />
      <Field name="held_at" label={t('council.f.held_at')} type="datetime-local" value={f.held_at} onInput={set('held_at')} error={errors.held_at} disabled={!writer} />
      <Field name="place" label={t('council.f.place')} value={f.place} onInput={set('place')} error={errors.place} maxLength={200} disabled={!writer} />
      <TextAreaField name="agenda" label={t('council.f.agenda')} hint={t('council.f.agenda_hint')} value={f.agenda} onInput={set('agenda')} error={errors.agenda} disabled={!writer} />
      <fieldset class={'field' + (errors.attendance ? ' field-invalid' : '')} data-testid="attendance">
        <legend>{t('council.f.attendance')}</legend>
        {members.map((m) => (
          <label key={m.id} class="check" data-member={m.id}>
            <input type="checkbox" checked={present.includes(m.id)} onChange={() => toggle(m.id)} disabled={!writer} /> {m.name}{' '}
            <span class="muted small">{t('council.kind.' + m.kind)}</span>
          </label>
        ))}
        <p class="small muted">{t('council.present_n', { n: present.length })}</p>
        {errors.attendance && (
          <p class="error" data-field="attendance" role="alert">
            {errors.attendance}
          </p>
        )}
      </fieldset>
      <TextAreaField name="minutes" label={t('council.f.minutes')} value={f.minutes} onInput={set('minutes')} error={errors.minutes} rows={5} disabled={!writer} />
      {writer && (
        <button type="submit" class="btn btn-primary">
          {t('council.save_meeting')}
        </button>
      )}
      {saved && (
        <p class="status" role="status">
          {t('council.saved')}
        </p>
      )}
    </form>
  );
}

function Resolution({ r, writer, onChanged }) {
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const toNeed = async () => {
    setError(null);
    setBusy(true);
    try {
      await post(`/resolutions/${r.id}/need`, {});
      onChanged();
    } catch (err) {
      setError(errorText(err));
    }
    setBusy(false);
  };
  return (
    <li class="card" data-resolution={r.id} id={'resolution-' + r.id}>
      <p>
        <strong>{t('council.outcome.' + r.outcome)}</strong> · {votes(r)}
      </p>
      <p>{r.text}</p>
      <Became r={r} />
      {writer && r.outcome === 'adopted' && !r.need_id && (
        <p>
          <button type="button" class="btn btn-primary" onClick={toNeed} disabled={busy} data-testid={'to-need-' + r.id}>
            {t('council.to_need')}
          </button>
        </p>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}

function NewResolution({ meeting, issues, onAdded }) {
  const [f, setF] = useState({ issue_id: '', text: '', votes_for: '0', votes_against: '0', votes_abstain: '0', outcome: 'adopted' });
  const [errors, setErrors] = useState({});
  const set = (k) => (v) => setF((o) => ({ ...o, [k]: v }));
  const num = (v) => (v.trim() === '' || Number.isNaN(Number(v)) ? v : Number(v));
  const submit = async (e) => {
    e.preventDefault();
    setErrors({});
    try {
      await post('/resolutions', {
        meeting_id: meeting.id,
        issue_id: Number(f.issue_id) || undefined,
        text: f.text.trim(),
        votes_for: num(f.votes_for),
        votes_against: num(f.votes_against),
        votes_abstain: num(f.votes_abstain),
        outcome: f.outcome,
      });
      setF({ issue_id: '', text: '', votes_for: '0', votes_against: '0', votes_abstain: '0', outcome: 'adopted' });
      onAdded();
    } catch (err) {
      setErrors(errorsFrom(err, RES_FIELDS));
    }
  };
  return (
    <form class="card" onSubmit={submit} noValidate data-testid="resolution-form">
      <h3>{t('council.new_resolution')}</h3>
      <FormError text={errors._form} />
      <SelectField name="issue_id" label={t('council.f.issue')} value={f.issue_id} onChange={set('issue_id')} options={issues.map((i) => [String(i.id), i.title])} placeholder={t('council.none')} error={errors.issue_id} />
      <TextAreaField name="text" label={t('council.f.text')} value={f.text} onInput={set('text')} error={errors.text} />
      <Field name="votes_for" label={t('council.f.votes_for')} type="number" min="0" value={f.votes_for} onInput={set('votes_for')} error={errors.votes_for} />
      <Field name="votes_against" label={t('council.f.votes_against')} type="number" min="0" value={f.votes_against} onInput={set('votes_against')} error={errors.votes_against} />
      <Field name="votes_abstain" label={t('council.f.votes_abstain')} type="number" min="0" value={f.votes_abstain} onInput={set('votes_abstain')} error={errors.votes_abstain} />
      <SelectField name="outcome" label={t('council.f.outcome')} value={f.outcome} onChange={set('outcome')} options={['adopted', 'rejected'].map((o) => [o, t('council.outcome.' + o)])} error={errors.outcome} />
      <button type="submit" class="btn btn-primary">
        {t('council.save_resolution')}
      </button>
    </form>
  );
}

export function MeetingPage() {
  const { user } = useSession();
  const writer = hasRole(user, COUNCIL_WRITERS);
  useLocation();
  const fromResolution = queryParam('resolution');
  const id = queryParam('id');
  const [resolved, setResolved] = useState(null);
  useEffect(() => {
    if (fromResolution && !id)
      get('/resolutions/' + fromResolution).then(
        (r) => navigate(`/councils/meeting?id=${r.meeting_id}`, true),
        (error) => setResolved({ error }),
      );
  }, [fromResolution]);
  const councilParam = queryParam('council_id');
  const [state, , reload] = useLoad(async () => {
    if (!id && !councilParam) return fromResolution ? { loading: true } : { error: new Error('no meeting') };
    const meeting = id ? await get('/council-meetings/' + id) : null;
    const councilId = meeting ? meeting.council_id : councilParam;
    const [council, members, issues, resolutions] = await Promise.all([
      get('/councils/' + councilId),
      get(`/council-members?limit=200&council_id=${councilId}`),
      get(`/council-issues?limit=200&council_id=${councilId}`),
      id ? get(`/resolutions?limit=200&meeting_id=${id}`) : { items: [] },
    ]);
    return { meeting, council, members: members.items, issues: issues.items, resolutions: resolutions.items };
  }, [id, councilParam]);
  const wait = pending(resolved || state, reload);
  if (wait) return wait;
  const { meeting, council, members, issues, resolutions } = state;
  const saved = (m) => {
    if (!meeting) navigate('/councils/meeting?id=' + m.id, true);
    else reload(true);
  };
  const raisedHere = meeting ? issues.filter((i) => i.meeting_id === meeting.id) : [];
  return (
    <section class="stack misc-page">
      <Crumbs via={[{ href: '/councils/view?id=' + council.id, label: council.name }]} here={meeting ? formatDateTime(meeting.held_at) : t('council.new_meeting')} />
      <h1>{meeting ? t('council.meeting_title', { d: formatDateTime(meeting.held_at) }) : t('council.new_meeting')}</h1>
      <MeetingForm key={meeting ? meeting.id : 'new'} meeting={meeting} councilId={council.id} members={members} writer={writer} onSaved={saved} />
      {meeting && (
        <>
          <div class="card">
            <h2>{t('council.issues_here')}</h2>
            {raisedHere.length === 0 ? (
              <p class="muted">{t('council.no_issues')}</p>
            ) : (
              <ul class="plain">
                {raisedHere.map((i) => (
                  <li key={i.id} data-issue={i.id}>
                    {i.title} <span class="small muted">{t('council.issue_status.' + i.status)}</span>
                  </li>
                ))}
              </ul>
            )}
          </div>
          <h2>{t('council.resolutions')}</h2>
          {resolutions.length === 0 && <p class="muted">{t('council.no_resolutions')}</p>}
          <ul class="plain stack" data-testid="resolutions">
            {resolutions.map((r) => (
              <Resolution key={r.id} r={r} writer={writer} onChanged={() => reload(true)} />
            ))}
          </ul>
          {writer && <NewResolution meeting={meeting} issues={issues} onAdded={() => reload(true)} />}
        </>
      )}
    </section>
  );
}
