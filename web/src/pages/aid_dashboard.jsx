// aid_dashboard.jsx - the dashboard's money card: money in and out by month
// over the funds the caller reads. The API has no per-month figures, so the
// browser adds up each fund's journal (GET /funds, then GET
// /funds/{id}/ledger, oldest first, paged): per month in China time, by
// each entry's created_at, money in is what gifts credited to net assets
// less what voids debited from them, money out is what approved aid
// debited to expenses. The journal is read a few pages per fund at most;
// when that leaves entries unread the card says so. Nothing is shown to a
// caller without funds (403 or none).
import { get } from '../api.js';
import { formatMoney, formatNumber, getLocale, t } from '../i18n/index.js';
import { Link } from '../router.jsx';
import { useLoad } from '../components/ui.jsx';
import { PairBarChart } from '../components/aid_chart.jsx';

const MONTHS = 6;
const FUNDS_MAX = 20;
const PAGES_PER_FUND = 5;
const PAGE = 200;
const NET_ASSETS = ['restricted_net_assets', 'unrestricted_net_assets'];

/** 'YYYY-MM' of an ISO time, in China. */
const monthOf = (iso) => new Date(Date.parse(iso) + 8 * 3600e3).toISOString().slice(0, 7);

/** The last n months in China, oldest first. */
function lastMonths(n) {
  const now = new Date(Date.now() + 8 * 3600e3);
  const out = [];
  for (let i = n - 1; i >= 0; i--) out.push(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i, 1)).toISOString().slice(0, 7));
  return out;
}

const sum = (lines, side, accounts) => lines.filter((l) => accounts.includes(l.account)).reduce((n, l) => n + l[side], 0);

/** Money in and out of one journal entry (0 for the kinds that move neither). */
export function entryFlow(e) {
  if (e.kind === 'donation') return { in: sum(e.lines, 'credit_fen', NET_ASSETS), out: 0 };
  if (e.kind === 'donation_void') return { in: -sum(e.lines, 'debit_fen', NET_ASSETS), out: 0 };
  if (e.kind === 'aid_approval') return { in: 0, out: sum(e.lines, 'debit_fen', ['expenses']) };
  return { in: 0, out: 0 };
}

async function fundEntries(id) {
  let items = [], cursor = null;
  for (let i = 0; i < PAGES_PER_FUND; i++) {
    const res = await get(`/funds/${id}/ledger?limit=${PAGE}` + (cursor ? '&cursor=' + encodeURIComponent(cursor) : ''));
    items = items.concat(res.items);
    cursor = res.next_cursor;
    if (!cursor) return { items, capped: false };
  }
  return { items, capped: true };
}

async function loadFlows() {
  let funds;
  try {
    funds = await get(`/funds?limit=${FUNDS_MAX}`);
  } catch (err) {
    if (err.status === 403) return { none: true };
    throw err;
  }
  if (funds.items.length === 0) return { none: true };
  const ledgers = await Promise.all(funds.items.map((f) => fundEntries(f.id).catch((err) => (err.status === 403 ? null : Promise.reject(err)))));
  const read = ledgers.filter(Boolean);
  if (read.length === 0) return { none: true };
  const months = lastMonths(MONTHS);
  const by = new Map(months.map((m) => [m, { in: 0, out: 0 }]));
  for (const l of read)
    for (const e of l.items) {
      const m = by.get(monthOf(e.created_at));
      if (!m) continue;
      const f = entryFlow(e);
      m.in += f.in;
      m.out += f.out;
    }
  return {
    months: months.map((m) => ({ month: m, ...by.get(m) })),
    funds: read.length,
    capped: read.some((l) => l.capped),
    moreFunds: !!funds.next_cursor,
  };
}

/** Short money for a bar's top: ¥1.2万 / 12K rather than ¥12,000.00. */
const shortMoney = (fen) => new Intl.NumberFormat(getLocale(), { notation: 'compact', maximumFractionDigits: 1 }).format(fen / 100);

export function AidMoneyCard() {
  const [state] = useLoad(loadFlows);
  if (state.loading || state.none) return null;
  if (state.error)
    return (
      <section class="card" aria-labelledby="h-aid-money">
        <h2 id="h-aid-money">{t('aid.dash.title')}</h2>
        <p class="error">{t('common.load_failed')}</p>
      </section>
    );
  const totalIn = state.months.reduce((n, m) => n + m.in, 0), totalOut = state.months.reduce((n, m) => n + m.out, 0);
  const items = state.months.map((m) => ({
    label: t('aid.dash.month', { m: Number(m.month.slice(5)) }),
    values: [Math.max(0, m.in), m.out],
    texts: [formatMoney(m.in), formatMoney(m.out)],
    shorts: [shortMoney(m.in), shortMoney(m.out)],
  }));
  return (
    <section class="card" aria-labelledby="h-aid-money" data-testid="aid-money-card">
      <h2 id="h-aid-money">{t('aid.dash.title')}</h2>
      <dl class="counts">
        <div>
          <dt>{t('aid.dash.in')}</dt>
          <dd data-testid="aid-money-in">{formatMoney(totalIn)}</dd>
        </div>
        <div>
          <dt>{t('aid.dash.out')}</dt>
          <dd data-testid="aid-money-out">{formatMoney(totalOut)}</dd>
        </div>
      </dl>
      <PairBarChart
        items={items}
        series={[t('aid.dash.in'), t('aid.dash.out')]}
        label={t('aid.dash.chart_label', { n: MONTHS })}
        caption={t('aid.dash.caption', { funds: formatNumber(state.funds) })}
        testid="chart-aid-money"
      />
      {(state.capped || state.moreFunds) && (
        <p class="notice small" data-testid="aid-money-capped">
          {state.capped ? t('aid.dash.capped', { n: formatNumber(PAGES_PER_FUND * PAGE) }) : ''}
          {state.capped && state.moreFunds ? ' ' : ''}
          {state.moreFunds ? t('aid.dash.more_funds', { n: FUNDS_MAX }) : ''}
        </p>
      )}
      <p class="small">
        <Link href="/aid/runs">{t('aid.dash.to_runs')}</Link> · <Link href="/disclosure">{t('aid.dash.to_disclosure')}</Link>
      </p>
    </section>
  );
}
