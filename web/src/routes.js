// routes.js - every page, the roles that may open it and its menu entry.
// A page without `roles` is for anyone signed in; `public` needs no session;
// `prefix` also matches the paths under it (/verify/{code}); `navRoles`, when
// given, are the roles whose menu shows the page (else those of `roles`);
// `navIf(roleNames)`, when given, decides the menu entry instead; `group`
// is the menu section of a page with a menu entry (nav.js: GROUPS), and
// `parent` the path of the list a detail page belongs to (its breadcrumbs).
import { lazyModule } from './lazy.jsx';
import { Login } from './pages/login.jsx';
import { VolunteerHome } from './pages/volunteer.jsx';
import { CheckIn } from './pages/checkin.jsx';
import { ShiftSignup } from './pages/shifts.jsx';
import { STAFF, staffRoutes } from './routes_staff.js';
import { careRoutes } from './routes_care.js';
import { orgRoutes } from './routes_org.js';
import { calRoutes } from './routes_cal.js';
import { miscRoutes } from './routes_misc.js';
import { exportRoutes } from './routes_export.js';
import { workdayRoutes } from './routes_workdays.js';
import { certRoutes } from './routes_cert.js';
import { recRoutes } from './routes_rec.js';
import { piiRoutes } from './routes_pii.js';
import { fundRoutes } from './routes_fund.js';
import { aidRoutes } from './routes_aid.js';
import { linkageRoutes } from './routes_linkage.js';
import { supRoutes } from './routes_sup.js';
import { anaRoutes } from './routes_ana.js';
import { councilRoutes } from './routes_council.js';
import { voiceRoutes } from './routes_voice.js';
import { shareRoutes } from './routes_share.js';
import { projRoutes } from './routes_proj.js';
import { msgRoutes } from './routes_msg.js';
import { screenRoutes } from './routes_screen.js';

const { Account } = lazyModule(() => import('./pages/account.jsx'), ['pii', 'reply']);
const { ReplyLink } = lazyModule(() => import('./pages/reply.jsx'), ['care', 'reply']);

export const VOLUNTEER = ['volunteer'];

export const routes = [
  { path: '/login', page: Login, public: true },
  { path: '/r', page: ReplyLink, public: true },
  { path: '/my', page: VolunteerHome, group: 'mine', roles: VOLUNTEER, nav: 'nav.my_service' },
  { path: '/shifts', page: ShiftSignup, group: 'mine', roles: VOLUNTEER, nav: 'nav.shifts' },
  { path: '/checkin', page: CheckIn, group: 'mine', roles: VOLUNTEER, nav: 'nav.checkin' },
  { path: '/account', page: Account, group: 'mine', nav: 'nav.account' },
  ...staffRoutes,
  ...careRoutes,
  ...orgRoutes,
  ...calRoutes,
  ...miscRoutes,
  ...exportRoutes,
  ...workdayRoutes,
  ...certRoutes,
  ...recRoutes,
  ...piiRoutes,
  ...fundRoutes,
  ...aidRoutes,
  ...linkageRoutes,
  ...supRoutes,
  ...anaRoutes,
  ...councilRoutes,
  ...voiceRoutes,
  ...shareRoutes,
  ...projRoutes,
  ...msgRoutes,
  ...screenRoutes,
];

/** Where a user lands after signing in. */
export const homeFor = (roles) =>
  roles.includes('volunteer')
    ? '/my'
    : roles.some((r) => STAFF.includes(r))
      ? '/dashboard'
      : roles.includes('resident')
        ? '/needs/mine'
        : roles.length === 0
          ? '/projects/evaluating' // an evaluator's only tie is a project
          : '/account';
