// routes_export.js - the export page (see routes.js for the fields of a route).
import { Export } from './pages/export.jsx';
import { STAFF } from './routes_staff.js';

export const exportRoutes = [{ path: '/exports', page: Export, group: 'stats', roles: STAFF, nav: 'export.nav' }];
