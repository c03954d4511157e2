// routes_pii.js - the signed-in user's own data and password (issue 13),
// for everyone signed in, reached from 我的账户 (see routes.js for the fields).
import { MyData } from './pages/pii_mydata.jsx';
import { ChangePassword } from './pages/pii_password.jsx';

export const piiRoutes = [
  { path: '/account/data', page: MyData },
  { path: '/account/password', page: ChangePassword },
];
