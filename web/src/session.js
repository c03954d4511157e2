// session.js - who is signed in, shared by every page, and the role they act
// in: a user holding roles in several orgs or regions picks one (the shell's
// switcher), kept in localStorage per user; the first role until they do.
// Pages that take "the" org or region of the user ask pickRole/actingOrg,
// which prefer the acting role and fall back to the first role that fits.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';

export const SessionContext = createContext({ user: null, setUser: () => {} });
export const useSession = () => useContext(SessionContext);

/** The role names a user holds ("volunteer", "org_admin", ...). */
export const roleNames = (user) => (user ? [...new Set(user.roles.map((r) => r.role))] : []);

export const hasRole = (user, roles) => !roles || roleNames(user).some((r) => roles.includes(r));

const actingKey = (user) => 'ld.acting.' + user.id;
/** A role's identity across sessions: its name and scope, not its place in the list. */
export const roleKey = (r) => `${r.role}:${r.org_id || 0}:${r.region_id || 0}`;

/** The index in user.roles of the role the user acts in (0 when none was chosen). */
export function actingIndex(user) {
  if (!user || !user.roles.length) return 0;
  let saved = null;
  try {
    saved = localStorage.getItem(actingKey(user));
  } catch {
    /* storage refused (private mode): the first role */
  }
  const i = saved ? user.roles.findIndex((r) => roleKey(r) === saved) : -1;
  return i < 0 ? 0 : i;
}

/** Remember the role at `index` as the one the user acts in. */
export function setActing(user, index) {
  try {
    localStorage.setItem(actingKey(user), roleKey(user.roles[index]));
  } catch {
    /* the choice lasts this page only */
  }
}

/** The roles whose scope differs, so that a switcher has something to offer. */
export const scopedRoles = (user) => (user ? user.roles.filter((r) => r.org_id || r.region_id) : []);

/** The first role matching `pred`, the acting role when it matches. */
export function pickRole(user, pred) {
  if (!user) return undefined;
  const acting = user.roles[actingIndex(user)];
  return acting && pred(acting) ? acting : user.roles.find(pred);
}

/** The org of the acting role among those matching `pred` (roles with an org only), or null. */
export const actingOrg = (user, pred = () => true) => (pickRole(user, (r) => r.org_id && pred(r)) || {}).org_id || null;

/** The region of the acting role among those matching `pred`, or null. */
export const actingRegion = (user, pred = () => true) => (pickRole(user, (r) => r.region_id && pred(r)) || {}).region_id || null;

function scopesActingFirst(user, key, pred) {
  const first = (pickRole(user, (r) => r[key] && pred(r)) || {})[key];
  const all = [...new Set(user.roles.filter((r) => r[key] && pred(r)).map((r) => r[key]))];
  return first ? [first, ...all.filter((id) => id !== first)] : all;
}

/** Org ids of the roles matching `pred`, the acting role's first (a page's default of several). */
export const orgsActingFirst = (user, pred = () => true) => scopesActingFirst(user, 'org_id', pred);

/** Region ids of the roles matching `pred`, the acting role's first. */
export const regionsActingFirst = (user, pred = () => true) => scopesActingFirst(user, 'region_id', pred);
