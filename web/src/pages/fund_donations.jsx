// fund_donations.jsx - donations (issue 14): recording one (/donations/new:
// the amount typed in yuan and sent in fen exactly, only the chosen
// channel's fields, one Idempotency-Key per form so a double click or a
// retry records one gift), the list with filters (/donations), the donor's
// own (/donations/mine: the API scopes the list to them), and one donation
// (/donations/{id}) with the void for those who keep the fund and a link to
// its receipt (fund_receipt.jsx).
import { Fragment } from 'preact';
import { useState } from 'preact/hooks';
import { get, post } from '../api.js';
import { formatDateTime, formatMoney, t } from '../i18n/index.js';
import { Link, navigate, queryParam, useLocation } from '../router.jsx';
import { hasRole, useSession } from '../session.js';
import { listAll } from '../org_data.js';
import { Field, FormError, errorsFrom } from '../components/form.jsx';
import { userLabel } from '../components/picker.jsx';
import { pending, useLoad } from '../components/ui.jsx';
import { SelectField, TextAreaField } from '../components/care_ui.jsx';
import { CHANNELS, CHANNEL_FIELDS, CHANNEL_REQUIRED, FUND_READERS, RECORDERS, keeps, keptOrgs, newIdempotencyKey, todayCst } from '../fund_data.js';
import { yuanToFen } from '../fund_money.js';
import { AnonymousTag, CheckField, DonationItems, DonationStatus, NotFoundCard, PagedFooter, usePaged } from './fund_common.jsx';
import { Receipt } from './fund_receipt.jsx';

const DONATION_FIELDS = ['fund_id', 'amount_fen', 'channel', 'donor_kind', 'donor_name', 'received_on', 'purpose', ...CHANNELS.flatMap((c) => CHANNEL_FIELDS[c])];
const STATUSES = ['recorded', 'voided'];

/** The funds the caller reads, as a map id → name, and the list. */
async function fundsRead() {
  const funds = await listAll('/funds');
  return { funds, names: new Map(funds.map((f) => [f.id, f.name])) };
}

export function DonationNew() {
  // one key per form instance: a double click or a retry after a lost
  // answer is the same request, and the server records one gift
  const [key] = useState(newIdempotencyKey);
  const [v, setV] = useState({
    fund_id: queryParam('fund_id') || '',
    amount: '',
    channel: 'cash',
    donor_kind: 'person',
    donor_name: '',
    anonymous: false,
    receipt_declined: false,
    received_on: todayCst(),
    purpose: '',
    bank_ref: '',
    platform: '',
    platform_ref: '',
    item_description: '',
    valued_by: '',
    valuation_basis: '',
  });
  const [errors, setErrors] = useState({});
  const [busy, setBusy] = useState(false);
  const [funds, , loadFunds] = useLoad(fundsRead);
  const set = (k) => (x) => setV((o) => ({ ...o, [k]: x }));

  const check = () => {
    const e = {};
    if (!v.fund_id) e.fund_id = t('error.required');
    const fen = yuanToFen(v.amount);
    if (fen === null) e.amount_fen = v.amount.trim() ? t('fund.error.amount_format') : t('error.required');
    if (!v.anonymous && !v.donor_name.trim()) e.donor_name = t('fund.error.donor_name');
    if (!v.received_on) e.received_on = t('error.required');
    for (const k of CHANNEL_FIELDS[v.channel]) if (CHANNEL_REQUIRED.includes(k) && !v[k].trim()) e[k] = t('error.required');
    return [e, fen];
  };

  const submit = async (ev) => {
    ev.preventDefault();
    const [e, fen] = check();
    setErrors(e);
    if (Object.keys(e).length) {
      const first = document.querySelector('[data-testid="donation-form"] [aria-invalid="true"]');
      if (first) first.focus();
      return;
    }
    const body = {
      fund_id: Number(v.fund_id),
      amount_fen: fen,
      channel: v.channel,
      donor_kind: v.donor_kind,
      anonymous: v.anonymous,
      receipt_declined: v.receipt_declined,
      received_on: v.received_on,
    };
    if (v.donor_name.trim()) body.donor_name = v.donor_name.trim();
    if (v.purpose.trim()) body.purpose = v.purpose.trim();
    // only the chosen channel's fields: the API refuses another channel's
    for (const k of CHANNEL_FIELDS[v.channel]) if (v[k].trim()) body[k] = v[k].trim();
    setBusy(true);
    try {
      const d = await post('/donations', body, { 'Idempotency-Key': key });
      navigate('/donations/' + d.id);
    } catch (err) {
      setBusy(false);
      if (err.field === 'Idempotency-Key') return setErrors({ _form: t('fund.error.key_used') });
      setErrors(errorsFrom(err, DONATION_FIELDS, { duplicate: 'fund.error.duplicate_ref', network: 'fund.error.network' }));
    }
  };

  const wait = pending(funds, loadFunds);
  if (wait) return wait;
  const chosen = funds.funds.find((f) => String(f.id) === v.fund_id);
  return (
    <div class="stack">
      <h1>{t('fund.new_donation')}</h1>
      <form class="card" onSubmit={submit} noValidate data-testid="donation-form">
        <FormError text={errors._form} />
        <SelectField
          name="fund_id"
          label={t('fund.f_fund')}
          value={v.fund_id}
          onChange={set('fund_id')}
          error={errors.fund_id}
          placeholder={t('fund.choose')}
          options={funds.funds.map((f) => [String(f.id), f.name])}
        />
        {chosen && <p class="hint fund-chosen">{t('fund.purpose.' + chosen.purpose)} · {t('fund.balance_now', { amount: formatMoney(chosen.balance_fen) })}</p>}
        <Field name="amount_fen" inputMode="decimal" autoComplete="off" label={t('fund.f_amount')} hint={t('fund.f_amount_hint')} value={v.amount} onInput={set('amount')} error={errors.amount_fen} />
        <SelectField name="channel" label={t('fund.f_channel')} value={v.channel} onChange={set('channel')} error={errors.channel} options={CHANNELS.map((c) => [c, t('fund.channel.' + c)])} />
        {v.channel === 'bank_transfer' && <Field name="bank_ref" label={t('fund.f_bank_ref')} hint={t('fund.f_bank_ref_hint')} value={v.bank_ref} onInput={set('bank_ref')} error={errors.bank_ref} maxLength={100} />}
        {v.channel === 'online_platform' && (
          <>
            <Field name="platform" label={t('fund.f_platform')} hint={t('fund.f_platform_hint')} value={v.platform} onInput={set('platform')} error={errors.platform} maxLength={100} />
            <Field name="platform_ref" label={t('fund.f_platform_ref')} value={v.platform_ref} onInput={set('platform_ref')} error={errors.platform_ref} maxLength={100} />
          </>
        )}
        {v.channel === 'in_kind' && (
          <>
            <TextAreaField name="item_description" label={t('fund.f_item')} value={v.item_description} onInput={set('item_description')} error={errors.item_description} maxLength={1000} />
            <Field name="valued_by" label={t('fund.f_valued_by')} hint={t('fund.f_valued_by_hint')} value={v.valued_by} onInput={set('valued_by')} error={errors.valued_by} maxLength={100} />
            <Field name="valuation_basis" label={t('fund.f_valuation_basis')} value={v.valuation_basis} onInput={set('valuation_basis')} error={errors.valuation_basis} maxLength={500} />
          </>
        )}
        <SelectField name="donor_kind" label={t('fund.f_donor_kind')} value={v.donor_kind} onChange={set('donor_kind')} error={errors.donor_kind} options={['person', 'org'].map((k) => [k, t('fund.donor_kind.' + k)])} />
        <CheckField name="anonymous" label={t('fund.f_anonymous')} hint={t('fund.f_anonymous_hint')} checked={v.anonymous} onChange={set('anonymous')} />
        <Field
          name="donor_name"
          label={v.anonymous ? t('fund.f_donor_name_optional') : t('fund.f_donor_name')}
          value={v.donor_name}
          onInput={set('donor_name')}
          error={errors.donor_name}
          maxLength={200}
          required={!v.anonymous}
          autoComplete="off"
        />
        <CheckField name="receipt_declined" label={t('fund.f_receipt_declined')} hint={v.anonymous ? t('fund.f_no_receipt_anonymous') : t('fund.f_receipt_hint')} checked={v.receipt_declined} onChange={set('receipt_declined')} disabled={v.anonymous} />
        <Field name="received_on" type="date" label={t('fund.f_received_on')} value={v.received_on} max={todayCst()} onInput={set('received_on')} error={errors.received_on} />
        <Field name="purpose" label={t('fund.f_donation_purpose')} hint={t('fund.f_donation_purpose_hint')} value={v.purpose} onInput={set('purpose')} error={errors.purpose} maxLength={500} />
        <button type="submit" class="btn btn-primary btn-block" disabled={busy}>
          {busy ? t('fund.recording') : t('fund.record_submit')}
        </button>
      </form>
    </div>
  );
}

function DonationFilters({ f, set, funds }) {
  return (
    <form class="card" role="search" aria-label={t('fund.filters')} onSubmit={(e) => e.preventDefault()}>
      <div class="fund-filters">
        <SelectField name="fund_filter" label={t('fund.f_fund')} value={f.fund_id} onChange={set('fund_id')} placeholder={t('fund.all')} options={funds.map((x) => [String(x.id), x.name])} />
        <SelectField name="channel_filter" label={t('fund.f_channel')} value={f.channel} onChange={set('channel')} placeholder={t('fund.all')} options={CHANNELS.map((c) => [c, t('fund.channel.' + c)])} />
        <SelectField name="status_filter" label={t('fund.f_status')} value={f.status} onChange={set('status')} placeholder={t('fund.all')} options={STATUSES.map((c) => [c, t('fund.dstatus.' + c)])} />
      </div>
    </form>
  );
}

/** Staff: every donation they may read, filtered by fund, channel, status. */
export function DonationList() {
  const { user } = useSession();
  const [f, setF] = useState({ fund_id: queryParam('fund_id') || '', channel: '', status: '' });
  const set = (k) => (x) => setF((o) => ({ ...o, [k]: x }));
  const [funds] = useLoad(fundsRead);
  const q = new URLSearchParams();
  for (const k of ['fund_id', 'channel', 'status']) if (f[k]) q.set(k, f[k]);
  const [s, more, retry] = usePaged('/donations' + (q.toString() ? '?' + q : ''));
  return (
    <div class="stack">
      <h1>{t('fund.donations_title')}</h1>
      {hasRole(user, RECORDERS) && (
        <Link class="btn btn-primary" href={'/donations/new' + (f.fund_id ? '?fund_id=' + f.fund_id : '')}>
          {t('fund.record')}
        </Link>
      )}
      <DonationFilters f={f} set={set} funds={funds.funds || []} />
      <section class="card" aria-labelledby="h-donations">
        <h2 id="h-donations">{t('fund.results')}</h2>
        {!s.loading && !s.error && s.items.length === 0 && <p class="muted">{t('fund.no_donations')}</p>}
        <DonationItems items={s.items} funds={funds.names} />
        <PagedFooter s={s} more={more} retry={retry} />
      </section>
    </div>
  );
}

/** A donor's own gifts (GET /donations answers a donor only theirs). */
export function MyDonations() {
  const [funds] = useLoad(() => fundsRead().catch(() => ({ funds: [], names: new Map() })));
  const [s, more, retry] = usePaged('/donations');
  return (
    <div class="stack">
      <h1>{t('fund.mine_title')}</h1>
      <p class="muted">{t('fund.mine_intro')}</p>
      <section class="card" aria-label={t('fund.mine_title')}>
        {!s.loading && !s.error && s.items.length === 0 && <p class="muted">{t('fund.mine_none')}</p>}
        <DonationItems items={s.items} funds={funds.names} />
        <PagedFooter s={s} more={more} retry={retry} />
      </section>
    </div>
  );
}

/** /donations/{id} and /donations/{id}/receipt */
export function DonationRoute() {
  const loc = useLocation();
  const m = /^\/donations\/([1-9]\d*)(\/receipt)?$/.exec(loc.split('?')[0]);
  if (!m) return <NotFoundCard />;
  return m[2] ? <Receipt key={'r' + m[1]} id={m[1]} /> : <DonationPage key={m[1]} id={m[1]} />;
}

function VoidForm({ donation, onVoided, onStale, onCancel }) {
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState({});
  const [busy, setBusy] = useState(false);
  const submit = async (e) => {
    e.preventDefault();
    if (!reason.trim()) return setErrors({ reason: t('fund.error.void_reason') });
    setBusy(true);
    try {
      onVoided(await post(`/donations/${donation.id}/void`, { reason: reason.trim() }));
    } catch (err) {
      setBusy(false);
      // 409: voided meanwhile (conflict), or the fund has already spent the money
      setErrors(errorsFrom(err, ['reason'], { conflict: 'fund.error.already_voided', insufficient_funds: 'fund.error.insufficient' }));
      if (err.status === 409) onStale();
    }
  };
  return (
    <form class="card fund-void" onSubmit={submit} noValidate data-testid="void-form" aria-labelledby="h-void">
      <h2 id="h-void">{t('fund.void_title')}</h2>
      <p class="small">{t('fund.void_hint', { amount: formatMoney(donation.amount_fen) })}</p>
      <FormError text={errors._form} />
      <TextAreaField name="reason" label={t('fund.f_void_reason')} value={reason} onInput={setReason} error={errors.reason} maxLength={500} required />
      <div class="row">
        <button type="submit" class="btn btn-primary" disabled={busy}>
          {t('fund.void_confirm')}
        </button>
        <button type="button" class="btn" onClick={onCancel}>
          {t('fund.cancel')}
        </button>
      </div>
    </form>
  );
}

function DonationPage({ id }) {
  const { user } = useSession();
  const [voiding, setVoiding] = useState(false);
  const [voided, setVoided] = useState(false);
  const [state, setState, load] = useLoad(async () => {
    const d = await get('/donations/' + id);
    const [fund, k] = await Promise.all([get('/funds/' + d.fund_id).catch(() => null), keptOrgs(user).catch(() => ({ all: false, ids: new Set() }))]);
    return { d, fund, canVoid: keeps(k, d.org_id) };
  }, [id]);
  const wait = pending(state, load);
  if (wait) return wait;
  const { d, fund, canVoid } = state;
  const reader = hasRole(user, FUND_READERS);
  const channelFacts = {
    bank_transfer: ['bank_ref'],
    online_platform: ['platform', 'platform_ref'],
    in_kind: ['item_description', 'valued_by', 'valuation_basis'],
  }[d.channel];
  return (
    <div class="stack">
      <p class="small">
        <Link href={reader ? '/donations' : '/donations/mine'}>{t('fund.back_to_donations')}</Link>
      </p>
      <h1>
        {t('fund.donation_n', { id: d.id })} <DonationStatus status={d.status} />
      </h1>
      {voided && (
        <p class="card success" role="status">
          {t('fund.voided_done')}
        </p>
      )}
      <section class="card" aria-label={t('fund.facts')}>
        <p class="fund-balance">
          <span class="stat-label">{t('fund.f_amount_short')}</span>
          <span class="stat-value" data-testid="amount">
            {formatMoney(d.amount_fen)}
          </span>
        </p>
        <dl class="facts" data-testid="donation-facts">
          <dt>{t('fund.f_fund')}</dt>
          <dd>{fund ? reader ? <Link href={'/funds/' + fund.id}>{fund.name}</Link> : fund.name : t('fund.fund_n', { id: d.fund_id })}</dd>
          <dt>{t('fund.f_donor')}</dt>
          <dd>
            <span data-testid="donor">{d.donor_name || t('fund.no_donor_name')}</span> <span class="muted small">· {t('fund.donor_kind.' + d.donor_kind)}</span> {d.anonymous && <AnonymousTag />}
          </dd>
          <dt>{t('fund.f_channel')}</dt>
          <dd>{t('fund.channel.' + d.channel)}</dd>
          {(channelFacts || []).map((k) =>
            d[k] ? (
              <Fragment key={k}>
                <dt>{t('fund.f_' + (k === 'item_description' ? 'item' : k))}</dt>
                <dd class="fund-text">{d[k]}</dd>
              </Fragment>
            ) : null,
          )}
          <dt>{t('fund.f_received_on')}</dt>
          <dd>{d.received_on}</dd>
          {d.purpose && (
            <>
              <dt>{t('fund.f_donation_purpose')}</dt>
              <dd class="fund-text">{d.purpose}</dd>
            </>
          )}
          <dt>{t('fund.receipt')}</dt>
          <dd data-testid="receipt-cell">
            {d.receipt_no ? (
              <Link href={`/donations/${d.id}/receipt`} data-testid="receipt-link">
                {t('fund.receipt_open', { no: d.receipt_no })}
              </Link>
            ) : d.anonymous ? (
              t('fund.no_receipt_anonymous')
            ) : (
              t('fund.no_receipt_declined')
            )}
          </dd>
          <dt>{t('fund.recorded_by')}</dt>
          <dd>
            {d.recorded_by_username ? userLabel({ name: d.recorded_by_name, username: d.recorded_by_username }) : t('fund.user_n', { id: d.recorded_by_user_id })} · {formatDateTime(d.created_at)}
          </dd>
          {d.status === 'voided' && (
            <>
              <dt>{t('fund.voided_at')}</dt>
              <dd>{d.voided_at ? formatDateTime(d.voided_at) : ''}</dd>
              <dt>{t('fund.f_void_reason')}</dt>
              <dd class="fund-text" data-testid="void-reason">
                {d.void_reason}
              </dd>
            </>
          )}
        </dl>
      </section>
      {canVoid && d.status === 'recorded' && !voiding && (
        <button type="button" class="btn" onClick={() => setVoiding(true)}>
          {t('fund.void')}
        </button>
      )}
      {canVoid && voiding && (
        <VoidForm
          donation={d}
          onCancel={() => setVoiding(false)}
          onStale={() => load(true)}
          onVoided={(nd) => {
            setVoiding(false);
            setVoided(true);
            setState({ ...state, d: nd });
          }}
        />
      )}
    </div>
  );
}
