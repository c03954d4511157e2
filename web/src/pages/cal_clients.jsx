// cal_clients.jsx - social workers' clients (个案): the list the caller may
// read, and one client with their plans and the visits those plans
// generated (each plan owns an activity whose shifts are the visits) on the
// calendar, each visit linking to its sign-ups page; and the client's
// social worker, which org staff change there (components/lk_worker.jsx).
import { useEffect, useRef, useState } from 'preact/hooks';
import { get } from '../api.js';
import { formatDate, formatDateTime, t, tMaybe } from '../i18n/index.js';
import { Link, queryParam } from '../router.jsx';
import { Calendar, rangeOf, useCalendarState } from '../components/calendar.jsx';
import { getAll, shiftsOf } from '../components/calendar_data.jsx';
import { Loading, LoadError } from '../components/ui.jsx';
import { ClientWorker } from '../components/lk_worker.jsx';

const label = (prefix, v) => (v ? tMaybe(prefix + v) || v : '');

export function ClientList() {
  const [state, setState] = useState({ loading: true });
  const load = async () => {
    setState({ loading: true });
    try {
      setState({ items: await getAll('/clients') });
    } catch (error) {
      setState({ error });
    }
  };
  useEffect(() => {
    load();
  }, []);
  if (state.loading) return <Loading />;
  if (state.error) return <LoadError error={state.error} retry={load} />;
  return (
    <div class="stack">
      <h1>{t('cal.clients.title')}</h1>
      <p class="muted">{t('cal.clients.count', { n: state.items.length })}</p>
      {state.items.length === 0 && <p class="card muted">{t('cal.clients.none')}</p>}
      <ul class="list cards" data-testid="clients">
        {state.items.map((c) => (
          <li key={c.id} class="card" data-client={c.id}>
            <h2 class="shift-title">
              <Link href={`/client?id=${c.id}`}>{c.person_name || t('cal.client_n', { id: c.id })}</Link>
            </h2>
            <p class="small">
              {label('cal.category.', c.category)}
              {c.care_level ? ' · ' + label('cal.care_level.', c.care_level) : ''}
            </p>
            <p class="muted small">{t('cal.clients.stage', { stage: label('cal.stage.', c.case_stage) })}</p>
          </li>
        ))}
      </ul>
    </div>
  );
}

function PlanCard({ plan }) {
  return (
    <li class="card" data-plan={plan.id}>
      <h3 class="shift-title">{plan.title}</h3>
      <p class="small">
        {t('cal.plan.period', { from: formatDate(plan.starts_on + 'T12:00:00+08:00'), days: plan.horizon_days })} · {label('cal.plan.status.', plan.status)}
      </p>
      {(plan.tasks || []).length > 0 && (
        <ul class="plain small">
          {plan.tasks.map((k) => (
            <li key={k.id}>
              {k.title} · {label('cal.recurrence.', k.recurrence)} · {t('cal.plan.first', { at: formatDateTime(k.first_at) })} · {t('cal.plan.minutes', { n: k.duration_minutes })}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

export function ClientDetail() {
  const id = queryParam('id');
  const [{ view, anchor }, setCal] = useCalendarState();
  const [state, setState] = useState({ loading: true });
  const [visits, setVisits] = useState({ loading: true, events: [] });
  const seq = useRef(0);

  const load = async () => {
    setState({ loading: true });
    try {
      const [client, plans] = await Promise.all([get(`/clients/${id}`), getAll(`/plans?client_id=${id}`)]);
      setState({ client, plans });
    } catch (error) {
      setState({ error });
    }
  };
  useEffect(() => {
    load();
  }, [id]);

  const plans = state.plans;
  const loadVisits = async () => {
    if (!plans) return;
    const { from, to } = rangeOf(view, anchor);
    const mine = ++seq.current;
    setVisits((v) => ({ loading: true, events: v.events }));
    try {
      const shifts = await shiftsOf(plans.map((p) => p.activity_id).filter(Boolean), from, to);
      const task = new Map(plans.flatMap((p) => (p.tasks || []).map((k) => [k.position_id, { k, p }])));
      const events = shifts.map((s) => {
        const tp = task.get(s.position_id);
        return {
          key: 'v' + s.id,
          start: s.starts_at,
          end: s.ends_at,
          title: tp ? tp.k.title : t('cal.visit'),
          sub: (tp && plans.length > 1 ? tp.p.title + ' · ' : '') + t('cal.places', { accepted: s.accepted, capacity: s.capacity }),
          href: `/shift?id=${s.id}`,
        };
      });
      if (mine === seq.current) setVisits({ events });
    } catch (error) {
      if (mine === seq.current) setVisits({ error, events: [] });
    }
  };
  useEffect(() => {
    loadVisits();
  }, [plans, view, anchor]);

  if (state.loading) return <Loading />;
  if (state.error) return <LoadError error={state.error} retry={load} />;
  const c = state.client;
  return (
    <div class="stack">
      <p>
        <Link href="/clients">{t('cal.clients.back')}</Link>
      </p>
      <h1>{c.person_name || t('cal.client_n', { id: c.id })}</h1>
      <section class="card">
        <dl class="facts">
          <dt>{t('cal.f.category')}</dt>
          <dd>{label('cal.category.', c.category)}</dd>
          {c.care_level && (
            <>
              <dt>{t('cal.f.care_level')}</dt>
              <dd>{label('cal.care_level.', c.care_level)}</dd>
            </>
          )}
          <dt>{t('cal.f.stage')}</dt>
          <dd>{label('cal.stage.', c.case_stage)}</dd>
          {(c.service_package || []).length > 0 && (
            <>
              <dt>{t('cal.f.package')}</dt>
              <dd>{c.service_package.join('、')}</dd>
            </>
          )}
        </dl>
      </section>
      <ClientWorker client={c} onSaved={(client) => setState((st) => ({ ...st, client }))} />
      <h2>{t('cal.plans')}</h2>
      {plans.length === 0 ? (
        <p class="card muted">{t('cal.plans.none')}</p>
      ) : (
        <ul class="list cards" data-testid="plans">
          {plans.map((p) => (
            <PlanCard key={p.id} plan={p} />
          ))}
        </ul>
      )}
      {plans.length > 0 && <h2>{t('cal.visits')}</h2>}
      {visits.error && <LoadError error={visits.error} retry={loadVisits} />}
      {plans.length > 0 && (
        <Calendar events={visits.events} view={view} anchor={anchor} onChange={setCal} loading={visits.loading} label={t('cal.visits')} testid="visits-calendar" />
      )}
    </div>
  );
}
