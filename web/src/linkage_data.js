// linkage_data.js - what the issue-15 pages share (社志联动: where each kind
// of org sits, and which qualification each kind of work needs): the
// placement table from GET /org-kinds, read once per page load, the kinds
// a form may offer, and the social workers of an org with their names.
import { get } from './api.js';
import { t, tMaybe } from './i18n/index.js';
import { listAll } from './org_data.js';

let kindsOnce = null;
/** The placement table, {kind, name, levels, parent_kinds} in the API's
 * order; asked once (a failure is asked again next time). */
export function orgKinds() {
  if (!kindsOnce) kindsOnce = get('/org-kinds').then((r) => r.items, (e) => ((kindsOnce = null), Promise.reject(e)));
  return kindsOnce;
}

/** The kinds allowed at a region of `level` under a parent of `parentKind`
 * (null: no parent, the root of its own tree; undefined level: any). */
export const allowedKinds = (table, level, parentKind) =>
  table.filter((k) => (!level || k.levels.includes(level)) && (!parentKind || k.parent_kinds.includes(parentKind)));

export const kindName = (k) => tMaybe('org.kind.' + k.kind) || k.name;
export const levelName = (l) => t('lk.level.' + l);

function parentsText(table, k, byKind) {
  const name = (p) => kindName(byKind.get(p) || { kind: p, name: p });
  if (k.parent_kinds.length === table.length) return t('lk.any_parent');
  if (k.parent_kinds.length === table.length - 1) return t('lk.any_parent_but', { kind: name(table.find((x) => !k.parent_kinds.includes(x.kind)).kind) });
  return k.parent_kinds.map(name).join(t('lk.list_sep'));
}

/** One line saying where a kind sits: its levels and its parents' kinds. */
export function placementHint(table, kind) {
  const k = table.find((x) => x.kind === kind);
  if (!k) return '';
  const byKind = new Map(table.map((x) => [x.kind, x]));
  const list = (xs) => xs.join(t('lk.list_sep'));
  return t('lk.org.placement', {
    kind: kindName(k),
    levels: k.levels.length >= 4 ? t('lk.any_level') : list(k.levels.map(levelName)),
    parents: parentsText(table, k, byKind),
  });
}

/** The social workers of an org and those above it whom the caller may
 * read, each with its person's name, by name. */
export async function workersWithNames(orgId) {
  const items = await listAll('/social-workers' + (orgId ? '?org_id=' + orgId : ''), 400);
  // the API names each worker's person (issue 18): no request per worker
  return items
    .map((s) => ({ ...s, name: s.name || t('lk.sw_n', { id: s.id }) }))
    .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN') || a.id - b.id);
}
