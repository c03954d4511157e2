// routes_screen.js - the city data screen (数据大屏, issue 18) for
// civil-affairs offices: platform admins and regional admins (see routes.js
// for the fields of a route).
import { lazyModule } from './lazy.jsx';

const { CityScreen } = lazyModule(() => import('./pages/screen.jsx'), ['screen', 'staff']);

/** Who may open the screen (GET /stats/screen answers them alone). */
export const SCREEN = ['platform_admin', 'regional_admin'];

export const screenRoutes = [{ path: '/screen', page: CityScreen, group: 'stats', roles: SCREEN, nav: 'screen.nav' }];
