// council_list.jsx - councils (议事会, docs/API.md issue 15): the councils
// the caller reads (their staff, regional admins, their members) with a form
// to set one up for a community, and a council's page: its members (and a
// form to add one), its meetings, and its issues with what became of each
// (the resolutions, their votes, the need or activity each became and where
// that stands now).
import { useState } from 'preact/hooks';
import { get, post } from '../api.js';
import { formatDate, formatDateTime, t } from '../i18n/index.js';
import { Link, navigate, queryParam, useLocation } from '../router.jsx';
import { useSession, hasRole } from '../session.js';
import { pending, useLoad } from '../components/ui.jsx';
import { errorsFrom, Field, FormError } from '../components/form.jsx';
import { Badge, SelectField, TextAreaField } from '../components/care_ui.jsx';
import { Crumbs } from '../components/crumbs.jsx';

/** Who may keep a council (the server decides where: 403 otherwise). */
export const COUNCIL_WRITERS = ['org_admin', 'supervisor', 'social_worker', 'regional_admin', 'platform_admin'];
const KINDS = ['resident', 'social_worker', 'volunteer', 'official'];

export function CouncilList() {
  const { user } = useSession();
  const [state, , reload] = useLoad(async () => {
    const [list, comms] = await Promise.all([get('/councils?limit=200'), get('/regions?level=community&limit=200')]);
    return { items: list.items, comms: comms.items };
  });
  const [f, setF] = useState({ region_id: '', name: '', established_on: '' });
  const [errors, setErrors] = useState({});
  const wait = pending(state, reload);
  if (wait) return wait;
  const region = (id) => (state.comms.find((r) => r.id === id) || { name: '#' + id }).name;
  const submit = async (e) => {
    e.preventDefault();
    setErrors({});
    try {
      const c = await post('/councils', { region_id: Number(f.region_id) || undefined, name: f.name.trim(), established_on: f.established_on || undefined });
      navigate('/councils/view?id=' + c.id);
    } catch (err) {
      setErrors(errorsFrom(err, ['region_id', 'name', 'established_on']));
    }
  };
  return (
    <section class="stack misc-page">
      <h1>{t('council.list.title')}</h1>
      <p class="muted small">{t('council.list.intro')}</p>
      {state.items.length === 0 ? (
        <p class="card muted">{t('council.list.none')}</p>
      ) : (
        <ul class="plain stack" data-testid="council-list">
          {state.items.map((c) => (
            <li key={c.id} class="card" data-council={c.id}>
              <Link href={'/councils/view?id=' + c.id}>
                <strong>{c.name}</strong>
              </Link>
              <p class="small muted">
                {region(c.region_id)}
                {c.established_on && ' · ' + t('council.established', { d: c.established_on })}
              </p>
            </li>
          ))}
        </ul>
      )}
      {hasRole(user, COUNCIL_WRITERS) && (
        <form class="card" onSubmit={submit} noValidate data-testid="council-form">
          <h2>{t('council.list.new')}</h2>
          <FormError text={errors._form} />
          <SelectField name="region_id" label={t('council.f.community')} value={f.region_id} onChange={(v) => setF({ ...f, region_id: v })} options={state.comms.map((r) => [String(r.id), r.name])} placeholder={t('council.choose')} error={errors.region_id} />
          <Field name="name" label={t('council.f.name')} value={f.name} onInput={(v) => setF({ ...f, name: v })} error={errors.name} maxLength={200} />
          <Field name="established_on" label={t('council.f.established_on')} type="date" value={f.established_on} onInput={(v) => setF({ ...f, established_on: v })} error={errors.established_on} />
          <button type="submit" class="btn btn-primary">
            {t('council.save')}
          </button>
        </form>
      )}
    </section>
  );
}

/** What became of one resolution: the need or activity it became. */
export function Became({ r }) {
  return (
    <span class="small">
      {r.need_id && (
        <span data-testid={'became-need-' + r.id}>
          <Link href={'/needs?id=' + r.need_id}>{t('council.need_no', { id: r.need_id })}</Link> <Badge prefix="care.need_status." value={r.need_status} />
        </span>
      )}
      {r.activity_id && <span data-testid={'became-activity-' + r.id}> {t('council.activity_is', { title: r.activity_title || '#' + r.activity_id })}</span>}
      {!r.need_id && !r.activity_id && r.outcome === 'adopted' && <span class="muted">{t('council.not_acted')}</span>}
    </span>
  );
}

export const votes = (r) => t('council.votes', { f: r.votes_for, a: r.votes_against, ab: r.votes_abstain });

function Members({ council, members, writer, onAdded }) {
  const [f, setF] = useState({ person_id: '', kind: 'resident', role: 'member', joined_on: '' });
  const [errors, setErrors] = useState({});
  const [people] = useLoad(async () => (writer ? (await get(`/people?limit=200&region_id=${council.region_id}`)).items : []), [council.id]);
  const submit = async (e) => {
    e.preventDefault();
    setErrors({});
    try {
      await post('/council-members', { council_id: council.id, person_id: Number(f.person_id) || undefined, kind: f.kind, role: f.role, joined_on: f.joined_on || undefined });
      setF({ ...f, person_id: '' });
      onAdded();
    } catch (err) {
      setErrors(errorsFrom(err, ['person_id', 'kind', 'role', 'joined_on']));
    }
  };
  return (
    <div class="card">
      <h2>{t('council.members')}</h2>
      <table class="misc-table" data-testid="council-members">
        <thead>
          <tr>
            <th scope="col">{t('council.f.person')}</th>
            <th scope="col">{t('council.f.kind')}</th>
            <th scope="col">{t('council.f.role')}</th>
            <th scope="col">{t('council.f.joined_on')}</th>
          </tr>
        </thead>
        <tbody>
          {members.map((m) => (
            <tr key={m.id} data-member={m.id}>
              <td>{m.name}</td>
              <td>{t('council.kind.' + m.kind)}</td>
              <td>{t('council.role.' + m.role)}</td>
              <td>
                {m.joined_on}
                {m.left_on && ' – ' + m.left_on}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {writer && Array.isArray(people) && (
        <form onSubmit={submit} noValidate data-testid="member-form">
          <FormError text={errors._form} />
          <SelectField name="person_id" label={t('council.f.person')} value={f.person_id} onChange={(v) => setF({ ...f, person_id: v })} options={people.map((p) => [String(p.id), p.name])} placeholder={t('council.choose')} error={errors.person_id} />
          <SelectField name="kind" label={t('council.f.kind')} value={f.kind} onChange={(v) => setF({ ...f, kind: v })} options={KINDS.map((k) => [k, t('council.kind.' + k)])} error={errors.kind} />
          <SelectField name="role" label={t('council.f.role')} value={f.role} onChange={(v) => setF({ ...f, role: v })} options={['member', 'chair'].map((k) => [k, t('council.role.' + k)])} error={errors.role} />
          <Field name="joined_on" label={t('council.f.joined_on')} type="date" value={f.joined_on} onInput={(v) => setF({ ...f, joined_on: v })} error={errors.joined_on} />
          <button type="submit" class="btn">
            {t('council.add_member')}
          </button>
        </form>
      )}
    </div>
  );
}

function NewIssue({ council, meetings, members, onAdded }) {
  const [f, setF] = useState({ title: '', description: '', meeting_id: '', raised_by_member_id: '' });
  const [errors, setErrors] = useState({});
  const submit = async (e) => {
    e.preventDefault();
    setErrors({});
    try {
      await post('/council-issues', {
        council_id: council.id,
        title: f.title.trim(),
        description: f.description.trim() || undefined,
        meeting_id: Number(f.meeting_id) || undefined,
        raised_by_member_id: Number(f.raised_by_member_id) || undefined,
      });
      setF({ title: '', description: '', meeting_id: '', raised_by_member_id: '' });
      onAdded();
    } catch (err) {
      setErrors(errorsFrom(err, ['title', 'description', 'meeting_id', 'raised_by_member_id']));
    }
  };
  return (
    <form onSubmit={submit} noValidate data-testid="issue-form">
      <h3>{t('council.new_issue')}</h3>
      <FormError text={errors._form} />
      <Field name="title" label={t('council.f.title')} value={f.title} onInput={(v) => setF({ ...f, title: v })} error={errors.title} maxLength={200} />
      <TextAreaField name="description" label={t('council.f.description')} value={f.description} onInput={(v) => setF({ ...f, description: v })} error={errors.description} />
      <SelectField name="meeting_id" label={t('council.f.meeting')} value={f.meeting_id} onChange={(v) => setF({ ...f, meeting_id: v })} options={meetings.map((m) => [String(m.id), formatDateTime(m.held_at)])} placeholder={t('council.none')} error={errors.meeting_id} />
      <SelectField name="raised_by_member_id" label={t('council.f.raised_by')} value={f.raised_by_member_id} onChange={(v) => setF({ ...f, raised_by_member_id: v })} options={members.map((m) => [String(m.id), m.name])} placeholder={t('council.none')} error={errors.raised_by_member_id} />
      <button type="submit" class="btn">
        {t('council.save')}
      </button>
    </form>
  );
}

export function CouncilPage() {
  useLocation();
  const id = queryParam('id');
  const { user } = useSession();
  const [state, , reload] = useLoad(async () => {
    const [council, members, meetings, issues] = await Promise.all([
      get('/councils/' + id),
      get(`/council-members?limit=200&council_id=${id}`),
      get(`/council-meetings?limit=200&council_id=${id}`),
      get(`/council-issues?limit=200&council_id=${id}`),
    ]);
    return { council, members: members.items, meetings: meetings.items, issues: issues.items };
  }, [id]);
  const wait = pending(state, reload);
  if (wait) return wait;
  const { council, members, meetings, issues } = state;
  const writer = hasRole(user, COUNCIL_WRITERS);
  const memberName = (mid) => (members.find((m) => m.id === mid) || { name: '#' + mid }).name;
  return (
    <section class="stack misc-page">
      <Crumbs here={council.name} />
      <h1>{council.name}</h1>
      <p class="muted small">
        {council.established_on && t('council.established', { d: council.established_on })}
        {council.note && ' · ' + council.note}
      </p>
      <Members council={council} members={members} writer={writer} onAdded={() => reload(true)} />
      <div class="card">
        <h2>{t('council.meetings')}</h2>
        {meetings.length === 0 && <p class="muted">{t('council.no_meetings')}</p>}
        <ul class="plain" data-testid="council-meetings">
          {meetings.map((m) => (
            <li key={m.id} data-meeting={m.id} style={{ padding: '.25rem 0' }}>
              <Link href={'/councils/meeting?id=' + m.id}>{formatDateTime(m.held_at)}</Link> <span class="muted small">{m.place} · {t('council.present_n', { n: (m.attendance || []).length })}</span>
            </li>
          ))}
        </ul>
        {writer && (
          <Link href={'/councils/meeting?council_id=' + council.id} class="btn btn-primary">
            {t('council.new_meeting')}
          </Link>
        )}
      </div>
      <div class="card">
        <h2>{t('council.issues')}</h2>
        <p class="muted small">{t('council.issues_intro')}</p>
        {issues.length === 0 && <p class="muted">{t('council.no_issues')}</p>}
        <ul class="plain stack" data-testid="council-issues">
          {issues.map((i) => (
            <li key={i.id} data-issue={i.id} style={{ borderTop: '1px solid #e3e6ea', paddingTop: '.5rem' }}>
              <strong>{i.title}</strong> <span class="small">{t('council.issue_status.' + i.status)}</span>
              <p class="small muted" style={{ margin: '.25rem 0' }}>
                {i.meeting_id && (
                  <Link href={'/councils/meeting?id=' + i.meeting_id}>{t('council.raised_at', { d: formatDate((meetings.find((m) => m.id === i.meeting_id) || {}).held_at || '') })}</Link>
                )}
                {i.raised_by_member_id && ' ' + t('council.raised_by', { name: memberName(i.raised_by_member_id) })}
              </p>
              {i.description && <p class="small">{i.description}</p>}
              {(i.resolutions || []).length === 0 ? (
                <p class="small muted">{t('council.no_resolution')}</p>
              ) : (
                <ul class="plain small">
                  {i.resolutions.map((r) => (
                    <li key={r.id} data-resolution={r.id}>
                      {t('council.outcome.' + r.outcome)} · {votes(r)} · {r.text} <Became r={r} />
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
        {writer && <NewIssue council={council} meetings={meetings} members={members} onAdded={() => reload(true)} />}
      </div>
    </section>
  );
}
