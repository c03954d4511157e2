// org_tree.jsx - the organisation network as a tree: every org
// the caller may read under its parent; choosing one shows its page (kind,
// region, parent, children) with links to its people and volunteers and
// its co-building links (share_links.jsx), and
// for those who write orgs, to edit it or start a new one under it
// (lk_org_form.jsx).
import { t } from '../i18n/index.js';
import { useSession, hasRole } from '../session.js';
import { ORG_WRITERS } from '../routes_linkage.js';
import { Link, navigate, queryParam } from '../router.jsx';
import { useLoad, pending } from '../components/ui.jsx';
import { listAll, orgTree } from '../org_data.js';

function Branch({ nodes, selected }) {
  return (
    <ul class="tree">
      {nodes.map((o) => (
        <li key={o.id}>
          <Link href={'/orgs?id=' + o.id} aria-current={o.id === selected ? 'true' : undefined} data-org={o.id}>
            {o.name}
          </Link>{' '}
          <span class="muted small">{t('org.kind.' + o.kind)}</span>
          {o.children.length > 0 && <Branch nodes={o.children} selected={selected} />}
        </li>
      ))}
    </ul>
  );
}

function OrgPage({ org, regions, byId, writer }) {
  const parent = org.parent_id ? byId.get(org.parent_id) : null;
  return (
    <div class="card" data-testid="org-page">
      <h2>{org.name}</h2>
      <dl class="facts">
        <dt>{t('org.kind')}</dt>
        <dd>{t('org.kind.' + org.kind)}</dd>
        <dt>{t('org.region')}</dt>
        <dd>{(regions.get(org.region_id) || {}).name || org.region_id}</dd>
        <dt>{t('org.parent')}</dt>
        <dd>{parent ? <Link href={'/orgs?id=' + parent.id}>{parent.name}</Link> : '—'}</dd>
        <dt>{t('org.children')}</dt>
        <dd>{byId.get(org.id).children.length}</dd>
      </dl>
      <p class="row">
        <Link class="btn" href={'/pipeline?org_id=' + org.id}>
          {t('org.volunteers')}
        </Link>{' '}
        <Link class="btn" href={'/people?org_id=' + org.id}>
          {t('org.people')}
        </Link>{' '}
        <Link class="btn" href={'/orgs/links?id=' + org.id}>
          {t('share.org_link')}
        </Link>
      </p>
      {writer && (
        <p class="row">
          <Link class="btn" href={'/orgs/edit?id=' + org.id}>
            {t('lk.org.edit')}
          </Link>{' '}
          <Link class="btn" href={'/orgs/new?parent=' + org.id}>
            {t('lk.org.new_child')}
          </Link>
        </p>
      )}
    </div>
  );
}

export function OrgTree() {
  const { user } = useSession();
  const writer = hasRole(user, ORG_WRITERS);
  const selected = Number(queryParam('id')) || 0;
  const [state, , load] = useLoad(async () => {
    const [orgs, regions] = await Promise.all([listAll('/orgs'), listAll('/regions')]);
    const roots = orgTree(orgs);
    const byId = new Map();
    const walk = (l) => l.forEach((o) => (byId.set(o.id, o), walk(o.children)));
    walk(roots);
    return { roots, byId, regions: new Map(regions.map((r) => [r.id, r])) };
  });
  const wait = pending(state, load);
  if (wait) return wait;
  // null, not 0, when nothing is chosen: {org && ...} would print a 0
  const org = selected ? state.byId.get(selected) : null;
  if (selected && !org) navigate('/orgs', true);
  return (
    <section class="stack">
      <h1>{t('org.title')}</h1>
      {writer && (
        <Link class="btn btn-primary" href="/orgs/new">
          {t('lk.org.new')}
        </Link>
      )}
      {org && <OrgPage org={org} regions={state.regions} byId={state.byId} writer={writer} />}
      <nav class="card" aria-label={t('org.title')}>
        {state.roots.length ? <Branch nodes={state.roots} selected={selected} /> : <p class="muted">{t('org.none')}</p>}
      </nav>
    </section>
  );
}
