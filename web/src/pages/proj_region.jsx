// proj_region.jsx - the civil-affairs office's view of the service projects
// in its region (issue 16): every project of the region's subtree (GET
// /projects?region_id=) with its progress, the totals of budget, spend,
// verified hours and people served, and the indicators behind where the
// period's elapsed share says they should be.
import { useState } from 'preact/hooks';
import { get } from '../api.js';
import { formatHours, formatMoney, formatNumber, t } from '../i18n/index.js';
import { Link, queryParam } from '../router.jsx';
import { regionsActingFirst, useSession } from '../session.js';
import { listAll } from '../org_data.js';
import { SelectField } from '../components/care_ui.jsx';
import { useLoad, pending } from '../components/ui.jsx';
import { figure, orgName, orgNames, period } from '../proj_data.js';
import { IndicatorBar, StatGrid } from './proj_page.jsx';
import { StatusBadge } from './proj_list.jsx';
import '../proj.css';

async function loadRegion(regionId) {
  const projects = await listAll('/projects?region_id=' + regionId, 1000);
  const [progress, names] = await Promise.all([
    Promise.all(projects.map((p) => get(`/projects/${p.id}/progress`).catch(() => null))),
    orgNames(projects.map((p) => p.org_id)),
  ]);
  const rows = projects.map((p, i) => ({ p, g: progress[i] }));
  const sum = (f) => rows.reduce((s, r) => s + (r.g ? f(r.g) : 0), 0);
  const totals = {
    budget: sum((g) => g.budget_total_fen),
    spent: sum((g) => g.spent_fen),
    hours: sum((g) => g.figures.service_hours),
    people: sum((g) => g.figures.people_served),
    behind: sum((g) => g.indicators.filter((x) => x.behind).length),
  };
  return { rows, names, totals };
}

export function RegionProjects() {
  const { user } = useSession();
  const mine = regionsActingFirst(user, (r) => r.role === 'regional_admin');
  const [regionId, setRegionId] = useState(queryParam('region_id') || (mine[0] ? String(mine[0]) : ''));
  // a regional admin picks among their regions, a platform admin among the districts
  const [regions] = useLoad(() => (mine.length ? Promise.all(mine.map((id) => get('/regions/' + id))) : listAll('/regions?level=district', 200)).catch(() => []));
  const [state, , reload] = useLoad(() => (regionId ? loadRegion(regionId) : Promise.resolve(null)), [regionId]);
  const choices = Array.isArray(regions) ? regions : [];
  const { totals } = state || {};
  return (
    <div class="stack">
      <h1>{t('proj.region.title')}</h1>
      <p class="muted">{t('proj.region.intro')}</p>
      {(mine.length !== 1 || !regionId) && (
        <div class="card">
          <SelectField name="region_id" label={t('proj.f.region')} value={regionId} onChange={setRegionId} placeholder={t('proj.choose')} options={choices.map((r) => [String(r.id), r.name])} />
        </div>
      )}
      {!regionId && <p class="card muted">{t('proj.region.choose')}</p>}
      {regionId &&
        (pending(state || { loading: true }, reload) || (
          <>
            <StatGrid
              testid="region-totals"
              prefix="proj.region.total."
              items={[
                ['projects', formatNumber(state.rows.length)],
                ['budget', formatMoney(totals.budget)],
                ['spent', formatMoney(totals.spent)],
                ['hours', formatHours(totals.hours)],
                ['people', formatNumber(totals.people)],
                ['behind', formatNumber(totals.behind)],
              ]}
            />
            {state.rows.length === 0 && <p class="card muted">{t('proj.list.none')}</p>}
            <ul class="list cards" data-testid="region-projects">
              {state.rows.map(({ p, g }) => (
                <li key={p.id} class="card" data-project={p.id}>
                  <h2>
                    <Link href={'/project?id=' + p.id}>{p.title}</Link> <StatusBadge status={p.status} />
                  </h2>
                  <p class="small">
                    {orgName(state.names, p.org_id)} · {t('proj.kind.' + p.kind)} · {period(p)}
                  </p>
                  {g && (
                    <>
                      <p class="small">
                        {t('proj.spent_of', { spent: formatMoney(g.spent_fen), budget: formatMoney(g.budget_total_fen) })} · {formatHours(g.figures.service_hours)} · {t('proj.people_served_n', { n: g.figures.people_served })}
                      </p>
                      <ul class="list">
                        {g.indicators.map((ind) => (
                          <li key={ind.id} class={'proj-ind' + (ind.behind ? ' proj-ind-behind' : '')} data-indicator={ind.id} data-behind={ind.behind ? 'yes' : 'no'}>
                            <div class="proj-ind-head">
                              <span>{ind.name}</span>
                              <span class="small">
                                {figure(ind.actual, ind.unit)} / {figure(ind.target, ind.unit)}
                              </span>
                              {ind.behind && <span class="misc-tag proj-behind">{t('proj.behind')}</span>}
                            </div>
                            <IndicatorBar ind={ind} />
                          </li>
                        ))}
                      </ul>
                    </>
                  )}
                </li>
              ))}
            </ul>
          </>
        ))}
    </div>
  );
}
