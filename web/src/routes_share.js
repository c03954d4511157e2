// routes_share.js - 组织联建 (issue 15): an org's co-building links and
// what a partner shares with us (see routes.js for the fields of a route).
import { ShareLinks, SharedWithUs } from './pages/share_links.jsx';
import { STAFF } from './routes_staff.js';

export const shareRoutes = [
  { path: '/orgs/links', page: ShareLinks, parent: '/orgs', roles: STAFF },
  { path: '/orgs/shared', page: SharedWithUs, parent: '/orgs', roles: STAFF },
];
