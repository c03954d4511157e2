// routes_pii.js - the signed-in user's own data and password (issue 13),
// for everyone signed in, reached from 我的账户 (see routes.js for the fields).
import { lazyModule } from './lazy.jsx';

const { MyData } = lazyModule(() => import('./pages/pii_mydata.jsx'), ['pii']);
const { ChangePassword } = lazyModule(() => import('./pages/pii_password.jsx'), ['pii']);

export const piiRoutes = [
  { path: '/account/data', page: MyData },
  { path: '/account/password', page: ChangePassword },
];
