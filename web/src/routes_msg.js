// routes_msg.js - the outbox's page for platform admins (issue 17; see
// routes.js for the fields of a route).
import { lazyModule } from './lazy.jsx';

const { Outbox } = lazyModule(() => import('./pages/msg_outbox.jsx'), ['msg']);

export const msgRoutes = [{ path: '/outbox', page: Outbox, group: 'system', roles: ['platform_admin'], nav: 'msg.nav.outbox' }];
