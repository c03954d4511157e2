// routes_aid.js - student aid by semester (爱青助学): semester runs and
// directed pairing. See routes.js for the fields of a route.
import { AidRuns } from './pages/aid_runs.jsx';
import { AidPairing } from './pages/aid_pairing.jsx';
import { AID_READERS, AID_STAFF } from './components/aid_ui.jsx';

/** docs/API.md: runs are read by staff of the fund's org and regional admins
 * over it, proposed by staff; relations are recorded by staff. */
export const aidRoutes = [
  { path: '/aid/runs', page: AidRuns, roles: AID_READERS, nav: 'aid.nav.runs', prefix: true },
  { path: '/aid/pairing', page: AidPairing, roles: AID_STAFF, nav: 'aid.nav.pairing' },
];
