// routes_sup.js - the supervision chain 督导+社工+志愿者 (issue 15): sessions,
// supervision hours, social workers leading volunteers against the 1:10
// target, and a volunteer's lead social worker (see routes.js for the fields).
import { lazyModule } from './lazy.jsx';
import { ORGANISE, STAFF } from './routes_staff.js';

const { SessionList, SessionNew, SessionPage } = lazyModule(() => import('./pages/sup_sessions.jsx'), ['misc', 'sup']);
const { SupervisionHours } = lazyModule(() => import('./pages/sup_hours.jsx'), ['forms', 'linkage', 'misc', 'org', 'sup']);
const { Ratios } = lazyModule(() => import('./pages/sup_ratios.jsx'), ['sup']);
const { VolunteerLead, WorkerVolunteers } = lazyModule(() => import('./pages/sup_lead.jsx'), ['ana', 'misc', 'sup']);

export const supRoutes = [
  { path: '/supervision', page: SessionList, group: 'people', roles: STAFF, nav: 'sup.nav.sessions' },
  { path: '/supervision/new', page: SessionNew, parent: '/supervision', roles: ORGANISE },
  { path: '/supervision/session', page: SessionPage, parent: '/supervision', roles: STAFF },
  { path: '/supervision/hours', page: SupervisionHours, group: 'people', roles: STAFF, nav: 'sup.nav.hours' },
  { path: '/linkage/ratios', page: Ratios, group: 'stats', roles: STAFF, nav: 'sup.nav.ratios' },
  { path: '/supervision/volunteer', page: VolunteerLead, roles: ORGANISE },
  { path: '/supervision/worker', page: WorkerVolunteers, roles: STAFF },
];
