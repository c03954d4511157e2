// routes_aid.js - student aid by semester (爱青助学) and where gifts went:
// semester runs, directed pairing, the donor's statement, and two public
// pages without sign-in (a gift by its statement code, the quarterly
// disclosure). See routes.js for the fields of a route; `navRoles` puts a
// page open to everyone signed in into the menu of some roles only.
import { lazyModule } from './lazy.jsx';

const { AidRuns } = lazyModule(() => import('./pages/aid_runs.jsx'), ['aid']);
const { AidPairing } = lazyModule(() => import('./pages/aid_pairing.jsx'), ['aid', 'forms', 'linkage', 'misc', 'org']);
const { MyGifts, PublicStatement } = lazyModule(() => import('./pages/aid_gifts.jsx'), ['aid']);
const { Disclosure } = lazyModule(() => import('./pages/aid_disclosure.jsx'), ['aid']);

/** Who proposes runs and pairs students (staff of an org), and who reads runs. */
export const AID_STAFF = ['platform_admin', 'org_admin', 'supervisor', 'social_worker'];
export const AID_READERS = ['platform_admin', 'regional_admin', 'org_admin', 'supervisor', 'social_worker'];

/** docs/API.md: runs are read by staff of the fund's org and regional admins
 * over it, proposed by staff; relations are recorded by staff. */
export const aidRoutes = [
  { path: '/aid/runs', page: AidRuns, group: 'projects', roles: AID_READERS, nav: 'aid.nav.runs', prefix: true },
  { path: '/aid/pairing', page: AidPairing, group: 'projects', roles: AID_STAFF, nav: 'aid.nav.pairing' },
  { path: '/my/gifts', page: MyGifts, group: 'mine', nav: 'aid.nav.gifts', navRoles: ['donor'] },
  { path: '/statement', page: PublicStatement, public: true, prefix: true },
  { path: '/disclosure', page: Disclosure, group: 'projects', public: true, nav: 'aid.nav.disclosure', navRoles: [...AID_READERS, 'donor'] },
];
