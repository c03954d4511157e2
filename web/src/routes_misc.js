// routes_misc.js - positions, social workers and other staff pages (see
// routes.js for the fields of a route).
import { lazyModule } from './lazy.jsx';
import { ORGANISE, STAFF } from './routes_staff.js';

const { SocialWorkers } = lazyModule(() => import('./pages/misc_social_workers.jsx'), ['linkage', 'misc', 'sup']);
const { Positions } = lazyModule(() => import('./pages/misc_positions.jsx'), ['forms', 'linkage', 'misc', 'org', 'proj', 'staff', 'voice']);
const { ResponseTimes } = lazyModule(() => import('./pages/misc_response_times.jsx'), ['forms', 'linkage', 'misc', 'org', 'proj', 'staff', 'voice']);

export const miscRoutes = [
  { path: '/social-workers', page: SocialWorkers, group: 'people', roles: STAFF, nav: 'misc.nav.social_workers' },
  { path: '/positions', page: Positions, group: 'service', roles: ORGANISE, nav: 'misc.nav.positions' },
  { path: '/response-times', page: ResponseTimes, group: 'stats', roles: STAFF, nav: 'misc.nav.response_times' },
];
