// map_incident.jsx - the called volunteers around an incident in plain SVG:
// no tiles, no CDN. A local equirectangular projection centred on the
// incident (km east and north), scaled so the call-out radius fills the
// drawing, with distance rings. A volunteer whose place the caller may not
// read (GET /people/{id} refused) is drawn at the call-out's distance on a
// fixed bearing and marked as approximate.
import { formatNumber, t } from '../i18n/index.js';

const KM_PER_DEG_LAT = 110.574;
const COLORS = { called: '#b38600', accepted: '#2e7d32', arrived: '#0b7a75', declined: '#b3261e', stood_down: '#777', expired: '#999' };

/** km east and north of (lat0, lon0). */
export function project(lat0, lon0, lat, lon) {
  return [(lon - lon0) * 111.32 * Math.cos((lat0 * Math.PI) / 180), (lat - lat0) * KM_PER_DEG_LAT];
}

function niceRings(r) {
  const steps = [0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500];
  const step = steps.find((s) => r / s <= 4) || r / 4;
  const rings = [];
  for (let d = step; d < r * 0.999; d += step) rings.push(d);
  rings.push(r);
  return rings;
}

/**
 * incident: {lat, lon, radius_km}; callouts: [{volunteer_id, name, status,
 * distance_km, lat?, lon?}]
 */
export function IncidentMap({ incident, callouts, size = 320 }) {
  const c = size / 2, pad = 22;
  const far = Math.max(incident.radius_km || 0, ...callouts.map((x) => x.distance_km || 0), 0.1);
  const scale = (c - pad) / far;
  const rings = niceRings(far);
  const points = callouts.map((x, i) => {
    let e, n, approx = false;
    if (x.lat != null && x.lon != null) [e, n] = project(incident.lat, incident.lon, x.lat, x.lon);
    else {
      const a = ((x.volunteer_id * 137.508) % 360) * (Math.PI / 180); // golden-angle spread
      e = Math.sin(a) * x.distance_km;
      n = Math.cos(a) * x.distance_km;
      approx = true;
    }
    return { ...x, x: c + e * scale, y: c - n * scale, approx, i };
  });
  return (
    <figure class="chart" style={{ margin: 0 }}>
      <svg
        viewBox={`0 0 ${size} ${size}`}
        width="100%"
        style={{ maxWidth: size + 'px', display: 'block', margin: '0 auto' }}
        role="img"
        aria-label={t('care.map_label', { n: callouts.length, km: formatNumber(far, 1) })}
        data-testid="incident-map"
      >
        <rect x="0" y="0" width={size} height={size} fill="#f7f9fb" rx="8" />
        {rings.map((d) => (
          <g key={d}>
            <circle cx={c} cy={c} r={d * scale} fill="none" stroke="#b8c4cf" stroke-dasharray={d === far ? undefined : '4 3'} />
            <text x={c + 3} y={c - d * scale + 11} font-size="10" fill="#5b6b7a">
              {t('care.km', { n: formatNumber(d, d < 1 ? 2 : d < 10 ? 1 : 0) })}
            </text>
          </g>
        ))}
        <line x1={c} y1={8} x2={c} y2={20} stroke="#5b6b7a" />
        <text x={c + 4} y={18} font-size="10" fill="#5b6b7a">
          {t('care.north')}
        </text>
        {points.map((p) => (
          <g key={p.volunteer_id} data-volunteer={p.volunteer_id}>
            <line x1={c} y1={c} x2={p.x} y2={p.y} stroke={COLORS[p.status] || '#777'} stroke-opacity=".35" />
            <circle cx={p.x} cy={p.y} r="6" fill={p.approx ? '#fff' : COLORS[p.status] || '#777'} stroke={COLORS[p.status] || '#777'} stroke-width="2" />
            <text x={p.x + 8} y={p.y + 4} font-size="11" fill="#1f2933">
              {p.name}
            </text>
          </g>
        ))}
        <path d={`M${c} ${c - 9} L${c + 8} ${c + 6} L${c - 8} ${c + 6} Z`} fill="#b3261e" />
      </svg>
      <figcaption class="muted small">{t('care.map_caption')}</figcaption>
    </figure>
  );
}
