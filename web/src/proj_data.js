// proj_data.js - what the service-project pages (项目化运作, issue 16)
// share: the API's vocabularies, the status moves a project's staff make by
// hand, who keeps a project (writes it) and who evaluates it, names of the
// orgs and regions a page shows, and an indicator's share of its target.
import { get } from './api.js';
import { formatNumber, t } from './i18n/index.js';
import { roleNames } from './session.js';

export const STATUSES = ['planned', 'running', 'closing', 'accepted', 'failed'];
export const KINDS = ['procured', 'fund', 'grant', 'own'];
export const LINES = ['staff', 'volunteers', 'activities', 'materials', 'management', 'other'];
export const SOURCES = ['service_hours', 'activities', 'people_served', 'volunteers', 'new_volunteers', 'needs_closed', 'satisfaction', 'manual'];
export const STAGES = ['mid', 'final'];
export const DECISIONS = ['pass', 'rectify', 'fail'];
export const EVALUATOR_KINDS = ['supervisor', 'third_party'];

/** The moves staff make by hand (accepted / failed come from a final
 * evaluation). */
export const MOVES = { planned: ['running'], running: ['closing'], closing: ['running'] };

/** The roles that keep a project of their org (the API's writers). */
export const KEEPERS = ['org_admin', 'supervisor', 'social_worker'];

/** The ids of `orgId` and the orgs above it (as far as the caller reads). */
export async function orgChain(orgId) {
  const ids = [];
  let id = orgId;
  while (id && ids.length < 12 && !ids.includes(id)) {
    ids.push(id);
    id = await get('/orgs/' + id).then((o) => o.parent_id, () => null);
  }
  return ids;
}

/** Whether the user keeps project `p` (platform admin, or staff of its org
 * or an org above it); `chain` is orgChain(p.org_id). */
export const keepsProject = (user, chain) =>
  roleNames(user).includes('platform_admin') || user.roles.some((r) => KEEPERS.includes(r.role) && chain.includes(r.org_id));

/** Whether the user may record an evaluation: an active evaluator of the
 * project, a supervisor of its org (or above), a platform admin. */
export const evaluates = (user, chain, evaluators) =>
  evaluators.some((e) => e.user_id === user.id && e.active !== false) ||
  roleNames(user).includes('platform_admin') ||
  user.roles.some((r) => r.role === 'supervisor' && chain.includes(r.org_id));

/** Names of the given org ids, as a Map (an org the caller cannot read is
 * missing). */
export async function orgNames(ids) {
  const uniq = [...new Set(ids.filter(Boolean))];
  const names = await Promise.all(uniq.map((id) => get('/orgs/' + id).then((o) => o.name, () => null)));
  return new Map(uniq.map((id, i) => [id, names[i]]).filter(([, n]) => n));
}

export const orgName = (names, id) => (id ? names.get(id) || t('proj.org_no', { id }) : '');

/** The funder as a line: its org's name or the named body (or both). */
export const funderText = (p, names) =>
  [p.funder_org_id ? orgName(names, p.funder_org_id) : '', p.funder_name || ''].filter(Boolean).join(' · ') || t('proj.no_funder');

/** actual / target as a share in [0, 1] (a zero target counts as met). */
export const share = (actual, target) => (target > 0 ? Math.max(0, Math.min(1, actual / target)) : 1);

/** A figure of an indicator with its unit: "12.5 小时" (two decimals below
 * 10, so a first minute of service shows as 0.02, not 0.0). */
export const figure = (n, unit) => formatNumber(n, Number.isInteger(n) ? 0 : Math.abs(n) < 10 ? 2 : 1) + (unit ? ' ' + unit : '');

/** The period as "2026-11-01 – 2027-06-30". */
export const period = (p) => `${p.starts_on} – ${p.ends_on}`;

/** How far a list item's indicators are: how many reached their target. */
export function indicatorSummary(p) {
  const inds = p.indicators || [];
  const met = inds.filter((i) => i.actual >= i.target).length;
  return inds.length ? t('proj.summary', { met, n: inds.length }) : t('proj.no_indicators');
}
