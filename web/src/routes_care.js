// routes_care.js - needs, residents, people, emergencies and the audit log
// (see routes.js for the fields of a route).
import { lazyModule } from './lazy.jsx';

const { MyNeeds } = lazyModule(() => import('./pages/care_needs.jsx'), ['care', 'voice']);
const { NeedsBoard } = lazyModule(() => import('./pages/care_board.jsx'), ['care', 'council', 'forms', 'voice']);
const { EmergencyConsole, EmergencyList } = lazyModule(() => import('./pages/care_emergency.jsx'), ['care']);
const { AuditLog } = lazyModule(() => import('./pages/care_audit.jsx'), ['aid', 'audit', 'audit_fields', 'cal', 'care', 'council', 'export', 'forms', 'fund', 'import', 'linkage', 'misc', 'org', 'proj', 'rec', 'reply', 'share', 'staff', 'sup', 'voice', 'workdays']);

const ORG_STAFF = ['org_admin', 'supervisor', 'social_worker'];
/** Who reads needs and incidents beyond their own (docs/API.md). */
const CARE_STAFF = [...ORG_STAFF, 'regional_admin', 'platform_admin'];

export const careRoutes = [
  { path: '/needs/mine', page: MyNeeds, group: 'mine', roles: ['resident'], nav: 'care.nav.my_needs' },
  { path: '/needs', page: NeedsBoard, group: 'service', roles: CARE_STAFF, nav: 'care.nav.needs_board' },
  { path: '/emergencies', page: EmergencyList, group: 'service', roles: CARE_STAFF, nav: 'care.nav.emergencies' },
  { path: '/emergency', page: EmergencyConsole, parent: '/emergencies', roles: CARE_STAFF },
  { path: '/audit', page: AuditLog, group: 'system', roles: ['platform_admin'], nav: 'care.nav.audit' },
];
