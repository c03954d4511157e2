// nav.js - the menu's sections and what the shell and the breadcrumbs ask of
// the route table (routes.js): the entries a user's roles may use, grouped;
// the volunteer's bottom tabs; the chain of lists above a detail page.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { hasRole, roleNames } from './session.js';

/** The menu's sections in order; a route's `group` names one. */
export const GROUPS = ['mine', 'work', 'service', 'people', 'projects', 'stats', 'system'];

/** The volunteer's bottom tabs on a phone: path and short label. */
export const TABS = [
  { path: '/my', label: 'nav.tab.my' },
  { path: '/shifts', label: 'nav.tab.shifts' },
  { path: '/checkin', label: 'nav.tab.checkin' },
  { path: '/account', label: 'nav.tab.account' },
];

/** May the user open the route (a public one or one of its roles)? */
export const mayOpen = (user, r) => r.public || hasRole(user, r.roles);

/** Is the route in the user's menu? */
export const inMenu = (user, r) => !!r.nav && (r.navIf ? r.navIf(roleNames(user)) : hasRole(user, r.navRoles || r.roles));

/** The user's menu: [{group, items: [route]}] in GROUPS order, empty sections left out. */
export function menuFor(user, routes) {
  if (!user) return [];
  const items = routes.filter((r) => inMenu(user, r));
  const groups = GROUPS.map((group) => ({ group, items: items.filter((r) => (r.group || 'work') === group) })).filter((g) => g.items.length);
  // a staff member's 我的 holds their account only: after their work
  const mine = groups[0] && groups[0].group === 'mine' && groups[0].items.length === 1 && groups.length > 1 ? groups.shift() : null;
  return mine ? [...groups, mine] : groups;
}

/** aria-current of a menu entry: "page" on its own page, "true" on a
 * detail page below it (the list it belongs to), else undefined. */
export function currentMark(r, path, route, routes) {
  if (path === r.path) return 'page';
  return route && ancestors(route, routes).includes(r) ? 'true' : undefined;
}

/** The route of the page shown, and the route table (for the breadcrumbs). */
export const RouteContext = createContext({ route: null, routes: [] });
export const useRoute = () => useContext(RouteContext);

/** The menu routes above `route` by `parent`, the nearest last. */
export function ancestors(route, routes) {
  const chain = [];
  for (let c = route; c && c.parent && chain.length < 4; ) {
    const p = routes.find((x) => x.path === c.parent && x.nav) || routes.find((x) => x.path === c.parent);
    if (!p || chain.includes(p) || p === c) break;
    chain.unshift(p);
    c = p;
  }
  return chain;
}
