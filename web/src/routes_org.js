// routes_org.js - the organisation network, people and the volunteer
// pipeline, for staff and administrators (see routes.js for the fields).
import { lazyModule } from './lazy.jsx';
import { STAFF } from './routes_staff.js';

const { OrgTree } = lazyModule(() => import('./pages/org_tree.jsx'), ['linkage', 'org', 'share']);
const { Pipeline } = lazyModule(() => import('./pages/org_pipeline.jsx'), ['ana', 'forms', 'org', 'sup']);
const { People } = lazyModule(() => import('./pages/org_people.jsx'), ['forms', 'linkage', 'misc', 'org', 'pii']);
const { Import } = lazyModule(() => import('./pages/import.jsx'), ['import']);

export const orgRoutes = [
  { path: '/orgs', page: OrgTree, group: 'people', roles: STAFF, nav: 'nav.orgs' },
  { path: '/pipeline', page: Pipeline, group: 'people', roles: STAFF, nav: 'nav.pipeline' },
  { path: '/people', page: People, group: 'people', roles: STAFF, nav: 'nav.people' },
  { path: '/import', page: Import, group: 'people', roles: STAFF, nav: 'nav.import' },
];
