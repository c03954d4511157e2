// routes_workdays.js - working days: the overdue records for staff and the
// holiday calendar for platform admins (see routes.js for the fields).
import { lazyModule } from './lazy.jsx';

const { OverdueRecords } = lazyModule(() => import('./pages/wd_overdue.jsx'), ['workdays']);
const { HolidayCalendar } = lazyModule(() => import('./pages/wd_holidays.jsx'), ['workdays']);

/** Who sees overdue records (docs/API.md, GET /service-records/overdue). */
const OVERDUE = ['platform_admin', 'regional_admin', 'org_admin', 'supervisor', 'social_worker'];

export const workdayRoutes = [
  { path: '/overdue', page: OverdueRecords, group: 'work', roles: OVERDUE, nav: 'wd.nav.overdue' },
  { path: '/holidays', page: HolidayCalendar, group: 'system', roles: ['platform_admin'], nav: 'wd.nav.holidays' },
];
