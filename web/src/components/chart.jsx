// chart.jsx - charts drawn by hand in SVG (no chart library: the bundle
// stays light): vertical bars, horizontal bars with an optional reference
// line, a funnel, grouped bars with values not known yet, a sparkline and a
// progress bar. Colours are SVG presentation attributes (the CSP allows no
// inline style).
//
// The bar charts fill their card: the figure's width is measured (and
// followed with a ResizeObserver) and the SVG is drawn at that width in CSS
// pixels, so text keeps its size at 360 px and at 1440 px instead of being
// scaled; labels that would overlap are thinned out (every 2nd, 3rd, ...
// shown) or shortened with an ellipsis, and the full ones stay in each
// bar's <title> and in the table. Each chart is an image with a label
// (role=img, aria-label) and has its figures as a table beneath it (a
// <details> "表格"), the accessible alternative to the drawing.
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../i18n/index.js';

/** The width a chart is drawn at before its figure is measured. */
export const DEFAULT_WIDTH = 340;
export const COLORS = ['#c8102e', '#1a5fb4', '#1d7a46', '#e0a800', '#7a3e9d', '#5b6573'];

/** The inner width in CSS px of the element given the returned ref,
 * followed as it changes. */
export function useWidth(fallback = DEFAULT_WIDTH) {
  const ref = useRef(null);
  const [w, setW] = useState(fallback);
  useEffect(() => {
    const el = ref.current;
    if (!el) return undefined;
    const measure = () => {
      const cw = Math.floor(el.clientWidth);
      if (cw > 0) setW((old) => (old === cw ? old : cw));
    };
    measure();
    if (typeof ResizeObserver === 'undefined') return undefined;
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return [ref, w];
}

/** About how wide `s` is at font size fs (CJK and full-width characters a
 * full em, others about 0.6 em): enough to keep labels apart. */
export function textWidth(s, fs) {
  let n = 0;
  for (const ch of String(s ?? '')) n += ch.codePointAt(0) >= 0x2e80 ? fs : fs * 0.6;
  return n;
}

/** s shortened with an ellipsis to fit `max` px at font size fs. */
export function fitText(s, max, fs) {
  s = String(s ?? '');
  if (textWidth(s, fs) <= max) return s;
  let out = '';
  for (const ch of s) {
    if (textWidth(out + ch + '…', fs) > max) break;
    out += ch;
  }
  return out + '…';
}

/** Show every step-th of labels in slots `slot` px wide at font size fs. */
function labelStep(labels, slot, fs) {
  const widest = Math.max(0, ...labels.map((l) => textWidth(l, fs)));
  return Math.max(1, Math.ceil((widest + 6) / Math.max(1, slot)));
}

/** The height of a bar chart's plot for a width: taller on a wide card. */
const plotHeight = (w) => Math.round(Math.min(260, Math.max(120, w * 0.22)));

/** The table beneath a chart: head (column names) and rows of cells. */
export function ChartTable({ label, head, rows, testid }) {
  return (
    <details class="chart-table" data-testid={testid ? testid + '-table' : undefined}>
      <summary class="small">{t('chart.table')}</summary>
      <div class="chart-table-wrap">
        <table class="misc-table">
          <caption class="sr-only">{label}</caption>
          <thead>
            <tr>
              {head.map((h, i) => (
                <th key={i} scope="col">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i}>
                {r.map((c, k) =>
                  k === 0 ? (
                    <th key={k} scope="row">
                      {c}
                    </th>
                  ) : (
                    <td key={k} class="num">
                      {c}
                    </td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

/** A chart's figure: the measured SVG drawn by draw(width), its caption and
 * its table (noTable: the page shows the figures in a table of its own,
 * next to the chart). minWidth: below it the drawing keeps that width and the
 * figure scrolls sideways (many groups on a phone). */
function ChartFigure({ testid, label, caption, head, rows, minWidth = 0, draw, noTable }) {
  const [ref, fw] = useWidth();
  const w = Math.max(fw, minWidth);
  const { height, body } = draw(w);
  return (
    <figure class={'chart' + (w > fw ? ' chart-wide' : '')} data-testid={testid} ref={ref} tabIndex={w > fw ? 0 : undefined}>
      <svg viewBox={`0 0 ${w} ${height}`} width={w} height={height} role="img" aria-label={label}>
        {body}
      </svg>
      {caption && <figcaption class="muted small">{caption}</figcaption>}
      {!noTable && <ChartTable label={label} head={head} rows={rows} testid={testid} />}
    </figure>
  );
}

const defaultHead = (columns) => columns || [t('chart.col_item'), t('chart.col_value')];

/** Vertical bars: items [{label, value, text, short?, name?}] (text: the
 * value shown; short: a shorter form above the bar; name: the label in
 * full, for the table and the bar's title, when label is abbreviated).
 * columns: the table's two column names. */
export function BarChart({ items, label, caption, testid, columns }) {
  const draw = (w) => {
    const h = plotHeight(w), top = 16, bottom = 24;
    const max = Math.max(1, ...items.map((i) => i.value));
    const slot = w / Math.max(1, items.length), bw = Math.max(6, Math.min(72, slot * 0.66));
    const step = labelStep(items.map((i) => i.label), slot, 12);
    const showValues = items.every((it) => textWidth(it.short ?? it.text, 11) <= slot - 2);
    return {
      height: h + top + bottom,
      body: (
        <>
          <line x1="0" x2={w} y1={top + h} y2={top + h} stroke="#d8dde3" />
          {items.map((it, i) => {
            const bh = it.value > 0 ? Math.max(2, (it.value / max) * h) : 0;
            const x = i * slot + (slot - bw) / 2;
            return (
              <g key={it.label}>
                <title>{`${it.name ?? it.label}: ${it.text}`}</title>
                <rect x={x} y={top + h - bh} width={bw} height={bh} rx="2" fill={COLORS[0]} />
                {it.value > 0 && showValues && (
                  <text x={x + bw / 2} y={top + h - bh - 3} text-anchor="middle" class="bar-value" font-size="11">
                    {it.short ?? it.text}
                  </text>
                )}
                {i % step === 0 && (
                  <text x={x + bw / 2} y={top + h + 16} text-anchor="middle" class="bar-label" font-size="12">
                    {it.label}
                  </text>
                )}
              </g>
            );
          })}
        </>
      ),
    };
  };
  return <ChartFigure testid={testid} label={label} caption={caption} head={defaultHead(columns)} rows={items.map((it) => [it.name ?? it.label, it.text])} draw={draw} />;
}

/** The width of the labels' column of a horizontal chart drawn w wide. */
const labelColumn = (labels, w, fs) => Math.round(Math.min(w * 0.4, Math.max(48, ...labels.map((l) => textWidth(l, fs) + 10))));

/** The title and the label (right-aligned before x = lw, shortened to
 * fit) of a horizontal chart's row. */
function RowLabel({ it, lw, y, fs }) {
  return (
    <>
      <title>{`${it.label}: ${it.text}`}</title>
      <text x={lw - 6} y={y} text-anchor="end" class="bar-label" font-size={fs}>
        {fitText(it.label, lw - 10, fs)}
      </text>
    </>
  );
}

/** Horizontal bars: items [{label, value, text, color?}] (color: the bar's
 * own); refValue draws a dashed reference line at that value with
 * refLabel. */
export function HBarChart({ items, label, caption, refValue, refLabel, testid, color = 1, columns, noTable }) {
  const draw = (w) => {
    const row = 28, top = refValue ? 18 : 4, fs = 12;
    const lw = labelColumn(items.map((i) => i.label), w, fs);
    const vw = Math.max(30, ...items.map((i) => textWidth(i.text, 11) + 8));
    const max = Math.max(1, refValue || 0, ...items.map((i) => i.value));
    const bwMax = Math.max(20, w - lw - vw);
    const x = (v) => lw + (v / max) * bwMax;
    const h = top + items.length * row + 4;
    return {
      height: h,
      body: (
        <>
          {items.map((it, i) => {
            const y = top + i * row;
            const under = refValue && it.value < refValue;
            return (
              <g key={it.label}>
                <RowLabel it={it} lw={lw} y={y + 17} fs={fs} />
                <rect x={lw} y={y + 4} width={Math.max(it.value > 0 ? 2 : 0, x(it.value) - lw)} height={row - 8} rx="2" fill={it.color || COLORS[under ? 3 : color]} />
                <text x={x(it.value) + 4} y={y + 17} class="bar-value" font-size="11">
                  {it.text}
                </text>
              </g>
            );
          })}
          {refValue ? (
            <g>
              <line x1={x(refValue)} x2={x(refValue)} y1={top - 2} y2={h} stroke="#1d2430" stroke-dasharray="4 3" />
              <text x={Math.min(x(refValue), w - textWidth(refLabel, 10) / 2 - 2)} y={12} text-anchor="middle" class="bar-label" font-size="10">
                {refLabel}
              </text>
            </g>
          ) : null}
        </>
      ),
    };
  };
  return <ChartFigure testid={testid} label={label} caption={caption} head={defaultHead(columns)} rows={items.map((it) => [it.label, it.text])} draw={draw} noTable={noTable} />;
}

/** A funnel: items [{label, value, text}] in order, each centred bar as wide
 * as its value against the first. */
export function Funnel({ items, label, caption, testid, columns }) {
  const draw = (w) => {
    const row = 28, fs = 12;
    const lw = labelColumn(items.map((i) => i.label), w, fs);
    const bwMax = Math.max(20, w - lw - 8);
    const max = Math.max(1, ...items.map((i) => i.value));
    return {
      height: items.length * row + 4,
      body: items.map((it, i) => {
        const bw = Math.max(it.value > 0 ? 4 : 0, (it.value / max) * bwMax);
        const y = i * row;
        const shade = Math.round(46 - (i * 16) / Math.max(1, items.length - 1));
        const inside = bw > textWidth(it.text, 11) + 8;
        return (
          <g key={it.label}>
            <RowLabel it={it} lw={lw} y={y + 18} fs={fs} />
            <rect x={lw + (bwMax - bw) / 2} y={y + 3} width={bw} height={row - 6} rx="3" fill={`hsl(352, 75%, ${shade}%)`} />
            <text x={lw + bwMax / 2} y={y + 18} text-anchor="middle" font-size="11" fill={inside ? '#fff' : '#1d2430'}>
              {it.text}
            </text>
          </g>
        );
      }),
    };
  };
  return <ChartFigure testid={testid} label={label} caption={caption} head={defaultHead(columns)} rows={items.map((it) => [it.label, it.text])} draw={draw} />;
}

/** Legend entries of series laid out in rows across width w: its height
 * and its elements. */
function legend(series, colors, w) {
  let x = 0, y = 0;
  const els = series.map((s, k) => {
    const sw = 16 + textWidth(s, 12) + 14;
    if (x > 0 && x + sw > w) {
      x = 0;
      y += 18;
    }
    const el = (
      <g key={s}>
        <rect x={x} y={y + 2} width="12" height="12" rx="2" fill={colors[k % colors.length]} />
        <text x={x + 16} y={y + 12} class="bar-label" font-size="12">
          {s}
        </text>
      </g>
    );
    x += sw;
    return el;
  });
  return { height: y + 22, els };
}

/** Grouped vertical bars: groups [{label, values, texts, shorts?}] with one
 * value per series (series: their names, for the legend and the table's
 * columns); a value of null is not known yet and is drawn as a dashed empty
 * bar marked with `pendingMark`, never as 0. `max` fixes the scale (100 for
 * percentages); hideZero leaves a 0's figure off its bar. With more groups
 * than fit (a slot under 10 px a bar) the drawing keeps that and the
 * figure scrolls sideways on a phone. colors: one a series (default from
 * the second of COLORS). */
export function GroupBarChart({ groups, series, label, caption, testid, max, pendingMark = '…', colors, hideZero, columns, noTable }) {
  const cs = colors || COLORS.slice(1).concat(COLORS[0]);
  const minWidth = groups.length * (10 * series.length + 12);
  const draw = (w) => {
    const h = plotHeight(w), bottom = 24;
    const lg = legend(series, cs, w);
    const top = lg.height + 14;
    const top2 = max || Math.max(1, ...groups.flatMap((g) => g.values.filter((v) => v != null)));
    const slot = w / Math.max(1, groups.length), bw = Math.max(5, Math.min(36, (slot * 0.84) / series.length));
    const step = labelStep(groups.map((g) => g.label), slot, 12);
    const showValues = groups.every((g) => (g.shorts || g.texts).every((s) => textWidth(s, 10) <= bw + 4));
    const y0 = top + h;
    return {
      height: y0 + bottom,
      body: (
        <>
          {lg.els}
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
                        <text x={x + bw / 2 - 0.5} y={y0 - 28} text-anchor="middle" class="bar-value" font-size="10">
                          {pendingMark}
                        </text>
                      </g>
                    );
                  const bh = v > 0 ? Math.max(2, (v / top2) * h) : 0;
                  return (
                    <g key={k}>
                      <title>{`${g.label} ${series[k]}: ${g.texts[k]}`}</title>
                      <rect x={x} y={y0 - bh} width={bw - 1} height={bh} rx="1.5" fill={cs[k % cs.length]} />
                      {showValues && !(hideZero && !(v > 0)) && (
                        <text x={x + bw / 2 - 0.5} y={y0 - bh - 3} text-anchor="middle" class="bar-value" font-size="10">
                          {(g.shorts || g.texts)[k]}
                        </text>
                      )}
                    </g>
                  );
                })}
                {i % step === 0 && (
                  <text x={i * slot + slot / 2} y={y0 + 16} text-anchor="middle" class="bar-label" font-size="12">
                    {g.label}
                  </text>
                )}
              </g>
            );
          })}
        </>
      ),
    };
  };
  const head = [(columns && columns[0]) || t('chart.col_item'), ...series];
  return <ChartFigure testid={testid} label={label} caption={caption} head={head} rows={groups.map((g) => [g.label, ...g.texts])} minWidth={minWidth} draw={draw} noTable={noTable} />;
}

/** A small line of points [{label, value}] (e.g. a percentage per cohort)
 * for a dashboard card, the last point marked; `max` fixes the scale. It
 * fills its box's width; the card states the figures in words beside it. */
export function Sparkline({ points, label, max, testid }) {
  const [ref, fw] = useWidth(120);
  const w = Math.max(60, fw), h = 32, pad = 3;
  const top = max || Math.max(1, ...points.map((p) => p.value));
  const x = (i) => (points.length < 2 ? w / 2 : pad + (i * (w - 2 * pad)) / (points.length - 1));
  const y = (v) => h - pad - (v / top) * (h - 2 * pad);
  const last = points[points.length - 1];
  return (
    <div class="sparkline-box" ref={ref}>
      <svg class="sparkline" viewBox={`0 0 ${w} ${h}`} width={w} height={h} role="img" aria-label={label} data-testid={testid}>
        <polyline points={points.map((p, i) => `${x(i)},${y(p.value)}`).join(' ')} fill="none" stroke={COLORS[1]} stroke-width="2" stroke-linejoin="round" />
        {points.map((p, i) => (
          <circle key={p.label} cx={x(i)} cy={y(p.value)} r={p === last ? 3 : 1.5} fill={COLORS[1]}>
            <title>{`${p.label}: ${p.text ?? p.value}`}</title>
          </circle>
        ))}
      </svg>
    </div>
  );
}

/** A progress bar of `value` against `target` (e.g. hours against the
 * 20-hour norm), full and green once reached; an image with its label
 * (the page says the figures in words beside it). */
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
