// fund_receipt.jsx - 捐赠收据 (Charity Law Art. 38), /donations/{id}/receipt:
// the receipt as GET /donations/{id}/receipt gives it, with the amount in
// capital numerals and in figures, a print button, and a 已作废 stamp on a
// voided gift. Printed, only the receipt shows, on an A5 sheet (app.css,
// "@media print").
import { getLocale, t, TIME_ZONE } from '../i18n/index.js';
import { Link } from '../router.jsx';
import { get } from '../api.js';
import { pending, useLoad } from '../components/ui.jsx';

/** "2026-12-05" → "2026年12月5日" / "5 December 2026". */
function longDate(ymd) {
  const d = new Date(ymd + 'T12:00:00+08:00');
  return isNaN(d) ? ymd : new Intl.DateTimeFormat(getLocale(), { timeZone: TIME_ZONE, year: 'numeric', month: 'long', day: 'numeric' }).format(d);
}

export function Receipt({ id }) {
  const [r, , load] = useLoad(() => get(`/donations/${id}/receipt`), [id]);
  const back = (
    <Link href={'/donations/' + id} class="no-print">
      {t('fund.back_to_donation')}
    </Link>
  );
  if (r.error && r.error.status === 404 && r.error.field === 'receipt_no')
    return (
      <section class="card" role="alert">
        <h1>{t('fund.receipt_title')}</h1>
        <p data-testid="no-receipt">{t('fund.no_receipt')}</p>
        {back}
      </section>
    );
  const wait = pending(r, load);
  if (wait) return wait;
  const voided = r.status === 'voided';
  const rows = [
    ['fund.r_donor', r.donor_name, 'receipt-donor'],
    ['fund.r_amount_words', r.amount_words, 'amount-words'],
    ['fund.r_amount_figures', r.amount_figures, 'amount-figures'],
    ['fund.r_date', longDate(r.received_on), 'receipt-date'],
    ['fund.r_purpose', r.purpose, 'receipt-purpose'],
    ['fund.r_fund', r.fund_name, 'receipt-fund'],
    ['fund.r_channel', t('fund.channel.' + r.channel), 'receipt-channel'],
    ['fund.r_recorded_by', r.recorded_by || '—', 'receipt-recorded-by'],
  ];
  return (
    <div class="stack receipt-page">
      <div class="row no-print fund-receipt-actions">
        <button type="button" class="btn btn-primary" onClick={() => window.print()}>
          {t('fund.print')}
        </button>
        {back}
      </div>
      {voided && (
        <p class="card no-print error" role="status">
          {t('fund.receipt_voided_note')}
        </p>
      )}
      <article class={'receipt' + (voided ? ' receipt-voided' : '')} aria-labelledby="h-receipt" data-testid="receipt">
        <header class="receipt-head">
          <h1 id="h-receipt">{t('fund.receipt_title')}</h1>
          <p class="receipt-no">
            {t('fund.r_no')} <span class="mono" data-testid="receipt-no">{r.receipt_no}</span>
          </p>
        </header>
        <p class="receipt-org" data-testid="receipt-org">
          {t('fund.r_org')}
          {r.org_name}
        </p>
        <dl class="receipt-facts">
          {rows.map(([label, value, testid]) => (
            <div key={label} class="receipt-row">
              <dt>{t(label)}</dt>
              <dd data-testid={testid}>{value}</dd>
            </div>
          ))}
        </dl>
        <p class="receipt-thanks">{t('fund.r_thanks')}</p>
        <p class="receipt-sign">
          {t('fund.r_sign')}
          <span class="receipt-sign-name">{r.org_name}</span>
        </p>
        {voided && (
          <div class="receipt-stamp" data-testid="void-stamp" role="img" aria-label={t('fund.dstatus.voided')}>
            {t('fund.dstatus.voided')}
          </div>
        )}
      </article>
    </div>
  );
}
