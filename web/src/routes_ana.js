// routes_ana.js - workforce analytics (issue 15): retention by cohort, the
// volunteers below the 20-hour norm, and the staff's page of a volunteer
// with their hours against the norm (see routes.js for the fields).
import { lazyModule } from './lazy.jsx';
import { STAFF } from './routes_staff.js';

const { Retention } = lazyModule(() => import('./pages/ana_retention.jsx'), ['ana']);
const { BelowNorm } = lazyModule(() => import('./pages/ana_below_norm.jsx'), ['ana']);
const { AnaVolunteer } = lazyModule(() => import('./pages/ana_volunteer.jsx'), ['ana', 'sup']);

export const anaRoutes = [
  { path: '/analytics/retention', page: Retention, group: 'stats', roles: STAFF, nav: 'ana.nav.retention' },
  { path: '/analytics/below-norm', page: BelowNorm, group: 'stats', roles: STAFF, nav: 'ana.nav.below_norm' },
  { path: '/analytics/volunteer', page: AnaVolunteer, roles: STAFF },
];
