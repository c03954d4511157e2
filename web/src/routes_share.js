// routes_share.js - 组织联建 (issue 15): an org's co-building links and
// what a partner shares with us (see routes.js for the fields of a route).
import { lazyModule } from './lazy.jsx';
import { STAFF } from './routes_staff.js';

const { ShareLinks, SharedWithUs } = lazyModule(() => import('./pages/share_links.jsx'), ['care', 'linkage', 'misc', 'share']);

export const shareRoutes = [
  { path: '/orgs/links', page: ShareLinks, parent: '/orgs', roles: STAFF },
  { path: '/orgs/shared', page: SharedWithUs, parent: '/orgs', roles: STAFF },
];
