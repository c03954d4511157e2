// fund_data.js - what the funds pages share: who may do what (docs/API.md,
// "Funds and donations"), the orgs whose funds the caller keeps, an
// Idempotency-Key per form and today's date in China.
import { listAll } from './org_data.js';

/** Read funds, their books and donations: staff of the org subtree,
 * regional admins over it, platform admins. */
export const FUND_READERS = ['platform_admin', 'regional_admin', 'org_admin', 'supervisor', 'social_worker'];
/** Record donations: staff of the fund's org subtree, platform admins. */
export const RECORDERS = ['platform_admin', 'org_admin', 'supervisor', 'social_worker'];
/** Create and change funds, void donations: org admins, platform admins. */
export const KEEPERS = ['platform_admin', 'org_admin'];
/** The roles a fund's manager may hold in the fund's org subtree. */
export const STAFF_ROLES = ['org_admin', 'supervisor', 'social_worker'];

export const PURPOSES = ['pooled', 'directed', 'student_aid'];
export const CHANNELS = ['cash', 'bank_transfer', 'online_platform', 'in_kind'];
/** The fields each channel takes (another channel's are refused: 422). */
export const CHANNEL_FIELDS = {
  cash: [],
  bank_transfer: ['bank_ref'],
  online_platform: ['platform', 'platform_ref'],
  in_kind: ['item_description', 'valued_by', 'valuation_basis'],
};
export const CHANNEL_REQUIRED = ['platform', 'platform_ref', 'item_description', 'valued_by'];
export const ACCOUNTS = ['cash', 'goods', 'payables', 'restricted_net_assets', 'unrestricted_net_assets', 'expenses'];

const kept = new Map();

/** The orgs whose funds the user keeps: {all: true} for a platform admin,
 * else {ids} holding every org in the subtree of the user's org_admin roles
 * (asked once per user and page load). */
export function keptOrgs(user) {
  if (!kept.has(user.id)) {
    const roles = user.roles.filter((r) => r.role === 'org_admin' && r.org_id);
    const promise = user.roles.some((r) => r.role === 'platform_admin')
      ? Promise.resolve({ all: true, ids: new Set() })
      : Promise.all(roles.map((r) => listAll('/orgs?org_id=' + r.org_id))).then((lists) => ({
          all: false,
          ids: new Set(lists.flat().map((o) => o.id)),
          orgs: lists.flat(),
        }));
    promise.catch(() => kept.delete(user.id));
    kept.set(user.id, promise);
  }
  return kept.get(user.id);
}

export const keeps = (k, orgId) => k.all || k.ids.has(orgId);

/** A fresh Idempotency-Key: crypto.randomUUID where the page is a secure
 * context, else 128 random bits in hex (getRandomValues works everywhere). */
export function newIdempotencyKey() {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Today in China (YYYY-MM-DD), whatever the device's zone. */
export const todayCst = () => new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
