// aid_gifts.jsx - where a gift went (慈善法 Art. 42: a donor may query how
// the gift was managed and used). /my/gifts is the signed-in donor's gifts
// (GET /donor-statement); /statement/{code} is one gift by the statement
// code given with the receipt, for anyone without signing in (GET
// /donor-statements/{code}, throttled); /statement alone asks for the code.
// A directed gift shows its student by a masked name and each payment made
// from it; another gift, its fund's runs and what the fund has spent.
import { useState } from 'preact/hooks';
import { get } from '../api.js';
import { formatNumber, t } from '../i18n/index.js';
import { Link, navigate, useLocation } from '../router.jsx';
import { Field } from '../components/form.jsx';
import { pending, useLoad } from '../components/ui.jsx';
import { Money, StatusBadge, label, semesterLabel } from '../components/aid_ui.jsx';

function Directed({ d }) {
  return (
    <div class="aid-trail">
      <p>
        {t('aid.trail_directed', { student: d.student })}
      </p>
      {d.payments.length === 0 ? (
        <p class="muted small">{t('aid.trail_no_payment')}</p>
      ) : (
        <ul class="plain aid-trail-list">
          {d.payments.map((p, i) => (
            <li key={i}>
              {semesterLabel(p.semester)} · <Money fen={p.amount_fen} /> <StatusBadge prefix="aid.run_status." value={p.status} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function Pooled({ p }) {
  return (
    <div class="aid-trail">
      <p>
        {t('aid.trail_pooled')} <Money fen={p.fund_spent_fen} data-testid="fund-spent" />
      </p>
      {p.runs.length === 0 ? (
        <p class="muted small">{t('aid.trail_no_runs')}</p>
      ) : (
        <ul class="plain aid-trail-list">
          {p.runs.map((r, i) => (
            <li key={i}>
              {semesterLabel(r.semester)} · {t('aid.run_students', { n: formatNumber(r.students) })} · <Money fen={r.total_fen} />{' '}
              <StatusBadge prefix="aid.run_status." value={r.status} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The gifts of a statement, oldest first as the API gives them. */
export function GiftTrail({ items }) {
  return (
    <ul class="list cards" data-testid="gifts">
      {items.map((g) => (
        <li key={g.donation_id} class="card" data-gift={g.donation_id}>
          <h2 class="shift-title">
            {g.fund_name} · <Money fen={g.amount_fen} data-testid="gift-amount" /> <StatusBadge prefix="aid.gift_status." value={g.status} />
          </h2>
          <p class="small">
            {g.received_on} · {label('aid.channel.', g.channel)} · {g.receipt_no ? t('aid.receipt_no', { no: g.receipt_no }) : t('aid.no_receipt')}
          </p>
          {g.directed && <Directed d={g.directed} />}
          {g.pooled && <Pooled p={g.pooled} />}
        </li>
      ))}
    </ul>
  );
}

export function MyGifts() {
  const [state, , load] = useLoad(() => get('/donor-statement'));
  const wait = pending(state, load);
  return (
    <div class="stack">
      <h1>{t('aid.my_gifts_title')}</h1>
      <p class="muted small">{t('aid.my_gifts_intro')}</p>
      {wait ||
        (state.items.length === 0 ? (
          <p class="card muted">
            {t('aid.my_gifts_none')} <Link href="/statement">{t('aid.by_code_link')}</Link>
          </p>
        ) : (
          <GiftTrail items={state.items} />
        ))}
    </div>
  );
}

function CodeForm({ initial }) {
  const [code, setCode] = useState(initial);
  const submit = (e) => {
    e.preventDefault();
    const c = code.trim();
    if (c) navigate('/statement/' + encodeURIComponent(c));
  };
  return (
    <form class="card" onSubmit={submit} role="search" aria-label={t('aid.statement_lookup')}>
      <Field name="code" label={t('aid.statement_code')} hint={t('aid.statement_code_hint')} value={code} onInput={setCode} autocomplete="off" autocapitalize="characters" spellcheck={false} maxLength={40} required />
      <button type="submit" class="btn btn-primary">
        {t('aid.statement_lookup')}
      </button>
    </form>
  );
}

function ByCode({ code }) {
  const [state, , load] = useLoad(() => get('/donor-statements/' + encodeURIComponent(code)), [code]);
  if (state.error && (state.error.status === 404 || state.error.status === 429))
    return (
      <p class="card error" role="alert" data-testid="statement-error">
        {t(state.error.status === 404 ? 'aid.statement_unknown' : 'aid.error.throttled')}
      </p>
    );
  return pending(state, load) || <GiftTrail items={state.items} />;
}

/** /statement and /statement/{code}: public. */
export function PublicStatement() {
  const loc = useLocation();
  const path = loc.split('?')[0];
  const code = path.startsWith('/statement/') ? decodeURIComponent(path.slice('/statement/'.length)) : '';
  return (
    <div class="stack aid-narrow">
      <h1>{t('aid.statement_title')}</h1>
      <p class="muted small">{t('aid.statement_intro')}</p>
      <CodeForm key={code} initial={code} />
      {code && <ByCode code={code} />}
      <p class="small">
        <Link href="/disclosure">{t('aid.to_disclosure')}</Link>
      </p>
    </div>
  );
}
