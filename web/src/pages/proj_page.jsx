// proj_page.jsx - one service project (issue 16): its header with the
// status and the moves its staff make by hand, the indicators as progress
// bars against the period (GET /projects/{id}/progress: actual against the
// target, a mark where it should be by now, 落后 when behind), manual
// figures reported with evidence, the activities on a timeline, hours by
// volunteer team, budget against spend by line, and (proj_sections.jsx)
// expenses, evaluations, evaluators and the report. Its staff change it;
// an evaluator reads it and records evaluations only.
import { Fragment } from 'preact';
import { useState } from 'preact/hooks';
import { api, get, post } from '../api.js';
import { formatDate, formatHours, formatMoney, formatNumber, t } from '../i18n/index.js';
import { Link, queryParam } from '../router.jsx';
import { hasRole, useSession } from '../session.js';
import { Field, FormError, errorsFrom } from '../components/form.jsx';
import { useLoad, pending } from '../components/ui.jsx';
import { useRun } from '../components/lk_ui.jsx';
import { todayCst } from '../fund_data.js';
import { MOVES, evaluates, figure, funderText, keepsProject, orgChain, orgName, orgNames, period, share } from '../proj_data.js';
import { StatusBadge } from './proj_list.jsx';
import { EvaluationSection, EvaluatorSection, ExpenseSection, IndicatorForm } from './proj_sections.jsx';
import '../proj.css';
import { Crumbs } from '../components/crumbs.jsx';

const ORGANISERS = ['platform_admin', 'org_admin', 'supervisor', 'social_worker'];

/** A name read through `path` (null when the caller may not read it). */
const nameOf = (path, pick = (x) => x.name) => get(path).then(pick, () => null);

async function leadName(id) {
  if (!id) return null;
  const sw = await get('/social-workers/' + id).catch(() => null);
  return (sw && (await nameOf('/people/' + sw.person_id))) || t('proj.worker_no', { id });
}

async function loadProject(id, user) {
  const p = await get('/projects/' + id);
  const list = (path) => get(path).then((r) => r.items, () => []);
  const [progress, activities, teams, expenses, evaluations, evaluators, chain, names, fund, region, lead] = await Promise.all([
    get(`/projects/${id}/progress`),
    list(`/projects/${id}/activities`),
    list(`/projects/${id}/teams`),
    list(`/projects/${id}/expenses?limit=200`),
    list(`/projects/${id}/evaluations?limit=200`),
    list(`/projects/${id}/evaluators?limit=200`),
    orgChain(p.org_id),
    orgNames([p.org_id, p.funder_org_id, ...(p.partner_org_ids || [])]),
    p.fund_id ? nameOf('/funds/' + p.fund_id) : null,
    nameOf('/regions/' + p.region_id),
    leadName(p.lead_social_worker_id),
  ]);
  const keeps = keepsProject(user, chain);
  return { p, progress, activities, teams, expenses, evaluations, evaluators, names, fund, region, lead, keeps, canEvaluate: evaluates(user, chain, evaluators) };
}

export function ProjectPage() {
  const id = queryParam('id');
  const { user } = useSession();
  const [state, , reload] = useLoad(() => loadProject(id, user), [id]);
  const wait = pending(state, reload);
  if (wait) return wait;
  const s = state;
  const refresh = () => reload(true);
  return (
    <div class="stack proj-page" data-testid="proj-page" data-keeps={s.keeps ? 'yes' : 'no'}>
      <Crumbs here={s.p.title} />
      <Header s={s} refresh={refresh} />
      <Indicators s={s} refresh={refresh} />
      <Figures fig={s.progress.figures} />
      <Timeline items={s.activities} linked={hasRole(user, ORGANISERS)} />
      <Teams items={s.teams} />
      <Budget progress={s.progress} />
      <ExpenseSection s={s} refresh={refresh} />
      <EvaluationSection s={s} refresh={refresh} />
      <EvaluatorSection s={s} refresh={refresh} />
    </div>
  );
}

function Header({ s, refresh }) {
  const { p } = s;
  const moves = s.keeps ? MOVES[p.status] || [] : [];
  const { busy, error, run } = useRun(refresh);
  const facts = [
    ['kind', t('proj.kind.' + p.kind)],
    ['org', orgName(s.names, p.org_id)],
    ['partners', (p.partner_org_ids || []).map((o) => orgName(s.names, o)).join('、') || t('proj.none')],
    ['funder', funderText(p, s.names)],
    ['contract_no', p.contract_no || t('proj.none')],
    ['region', s.region || t('proj.region_no', { id: p.region_id })],
    ['period', period(p)],
    ['budget', formatMoney(p.budget_total_fen || 0)],
    ['fund', p.fund_id ? s.fund || t('proj.fund_no', { id: p.fund_id }) : t('proj.none')],
    ['lead', s.lead || t('proj.none')],
  ];
  return (
    <section class="card">
      <h1>
        {p.title} <StatusBadge status={p.status} />
      </h1>
      <dl class="facts" data-testid="proj-facts">
        {facts.map(([k, v]) => (
          <Fragment key={k}>
            <dt>{t('proj.fact.' + k)}</dt>
            <dd data-fact={k}>{v}</dd>
          </Fragment>
        ))}
      </dl>
      {p.description && <p class="fund-text">{p.description}</p>}
      <FormError text={error} />
      <div class="row lk-top">
        {s.keeps && (
          <Link href={'/projects/edit?id=' + p.id} class="btn" data-testid="proj-edit">
            {t('proj.edit')}
          </Link>
        )}
        {moves.map((to) => (
          <button key={to} type="button" class="btn btn-primary" disabled={busy} data-move={to} onClick={() => run(() => api('PATCH', '/projects/' + p.id, { status: to }))}>
            {t(`proj.move.${p.status}.${to}`)}
          </button>
        ))}
        <a class="btn" href={`/api/v1/projects/${p.id}/report.pdf`} data-testid="proj-report-pdf" download>
          {t('proj.report_pdf')}
        </a>
        <a class="btn" href={`/api/v1/projects/${p.id}/report.xlsx`} data-testid="proj-report-xlsx" download>
          {t('proj.report_xlsx')}
        </a>
      </div>
    </section>
  );
}

/** An indicator's bar: the actual against the target, a mark where the
 * period's elapsed share says it should be. */
export function IndicatorBar({ ind }) {
  const done = share(ind.actual, ind.target);
  const expected = share(ind.expected_by_now, ind.target);
  return (
    <div
      class={'proj-bar' + (ind.behind ? ' proj-bar-behind' : '')}
      role="img"
      aria-label={t('proj.bar_label', { actual: figure(ind.actual, ind.unit), target: figure(ind.target, ind.unit), expected: figure(ind.expected_by_now, ind.unit) })}
    >
      <div class="proj-bar-fill" style={{ width: (done * 100).toFixed(1) + '%' }} />
      <div class="proj-bar-mark" style={{ left: (expected * 100).toFixed(1) + '%' }} title={t('proj.expected_mark')} />
    </div>
  );
}

function Indicators({ s, refresh }) {
  const { progress } = s;
  return (
    <section class="card" aria-labelledby="proj-ind-h">
      <h2 id="proj-ind-h">{t('proj.indicators')}</h2>
      <p class="muted small">{t('proj.elapsed', { pct: formatNumber(progress.elapsed_share * 100), as_of: progress.as_of })}</p>
      {progress.indicators.length === 0 && <p class="muted">{t('proj.no_indicators')}</p>}
      <ul class="list" data-testid="proj-indicators">
        {progress.indicators.map((ind) => (
          <li key={ind.id} class="proj-ind" data-indicator={ind.id} data-source={ind.source}>
            <div class="proj-ind-head">
              <strong>{ind.name}</strong>
              <span class="muted small">{t('proj.source.' + ind.source)}</span>
              {ind.behind && (
                <span class="misc-tag proj-behind" data-testid="behind">
                  {t('proj.behind')}
                </span>
              )}
            </div>
            <IndicatorBar ind={ind} />
            <p class="small proj-ind-figs">
              <span data-testid="actual">{ind.measured === false ? t('proj.not_measured') : figure(ind.actual, ind.unit)}</span>
              {' / '}
              <span data-testid="target">{figure(ind.target, ind.unit)}</span>
              <span class="muted"> · {t('proj.expected_by_now', { n: figure(ind.expected_by_now, ind.unit) })}</span>
            </p>
            {ind.source === 'manual' && s.keeps && <ReportForm ind={ind} refresh={refresh} />}
          </li>
        ))}
      </ul>
      {s.keeps && <IndicatorForm projectId={s.p.id} refresh={refresh} />}
    </section>
  );
}

/** A manual indicator's figure as of a date, with its evidence. */
function ReportForm({ ind, refresh }) {
  const [open, setOpen] = useState(false);
  const [v, setV] = useState({ value: '', as_of: todayCst(), evidence: '' });
  const [errors, setErrors] = useState({});
  const [busy, setBusy] = useState(false);
  const set = (k) => (x) => setV((o) => ({ ...o, [k]: x }));
  if (!open)
    return (
      <button type="button" class="btn btn-quiet" onClick={() => setOpen(true)}>
        {t('proj.report.open')}
      </button>
    );
  const submit = async (e) => {
    e.preventDefault();
    const n = Number(v.value);
    const errs = {};
    if (!v.value.trim() || !(n >= 0)) errs.value = t('proj.err.target');
    if (!v.evidence.trim()) errs.evidence = t('error.required');
    setErrors(errs);
    if (Object.keys(errs).length) return;
    setBusy(true);
    try {
      await post(`/project-indicators/${ind.id}/reports`, { value: n, as_of: v.as_of, evidence: v.evidence.trim() });
      setOpen(false);
      await refresh();
    } catch (err) {
      setErrors(errorsFrom(err, ['value', 'as_of', 'evidence']));
    }
    setBusy(false);
  };
  const p = `r${ind.id}-`;
  return (
    <form onSubmit={submit} noValidate class="proj-subform" data-testid={'report-form-' + ind.id}>
      <FormError text={errors._form} />
      <Field name={p + 'value'} label={t('proj.report.value')} inputMode="decimal" value={v.value} onInput={set('value')} error={errors.value} />
      <Field name={p + 'as_of'} type="date" label={t('proj.report.as_of')} value={v.as_of} onInput={set('as_of')} error={errors.as_of} />
      <Field name={p + 'evidence'} label={t('proj.report.evidence')} value={v.evidence} onInput={set('evidence')} error={errors.evidence} maxLength={4000} />
      <button type="submit" class="btn btn-primary" disabled={busy}>
        {t('proj.report.submit')}
      </button>
    </form>
  );
}

/** Figures side by side: [key, value] pairs labelled by `prefix` + key,
 * each value marked data-stat={key}. */
export function StatGrid({ testid, prefix, items }) {
  return (
    <section class="card summary" data-testid={testid}>
      {items.map(([k, v]) => (
        <div class="stat" key={k}>
          <span class="stat-label">{t(prefix + k)}</span>
          <span class="stat-value" data-stat={k}>
            {v}
          </span>
        </div>
      ))}
    </section>
  );
}

function Figures({ fig }) {
  const items = [
    ['service_hours', formatHours(fig.service_hours)],
    ['people_served', formatNumber(fig.people_served)],
    ['volunteers', formatNumber(fig.volunteers)],
    ['activities', formatNumber(fig.activities)],
  ];
  return <StatGrid testid="proj-figures" prefix="proj.fig." items={items} />;
}

function Timeline({ items, linked }) {
  const sorted = [...items].sort((a, b) => a.starts_at.localeCompare(b.starts_at));
  return (
    <section class="card" aria-labelledby="proj-act-h">
      <h2 id="proj-act-h">{t('proj.activities')}</h2>
      {sorted.length === 0 && <p class="muted">{t('proj.no_activities')}</p>}
      <ol class="proj-timeline" data-testid="proj-activities">
        {sorted.map((a) => (
          <li key={a.id} data-activity={a.id}>
            <span class="proj-dot" aria-hidden="true" />
            <span class="muted small">{formatDate(a.starts_at)}</span>
            <strong>{linked ? <Link href={'/activity?id=' + a.id}>{a.title}</Link> : a.title}</strong>
            <span class="small">
              {t('act.mode.' + a.mode)} · {formatHours(a.verified_minutes / 60)} · {t('proj.n_volunteers', { n: a.volunteers })}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}

function Teams({ items }) {
  return (
    <section class="card" aria-labelledby="proj-team-h">
      <h2 id="proj-team-h">{t('proj.teams')}</h2>
      {items.length === 0 ? (
        <p class="muted">{t('proj.no_teams')}</p>
      ) : (
        <div class="misc-scroll" tabIndex={0}>
          <table class="misc-table" data-testid="proj-teams">
            <thead>
              <tr>
                <th>{t('proj.team')}</th>
                <th class="num">{t('proj.fig.volunteers')}</th>
                <th class="num">{t('proj.fig.service_hours')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((x) => (
                <tr key={x.org_id} data-team={x.org_id}>
                  <td>{x.org_name}</td>
                  <td class="num">{x.volunteers}</td>
                  <td class="num">{formatHours(x.verified_minutes / 60)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Budget({ progress }) {
  return (
    <section class="card" aria-labelledby="proj-budget-h">
      <h2 id="proj-budget-h">{t('proj.budget')}</h2>
      <p data-testid="proj-spent">{t('proj.spent_of', { spent: formatMoney(progress.spent_fen), budget: formatMoney(progress.budget_total_fen) })}</p>
      <ul class="list" data-testid="proj-budget">
        {progress.budget.map((b) => (
          <li key={b.line} data-line={b.line} class="proj-ind">
            <div class="proj-ind-head">
              <strong>{t('proj.line.' + b.line)}</strong>
              <span class="small" data-testid="line-figs">
                {t('proj.spent_of', { spent: formatMoney(b.spent_fen), budget: formatMoney(b.amount_fen) })}
              </span>
              {b.spent_fen > b.amount_fen && <span class="misc-tag proj-behind">{t('proj.over')}</span>}
            </div>
            <div class={'proj-bar' + (b.spent_fen > b.amount_fen ? ' proj-bar-behind' : '')} aria-hidden="true">
              <div class="proj-bar-fill" style={{ width: (share(b.spent_fen, b.amount_fen) * 100).toFixed(1) + '%' }} />
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
