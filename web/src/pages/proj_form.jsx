// proj_form.jsx - a new service project, or an edit of one (issue 16): its
// funder (an org the caller reads, or a named body, or both), contract,
// implementing and partner orgs, region, period, budget by line typed in
// yuan and sent in fen (fund_money.js), fund, lead social worker and, on
// create, its indicators inline. The API's error is shown next to the field
// it names, a budget line's or an indicator's next to that row's field
// ("budget[1].amount_fen", "indicators[0].target").
import { useEffect, useState } from 'preact/hooks';
import { api, get, post } from '../api.js';
import { formatMoney, t } from '../i18n/index.js';
import { navigate, queryParam } from '../router.jsx';
import { actingOrg, useSession } from '../session.js';
import { Field, FormError, errorsFrom } from '../components/form.jsx';
import { SelectField, TextAreaField } from '../components/care_ui.jsx';
import { useLoad, pending } from '../components/ui.jsx';
import { listAll } from '../org_data.js';
import { workersWithNames } from '../linkage_data.js';
import { fenToYuan, yuanToFen } from '../fund_money.js';
import { workerLabel } from '../components/lk_ui.jsx';
import { KEEPERS, KINDS, LINES, SOURCES } from '../proj_data.js';
import '../proj.css';

const FIELDS = ['title', 'kind', 'funder_org_id', 'funder_name', 'contract_no', 'org_id', 'partner_org_ids', 'region_id', 'starts_on', 'ends_on', 'budget', 'budget_total_fen', 'fund_id', 'lead_social_worker_id', 'description', 'indicators'];

const emptyLine = () => ({ line: 'staff', amount: '' });
const emptyIndicator = () => ({ name: '', unit: '', target: '', source: 'service_hours' });

/** The form's values from a project (or the defaults for a new one). */
function initial(p, myOrg) {
  return {
    title: p ? p.title : '',
    kind: p ? p.kind : 'procured',
    funder_org_id: p && p.funder_org_id ? String(p.funder_org_id) : '',
    funder_name: (p && p.funder_name) || '',
    contract_no: (p && p.contract_no) || '',
    org_id: p ? String(p.org_id) : myOrg ? String(myOrg) : '',
    partners: p ? p.partner_org_ids || [] : [],
    region_id: p ? String(p.region_id) : '',
    starts_on: p ? p.starts_on : '',
    ends_on: p ? p.ends_on : '',
    lines: p && p.budget && p.budget.length ? p.budget.map((b) => ({ line: b.line, amount: fenToYuan(b.amount_fen) })) : [emptyLine()],
    fund_id: p && p.fund_id ? String(p.fund_id) : '',
    lead: p && p.lead_social_worker_id ? String(p.lead_social_worker_id) : '',
    description: (p && p.description) || '',
    indicators: p ? [] : [emptyIndicator()],
  };
}

async function loadChoices(id) {
  const [p, orgs, regions, funds] = await Promise.all([
    id ? get('/projects/' + id) : Promise.resolve(null),
    listAll('/orgs', 1000),
    listAll('/regions', 1000),
    listAll('/funds', 500).catch(() => []),
  ]);
  return { p, orgs, regions, funds };
}

export function ProjectNew() {
  return <ProjectForm />;
}

export function ProjectEdit() {
  return <ProjectForm id={queryParam('id')} />;
}

function ProjectForm({ id }) {
  const [state, , reload] = useLoad(() => loadChoices(id), [id]);
  return pending(state, reload) || <FormBody {...state} />;
}

function FormBody({ p, orgs, regions, funds }) {
  const { user } = useSession();
  const myOrg = actingOrg(user, (r) => KEEPERS.includes(r.role));
  const [f, setF] = useState(() => initial(p, myOrg));
  const initialPartners = (p && p.partner_org_ids) || [];
  const [errors, setErrors] = useState({});
  const [busy, setBusy] = useState(false);
  const [workers, setWorkers] = useState([]);
  const set = (k) => (v) => setF((o) => ({ ...o, [k]: v }));
  const setRow = (list, i, k) => (v) => setF((o) => ({ ...o, [list]: o[list].map((r, j) => (j === i ? { ...r, [k]: v } : r)) }));
  const addRow = (list, make) => setF((o) => ({ ...o, [list]: [...o[list], make()] }));
  const dropRow = (list, i) => setF((o) => ({ ...o, [list]: o[list].filter((_, j) => j !== i) }));

  useEffect(() => {
    const org = Number(f.org_id);
    if (org > 0) workersWithNames(org).then(setWorkers, () => setWorkers([]));
    // a new project lies in its org's region unless another is chosen
    const o = orgs.find((x) => x.id === org);
    if (!p && o && !f.region_id) setF((v) => ({ ...v, region_id: String(o.region_id) }));
  }, [f.org_id]);

  const fens = f.lines.map((l) => yuanToFen(l.amount));
  const total = fens.reduce((s, x) => s + (x || 0), 0);

  const check = () => {
    const e = {};
    if (!f.title.trim()) e.title = t('error.required');
    for (const k of ['org_id', 'region_id', 'starts_on', 'ends_on']) if (!f[k]) e[k] = t('error.required');
    if (!e.ends_on && !e.starts_on && f.ends_on < f.starts_on) e.ends_on = t('proj.err.ends_before');
    f.lines.forEach((l, i) => {
      if (fens[i] === null) e[`budget[${i}].amount_fen`] = l.amount.trim() ? t('proj.err.amount') : t('error.required');
    });
    f.indicators.forEach((x, i) => {
      if (!x.name.trim()) e[`indicators[${i}].name`] = t('error.required');
      const n = Number(x.target);
      if (!String(x.target).trim() || !(n >= 0)) e[`indicators[${i}].target`] = t('proj.err.target');
    });
    return e;
  };

  const body = () => {
    const b = {
      title: f.title.trim(),
      kind: f.kind,
      funder_org_id: f.funder_org_id ? Number(f.funder_org_id) : null,
      funder_name: f.funder_name.trim() || null,
      contract_no: f.contract_no.trim() || null,
      partner_org_ids: f.partners,
      region_id: Number(f.region_id),
      starts_on: f.starts_on,
      ends_on: f.ends_on,
      budget: f.lines.map((l, i) => ({ line: l.line, amount_fen: fens[i] })),
      budget_total_fen: total,
      fund_id: f.fund_id ? Number(f.fund_id) : null,
      lead_social_worker_id: f.lead ? Number(f.lead) : null,
      description: f.description.trim() || null,
    };
    if (!p) {
      b.org_id = Number(f.org_id);
      b.indicators = f.indicators.map((x) => ({ name: x.name.trim(), unit: x.unit.trim() || undefined, target: Number(x.target), source: x.source }));
    }
    // null is "not given" to the API: an emptied optional field is left out
    for (const k of Object.keys(b)) if (b[k] === null) delete b[k];
    return b;
  };

  const submit = async (ev) => {
    ev.preventDefault();
    const e = check();
    setErrors(e);
    if (Object.keys(e).length) {
      const first = document.querySelector('[data-testid="proj-form"] [aria-invalid="true"]');
      if (first) first.focus();
      return;
    }
    setBusy(true);
    try {
      const saved = p ? await api('PATCH', '/projects/' + p.id, body()) : await post('/projects', body());
      navigate('/project?id=' + saved.id);
    } catch (err) {
      const rows = [...f.lines.flatMap((_, i) => [`budget[${i}].line`, `budget[${i}].amount_fen`]), ...f.indicators.flatMap((_, i) => ['name', 'unit', 'target', 'source'].map((k) => `indicators[${i}].${k}`))];
      setErrors(errorsFrom(err, [...FIELDS, ...rows]));
      setBusy(false);
    }
  };

  const orgOpts = orgs.map((o) => [String(o.id), o.name]);
  const keptOrgs = roleOrgs(user, orgs);
  return (
    <div class="stack">
      <h1>{p ? t('proj.form.edit', { title: p.title }) : t('proj.form.new')}</h1>
      <form class="card" onSubmit={submit} noValidate data-testid="proj-form">
        <FormError text={errors._form} />
        <Field name="title" label={t('proj.f.title')} value={f.title} onInput={set('title')} error={errors.title} maxLength={200} />
        <SelectField name="kind" label={t('proj.f.kind')} value={f.kind} onChange={set('kind')} error={errors.kind} options={KINDS.map((k) => [k, t('proj.kind.' + k)])} />
        <SelectField name="funder_org_id" label={t('proj.f.funder_org')} value={f.funder_org_id} onChange={set('funder_org_id')} error={errors.funder_org_id} placeholder={t('proj.none')} options={orgOpts} />
        <Field name="funder_name" label={t('proj.f.funder_name')} hint={t('proj.f.funder_hint')} value={f.funder_name} onInput={set('funder_name')} error={errors.funder_name} maxLength={200} />
        <Field name="contract_no" label={t('proj.f.contract_no')} value={f.contract_no} onInput={set('contract_no')} error={errors.contract_no} maxLength={100} />
        <SelectField name="org_id" label={t('proj.f.org')} value={f.org_id} onChange={set('org_id')} error={errors.org_id} disabled={!!p} placeholder={t('proj.choose')} options={(p ? orgs : keptOrgs).map((o) => [String(o.id), o.name])} />
        <fieldset class="misc-fieldset proj-partners" aria-describedby={errors.partner_org_ids ? 'f-partner_org_ids-err' : undefined}>
          <legend>{t('proj.f.partners')}</legend>
          {orgs
            .filter((o) => String(o.id) !== f.org_id)
            // the partners already chosen first, then the rest as listed
            .sort((a, b) => Number(initialPartners.includes(b.id)) - Number(initialPartners.includes(a.id)))
            .map((o) => (
              <label class="check" key={o.id} data-partner={o.id}>
                <input
                  type="checkbox"
                  checked={f.partners.includes(o.id)}
                  onChange={(e) => set('partners')(e.currentTarget.checked ? [...f.partners, o.id] : f.partners.filter((x) => x !== o.id))}
                />
                {o.name}
              </label>
            ))}
          {errors.partner_org_ids && (
            <p class="error" id="f-partner_org_ids-err" data-field="partner_org_ids" role="alert">
              {errors.partner_org_ids}
            </p>
          )}
        </fieldset>
        <SelectField name="region_id" label={t('proj.f.region')} value={f.region_id} onChange={set('region_id')} error={errors.region_id} placeholder={t('proj.choose')} options={regions.map((r) => [String(r.id), r.name])} />
        <div class="proj-two">
          <Field name="starts_on" type="date" label={t('proj.f.starts_on')} value={f.starts_on} onInput={set('starts_on')} error={errors.starts_on} />
          <Field name="ends_on" type="date" label={t('proj.f.ends_on')} value={f.ends_on} onInput={set('ends_on')} error={errors.ends_on} />
        </div>

        <h2>{t('proj.f.budget')}</h2>
        <FormError text={errors.budget} />
        {f.lines.map((l, i) => (
          <div class="proj-row" key={i} data-testid={'budget-row-' + i}>
            <SelectField id={`f-budget-${i}-line`} name={`budget[${i}].line`} label={t('proj.f.line')} value={l.line} onChange={setRow('lines', i, 'line')} error={errors[`budget[${i}].line`]} options={LINES.map((x) => [x, t('proj.line.' + x)])} />
            <Field name={`budget[${i}].amount_fen`} label={t('proj.f.amount_yuan')} inputMode="decimal" value={l.amount} onInput={setRow('lines', i, 'amount')} error={errors[`budget[${i}].amount_fen`]} />
            <button type="button" class="btn btn-quiet" onClick={() => dropRow('lines', i)} aria-label={t('proj.remove_line', { n: i + 1 })}>
              {t('proj.remove')}
            </button>
          </div>
        ))}
        <div class="row proj-total">
          <button type="button" class="btn" onClick={() => addRow('lines', emptyLine)}>
            {t('proj.add_line')}
          </button>
          <span data-testid="budget-total">{t('proj.budget_total', { total: formatMoney(total) })}</span>
        </div>
        {errors.budget_total_fen && (
          <p class="error" data-field="budget_total_fen" role="alert">
            {errors.budget_total_fen}
          </p>
        )}
        <SelectField name="fund_id" label={t('proj.f.fund')} hint={t('proj.f.fund_hint')} value={f.fund_id} onChange={set('fund_id')} error={errors.fund_id} placeholder={t('proj.none')} options={funds.map((x) => [String(x.id), x.name])} />
        <SelectField name="lead_social_worker_id" label={t('proj.f.lead')} value={f.lead} onChange={set('lead')} error={errors.lead_social_worker_id} placeholder={t('proj.none')} options={workers.map((w) => [String(w.id), workerLabel(w)])} />
        <TextAreaField name="description" label={t('proj.f.description')} value={f.description} onInput={set('description')} error={errors.description} maxLength={4000} />

        {!p && (
          <>
            <h2>{t('proj.indicators')}</h2>
            <FormError text={errors.indicators} />
            {f.indicators.map((x, i) => (
              <div class="proj-row proj-ind-row" key={i} data-testid={'indicator-row-' + i}>
                <Field name={`indicators[${i}].name`} label={t('proj.f.ind_name')} value={x.name} onInput={setRow('indicators', i, 'name')} error={errors[`indicators[${i}].name`]} maxLength={200} />
                <SelectField id={`f-ind-${i}-source`} name={`indicators[${i}].source`} label={t('proj.f.ind_source')} value={x.source} onChange={setRow('indicators', i, 'source')} error={errors[`indicators[${i}].source`]} options={SOURCES.map((s) => [s, t('proj.source.' + s)])} />
                <Field name={`indicators[${i}].target`} label={t('proj.f.ind_target')} inputMode="decimal" value={x.target} onInput={setRow('indicators', i, 'target')} error={errors[`indicators[${i}].target`]} />
                <Field name={`indicators[${i}].unit`} label={t('proj.f.ind_unit')} value={x.unit} onInput={setRow('indicators', i, 'unit')} error={errors[`indicators[${i}].unit`]} maxLength={20} />
                <button type="button" class="btn btn-quiet" onClick={() => dropRow('indicators', i)} aria-label={t('proj.remove_indicator', { n: i + 1 })}>
                  {t('proj.remove')}
                </button>
              </div>
            ))}
            <button type="button" class="btn" onClick={() => addRow('indicators', emptyIndicator)}>
              {t('proj.add_indicator')}
            </button>
          </>
        )}
        <button type="submit" class="btn btn-primary btn-block proj-submit" disabled={busy}>
          {busy ? t('proj.saving') : t('proj.save')}
        </button>
      </form>
    </div>
  );
}

/** The orgs the user keeps projects for (every org for a platform admin). */
function roleOrgs(user, orgs) {
  if (user.roles.some((r) => r.role === 'platform_admin')) return orgs;
  const ids = new Set(user.roles.filter((r) => KEEPERS.includes(r.role)).map((r) => r.org_id));
  // staff keep the projects of their org and of the orgs below it
  const below = (o) => ids.has(o.id) || (o.parent_id && orgs.some((x) => x.id === o.parent_id && below(x)));
  return orgs.filter(below);
}
