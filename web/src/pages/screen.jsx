// screen.jsx - the city data screen (数据大屏, issue 18): one region's
// linkage figures (GET /stats/screen?region_id=N) laid out for a 1920x1080
// projector: headline tiles, the child regions as a table with their
// ratio bars, the last 12 months' trend, the split by service mode and the
// social-worker : volunteer ratio against the 1:10 aim as a gauge, every
// chart drawn by hand in SVG with its numbers also in a table for screen
// readers. It covers the shell (a fixed layer), refreshes itself every 60 s
// (`?refresh=N` seconds, 2..3600, sets another interval; the browser tests
// use it), shows the data's own as-of time and, when a refresh fails or the
// figures are older than two intervals, keeps them with a visible
// "not updated" mark: stale figures are never shown as fresh. A button
// asks for full screen (Fullscreen API). Below 1200 x 700 it scrolls, and
// on a phone the panels stack. While it is open the shell's header is
// hidden (class scr-open on <html>).
import { useEffect, useRef, useState } from 'preact/hooks';
import { get } from '../api.js';
import { formatDateTime, formatNumber, t } from '../i18n/index.js';
import { Link, queryParam } from '../router.jsx';
import { useSession } from '../session.js';
import { LoadError, Loading } from '../components/ui.jsx';
import '../screen.css';

const DEFAULT_REFRESH = 60;
const MODES = ['daily', 'professional', 'event', 'emergency', 'advocacy'];
const C = { hours: '#3fd0ff', served: '#ffc857', fresh: '#7ee787', bar: '#3fd0ff', under: '#ff9f6e', ok: '#7ee787', track: '#1f3656' };

/** The refresh interval in seconds: ?refresh=N when 2..3600, else 60. */
function refreshSeconds() {
  const n = Number(queryParam('refresh'));
  return Number.isInteger(n) && n >= 2 && n <= 3600 ? n : DEFAULT_REFRESH;
}

/** The region to show: ?region_id=, else the caller's first regional-admin
 * region, else the top city (a platform admin). */
async function pickRegion(user) {
  const q = queryParam('region_id');
  if (q) return q;
  const mine = user.roles.find((r) => r.role === 'regional_admin' && r.region_id);
  if (mine) return String(mine.region_id);
  const cities = await get('/regions?level=city&limit=1');
  if (cities.items.length) return String(cities.items[0].id);
  const any = await get('/regions?limit=1');
  return any.items.length ? String(any.items[0].id) : null;
}

const ratioText = (r) => (r == null ? '—' : t('screen.ratio_value', { r: formatNumber(r, 1) }));
const modeName = (m) => (m == null ? t('screen.mode_none') : MODES.includes(m) ? t('act.mode.' + m) : m);

function Tile({ id, label, value, unit, sub }) {
  return (
    <div class="scr-tile" data-testid={'scr-' + id} data-value={String(value)}>
      <span class="scr-tile-label">{label}</span>
      <span class="scr-tile-value">
        {formatNumber(value, 0)}
        {unit && <small>{unit}</small>}
      </span>
      {sub && <span class="scr-tile-sub">{sub}</span>}
    </div>
  );
}

/** The ratio gauge: a half circle from 0 to twice the target, the target
 * marked, green once met. */
function Gauge({ ratio, target, met }) {
  const r = 90, cx = 110, cy = 105, max = target * 2;
  const share = ratio == null ? 0 : Math.min(1, ratio / max);
  const pt = (s) => [cx - r * Math.cos(Math.PI * s), cy - r * Math.sin(Math.PI * s)];
  const [ex, ey] = pt(share), [tx, ty] = pt(target / max);
  const [tx2, ty2] = [cx - (r + 14) * Math.cos(Math.PI * (target / max)), cy - (r + 14) * Math.sin(Math.PI * (target / max))];
  return (
    <svg viewBox="0 0 220 125" class="scr-gauge" role="img" aria-label={t('screen.gauge_label', { r: ratioText(ratio), target })}>
      <path d={`M ${cx - r} ${cy} A ${r} ${r} 0 0 1 ${cx + r} ${cy}`} fill="none" stroke={C.track} stroke-width="18" />
      {share > 0 && <path d={`M ${cx - r} ${cy} A ${r} ${r} 0 0 1 ${ex} ${ey}`} fill="none" stroke={met ? C.ok : C.under} stroke-width="18" />}
      <line x1={tx} y1={ty} x2={tx2} y2={ty2} stroke="#fff" stroke-width="3" />
      <text x={cx} y={cy - 18} text-anchor="middle" class="scr-gauge-num" fill="#fff">
        {ratio == null ? '—' : `1:${formatNumber(ratio, 1)}`}
      </text>
    </svg>
  );
}

/** The last 12 months: service hours as bars (left scale), people served
 * and new volunteers as lines (right scale). */
function Trend({ months }) {
  const W = 960, H = 250, L = 48, R = 48, T = 16, B = 30, w = W - L - R, h = H - T - B;
  const hmax = Math.max(1, ...months.map((m) => m.service_hours));
  const pmax = Math.max(1, ...months.map((m) => Math.max(m.people_served, m.new_volunteers)));
  const slot = w / months.length;
  const x = (i) => L + slot * i + slot / 2;
  const yh = (v) => T + h - (v / hmax) * h, yp = (v) => T + h - (v / pmax) * h;
  const line = (k) => months.map((m, i) => `${x(i)},${yp(m[k])}`).join(' ');
  return (
    <svg viewBox={`0 0 ${W} ${H}`} class="scr-chart" role="img" aria-label={t('screen.trend_label')} data-testid="scr-trend">
      <line x1={L} x2={W - R} y1={T + h} y2={T + h} stroke={C.track} />
      <text x={L - 6} y={T + 8} text-anchor="end" class="scr-axis">{formatNumber(hmax)}</text>
      <text x={W - R + 6} y={T + 8} class="scr-axis">{formatNumber(pmax)}</text>
      {months.map((m, i) => {
        const bh = (m.service_hours / hmax) * h;
        return (
          <g key={m.month}>
            <title>{t('screen.trend_point', { month: m.month, hours: formatNumber(m.service_hours, 1), served: m.people_served, fresh: m.new_volunteers })}</title>
            <rect x={x(i) - slot * 0.3} y={T + h - bh} width={slot * 0.6} height={bh} rx="2" fill={C.hours} opacity="0.75" />
            <text x={x(i)} y={H - 10} text-anchor="middle" class="scr-axis">
              {t('dash.month_short', { m: Number(m.month.slice(5)) })}
            </text>
          </g>
        );
      })}
      <polyline points={line('people_served')} fill="none" stroke={C.served} stroke-width="3" stroke-linejoin="round" />
      <polyline points={line('new_volunteers')} fill="none" stroke={C.fresh} stroke-width="3" stroke-dasharray="6 4" stroke-linejoin="round" />
      {months.map((m, i) => (
        <g key={'p' + m.month}>
          <circle cx={x(i)} cy={yp(m.people_served)} r="4" fill={C.served} />
          <circle cx={x(i)} cy={yp(m.new_volunteers)} r="3.5" fill={C.fresh} />
        </g>
      ))}
    </svg>
  );
}

/** Horizontal bars in SVG: rows [{label, value, text}], max the scale. */
function Bars({ rows, max, label, testid }) {
  const W = 560, row = 34, lw = 130, bw = W - lw - 170;
  const H = rows.length * row;
  const top = 0;
  const scale = Math.max(1, max);
  return (
    <svg viewBox={`0 0 ${W} ${H}`} class="scr-chart" role="img" aria-label={label} data-testid={testid}>
      {rows.map((r, i) => {
        const y = top + i * row;
        const wv = (r.value / scale) * bw;
        return (
          <g key={r.label}>
            <title>{`${r.label}: ${r.text}`}</title>
            <text x={lw - 8} y={y + 22} text-anchor="end" class="scr-bar-label">{r.label}</text>
            <rect x={lw} y={y + 7} width={bw} height={row - 14} rx="3" fill={C.track} />
            {wv > 0 && <rect x={lw} y={y + 7} width={Math.max(3, wv)} height={row - 14} rx="3" fill={r.color || C.bar} />}
            <text x={lw + bw + 8} y={y + 22} class="scr-bar-value">{r.text}</text>
          </g>
        );
      })}
    </svg>
  );
}

function Districts({ rows, target, refresh }) {
  if (!rows.length) return <p class="scr-empty">{t('screen.no_children')}</p>;
  const keep = refresh !== DEFAULT_REFRESH ? '&refresh=' + refresh : '';
  return (
    <table class="scr-table" data-testid="scr-districts">
      <caption class="sr-only">{t('screen.districts')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('screen.col_region')}</th>
          <th scope="col">{t('screen.col_stations')}</th>
          <th scope="col">{t('screen.col_sw')}</th>
          <th scope="col">{t('screen.col_vol')}</th>
          <th scope="col">{t('screen.col_hours')}</th>
          <th scope="col">{t('screen.col_served')}</th>
          <th scope="col">{t('screen.col_ratio')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((d) => (
          <tr key={d.region_id} data-region={d.region_id}>
            <th scope="row">
              <Link href={`/screen?region_id=${d.region_id}${keep}`}>{d.name}</Link>
            </th>
            <td data-k="stations">{`${formatNumber(d.stations)} / ${formatNumber(d.rooms)}`}</td>
            <td data-k="social_workers">{t('screen.sw_cert', { n: formatNumber(d.social_workers), c: formatNumber(d.certified_social_workers) })}</td>
            <td data-k="volunteers_registered">{formatNumber(d.volunteers_registered)}</td>
            <td data-k="service_hours">{formatNumber(d.service_hours, 0)}</td>
            <td data-k="people_served">{formatNumber(d.people_served)}</td>
            <td data-k="ratio" class={d.meets_target ? 'scr-met' : 'scr-unmet'}>
              {ratioText(d.social_worker_volunteer_ratio)}
              <span class="sr-only">{d.meets_target ? t('screen.met') : t('screen.unmet', { target })}</span>
              <span aria-hidden="true">{d.meets_target ? ' ✓' : ''}</span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Load, then reload every `every` seconds; a failure keeps the last
 * figures and says so. */
function useScreen(regionId, every) {
  const [st, setSt] = useState({ data: null, error: null, failed: false, at: 0 });
  const [now, setNow] = useState(Date.now());
  const gen = useRef(0);
  useEffect(() => {
    if (!regionId) return undefined;
    const mine = ++gen.current;
    let timer;
    const load = async () => {
      try {
        const data = await get('/stats/screen?region_id=' + encodeURIComponent(regionId));
        if (gen.current === mine) setSt({ data, error: null, failed: false, at: Date.now() });
      } catch (error) {
        if (gen.current === mine) setSt((s) => ({ ...s, error, failed: true }));
      }
      if (gen.current === mine) timer = setTimeout(load, every * 1000);
    };
    setSt({ data: null, error: null, failed: false, at: 0 });
    load();
    return () => {
      gen.current++;
      clearTimeout(timer);
    };
  }, [regionId, every]);
  useEffect(() => {
    const tick = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(tick);
  }, []);
  // stale: the last refresh failed, or nothing new for two intervals
  const stale = !!st.data && (st.failed || now - st.at > 2 * every * 1000);
  return { ...st, stale, now };
}

function FullscreenButton() {
  const [on, setOn] = useState(!!document.fullscreenElement);
  useEffect(() => {
    const f = () => setOn(!!document.fullscreenElement);
    document.addEventListener('fullscreenchange', f);
    return () => document.removeEventListener('fullscreenchange', f);
  }, []);
  if (!document.fullscreenEnabled) return null;
  const toggle = () => (document.fullscreenElement ? document.exitFullscreen() : document.documentElement.requestFullscreen()).catch(() => {});
  return (
    <button type="button" class="scr-btn" onClick={toggle} aria-pressed={on ? 'true' : 'false'} data-testid="scr-fullscreen">
      {on ? t('screen.exit_fullscreen') : t('screen.fullscreen')}
    </button>
  );
}

export function CityScreen() {
  const { user } = useSession();
  const every = refreshSeconds();
  const [region, setRegion] = useState(undefined); // undefined: choosing
  const [pickError, setPickError] = useState(null);
  const q = queryParam('region_id');
  useEffect(() => {
    setRegion(undefined);
    pickRegion(user).then(setRegion, setPickError);
  }, [q]);
  const { data, error, stale } = useScreen(region, every);
  useEffect(() => {
    document.documentElement.classList.add('scr-open');
    return () => document.documentElement.classList.remove('scr-open');
  }, []);

  let body;
  if (pickError) body = <LoadError error={pickError} retry={() => location.reload()} />;
  else if (region === null) body = <p class="scr-empty">{t('screen.no_region')}</p>;
  else if (!data && error) body = <LoadError error={error} retry={() => location.reload()} />;
  else if (!data) body = <Loading />;

  const s = data && data.totals;
  const target = data ? data.social_worker_volunteer_target : 10;
  const modeMax = data ? Math.max(1, ...data.by_mode.map((m) => m.service_hours)) : 1;
  const hoursAll = data ? data.by_mode.reduce((n, m) => n + m.service_hours, 0) : 0;

  return (
    <div class={'scr' + (stale ? ' scr-is-stale' : '')} data-testid="screen" data-stale={stale ? 'true' : 'false'}>
      <header class="scr-head">
        <div>
          <h1 class="scr-title">{s ? t('screen.title', { name: s.name }) : t('screen.title_plain')}</h1>
          <p class="scr-sub">{t('screen.subtitle')}</p>
        </div>
        <div class="scr-status">
          {data && (
            <span class={stale ? 'scr-badge scr-badge-stale' : 'scr-badge scr-badge-live'} data-testid="scr-state" role="status">
              {stale ? t('screen.stale') : t('screen.live', { n: every })}
            </span>
          )}
          {data && (
            <span class="scr-asof" data-testid="scr-asof" data-asof={data.as_of}>
              {t('screen.as_of', { at: formatDateTime(data.as_of) })}
            </span>
          )}
        </div>
        <div class="scr-actions">
          <FullscreenButton />
          <Link href="/dashboard" class="scr-btn">
            {t('screen.back')}
          </Link>
        </div>
      </header>

      {body ? (
        <div class="scr-body-msg">{body}</div>
      ) : (
        <>
          <section class="scr-tiles" aria-label={t('screen.headline')}>
            <Tile id="stations" label={t('screen.stations')} value={s.stations} unit={t('screen.u_each')} />
            <Tile id="rooms" label={t('screen.rooms')} value={s.rooms} unit={t('screen.u_each')} />
            <Tile id="agencies" label={t('screen.agencies')} value={s.agencies} unit={t('screen.u_org')} />
            <Tile id="social_workers" label={t('screen.social_workers')} value={s.social_workers} unit={t('screen.u_person')}
              sub={t('screen.certified', { n: formatNumber(s.certified_social_workers) })} />
            <Tile id="volunteers_registered" label={t('screen.volunteers')} value={s.volunteers_registered} unit={t('screen.u_person')} />
            <Tile id="volunteer_orgs" label={t('screen.volunteer_orgs')} value={s.volunteer_orgs} unit={t('screen.u_org')} />
            <Tile id="service_hours" label={t('screen.hours')} value={Math.round(s.service_hours)} unit={t('screen.u_hour')} />
            <Tile id="people_served" label={t('screen.served')} value={s.people_served} unit={t('screen.u_person_time')} />
            <span class="sr-only" data-testid="scr-certified" data-value={String(s.certified_social_workers)} />
          </section>

          <section class="scr-panel scr-dist" aria-labelledby="scr-h-dist">
            <h2 id="scr-h-dist">{t(s.level === 'city' ? 'screen.districts' : 'screen.children')}</h2>
            <Districts rows={data.by_district} target={target} refresh={every} />
            {data.by_district.length > 0 && (
              <>
                <h3 class="scr-h3">{t('screen.dist_hours')}</h3>
                <Bars
                  testid="scr-dist-chart"
                  label={t('screen.dist_hours')}
                  max={Math.max(1, ...data.by_district.map((d) => d.service_hours))}
                  rows={data.by_district.map((d) => ({ label: d.name, value: d.service_hours, text: t('screen.hours_text', { h: formatNumber(d.service_hours, 0) }) }))}
                />
              </>
            )}
          </section>

          <section class="scr-panel scr-trend" aria-labelledby="scr-h-trend" tabIndex={0}>
            <h2 id="scr-h-trend">{t('screen.trend')}</h2>
            <ul class="scr-legend" aria-hidden="true">
              <li class="scr-lg-hours">{t('screen.lg_hours')}</li>
              <li class="scr-lg-served">{t('screen.lg_served')}</li>
              <li class="scr-lg-fresh">{t('screen.lg_fresh')}</li>
            </ul>
            <Trend months={data.by_month} />
            <table class="sr-only">
              <caption>{t('screen.trend')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('screen.col_month')}</th>
                  <th scope="col">{t('screen.lg_hours')}</th>
                  <th scope="col">{t('screen.lg_served')}</th>
                  <th scope="col">{t('screen.lg_fresh')}</th>
                </tr>
              </thead>
              <tbody>
                {data.by_month.map((m) => (
                  <tr key={m.month}>
                    <th scope="row">{m.month}</th>
                    <td>{formatNumber(m.service_hours, 1)}</td>
                    <td>{m.people_served}</td>
                    <td>{m.new_volunteers}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>

          <section class="scr-panel scr-modes" aria-labelledby="scr-h-modes" tabIndex={0}>
            <h2 id="scr-h-modes">{t('screen.modes')}</h2>
            {data.by_mode.length ? (
              <Bars
                testid="scr-mode-chart"
                label={t('screen.modes_label')}
                max={modeMax}
                rows={data.by_mode.map((m) => ({
                  label: modeName(m.mode),
                  value: m.service_hours,
                  text: t('screen.mode_text', { h: formatNumber(m.service_hours, 0), p: formatNumber(hoursAll ? (100 * m.service_hours) / hoursAll : 0, 0) }),
                }))}
              />
            ) : (
              <p class="scr-empty">{t('screen.no_modes')}</p>
            )}
            <ul class="sr-only" data-testid="scr-modes">
              {data.by_mode.map((m) => (
                <li key={String(m.mode)} data-mode={m.mode == null ? '' : m.mode} data-hours={String(m.service_hours)}>
                  {t('screen.mode_row', { mode: modeName(m.mode), h: formatNumber(m.service_hours, 1), a: m.activities, v: m.volunteers })}
                </li>
              ))}
            </ul>
          </section>

          <section class="scr-panel scr-ratio" aria-labelledby="scr-h-ratio">
            <h2 id="scr-h-ratio">{t('screen.ratio', { target })}</h2>
            <Gauge ratio={s.social_worker_volunteer_ratio} target={target} met={s.meets_target} />
            <p class={'scr-verdict ' + (s.meets_target ? 'scr-met' : 'scr-unmet')} data-testid="scr-ratio" data-value={String(s.social_worker_volunteer_ratio)} data-met={String(s.meets_target)}>
              {s.meets_target ? t('screen.met') : t('screen.unmet', { target })}
            </p>
            <p class="scr-note">{t('screen.ratio_note', { sw: formatNumber(s.social_workers), v: formatNumber(s.volunteers_registered) })}</p>
          </section>
        </>
      )}
    </div>
  );
}
