// routes_staff.js - the organisers' pages and the dashboard (see routes.js
// for the fields of a route).
import { lazyModule } from './lazy.jsx';

const { StaffDashboard } = lazyModule(() => import('./pages/staff_dashboard.jsx'), ['aid', 'ana', 'screen', 'staff', 'sup']);
const { ActivityDetail, ActivityList, ActivityNew } = lazyModule(() => import('./pages/staff_activities.jsx'), ['forms', 'linkage', 'misc', 'org', 'proj', 'staff', 'voice']);
const { ShiftCheckinScreen, ShiftSignups } = lazyModule(() => import('./pages/staff_shift.jsx'), ['forms', 'rec', 'staff']);

/** Who reads statistics, and who organises activities. */
export const STAFF = ['platform_admin', 'regional_admin', 'org_admin', 'supervisor', 'social_worker'];
export const ORGANISE = ['platform_admin', 'org_admin', 'supervisor', 'social_worker'];

export const staffRoutes = [
  { path: '/dashboard', page: StaffDashboard, group: 'work', roles: STAFF, nav: 'nav.dashboard' },
  { path: '/activities', page: ActivityList, group: 'service', roles: ORGANISE, nav: 'nav.activities' },
  { path: '/activities/new', page: ActivityNew, parent: '/activities', roles: ORGANISE },
  { path: '/activity', page: ActivityDetail, parent: '/activities', roles: ORGANISE },
  { path: '/shift', page: ShiftSignups, parent: '/activities', roles: ORGANISE },
  { path: '/shift/checkin', page: ShiftCheckinScreen, roles: ORGANISE },
];
