// routes_ana.js - workforce analytics (issue 15): retention by cohort, the
// volunteers below the 20-hour norm, and the staff's page of a volunteer
// with their hours against the norm (see routes.js for the fields).
import { Retention } from './pages/ana_retention.jsx';
import { BelowNorm } from './pages/ana_below_norm.jsx';
import { AnaVolunteer } from './pages/ana_volunteer.jsx';
import { STAFF } from './routes_staff.js';

export const anaRoutes = [
  { path: '/analytics/retention', page: Retention, group: 'stats', roles: STAFF, nav: 'ana.nav.retention' },
  { path: '/analytics/below-norm', page: BelowNorm, group: 'stats', roles: STAFF, nav: 'ana.nav.below_norm' },
  { path: '/analytics/volunteer', page: AnaVolunteer, roles: STAFF },
];
