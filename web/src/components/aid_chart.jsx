// aid_chart.jsx - paired vertical bars (two values per slot, e.g. money in
// and out by month, with a legend): chart.jsx's grouped bars in the aid
// pages' two colours, a 0 left without a figure. Responsive and with its
// table view as every chart of chart.jsx.
import { GroupBarChart } from './chart.jsx';

export const PAIR_COLORS = ['#1d7a46', '#c8102e'];

/** items [{label, values: [a, b], texts: [a, b], shorts?: [a, b]}];
 * series: the two values' names for the legend and the table. */
export function PairBarChart({ items, series, label, caption, testid, columns }) {
  return <GroupBarChart groups={items} series={series} label={label} caption={caption} testid={testid} colors={PAIR_COLORS} hideZero columns={columns} />;
}
