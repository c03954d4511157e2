// aid_chart.jsx - paired vertical bars drawn by hand in SVG, in the manner
// of chart.jsx (no library; presentation attributes, no inline style; the
// chart is an image with a label, each bar's numbers in its <title>): two
// values per slot, e.g. money in and out by month, with a legend.
const W = 340;
export const PAIR_COLORS = ['#1d7a46', '#c8102e'];

/** items [{label, values: [a, b], texts: [a, b], shorts?: [a, b]}];
 * series: the two values' names for the legend. */
export function PairBarChart({ items, series, label, caption, testid }) {
  const h = 120, top = 16, bottom = 34, legend = 18;
  const max = Math.max(1, ...items.flatMap((i) => i.values));
  const slot = W / Math.max(1, items.length), bw = Math.max(4, (slot * 0.8) / 2);
  const y0 = legend + top + h;
  return (
    <figure class="chart" data-testid={testid}>
      <svg viewBox={`0 0 ${W} ${y0 + bottom}`} width={W} height={y0 + bottom} role="img" aria-label={label}>
        {series.map((s, k) => (
          <g key={s}>
            <rect x={k * 110} y="2" width="12" height="12" rx="2" fill={PAIR_COLORS[k]} />
            <text x={k * 110 + 16} y="12" class="bar-label" font-size="11">
              {s}
            </text>
          </g>
        ))}
        <line x1="0" x2={W} y1={y0} y2={y0} stroke="#d8dde3" />
        {items.map((it, i) => {
          const x0 = i * slot + (slot - 2 * bw) / 2;
          return (
            <g key={it.label}>
              {it.values.map((v, k) => {
                const bh = v > 0 ? Math.max(2, (v / max) * h) : 0;
                const x = x0 + k * bw;
                return (
                  <g key={k}>
                    <title>{`${it.label} ${series[k]}: ${it.texts[k]}`}</title>
                    <rect x={x} y={y0 - bh} width={bw - 1} height={bh} rx="1.5" fill={PAIR_COLORS[k]} />
                    {v > 0 && (
                      <text x={x + bw / 2} y={y0 - bh - 3} text-anchor="middle" class="bar-value" font-size="8">
                        {(it.shorts || it.texts)[k]}
                      </text>
                    )}
                  </g>
                );
              })}
              <text x={i * slot + slot / 2} y={y0 + 14} text-anchor="middle" class="bar-label" font-size="10">
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
