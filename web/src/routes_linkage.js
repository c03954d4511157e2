// routes_linkage.js - 社志联动 (issue 15): placing an org where its kind
// sits, and the qualification each kind of work needs (see routes.js for
// the fields of a route).
import { lazyModule } from './lazy.jsx';
import { STAFF } from './routes_staff.js';

const { OrgEdit, OrgNew } = lazyModule(() => import('./pages/lk_org_form.jsx'), ['linkage', 'misc', 'org']);
const { QualificationRules } = lazyModule(() => import('./pages/lk_qual_rules.jsx'), ['forms', 'linkage', 'misc', 'org']);

/** Who writes orgs (docs/API.md, Roles and scope). */
export const ORG_WRITERS = ['platform_admin', 'regional_admin', 'org_admin'];

export const linkageRoutes = [
  { path: '/orgs/new', page: OrgNew, parent: '/orgs', roles: ORG_WRITERS },
  { path: '/orgs/edit', page: OrgEdit, parent: '/orgs', roles: ORG_WRITERS },
  // read by staff (linked from the social workers page), in the menu of
  // the platform admins who change it
  { path: '/qualification-rules', page: QualificationRules, group: 'system', roles: STAFF, navRoles: ['platform_admin'], nav: 'lk.nav.rules' },
];
