// routes_aid.js - student aid by semester (爱青助学): semester runs. See
// routes.js for the fields of a route.
import { AidRuns } from './pages/aid_runs.jsx';
import { AID_READERS } from './components/aid_ui.jsx';

/** docs/API.md: runs are read by staff of the fund's org and regional admins
 * over it, proposed by staff. */
export const aidRoutes = [
  { path: '/aid/runs', page: AidRuns, roles: AID_READERS, nav: 'aid.nav.runs', prefix: true },
];
