// routes_cert.js - certificates of service hours: the volunteer's own, staff
// issuing for a volunteer, and the public check the QR code opens (see
// routes.js for the fields of a route; `prefix` matches /verify/{code}).
import { MyCertificates, StaffCertificates, VerifyCertificate } from './pages/certificates.jsx';

/** Who issues for a volunteer (docs/API.md: staff of the volunteer's org or of
 * a recording org, platform admins). */
const ISSUING_STAFF = ['platform_admin', 'org_admin', 'supervisor', 'social_worker'];

export const certRoutes = [
  { path: '/certificates', page: MyCertificates, group: 'mine', roles: ['volunteer'], nav: 'cert.nav.mine' },
  { path: '/certificates/issue', page: StaffCertificates, group: 'service', roles: ISSUING_STAFF, nav: 'cert.nav.staff' },
  { path: '/verify', page: VerifyCertificate, public: true, prefix: true },
];
