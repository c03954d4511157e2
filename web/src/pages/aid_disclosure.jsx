// aid_disclosure.jsx - 信息公开: the public quarterly disclosure of every
// fund (GET /disclosures?quarter=YYYYQn, no sign-in; 慈善法 Art. 79: at
// least every three months; Art. 82: no personal information). One quarter
// at a time, the current one by default (China time, "so far"); the fund
// picker lists the funds of the same answer. Counts and sums only: the API
// sends no name, and neither does this page. The choice is kept in the URL
// (/disclosure?quarter=2026Q4&fund_id=1) so a link can be shared.
import { useState } from 'preact/hooks';
import { get } from '../api.js';
import { formatNumber, t } from '../i18n/index.js';
import { Link, navigate, queryParam } from '../router.jsx';
import { SelectField } from '../components/care_ui.jsx';
import { pending, useLoad } from '../components/ui.jsx';
import { CHANNELS, Money, STAGES, currentQuarter, label, quarterLabel, recentQuarters } from '../components/aid_ui.jsx';

const byOrder = (order, key) => (a, b) => order.indexOf(a[key]) - order.indexOf(b[key]);

/** The day of an ISO time in China (YYYY-MM-DD); `back` ms earlier. */
const dayOf = (iso, back = 0) => new Date(Date.parse(iso) + 8 * 3600e3 - back).toISOString().slice(0, 10);

function FundDisclosure({ d, current }) {
  const channels = [...d.income_by_channel].sort(byOrder(CHANNELS, 'channel'));
  const stages = [...d.beneficiaries.by_stage].sort(byOrder(STAGES, 'school_stage'));
  const anon = channels.reduce((n, c) => n + c.anonymous, 0);
  return (
    <section class="card" aria-labelledby={'h-fund-' + d.fund_id} data-fund={d.fund_id} data-testid="disclosure-fund">
      <h2 id={'h-fund-' + d.fund_id}>{d.fund_name}</h2>
      <p class="muted small">
        {d.org_name} · {label('aid.purpose.', d.purpose)} · {t('aid.period', { from: dayOf(d.from), to: current ? t('aid.so_far') : dayOf(d.to, 1) })}
      </p>
      <dl class="aid-figures">
        <div>
          <dt>{t('aid.opening_cash')}</dt>
          <dd>
            <Money fen={d.opening_cash_fen} />
          </dd>
        </div>
        <div>
          <dt>{t('aid.income')}</dt>
          <dd data-testid="income">
            <Money fen={d.income_fen} />
          </dd>
        </div>
        <div>
          <dt>{t('aid.in_kind')}</dt>
          <dd>
            <Money fen={d.in_kind_fen} />
          </dd>
        </div>
        <div>
          <dt>{t('aid.voided')}</dt>
          <dd>
            <Money fen={d.voided_fen} />
          </dd>
        </div>
        <div>
          <dt>{t('aid.approved')}</dt>
          <dd>
            <Money fen={d.approved_fen} />
          </dd>
        </div>
        <div>
          <dt>{t('aid.paid')}</dt>
          <dd>
            <Money fen={d.paid_fen} />
          </dd>
        </div>
        <div>
          <dt>{t('aid.closing_cash')}</dt>
          <dd data-testid="closing">
            <Money fen={d.closing_cash_fen} />
          </dd>
        </div>
      </dl>
      <p class="muted small">{t('aid.cash_note')}</p>

      <h3 class="aid-h3">{t('aid.income_by_channel')}</h3>
      {channels.length === 0 ? (
        <p class="muted small">{t('aid.no_gifts')}</p>
      ) : (
        <div class="aid-scroll">
          <table class="aid-table" data-testid="channels">
            <thead>
              <tr>
                <th scope="col">{t('aid.channel')}</th>
                <th scope="col" class="num">
                  {t('aid.gifts')}
                </th>
                <th scope="col" class="num">
                  {t('aid.anonymous_gifts')}
                </th>
                <th scope="col" class="num">
                  {t('aid.amount')}
                </th>
              </tr>
            </thead>
            <tbody>
              {channels.map((c) => (
                <tr key={c.channel}>
                  <td>{label('aid.channel.', c.channel)}</td>
                  <td class="num">{formatNumber(c.gifts)}</td>
                  <td class="num">{formatNumber(c.anonymous)}</td>
                  <td class="num">
                    <Money fen={c.amount_fen} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {anon > 0 && <p class="muted small">{t('aid.anonymous_note', { n: formatNumber(anon) })}</p>}

      <h3 class="aid-h3">{t('aid.beneficiaries')}</h3>
      {d.beneficiaries.students === 0 ? (
        <p class="muted small">{t('aid.no_beneficiaries')}</p>
      ) : (
        <>
          <p class="small">{t('aid.students_aided', { n: formatNumber(d.beneficiaries.students) })}</p>
          <div class="aid-scroll">
            <table class="aid-table" data-testid="stages">
              <thead>
                <tr>
                  <th scope="col">{t('aid.stage')}</th>
                  <th scope="col" class="num">
                    {t('aid.students_n')}
                  </th>
                  <th scope="col" class="num">
                    {t('aid.amount')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {stages.map((s) => (
                  <tr key={s.school_stage}>
                    <td>{label('aid.stage.', s.school_stage)}</td>
                    <td class="num">{formatNumber(s.students)}</td>
                    <td class="num">
                      <Money fen={s.amount_fen} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

export function Disclosure() {
  const quarters = recentQuarters(8);
  const asked = queryParam('quarter');
  const [quarter, setQuarter] = useState(quarters.includes(asked) ? asked : currentQuarter());
  const [fund, setFund] = useState(queryParam('fund_id') || '');
  const [state, , load] = useLoad(() => get('/disclosures?quarter=' + encodeURIComponent(quarter)), [quarter]);
  const keep = (q, f) => navigate('/disclosure?quarter=' + q + (f ? '&fund_id=' + f : ''), true);
  const items = state.items || [];
  const shown = fund ? items.filter((d) => String(d.fund_id) === fund) : items;
  return (
    <div class="stack">
      <h1>{t('aid.disclosure_title')}</h1>
      <p class="aid-law small" data-testid="law">
        {t('aid.disclosure_law')}
      </p>
      <form class="card aid-filters" aria-label={t('aid.disclosure_pick')} onSubmit={(e) => e.preventDefault()}>
        <SelectField
          name="quarter"
          label={t('aid.quarter')}
          value={quarter}
          onChange={(q) => {
            setQuarter(q);
            setFund('');
            keep(q, '');
          }}
          options={quarters.map((q, i) => [q, quarterLabel(q) + (i === 0 ? t('aid.quarter_now') : '')])}
        />
        <SelectField
          name="fund_id"
          label={t('aid.fund')}
          value={fund}
          onChange={(f) => {
            setFund(f);
            keep(quarter, f);
          }}
          placeholder={t('aid.all_funds')}
          options={items.map((d) => [String(d.fund_id), d.fund_name])}
        />
      </form>
      {pending(state, load) ||
        (shown.length === 0 ? (
          <p class="card muted">{t('aid.disclosure_none')}</p>
        ) : (
          shown.map((d) => <FundDisclosure key={d.fund_id} d={d} current={quarter === quarters[0]} />)
        ))}
      <p class="small">
        <Link href="/statement">{t('aid.to_statement')}</Link>
      </p>
    </div>
  );
}
