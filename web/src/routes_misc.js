// routes_misc.js - positions, social workers and other staff pages (see
// routes.js for the fields of a route).
import { SocialWorkers } from './pages/misc_social_workers.jsx';
import { Positions } from './pages/misc_positions.jsx';
import { ResponseTimes } from './pages/misc_response_times.jsx';
import { ORGANISE, STAFF } from './routes_staff.js';

export const miscRoutes = [
  { path: '/social-workers', page: SocialWorkers, group: 'people', roles: STAFF, nav: 'misc.nav.social_workers' },
  { path: '/positions', page: Positions, group: 'service', roles: ORGANISE, nav: 'misc.nav.positions' },
  { path: '/response-times', page: ResponseTimes, group: 'stats', roles: STAFF, nav: 'misc.nav.response_times' },
];
