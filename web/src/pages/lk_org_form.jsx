// lk_org_form.jsx - a new org (/orgs/new, ?parent= to start under one) and
// an org's edit (/orgs/edit?id=). The kind select offers only the kinds the
// placement table (GET /org-kinds, docs/API.md "Organisations") allows at
// the chosen region's level and under the chosen parent's kind, with a line
// saying where the chosen kind sits; a kind chosen before the parent stays
// chosen, so the server's refusal (422 naming region_id, parent_id or kind)
// is shown next to its field rather than the choice silently vanishing.
// The parent is fixed once the org exists (the API's parent_id is fixed);
// an org admin's new org starts under its own org.
import { useState } from 'preact/hooks';
import { api, get, post } from '../api.js';
import { getLocale, t } from '../i18n/index.js';
import { navigate, queryParam } from '../router.jsx';
import { actingOrg, useSession } from '../session.js';
import { Field, FormError, errorsFrom } from '../components/form.jsx';
import { SelectField } from '../components/lk_ui.jsx';
import { useLoad, pending } from '../components/ui.jsx';
import { listAll } from '../org_data.js';
import { allowedKinds, kindName, levelName, orgKinds, placementHint } from '../linkage_data.js';
import { Crumbs } from '../components/crumbs.jsx';

const FIELDS = ['name', 'kind', 'region_id', 'parent_id', 'address', 'phone'];

/** The regions in tree order (each under its parent), with their depth. */
function regionOrder(regions) {
  const kids = new Map();
  const ids = new Set(regions.map((r) => r.id));
  for (const r of regions) {
    const p = ids.has(r.parent_id) ? r.parent_id : 0;
    if (!kids.has(p)) kids.set(p, []);
    kids.get(p).push(r);
  }
  const out = [];
  const walk = (p, depth) =>
    (kids.get(p) || []).sort((a, b) => a.code.localeCompare(b.code)).forEach((r) => (out.push({ ...r, depth }), walk(r.id, depth + 1)));
  walk(0, 0);
  return out;
}

/** The API's refusal of a placement, said in the UI's words where the table
 * explains it (the API's own message added in Chinese, as errorText does). */
function placementError(err, kinds, chosen, region, parent) {
  const errors = errorsFrom(err, FIELDS);
  const k = kinds.find((x) => x.kind === chosen);
  if (err.code !== 'invalid_value' || !k) return errors;
  let local = null;
  if (err.field === 'parent_id' && parent && !k.parent_kinds.includes(parent.kind)) local = placementHint(kinds, k.kind);
  else if ((err.field === 'region_id' || err.field === 'kind') && region && !k.levels.includes(region.level)) local = placementHint(kinds, k.kind);
  else if (err.field === 'region_id' && parent) local = t('lk.org.err_outside', { parent: parent.name });
  if (local) errors[err.field] = getLocale() === 'en' || !err.message ? local : `${local}（${err.message}）`;
  return errors;
}

function OrgForm({ state }) {
  const { org, kinds, regions, orgs } = state;
  const byRegion = new Map(regions.map((r) => [r.id, r]));
  const byOrg = new Map(orgs.map((o) => [o.id, o]));
  const { user } = useSession();
  // an org admin only adds orgs under its own: start there
  const own = user.roles.some((r) => r.role === 'platform_admin' || r.role === 'regional_admin') ? 0 : actingOrg(user, (r) => r.role === 'org_admin') || 0;
  const startParent = org ? org.parent_id : Number(queryParam('parent')) || own;
  const [f, setF] = useState({
    name: org ? org.name : '',
    region_id: org ? String(org.region_id) : '',
    parent_id: startParent && byOrg.has(startParent) ? String(startParent) : '',
    kind: org ? org.kind : '',
    address: (org && org.address) || '',
    phone: (org && org.phone) || '',
  });
  const [errors, setErrors] = useState({});
  const [busy, setBusy] = useState(false);
  const set = (k) => (v) => {
    setF((o) => ({ ...o, [k]: v }));
    setErrors((e) => ({ ...e, [k]: undefined, _form: undefined }));
  };

  const region = byRegion.get(Number(f.region_id));
  const parent = byOrg.get(Number(f.parent_id));
  const allowed = region ? allowedKinds(kinds, region.level, parent ? parent.kind : null) : [];
  // the chosen kind stays listed when a later choice rules it out
  const shown = f.kind && !allowed.some((k) => k.kind === f.kind) ? [...allowed, kinds.find((k) => k.kind === f.kind)].filter(Boolean) : allowed;
  const kindOptions = shown.map((k) => ({ value: k.kind, label: kindName(k) }));
  const regionOptions = regionOrder(regions).map((r) => ({
    value: String(r.id),
    label: '\u3000'.repeat(r.depth) + t('lk.org.region_option', { name: r.name, level: levelName(r.level) }),
  }));
  const parentOptions = orgs
    .filter((o) => !org || o.id !== org.id)
    .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'))
    .map((o) => ({ value: String(o.id), label: t('lk.org.parent_option', { name: o.name, kind: kindName(kinds.find((k) => k.kind === o.kind) || { kind: o.kind, name: o.kind }) }) }));
  let kindHint = f.kind ? placementHint(kinds, f.kind) : region ? '' : t('lk.org.pick_region');
  if (region && allowed.length === 0) kindHint = t('lk.org.no_kind');

  const submit = async (ev) => {
    ev.preventDefault();
    const e = {};
    if (!f.name.trim()) e.name = t('error.required');
    if (!f.region_id) e.region_id = t('error.required');
    if (!f.kind) e.kind = t('error.required');
    setErrors(e);
    if (Object.keys(e).length) return;
    setBusy(true);
    try {
      let saved;
      if (org) {
        const body = {};
        if (f.name.trim() !== org.name) body.name = f.name.trim();
        if (f.kind !== org.kind) body.kind = f.kind;
        if (Number(f.region_id) !== org.region_id) body.region_id = Number(f.region_id);
        if (f.address.trim() !== (org.address || '')) body.address = f.address.trim();
        if (f.phone.trim() !== (org.phone || '')) body.phone = f.phone.trim();
        saved = Object.keys(body).length ? await api('PATCH', '/orgs/' + org.id, body) : org;
      } else {
        const body = { name: f.name.trim(), kind: f.kind, region_id: Number(f.region_id) };
        if (f.parent_id) body.parent_id = Number(f.parent_id);
        if (f.address.trim()) body.address = f.address.trim();
        if (f.phone.trim()) body.phone = f.phone.trim();
        saved = await post('/orgs', body);
      }
      navigate('/orgs?id=' + saved.id);
    } catch (err) {
      setErrors(placementError(err, kinds, f.kind, region, parent));
      setBusy(false);
    }
  };

  return (
    <form class="card" onSubmit={submit} noValidate data-testid="org-form">
      <FormError text={errors._form} />
      <Field name="name" label={t('lk.org.name')} value={f.name} onInput={set('name')} error={errors.name} maxLength={200} />
      <SelectField name="region_id" label={t('org.region')} value={f.region_id} onInput={set('region_id')} options={regionOptions} error={errors.region_id} placeholder={t('lk.org.choose')} />
      <SelectField
        name="parent_id"
        label={t('org.parent')}
        value={f.parent_id}
        onInput={set('parent_id')}
        options={parentOptions}
        error={errors.parent_id}
        placeholder={t('lk.org.no_parent')}
        disabled={!!org}
        hint={org ? t('lk.org.parent_fixed') : undefined}
      />
      <SelectField name="kind" label={t('org.kind')} value={f.kind} onInput={set('kind')} options={kindOptions} error={errors.kind} hint={kindHint} placeholder={t('lk.org.choose')} />
      <Field name="address" label={t('lk.org.address')} value={f.address} onInput={set('address')} error={errors.address} maxLength={500} />
      <Field name="phone" label={t('lk.org.phone')} type="tel" value={f.phone} onInput={set('phone')} error={errors.phone} maxLength={40} />
      <button type="submit" class="btn btn-primary btn-block" disabled={busy}>
        {busy ? t('lk.saving') : t('lk.save')}
      </button>
    </form>
  );
}

function OrgFormPage({ id }) {
  const [state, , load] = useLoad(async () => {
    const [kinds, regions, orgs, org] = await Promise.all([orgKinds(), listAll('/regions'), listAll('/orgs'), id ? get('/orgs/' + id) : null]);
    return { kinds, regions, orgs, org };
  }, [id]);
  const wait = pending(state, load);
  if (wait) return wait;
  return (
    <section class="stack">
      <Crumbs via={state.org ? [{ href: '/orgs?id=' + state.org.id, label: state.org.name }] : []} here={state.org ? t('nav.crumb.edit') : t('lk.org.new_title')} />
      <h1>{state.org ? t('lk.org.edit_title', { name: state.org.name }) : t('lk.org.new_title')}</h1>
      <OrgForm state={state} />
    </section>
  );
}

export const OrgNew = () => <OrgFormPage id={0} />;
export const OrgEdit = () => <OrgFormPage id={Number(queryParam('id')) || 0} />;
