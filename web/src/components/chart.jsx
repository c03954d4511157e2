// chart.jsx - small charts drawn by hand in SVG for the dashboard (no chart
// library): vertical bars, horizontal bars with an optional reference line,
// and a funnel. Colours are SVG presentation attributes (the CSP allows no
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
