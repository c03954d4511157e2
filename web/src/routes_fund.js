// routes_fund.js - funds and donations (资金保障, issue 14): funds and their
// books for staff and admins, recording and voiding donations, receipts,
// and the donor's own gifts (see routes.js for the fields of a route; a
// `prefix` route matches /funds/{id}, /donations/{id} and
// /donations/{id}/receipt, after the exact paths above it).
import { lazyModule } from './lazy.jsx';
import { FUND_READERS, RECORDERS } from './fund_data.js';

const { FundList, FundRoute } = lazyModule(() => import('./pages/fund_funds.jsx'), ['forms', 'fund', 'linkage', 'misc', 'org']);
const { DonationList, DonationNew, DonationRoute, MyDonations } = lazyModule(() => import('./pages/fund_donations.jsx'), ['forms', 'fund', 'linkage', 'misc', 'org']);

export const fundRoutes = [
  { path: '/funds', page: FundList, group: 'projects', roles: FUND_READERS, nav: 'fund.nav.funds' },
  { path: '/funds', page: FundRoute, parent: '/funds', roles: FUND_READERS, prefix: true },
  { path: '/donations', page: DonationList, group: 'projects', roles: FUND_READERS, nav: 'fund.nav.donations' },
  { path: '/donations/new', page: DonationNew, roles: RECORDERS },
  { path: '/donations/mine', page: MyDonations, group: 'mine', roles: ['donor'], nav: 'fund.nav.mine' },
  { path: '/donations', page: DonationRoute, parent: '/donations', roles: [...FUND_READERS, 'donor'], prefix: true },
];
