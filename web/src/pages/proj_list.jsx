// proj_list.jsx - service projects (项目化运作, issue 16): the projects the
// caller reads (GET /projects, filtered by status and kind) as a board with
// one column per status, each card with its org, period, budget against
// spend and how many indicators reached their target; and the evaluator's
// list 我评估的项目 (GET /projects?evaluator_user_id=me).
import { useState } from 'preact/hooks';
import { formatMoney, t } from '../i18n/index.js';
import { Link } from '../router.jsx';
import { hasRole, useSession } from '../session.js';
import { listAll } from '../org_data.js';
import { SelectField } from '../components/care_ui.jsx';
import { useLoad, pending } from '../components/ui.jsx';
import { KEEPERS, KINDS, STATUSES, indicatorSummary, orgName, orgNames, period } from '../proj_data.js';
import '../proj.css';

export function StatusBadge({ status }) {
  return (
    <span class={'proj-status proj-status-' + status} data-testid="proj-status" data-status={status}>
      {t('proj.status.' + status)}
    </span>
  );
}

/** One project as a card: title (a link to its page), org, period, budget
 * and spend, the indicators' summary. */
export function ProjectCard({ p, names, badge }) {
  return (
    <li class="card board-card" data-project={p.id}>
      <strong>
        <Link href={'/project?id=' + p.id}>{p.title}</Link>
      </strong>
      {badge && <StatusBadge status={p.status} />}
      <span class="small">{orgName(names, p.org_id)}</span>
      <span class="muted small">
        {t('proj.kind.' + p.kind)} · {period(p)}
      </span>
      <span class="small" data-testid="card-budget">
        {t('proj.card_budget', { budget: formatMoney(p.budget_total_fen || 0), spent: formatMoney(p.spent_fen || 0) })}
      </span>
      <span class="small" data-testid="card-summary">
        {indicatorSummary(p)}
      </span>
    </li>
  );
}

async function loadProjects(query) {
  const items = await listAll('/projects' + query, 1000);
  return { items, names: await orgNames(items.map((p) => p.org_id)) };
}

export function ProjectList() {
  const { user } = useSession();
  const [status, setStatus] = useState('');
  const [kind, setKind] = useState('');
  const q = [status && 'status=' + status, kind && 'kind=' + kind].filter(Boolean).join('&');
  const [state, , reload] = useLoad(() => loadProjects(q ? '?' + q : ''), [q]);
  const columns = status ? [status] : STATUSES;
  return (
    <div class="stack">
      <h1>{t('proj.list.title')}</h1>
      <p class="muted">{t('proj.list.intro')}</p>
      <div class="row">
        {hasRole(user, ['platform_admin', ...KEEPERS]) && (
          <Link href="/projects/new" class="btn btn-primary">
            {t('proj.list.new')}
          </Link>
        )}
        {hasRole(user, ['platform_admin', 'regional_admin']) && (
          <Link href="/projects/region" class="btn">
            {t('proj.nav.region')}
          </Link>
        )}
      </div>
      <div class="fund-filters card" data-testid="proj-filters">
        <SelectField name="status" label={t('proj.f.status')} value={status} onChange={setStatus} placeholder={t('proj.any')} options={STATUSES.map((s) => [s, t('proj.status.' + s)])} />
        <SelectField name="kind" label={t('proj.f.kind')} value={kind} onChange={setKind} placeholder={t('proj.any')} options={KINDS.map((k) => [k, t('proj.kind.' + k)])} />
      </div>
      {pending(state, reload) || (
        <>
          {state.items.length === 0 && <p class="card muted">{t('proj.list.none')}</p>}
          <div class="board" data-testid="proj-board" tabIndex={0}>
            {columns.map((s) => {
              const items = state.items.filter((p) => p.status === s);
              return (
                <section key={s} class="board-col" data-column={s} aria-label={t('proj.status.' + s)}>
                  <h2>
                    {t('proj.status.' + s)} ({items.length})
                  </h2>
                  <ul class="list">
                    {items.map((p) => (
                      <ProjectCard key={p.id} p={p} names={state.names} />
                    ))}
                  </ul>
                </section>
              );
            })}
          </div>
        </>
      )}
    </div>
  );
}

/** 我评估的项目: the projects the caller is an active evaluator of. */
export function EvaluatorProjects() {
  const { user } = useSession();
  const [state, , reload] = useLoad(() => loadProjects('?evaluator_user_id=' + user.id));
  const wait = pending(state, reload);
  if (wait) return wait;
  return (
    <div class="stack">
      <h1>{t('proj.nav.evaluating')}</h1>
      <p class="muted">{t('proj.eval_list.intro')}</p>
      {state.items.length === 0 && <p class="card muted">{t('proj.eval_list.none')}</p>}
      <ul class="list cards" data-testid="proj-evaluating">
        {state.items.map((p) => (
          <ProjectCard key={p.id} p={p} names={state.names} badge />
        ))}
      </ul>
    </div>
  );
}
