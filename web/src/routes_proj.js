// routes_proj.js - service projects 项目化运作 (issue 16): the list and board,
// the form, a project's page, the evaluator's list and the region's view
// (see routes.js for the fields of a route). A project's page has no roles:
// an evaluator may hold none, and the API says what each caller reads.
import { lazyModule } from './lazy.jsx';
import { ORGANISE, STAFF } from './routes_staff.js';

const { EvaluatorProjects, ProjectList } = lazyModule(() => import('./pages/proj_list.jsx'), ['proj']);
const { ProjectEdit, ProjectNew } = lazyModule(() => import('./pages/proj_form.jsx'), ['linkage', 'misc', 'org', 'proj']);
const { ProjectPage } = lazyModule(() => import('./pages/proj_page.jsx'), ['forms', 'linkage', 'misc', 'org', 'proj', 'staff']);
const { RegionProjects } = lazyModule(() => import('./pages/proj_region.jsx'), ['forms', 'linkage', 'misc', 'org', 'proj', 'staff']);

export const projRoutes = [
  { path: '/projects', page: ProjectList, group: 'projects', roles: STAFF, nav: 'proj.nav.projects' },
  { path: '/projects/new', page: ProjectNew, parent: '/projects', roles: ORGANISE },
  { path: '/projects/edit', page: ProjectEdit, parent: '/projects', roles: ORGANISE },
  { path: '/project', page: ProjectPage, parent: '/projects' },
  // in the menu of a user with no role: an evaluator's only tie is the project
  { path: '/projects/evaluating', page: EvaluatorProjects, group: 'mine', nav: 'proj.nav.evaluating', navIf: (roles) => roles.length === 0 },
  { path: '/projects/region', page: RegionProjects, group: 'projects', roles: ['platform_admin', 'regional_admin'], navRoles: ['regional_admin'], nav: 'proj.nav.region' },
];
