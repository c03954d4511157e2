// org_data.js - reads shared by the org-network pages: every item of a list
// (following next_cursor), and the orgs as a tree.
import { get } from './api.js';

/** Every item of a collection path (with its own query), at most `max`. */
export async function listAll(path, max = 2000) {
  const items = [];
  let cursor = null;
  const sep = path.includes('?') ? '&' : '?';
  do {
    const page = await get(`${path}${sep}limit=200${cursor ? '&cursor=' + encodeURIComponent(cursor) : ''}`);
    items.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor && items.length < max);
  return items;
}

/** The orgs as roots with `children` (those whose parent is not visible
 * are roots too), each level by name. */
export function orgTree(orgs) {
  const byId = new Map(orgs.map((o) => [o.id, { ...o, children: [] }]));
  const roots = [];
  for (const o of byId.values()) (byId.has(o.parent_id) ? byId.get(o.parent_id).children : roots).push(o);
  const sort = (list) => {
    list.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN') || a.id - b.id);
    list.forEach((o) => sort(o.children));
    return list;
  };
  return sort(roots);
}
