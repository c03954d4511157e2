// misc_positions.jsx - an activity's positions for its organisers: the
// activity picked from the caller's org's activities (?activity_id=), its
// positions (GET /positions?activity_id=) and a form to add one (POST
// /positions), checked here as the API checks it (title 1-200 characters,
// headcount 1-100000, at most 20 skills) and the API's own error shown next
// to the field it names.
import { useEffect, useState } from 'preact/hooks';
import { get, post } from '../api.js';
import { formatRange, t } from '../i18n/index.js';
import { navigate, queryParam } from '../router.jsx';
import { useSession } from '../session.js';
import { Field, FormError, errorsFrom } from '../components/form.jsx';
import { Loading, LoadError } from '../components/ui.jsx';
import { staffOrg } from './staff_activities.jsx';

const FIELDS = ['title', 'headcount', 'required_skills', 'required_course_ids', 'risky', 'works_with_minors'];
const EMPTY = { title: '', headcount: '1', skills: '', courses: [], risky: false, minors: false };

/** "急救, 心理疏导、驾驶" → ["急救", "心理疏导", "驾驶"] */
const splitSkills = (s) => s.split(/[,，、;；\n]/).map((x) => x.trim()).filter(Boolean);

function PositionItem({ p, courseTitle }) {
  return (
    <li class="card shift" data-position={p.id}>
      <h3 class="shift-title">{p.title}</h3>
      <p class="small">{t('misc.pos.headcount_n', { n: p.headcount })}</p>
      {p.required_skills && p.required_skills.length > 0 && (
        <p class="small">{t('misc.pos.skills_list', { list: p.required_skills.join('、') })}</p>
      )}
      {p.required_course_ids && p.required_course_ids.length > 0 && (
        <p class="small">{t('misc.pos.courses_list', { list: p.required_course_ids.map(courseTitle).join('、') })}</p>
      )}
      {(p.risky || p.works_with_minors) && (
        <p class="row small">
          {p.risky && <span class="misc-tag">{t('misc.pos.risky')}</span>}
          {p.works_with_minors && <span class="misc-tag">{t('misc.pos.minors')}</span>}
        </p>
      )}
    </li>
  );
}

function AddPosition({ activityId, courses, onAdded }) {
  const [f, setF] = useState(EMPTY);
  const [errors, setErrors] = useState({});
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(null);
  const set = (k) => (v) => setF((o) => ({ ...o, [k]: v }));

  const check = () => {
    const e = {};
    const title = f.title.trim();
    if (!title) e.title = t('misc.pos.err_required');
    else if (title.length > 200) e.title = t('misc.pos.err_long', { n: 200 });
    const n = Number(f.headcount);
    if (!f.headcount.trim()) e.headcount = t('misc.pos.err_required');
    else if (!(Number.isInteger(n) && n >= 1 && n <= 100000)) e.headcount = t('misc.pos.err_headcount');
    if (splitSkills(f.skills).length > 20) e.required_skills = t('misc.pos.err_skills');
    return e;
  };

  const submit = async (ev) => {
    ev.preventDefault();
    setSaved(null);
    const e = check();
    setErrors(e);
    if (Object.keys(e).length) {
      const first = ev.currentTarget.querySelector('[aria-invalid="true"]');
      if (first) first.focus();
      return;
    }
    setBusy(true);
    try {
      const skills = splitSkills(f.skills);
      const p = await post('/positions', {
        activity_id: activityId,
        title: f.title.trim(),
        headcount: Number(f.headcount),
        ...(skills.length ? { required_skills: skills } : {}),
        ...(f.courses.length ? { required_course_ids: f.courses } : {}),
        risky: f.risky,
        works_with_minors: f.minors,
      });
      setF(EMPTY);
      setSaved(p.title);
      onAdded(p);
    } catch (err) {
      setErrors(errorsFrom(err, FIELDS));
    }
    setBusy(false);
  };

  const toggleCourse = (id) => setF((o) => ({ ...o, courses: o.courses.includes(id) ? o.courses.filter((c) => c !== id) : [...o.courses, id] }));

  return (
    <form class="card" onSubmit={submit} noValidate data-testid="position-form">
      <h2>{t('misc.pos.add')}</h2>
      <FormError text={errors._form} />
      {saved && (
        <p class="status" role="status">
          {t('misc.pos.saved', { title: saved })}
        </p>
      )}
      <Field name="title" label={t('misc.pos.f_title')} value={f.title} onInput={set('title')} error={errors.title} maxLength={200} />
      <Field name="headcount" label={t('misc.pos.f_headcount')} type="number" inputMode="numeric" min="1" max="100000" value={f.headcount} onInput={set('headcount')} error={errors.headcount} />
      <Field name="required_skills" label={t('misc.pos.f_skills')} hint={t('misc.pos.f_skills_hint')} value={f.skills} onInput={set('skills')} error={errors.required_skills} />
      {courses.length > 0 && (
        <fieldset class={'field misc-fieldset' + (errors.required_course_ids ? ' field-invalid' : '')}>
          <legend>{t('misc.pos.f_courses')}</legend>
          {courses.map((c) => (
            <label key={c.id} class="check">
              <input type="checkbox" checked={f.courses.includes(c.id)} onChange={() => toggleCourse(c.id)} /> {c.title}
            </label>
          ))}
          {errors.required_course_ids && (
            <p class="error" data-field="required_course_ids" role="alert">
              {errors.required_course_ids}
            </p>
          )}
        </fieldset>
      )}
      <div class="field">
        <label class="check">
          <input type="checkbox" name="risky" checked={f.risky} onChange={(e) => set('risky')(e.currentTarget.checked)} /> {t('misc.pos.f_risky')}
        </label>
        <label class="check">
          <input type="checkbox" name="works_with_minors" checked={f.minors} onChange={(e) => set('minors')(e.currentTarget.checked)} /> {t('misc.pos.f_minors')}
        </label>
      </div>
      <button type="submit" class="btn btn-primary btn-block" disabled={busy}>
        {busy ? t('misc.pos.saving') : t('misc.pos.save')}
      </button>
    </form>
  );
}

function ActivityPositions({ activityId, courses }) {
  const [state, setState] = useState({ loading: true });
  const load = () => {
    setState({ loading: true });
    get(`/positions?activity_id=${activityId}&limit=200`).then(
      (r) => setState({ items: r.items }),
      (error) => setState({ error }),
    );
  };
  useEffect(load, [activityId]);
  const courseTitle = (id) => (courses.find((c) => c.id === id) || { title: '#' + id }).title;
  return (
    <>
      <h2>{t('misc.pos.list')}</h2>
      {state.loading && <Loading />}
      {state.error && <LoadError error={state.error} retry={load} />}
      {state.items && state.items.length === 0 && <p class="card muted">{t('misc.pos.none')}</p>}
      {state.items && state.items.length > 0 && (
        <ul class="list cards" data-testid="positions">
          {state.items.map((p) => (
            <PositionItem key={p.id} p={p} courseTitle={courseTitle} />
          ))}
        </ul>
      )}
      <AddPosition key={activityId} activityId={activityId} courses={courses} onAdded={(p) => setState((s) => ({ items: [...(s.items || []), p] }))} />
    </>
  );
}

export function Positions() {
  const { user } = useSession();
  const activityId = Number(queryParam('activity_id')) || 0;
  const [state, setState] = useState({ loading: true });
  const load = async () => {
    setState({ loading: true });
    try {
      const org = staffOrg(user);
      const [acts, courses] = await Promise.all([
        get('/activities?limit=200' + (org ? '&org_id=' + org : '')),
        get('/courses?limit=200').catch(() => ({ items: [] })),
      ]);
      setState({ activities: [...acts.items].reverse(), courses: courses.items });
    } catch (error) {
      setState({ error });
    }
  };
  useEffect(() => {
    load();
  }, []);
  if (state.loading) return <Loading />;
  if (state.error) return <LoadError error={state.error} retry={load} />;
  const act = state.activities.find((a) => a.id === activityId);
  return (
    <section class="stack misc-page">
      <h1>{t('misc.pos.title')}</h1>
      {state.activities.length === 0 ? (
        <p class="card muted">{t('misc.pos.no_activities')}</p>
      ) : (
        <div class="field">
          <label for="pos-activity">{t('misc.pos.activity')}</label>
          <select id="pos-activity" value={act ? String(act.id) : ''} onChange={(e) => navigate('/positions' + (e.currentTarget.value ? '?activity_id=' + e.currentTarget.value : ''))}>
            <option value="">{t('misc.pos.pick')}</option>
            {state.activities.map((a) => (
              <option key={a.id} value={String(a.id)}>
                {a.title}
              </option>
            ))}
          </select>
        </div>
      )}
      {act && (
        <p class="muted small" data-testid="activity-when">
          {formatRange(act.starts_at, act.ends_at)}
          {act.place ? ' · ' + act.place : ''}
        </p>
      )}
      {act && <ActivityPositions activityId={act.id} courses={state.courses} />}
    </section>
  );
}
