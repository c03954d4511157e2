// routes_export.js - the export page (see routes.js for the fields of a route).
import { lazyModule } from './lazy.jsx';
import { STAFF } from './routes_staff.js';

const { Export } = lazyModule(() => import('./pages/export.jsx'), ['export']);

export const exportRoutes = [{ path: '/exports', page: Export, group: 'stats', roles: STAFF, nav: 'export.nav' }];
