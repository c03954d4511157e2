// routes_council.js - councils (议事会, issue 15): the list, a council's page
// (members, meetings, issues and what became of them) and a meeting's page
// (agenda, attendance, minutes, resolutions that become needs). Open to any
// signed-in user: a council's members read it whatever their role, and the
// API answers what each may see (see routes.js for the fields).
import { lazyModule } from './lazy.jsx';

const { CouncilList, CouncilPage } = lazyModule(() => import('./pages/council_list.jsx'), ['care', 'council']);
const { MeetingPage } = lazyModule(() => import('./pages/council_meeting.jsx'), ['care', 'council', 'sup']);

const COUNCIL_NAV = ['org_admin', 'supervisor', 'social_worker', 'regional_admin', 'platform_admin', 'resident'];

export const councilRoutes = [
  { path: '/councils', page: CouncilList, group: 'service', nav: 'council.nav', navRoles: COUNCIL_NAV },
  { path: '/councils/view', page: CouncilPage, parent: '/councils' },
  { path: '/councils/meeting', page: MeetingPage, parent: '/councils' },
];
