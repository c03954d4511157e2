// ana_region.jsx - the region picker of the analytics pages: platform admins
// choose any city, district or town, regional admins one inside their own
// region; the first choice, the caller's whole scope, is the default. Other
// staff read their own orgs' scope and see no picker.
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n/index.js';
import { useSession } from '../session.js';
import { listAll } from '../org_data.js';

const LEVELS = ['city', 'district', 'town'];

/** The regions a user may pick, each under its parent, or null for none. */
function choices(user, regions) {
  const roles = user ? user.roles : [];
  const all = roles.some((r) => r.role === 'platform_admin');
  const roots = roles.filter((r) => r.role === 'regional_admin' && r.region_id).map((r) => r.region_id);
  if (!all && !roots.length) return null;
  const byParent = new Map();
  for (const g of regions) {
    if (!byParent.has(g.parent_id || 0)) byParent.set(g.parent_id || 0, []);
    byParent.get(g.parent_id || 0).push(g);
  }
  const out = [];
  const walk = (g, depth) => {
    if (!LEVELS.includes(g.level)) return;
    out.push({ id: g.id, label: '\u3000'.repeat(depth) + g.name });
    (byParent.get(g.id) || []).sort((a, b) => a.code.localeCompare(b.code)).forEach((c) => walk(c, depth + 1));
  };
  const ids = new Set(regions.map((g) => g.id));
  const starts = all ? regions.filter((g) => !g.parent_id || !ids.has(g.parent_id)) : regions.filter((g) => roots.includes(g.id));
  starts.forEach((g) => walk(g, 0));
  return out;
}

export function RegionPicker({ value, onChange }) {
  const { user } = useSession();
  const [options, setOptions] = useState(null);
  useEffect(() => {
    listAll('/regions').then(
      (regions) => setOptions(choices(user, regions)),
      () => setOptions(null),
    );
  }, []);
  if (!options) return null;
  return (
    <div class="field">
      <label for="ana-region">{t('ana.region')}</label>
      <select id="ana-region" value={value} onChange={(e) => onChange(e.currentTarget.value)}>
        <option value="">{t('ana.region_all')}</option>
        {options.map((o) => (
          <option key={o.id} value={String(o.id)}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
