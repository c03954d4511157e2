// routes_org.js - the organisation network, people and the volunteer
// pipeline, for staff and administrators (see routes.js for the fields).
import { OrgTree } from './pages/org_tree.jsx';
import { Pipeline } from './pages/org_pipeline.jsx';
import { People } from './pages/org_people.jsx';
import { Import } from './pages/import.jsx';
import { STAFF } from './routes_staff.js';

export const orgRoutes = [
  { path: '/orgs', page: OrgTree, group: 'people', roles: STAFF, nav: 'nav.orgs' },
  { path: '/pipeline', page: Pipeline, group: 'people', roles: STAFF, nav: 'nav.pipeline' },
  { path: '/people', page: People, group: 'people', roles: STAFF, nav: 'nav.people' },
  { path: '/import', page: Import, group: 'people', roles: STAFF, nav: 'nav.import' },
];
