// fund_funds.jsx - 资金 (issue 14): the funds the caller may read, filtered
// by purpose, with a form for org admins and platform admins to create one
// (/funds); and one fund (/funds/{id}): its fields, editable by those who
// keep it, its trial balance, its journal a page at a time and its
// donations. Amounts are typed in yuan and sent in fen, converted exactly
// (fund_money.js).
import { Fragment } from 'preact';
import { useState } from 'preact/hooks';
import { api, get, post } from '../api.js';
import { formatDateTime, formatMoney, getLocale, t } from '../i18n/index.js';
import { Link, navigate, useLocation } from '../router.jsx';
import { useSession, hasRole } from '../session.js';
import { listAll } from '../org_data.js';
import { Field, FormError, errorsFrom } from '../components/form.jsx';
import { Picker, userLabel } from '../components/picker.jsx';
import { pending, useLoad } from '../components/ui.jsx';
import { SelectField, TextAreaField } from '../components/care_ui.jsx';
import { ACCOUNTS, KEEPERS, PURPOSES, RECORDERS, keeps, keptOrgs } from '../fund_data.js';
import { fenToYuan, yuanToFen } from '../fund_money.js';
import { DonationItems, NotFoundCard, PagedFooter, usePaged } from './fund_common.jsx';

const STANDARDS = ['standard_primary_fen', 'standard_junior_fen', 'standard_senior_fen'];
const FUND_FIELDS = ['name', 'org_id', 'purpose', 'manager_user_id', 'description', ...STANDARDS];
/** Seed 004's semester standards, what the API sets when none is given. */
const DEFAULT_STANDARDS = { standard_primary_fen: 50000, standard_junior_fen: 50000, standard_senior_fen: 100000 };

export function PurposeTag({ purpose }) {
  return (
    <span class={'misc-tag fund-purpose-' + purpose} data-purpose={purpose}>
      {t('fund.purpose.' + purpose)}
    </span>
  );
}

/** Yuan fields for the three semester standards. */
function Standards({ v, set, errors }) {
  return (
    <fieldset class="misc-fieldset">
      <legend>{t('fund.standards')}</legend>
      <p class="hint">{t('fund.standards_hint')}</p>
      <div class="fund-standards">
        {STANDARDS.map((k) => (
          <Field key={k} name={k} inputMode="decimal" autoComplete="off" label={t('fund.' + k)} value={v[k]} onInput={set(k)} error={errors[k]} />
        ))}
      </div>
    </fieldset>
  );
}

/** Create (no `fund`) or change a fund. `orgs` are the orgs a new fund may
 * belong to. */
function FundForm({ fund, orgs, onSaved, onCancel }) {
  const init = (k) => fenToYuan(fund ? fund[k] : DEFAULT_STANDARDS[k]);
  const [v, setV] = useState({
    name: fund ? fund.name : '',
    org_id: fund ? String(fund.org_id) : orgs && orgs.length === 1 ? String(orgs[0].id) : '',
    purpose: fund ? fund.purpose : 'pooled',
    manager_user_id: fund ? String(fund.manager_user_id) : '',
    description: fund ? fund.description || '' : '',
    standard_primary_fen: init('standard_primary_fen'),
    standard_junior_fen: init('standard_junior_fen'),
    standard_senior_fen: init('standard_senior_fen'),
  });
  const [errors, setErrors] = useState({});
  const [busy, setBusy] = useState(false);
  const set = (k) => (x) => setV((o) => ({ ...o, [k]: x, ...(k === 'org_id' ? { manager_user_id: '' } : {}) }));

  const submit = async (e) => {
    e.preventDefault();
    const errs = {};
    const body = { name: v.name.trim(), manager_user_id: Number(v.manager_user_id) };
    if (!body.name) errs.name = t('error.required');
    if (!v.manager_user_id) errs.manager_user_id = t('error.required');
    if (!fund) {
      if (!v.org_id) errs.org_id = t('error.required');
      body.org_id = Number(v.org_id);
      body.purpose = v.purpose;
    }
    const desc = v.description.trim();
    if (desc) body.description = desc;
    else if (fund && fund.description) body.description = null;
    for (const k of STANDARDS) {
      const fen = yuanToFen(v[k]);
      if (fen === null) errs[k] = v[k].trim() ? t('fund.error.amount_format') : t('error.required');
      else body[k] = fen;
    }
    setErrors(errs);
    if (Object.keys(errs).length) return;
    setBusy(true);
    try {
      onSaved(fund ? await api('PATCH', '/funds/' + fund.id, body) : await post('/funds', body));
    } catch (err) {
      setErrors(errorsFrom(err, FUND_FIELDS));
      setBusy(false);
    }
  };

  return (
    <form class="card" onSubmit={submit} noValidate data-testid="fund-form" aria-labelledby="h-fund-form">
      <h2 id="h-fund-form">{fund ? t('fund.edit_title') : t('fund.new_title')}</h2>
      <FormError text={errors._form} />
      <Field name="name" label={t('fund.f_name')} value={v.name} onInput={set('name')} error={errors.name} maxLength={200} required />
      {!fund && (
        <>
          <SelectField
            name="org_id"
            label={t('fund.f_org')}
            value={v.org_id}
            onChange={set('org_id')}
            error={errors.org_id}
            placeholder={t('fund.choose')}
            options={(orgs || []).map((o) => [String(o.id), o.name])}
          />
          <SelectField
            name="purpose"
            label={t('fund.f_purpose')}
            hint={t('fund.purpose_hint.' + v.purpose)}
            value={v.purpose}
            onChange={set('purpose')}
            error={errors.purpose}
            options={PURPOSES.map((p) => [p, t('fund.purpose.' + p)])}
          />
        </>
      )}
      <Picker kind="user" name="manager_user_id" label={t('fund.f_manager')} hint={t('fund.f_manager_hint')} value={v.manager_user_id} onChange={set('manager_user_id')} error={errors.manager_user_id} />
      <TextAreaField name="description" label={t('fund.f_description')} value={v.description} onInput={set('description')} error={errors.description} maxLength={2000} />
      <Standards v={v} set={set} errors={errors} />
      <div class="row">
        <button type="submit" class="btn btn-primary" disabled={busy}>
          {fund ? t('fund.save') : t('fund.create')}
        </button>
        {onCancel && (
          <button type="button" class="btn" onClick={onCancel}>
            {t('fund.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}

export function FundList() {
  const { user } = useSession();
  const [purpose, setPurpose] = useState('');
  const [creating, setCreating] = useState(false);
  const canCreate = hasRole(user, KEEPERS);
  const [orgs, , loadOrgs] = useLoad(async () => {
    const [all, k] = await Promise.all([listAll('/orgs'), canCreate ? keptOrgs(user) : null]);
    return { names: new Map(all.map((o) => [o.id, o.name])), kept: k ? (k.all ? all : k.orgs) : [] };
  });
  const [s, more, retry] = usePaged('/funds' + (purpose ? '?purpose=' + purpose : ''));
  const orgName = (id) => (orgs.names && orgs.names.get(id)) || t('fund.org_n', { id });
  return (
    <div class="stack">
      <h1>{t('fund.title')}</h1>
      <p class="muted">{t('fund.intro')}</p>
      {canCreate && !creating && (
        <button type="button" class="btn btn-primary" onClick={() => setCreating(true)}>
          {t('fund.new')}
        </button>
      )}
      {creating && (orgs.kept ? <FundForm orgs={orgs.kept} onSaved={(f) => navigate('/funds/' + f.id)} onCancel={() => setCreating(false)} /> : pending(orgs, loadOrgs))}
      <section class="card" aria-labelledby="h-funds">
        <div class="row misc-head">
          <h2 id="h-funds">{t('fund.list')}</h2>
          <div class="misc-filter">
            <SelectField
              name="purpose_filter"
              label={t('fund.filter_purpose')}
              value={purpose}
              onChange={setPurpose}
              placeholder={t('fund.all')}
              options={PURPOSES.map((p) => [p, t('fund.purpose.' + p)])}
            />
          </div>
        </div>
        {!s.loading && !s.error && s.items.length === 0 && <p class="muted">{t('fund.none')}</p>}
        <ul class="list" data-testid="funds">
          {s.items.map((f) => (
            <li key={f.id} class="list-item" data-fund={f.id}>
              <div class="list-main">
                <strong>
                  <Link href={'/funds/' + f.id}>{f.name}</Link>
                </strong>
                <span class="muted small">
                  {orgName(f.org_id)} · <PurposeTag purpose={f.purpose} />
                </span>
              </div>
              <span class="fund-amount" data-testid="fund-balance">
                <span class="visually-hidden">{t('fund.balance')} </span>
                {formatMoney(f.balance_fen)}
              </span>
            </li>
          ))}
        </ul>
        <PagedFooter s={s} more={more} retry={retry} />
      </section>
    </div>
  );
}

/** /funds/{id} */
export function FundRoute() {
  const loc = useLocation();
  const m = /^\/funds\/([1-9]\d*)$/.exec(loc.split('?')[0]);
  return m ? <FundDetail key={m[1]} id={m[1]} /> : <NotFoundCard />;
}

function FundFacts({ fund, org, onEdit }) {
  return (
    <section class="card" aria-labelledby="h-fund-facts">
      <h2 id="h-fund-facts" class="visually-hidden">
        {t('fund.facts')}
      </h2>
      <p class="fund-balance">
        <span class="stat-label">{t('fund.balance')}</span>
        <span class="stat-value" data-testid="balance">
          {formatMoney(fund.balance_fen)}
        </span>
      </p>
      <dl class="facts">
        <dt>{t('fund.f_org')}</dt>
        <dd>{org ? org.name : t('fund.org_n', { id: fund.org_id })}</dd>
        <dt>{t('fund.f_purpose')}</dt>
        <dd>
          <PurposeTag purpose={fund.purpose} />
        </dd>
        <dt>{t('fund.f_manager')}</dt>
        <dd data-testid="manager">{fund.manager_username ? userLabel({ name: fund.manager_name, username: fund.manager_username }) : t('fund.user_n', { id: fund.manager_user_id })}</dd>
        {fund.description && (
          <>
            <dt>{t('fund.f_description')}</dt>
            <dd class="fund-text">{fund.description}</dd>
          </>
        )}
        <dt>{t('fund.standards_short')}</dt>
        <dd data-testid="standards">
          {STANDARDS.map((k, i) => (
            <Fragment key={k}>
              {i > 0 && <span aria-hidden="true"> · </span>}
              <span class="fund-nowrap">
                {t('fund.' + k)} {formatMoney(fund[k])}
              </span>
            </Fragment>
          ))}
        </dd>
        <dt>{t('fund.created')}</dt>
        <dd>{formatDateTime(fund.created_at)}</dd>
      </dl>
      {onEdit && (
        <button type="button" class="btn fund-edit" onClick={onEdit}>
          {t('fund.edit')}
        </button>
      )}
    </section>
  );
}

const accountName = (a) => (ACCOUNTS.includes(a.account) ? t('fund.account.' + a.account) : a.name || a.account);

function TrialBalance({ fundId }) {
  const [s, , load] = useLoad(() => get(`/funds/${fundId}/trial-balance`), [fundId]);
  const wait = pending(s, load);
  return (
    <section class="card" aria-labelledby="h-trial">
      <div class="row misc-head">
        <h2 id="h-trial">{t('fund.trial')}</h2>
        {!wait && (
          <span class={'fund-badge ' + (s.balanced ? 'fund-ok' : 'fund-bad')} data-testid="trial-badge">
            {s.balanced ? t('fund.balanced') : t('fund.unbalanced')}
          </span>
        )}
      </div>
      {wait || (
        <>
          <p class="muted small">{t('fund.trial_hint')}</p>
          {s.accounts.length === 0 ? (
            <p class="muted">{t('fund.no_entries')}</p>
          ) : (
            <div class="misc-scroll" tabIndex={0}>
              <table class="misc-table fund-trial" data-testid="trial">
                <thead>
                  <tr>
                    <th scope="col">{t('fund.account')}</th>
                    <th scope="col" class="num">
                      {t('fund.debit')}
                    </th>
                    <th scope="col" class="num">
                      {t('fund.credit')}
                    </th>
                    <th scope="col" class="num">
                      {t('fund.account_balance')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {s.accounts.map((a) => (
                    <tr key={a.account} data-account={a.account}>
                      <th scope="row">{accountName(a)}</th>
                      <td class="num">{formatMoney(a.debit_fen)}</td>
                      <td class="num">{formatMoney(a.credit_fen)}</td>
                      <td class="num">{formatMoney(a.balance_fen)}</td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row">{t('fund.total')}</th>
                    <td class="num" data-testid="trial-debit">
                      {formatMoney(s.debit_fen)}
                    </td>
                    <td class="num" data-testid="trial-credit">
                      {formatMoney(s.credit_fen)}
                    </td>
                    <td />
                  </tr>
                </tfoot>
              </table>
            </div>
          )}
          <p class="small" data-testid="trial-cash">
            {t('fund.cash_check', { kept: formatMoney(s.balance_fen), journal: formatMoney(s.cash_fen) })}
          </p>
        </>
      )}
    </section>
  );
}

function Journal({ fundId }) {
  const [s, more, retry] = usePaged(`/funds/${fundId}/ledger`);
  const chinese = getLocale() === 'zh-CN';
  return (
    <section class="card" aria-labelledby="h-journal">
      <h2 id="h-journal">{t('fund.journal')}</h2>
      <p class="muted small">{t('fund.journal_hint')}</p>
      {!s.loading && !s.error && s.items.length === 0 && <p class="muted">{t('fund.no_entries')}</p>}
      <ol class="list" data-testid="journal">
        {s.items.map((e) => (
          <li key={e.id} class="list-item fund-entry" data-entry={e.id} data-kind={e.kind}>
            <div class="list-main">
              <strong>
                <span class="mono">#{e.id}</span> {t('fund.kind.' + e.kind)} · {formatMoney(e.amount_fen)}
              </strong>
              <span class="muted small">{formatDateTime(e.created_at)}</span>
              <span class="small">
                {/* the memo is the server's, in Chinese: in English it follows the link */}
                {e.ref_entity === 'donations' && <Link href={'/donations/' + e.ref_id}>{chinese && e.memo ? e.memo : t('fund.donation_n', { id: e.ref_id })}</Link>}
                {e.memo && (e.ref_entity !== 'donations' || !chinese) && <span class="muted"> {e.memo}</span>}
                {e.reverses_id && ' · ' + t('fund.reverses', { id: e.reverses_id })}
              </span>
              <table class="fund-lines">
                <caption class="visually-hidden">{t('fund.lines_of', { id: e.id })}</caption>
                <thead class="visually-hidden">
                  <tr>
                    <th scope="col">{t('fund.account')}</th>
                    <th scope="col">{t('fund.debit')}</th>
                    <th scope="col">{t('fund.credit')}</th>
                  </tr>
                </thead>
                <tbody>
                  {e.lines.map((l, i) => (
                    <tr key={i}>
                      <th scope="row" class={l.credit_fen ? 'fund-credit-line' : ''}>
                        {l.debit_fen ? t('fund.dr') : t('fund.cr')} {accountName(l)}
                      </th>
                      <td class="num">{l.debit_fen ? formatMoney(l.debit_fen) : ''}</td>
                      <td class="num">{l.credit_fen ? formatMoney(l.credit_fen) : ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </li>
        ))}
      </ol>
      <PagedFooter s={s} more={more} retry={retry} />
    </section>
  );
}

function FundDonations({ fund }) {
  const [s, more, retry] = usePaged('/donations?fund_id=' + fund.id);
  return (
    <section class="card" aria-labelledby="h-fund-donations">
      <div class="row misc-head">
        <h2 id="h-fund-donations">{t('fund.donations')}</h2>
        <Link href={'/donations?fund_id=' + fund.id}>{t('fund.all_donations')}</Link>
      </div>
      {!s.loading && !s.error && s.items.length === 0 && <p class="muted">{t('fund.no_donations')}</p>}
      <DonationItems items={s.items} />
      <PagedFooter s={s} more={more} retry={retry} />
    </section>
  );
}

function FundDetail({ id }) {
  const { user } = useSession();
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(0);
  const [state, setState, load] = useLoad(async () => {
    const fund = await get('/funds/' + id);
    const [org, k] = await Promise.all([get('/orgs/' + fund.org_id).catch(() => null), keptOrgs(user).catch(() => ({ all: false, ids: new Set() }))]);
    // the API names the manager (issue 18): no read of /users, which is for admins
    return { fund, org, canEdit: keeps(k, fund.org_id) };
  }, [id]);
  const wait = pending(state, load);
  if (wait) return wait;
  const { fund, org, canEdit } = state;
  return (
    <div class="stack">
      <p class="small">
        <Link href="/funds">{t('fund.back_to_list')}</Link>
      </p>
      <h1>{fund.name}</h1>
      {saved > 0 && (
        <p class="card success" role="status">
          {t('fund.saved')}
        </p>
      )}
      {editing ? (
        <FundForm
          fund={fund}
          onCancel={() => setEditing(false)}
          onSaved={async (f) => {
            setEditing(false);
            setSaved((n) => n + 1);
            setState({ ...state, fund: f });
          }}
        />
      ) : (
        <FundFacts fund={fund} org={org} onEdit={canEdit ? () => setEditing(true) : null} />
      )}
      {hasRole(user, RECORDERS) && (
        <Link class="btn btn-primary" href={'/donations/new?fund_id=' + fund.id}>
          {t('fund.record')}
        </Link>
      )}
      <TrialBalance fundId={fund.id} />
      <Journal fundId={fund.id} />
      <FundDonations fund={fund} />
    </div>
  );
}
