// routes_cal.js - calendars: activities and shifts, clients' plans and their
// visits (see routes.js for the fields of a route).
import { lazyModule } from './lazy.jsx';
import { STAFF } from './routes_staff.js';

const { OrgCalendar } = lazyModule(() => import('./pages/cal_calendar.jsx'), ['cal', 'forms', 'linkage', 'misc', 'org', 'proj', 'staff', 'voice']);
const { ClientDetail, ClientList } = lazyModule(() => import('./pages/cal_clients.jsx'), ['cal', 'linkage', 'misc', 'org']);

/** Who follows clients (docs/API.md, Clients: the client's social worker and
 * the supervisor of that worker), and the org admins who assign them. */
const CASEWORK = ['social_worker', 'supervisor', 'org_admin'];

export const calRoutes = [
  { path: '/calendar', page: OrgCalendar, group: 'work', roles: STAFF, nav: 'cal.nav.calendar' },
  { path: '/clients', page: ClientList, group: 'service', roles: CASEWORK, nav: 'cal.nav.clients' },
  { path: '/client', page: ClientDetail, parent: '/clients', roles: CASEWORK },
];
