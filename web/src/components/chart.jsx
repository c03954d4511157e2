// chart.jsx - small charts drawn by hand in SVG for the dashboard (no chart
// library): vertical bars, horizontal bars with an optional reference line,
// a funnel, grouped bars with values not known yet, a sparkline and a
// progress bar. Colours are SVG presentation attributes (the CSP allows no
// inline style); every chart is an image with a label and its numbers are
// also in each bar's <title>.
const W = 340;
const COLORS = ['#c8102e', '#1a5fb4', '#1d7a46', '#e0a800', '#7a3e9d', '#5b6573'];

/** Vertical bars: items [{label, value, text}] (text: the value shown). */
export function BarChart({ items, label, caption, testid }) {
  const h = 120, top = 16, bottom = 34;
  const max = Math.max(1, ...items.map((i) => i.value));
  const slot = W / Math.max(1, items.length), bw = Math.max(6, slot * 0.66);
  return (
    <figure class="chart" data-testid={testid}>
      <svg viewBox={`0 0 ${W} ${h + top + bottom}`} width={W} height={h + top + bottom} role="img" aria-label={label}>
        <line x1="0" x2={W} y1={top + h} y2={top + h} stroke="#d8dde3" />
        {items.map((it, i) => {
          const bh = it.value > 0 ? Math.max(2, (it.value / max) * h) : 0;
          const x = i * slot + (slot - bw) / 2;
          return (
            <g key={it.label}>
              <title>{`${it.label}: ${it.text}`}</title>
              <rect x={x} y={top + h - bh} width={bw} height={bh} rx="2" fill={COLORS[0]} />
              {it.value > 0 && (
                <text x={x + bw / 2} y={top + h - bh - 3} text-anchor="middle" class="bar-value" font-size="9">
                  {it.short ?? it.text}
                </text>
              )}
              <text x={x + bw / 2} y={top + h + 14} text-anchor="middle" class="bar-label" font-size="10">
                {it.label}
              </text>
            </g>
          );
        })}
      </svg>
      {caption && <figcaption class="muted small">{caption}</figcaption>}
    </figure>
  );
}

/** Horizontal bars: items [{label, value, text}]; `ref` draws a dashed
 * reference line at that value with refLabel. */
export function HBarChart({ items, label, caption, refValue, refLabel, testid, color = 1 }) {
  const lw = 96, row = 26, top = refValue ? 16 : 4;
  const max = Math.max(1, refValue || 0, ...items.map((i) => i.value)) * 1.1;
  const bwMax = W - lw - 44;
  const x = (v) => lw + (v / max) * bwMax;
  const h = top + items.length * row + 4;
  return (
    <figure class="chart" data-testid={testid}>
      <svg viewBox={`0 0 ${W} ${h}`} width={W} height={h} role="img" aria-label={label}>
        {items.map((it, i) => {
          const y = top + i * row;
          const under = refValue && it.value < refValue;
          return (
            <g key={it.label}>
              <title>{`${it.label}: ${it.text}`}</title>
              <text x={lw - 6} y={y + 16} text-anchor="end" class="bar-label" font-size="12">
                {it.label}
              </text>
              <rect x={lw} y={y + 4} width={Math.max(it.value > 0 ? 2 : 0, x(it.value) - lw)} height={row - 8} rx="2" fill={COLORS[under ? 3 : color]} />
              <text x={x(it.value) + 4} y={y + 16} class="bar-value" font-size="11">
                {it.text}
              </text>
            </g>
          );
        })}
        {refValue ? (
          <g>
            <line x1={x(refValue)} x2={x(refValue)} y1={top - 2} y2={h} stroke="#1d2430" stroke-dasharray="4 3" />
            <text x={x(refValue)} y={11} text-anchor="middle" class="bar-label" font-size="10">
              {refLabel}
            </text>
          </g>
        ) : null}
      </svg>
      {caption && <figcaption class="muted small">{caption}</figcaption>}
    </figure>
  );
}

/** A funnel: items [{label, value, text}] in order, each centred bar as wide
 * as its value against the first. */
export function Funnel({ items, label, caption, testid }) {
  const row = 26, lw = 110, bwMax = W - lw - 8;
  const max = Math.max(1, ...items.map((i) => i.value));
  const h = items.length * row + 4;
  return (
    <figure class="chart" data-testid={testid}>
      <svg viewBox={`0 0 ${W} ${h}`} width={W} height={h} role="img" aria-label={label}>
        {items.map((it, i) => {
          const bw = Math.max(it.value > 0 ? 4 : 0, (it.value / max) * bwMax);
          const y = i * row;
          const shade = Math.round(46 - (i * 16) / Math.max(1, items.length - 1));
          return (
            <g key={it.label}>
              <title>{`${it.label}: ${it.text}`}</title>
              <text x={lw - 6} y={y + 17} text-anchor="end" class="bar-label" font-size="12">
                {it.label}
              </text>
              <rect x={lw + (bwMax - bw) / 2} y={y + 3} width={bw} height={row - 6} rx="3" fill={`hsl(352, 75%, ${shade}%)`} />
              <text x={lw + bwMax / 2} y={y + 17} text-anchor="middle" font-size="11" fill={bw > 30 ? '#fff' : '#1d2430'}>
                {it.text}
              </text>
            </g>
          );
        })}
      </svg>
      {caption && <figcaption class="muted small">{caption}</figcaption>}
    </figure>
  );
}

/** Grouped vertical bars: groups [{label, values, texts}] with one value per
 * series (series: their names, for the legend); a value of null is not known
 * yet and is drawn as a dashed empty bar marked with `pendingMark`, never as
 * 0. `max` fixes the scale (100 for percentages); the chart widens with the
 * number of groups (the figure scrolls sideways on a phone). */
export function GroupBarChart({ groups, series, label, caption, testid, max, pendingMark = '…' }) {
  const h = 120, top = 30, bottom = 34, slotMin = 18 * series.length + 12;
  const w = Math.max(W, groups.length * slotMin);
  const top2 = max || Math.max(1, ...groups.flatMap((g) => g.values.filter((v) => v != null)));
  const slot = w / Math.max(1, groups.length), bw = Math.max(5, (slot * 0.84) / series.length);
  const y0 = top + h;
  return (
    <figure class={'chart' + (w > W ? ' chart-wide' : '')} data-testid={testid}>
      <svg viewBox={`0 0 ${w} ${y0 + bottom}`} width={w} height={y0 + bottom} role="img" aria-label={label}>
        {series.map((s, k) => (
          <g key={s}>
            <rect x={k * 90} y="2" width="12" height="12" rx="2" fill={COLORS[(k + 1) % COLORS.length]} />
            <text x={k * 90 + 16} y="12" class="bar-label" font-size="11">
              {s}
            </text>
          </g>
        ))}
        <line x1="0" x2={w} y1={y0} y2={y0} stroke="#d8dde3" />
        {groups.map((g, i) => {
          const x0 = i * slot + (slot - series.length * bw) / 2;
          return (
            <g key={g.label} data-group={g.label}>
              {g.values.map((v, k) => {
                const x = x0 + k * bw;
                if (v == null)
                  return (
                    <g key={k} data-pending="true">
                      <title>{`${g.label} ${series[k]}: ${g.texts[k]}`}</title>
                      <rect x={x + 0.5} y={y0 - 24} width={bw - 2} height={24} rx="1.5" fill="none" stroke="#8a94a3" stroke-dasharray="3 2" />
                      <text x={x + bw / 2 - 0.5} y={y0 - 28} text-anchor="middle" class="bar-value" font-size="8">
                        {pendingMark}
                      </text>
                    </g>
                  );
                const bh = v > 0 ? Math.max(2, (v / top2) * h) : 0;
                return (
                  <g key={k}>
                    <title>{`${g.label} ${series[k]}: ${g.texts[k]}`}</title>
                    <rect x={x} y={y0 - bh} width={bw - 1} height={bh} rx="1.5" fill={COLORS[(k + 1) % COLORS.length]} />
                    <text x={x + bw / 2 - 0.5} y={y0 - bh - 3} text-anchor="middle" class="bar-value" font-size="8">
                      {(g.shorts || g.texts)[k]}
                    </text>
                  </g>
                );
              })}
              <text x={i * slot + slot / 2} y={y0 + 14} text-anchor="middle" class="bar-label" font-size="10">
                {g.label}
              </text>
            </g>
          );
        })}
      </svg>
      {caption && <figcaption class="muted small">{caption}</figcaption>}
    </figure>
  );
}

/** A small line of points [{label, value}] (e.g. a percentage per cohort)
 * for a dashboard card, the last point marked; `max` fixes the scale. */
export function Sparkline({ points, label, max, testid }) {
  const w = 120, h = 32, pad = 3;
  const top = max || Math.max(1, ...points.map((p) => p.value));
  const x = (i) => (points.length < 2 ? w / 2 : pad + (i * (w - 2 * pad)) / (points.length - 1));
  const y = (v) => h - pad - (v / top) * (h - 2 * pad);
  const last = points[points.length - 1];
  return (
    <svg class="sparkline" viewBox={`0 0 ${w} ${h}`} width={w} height={h} role="img" aria-label={label} data-testid={testid}>
      <polyline points={points.map((p, i) => `${x(i)},${y(p.value)}`).join(' ')} fill="none" stroke={COLORS[1]} stroke-width="2" stroke-linejoin="round" />
      {points.map((p, i) => (
        <circle key={p.label} cx={x(i)} cy={y(p.value)} r={p === last ? 3 : 1.5} fill={COLORS[1]}>
          <title>{`${p.label}: ${p.text ?? p.value}`}</title>
        </circle>
      ))}
    </svg>
  );
}

/** A progress bar of `value` against `target` (e.g. hours against the
 * 20-hour norm), full and green once reached; an image with its label. */
export function ProgressBar({ value, target, label, testid }) {
  const w = 300, h = 14;
  const done = value >= target;
  const fill = Math.min(1, target > 0 ? value / target : 1) * w;
  return (
    <svg class="progress" viewBox={`0 0 ${w} ${h}`} width={w} height={h} role="img" aria-label={label} data-testid={testid} data-done={String(done)}>
      <rect x="0" y="0" width={w} height={h} rx={h / 2} fill="#e6e9ee" />
      {fill > 0 && <rect x="0" y="0" width={Math.max(h, fill)} height={h} rx={h / 2} fill={done ? COLORS[2] : COLORS[3]} />}
    </svg>
  );
}
