// routes_rec.js - records that hold up: the volunteer's records and
// corrections, the organisers' verification and correction pages (see
// routes.js for the fields of a route).
import { lazyModule } from './lazy.jsx';
import { ORGANISE } from './routes_staff.js';

const { Corrections, MyRecords, VerifyRecords } = lazyModule(() => import('./pages/rec_records.jsx'), ['forms', 'rec']);

export const recRoutes = [
  { path: '/my/records', page: MyRecords, group: 'mine', roles: ['volunteer'], nav: 'rec.nav.my_records' },
  { path: '/records/verify', page: VerifyRecords, group: 'service', roles: ORGANISE, nav: 'rec.nav.verify' },
  { path: '/records/corrections', page: Corrections, group: 'service', roles: ORGANISE, nav: 'rec.nav.corrections' },
];
