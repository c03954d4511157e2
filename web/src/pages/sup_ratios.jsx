// sup_ratios.jsx - social workers leading volunteers (社工带动志愿者): workers,
// orgs and districts against the 1:N target (GET /stats/ratios, N adjustable,
// 10 by default), the ones below it flagged; and the dashboard's card that
// counts them and links here.
import { get } from '../api.js';
import { formatNumber, t } from '../i18n/index.js';
import { Link, navigate, queryParam } from '../router.jsx';
import { pending, useLoad } from '../components/ui.jsx';
import { Field } from '../components/form.jsx';

const belowCount = (r) => r.workers.filter((x) => x.below_target).length + r.orgs.filter((x) => x.below_target).length + r.districts.filter((x) => x.below_target).length;

const Flag = ({ below }) => (below ? <span class="misc-tag wd-overdue">{t('sup.ratio.below')}</span> : <span class="misc-tag wd-workday">{t('sup.ratio.met')}</span>);
const perSw = (v) => (v == null ? '—' : formatNumber(v, 2));

function Table({ testid, head, rows }) {
  return (
    <div class="card misc-scroll" tabIndex={0}>
      <table class="misc-table" data-testid={testid}>
        <thead>
          <tr>
            {head.map((h, i) => (
              <th key={i} scope="col" class={i > 0 && i < head.length - 1 ? 'num' : undefined}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{rows}</tbody>
      </table>
    </div>
  );
}

export function Ratios() {
  const target = Number(queryParam('target')) || 10;
  const [state, , reload] = useLoad(() => get('/stats/ratios?target=' + target).then((r) => ({ r })), [target]);
  const wait = pending(state, reload);
  const r = state.r;
  return (
    <section class="stack misc-page">
      <h1>{t('sup.ratio.title')}</h1>
      <p class="muted small">{t('sup.ratio.intro')}</p>
      <div class="card">
        <Field name="ratio_target" label={t('sup.ratio.target')} type="number" inputMode="numeric" min="1" max="1000" value={target} onInput={() => {}} onChange={(e) => navigate('/linkage/ratios?target=' + (Number(e.currentTarget.value) || 10))} hint={t('sup.ratio.target_hint', { n: target })} />
      </div>
      {wait}
      {r && (
        <>
          <p data-testid="ratio-summary">{t('sup.ratio.summary', { n: belowCount(r) })}</p>
          <h2>{t('sup.ratio.districts')}</h2>
          <Table
            testid="ratio-districts"
            head={[t('sup.ratio.name'), t('sup.ratio.sw'), t('sup.ratio.vols'), t('sup.ratio.per'), t('sup.ratio.flag')]}
            rows={r.districts.map((d) => (
              <tr key={d.region_id} data-below={String(d.below_target)}>
                <td>{d.name}</td>
                <td class="num">{formatNumber(d.social_workers)}</td>
                <td class="num">{formatNumber(d.volunteers_registered)}</td>
                <td class="num">{perSw(d.volunteers_per_social_worker)}</td>
                <td>
                  <Flag below={d.below_target} />
                </td>
              </tr>
            ))}
          />
          <h2>{t('sup.ratio.orgs')}</h2>
          <Table
            testid="ratio-orgs"
            head={[t('sup.ratio.name'), t('sup.ratio.sw'), t('sup.ratio.vols'), t('sup.ratio.per'), t('sup.ratio.flag')]}
            rows={r.orgs.map((o) => (
              <tr key={o.org_id} data-below={String(o.below_target)}>
                <td>{o.name}</td>
                <td class="num">{formatNumber(o.social_workers)}</td>
                <td class="num">{formatNumber(o.volunteers_registered)}</td>
                <td class="num">{perSw(o.volunteers_per_social_worker)}</td>
                <td>
                  <Flag below={o.below_target} />
                </td>
              </tr>
            ))}
          />
          <h2>{t('sup.ratio.workers')}</h2>
          <Table
            testid="ratio-workers"
            head={[t('sup.ratio.name'), t('sup.ratio.led'), t('sup.ratio.flag')]}
            rows={r.workers.map((w) => (
              <tr key={w.social_worker_id} data-below={String(w.below_target)} data-worker={w.social_worker_id}>
                <td>
                  <Link href={'/supervision/worker?id=' + w.social_worker_id}>{w.name}</Link>
                </td>
                <td class="num">{formatNumber(w.volunteers_led)}</td>
                <td>
                  <Flag below={w.below_target} />
                </td>
              </tr>
            ))}
          />
        </>
      )}
    </section>
  );
}

/** The dashboard's card: how many workers, orgs and districts are below 1:10. */
export function RatioCard() {
  const [state] = useLoad(() => get('/stats/ratios').then((r) => ({ r })));
  if (state.loading || state.error) return null;
  const r = state.r;
  return (
    <section class="card" aria-labelledby="h-sup-ratio" data-testid="ratio-card">
      <h2 id="h-sup-ratio">{t('sup.ratio.card_title', { n: r.target })}</h2>
      <p data-testid="ratio-card-below">
        {t('sup.ratio.card_below', {
          w: formatNumber(r.workers.filter((x) => x.below_target).length),
          o: formatNumber(r.orgs.filter((x) => x.below_target).length),
          d: formatNumber(r.districts.filter((x) => x.below_target).length),
        })}
      </p>
      <Link href="/linkage/ratios">{t('sup.ratio.card_link')}</Link>
    </section>
  );
}
