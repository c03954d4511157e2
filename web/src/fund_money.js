// fund_money.js - amounts of money as people type them (yuan, with up to two
// decimals) and as the API keeps them (integer fen), converted exactly: the
// typed digits are read as a string and the decimal point moved in the
// string, never by multiplying a float (0.29 * 100 is 28.999999999999996).
// No imports: tests/web/fund_money.test.mjs runs it in node.

const FULL_WIDTH = /[０-９．。]/g;
const half = (c) => (c === '．' || c === '。' ? '.' : String.fromCharCode(c.charCodeAt(0) - 0xfee0));

/** "1,000.50", "￥1000.5", "１２" → 100050, 100050, 1200; null when the text
 * is not a non-negative amount of yuan with at most two decimals (a comma
 * only between groups of three digits, so "1,50" is refused, not read as
 * 150 yuan). Bounds (at least 1 fen, at most 10^12) are the API's to check,
 * so its error is the one shown. */
export function yuanToFen(text) {
  const s = String(text ?? '')
    .replace(FULL_WIDTH, half)
    .trim()
    .replace(/^[¥￥]\s*/, '')
    .replace(/，/g, ',');
  const m = /^(\d{1,3}(?:,\d{3})+|\d*)(?:\.(\d{0,2}))?$/.exec(s);
  if (!m || !/\d/.test(s)) return null;
  const digits = ((m[1] || '0').replace(/,/g, '') + (m[2] || '').padEnd(2, '0')).replace(/^0+(?=\d)/, '');
  return Number(digits);
}

/** 100050 → "1000.50": what an amount field shows for a value in fen. */
export function fenToYuan(fen) {
  if (fen == null || !Number.isSafeInteger(fen) || fen < 0) return '';
  const s = String(fen).padStart(3, '0');
  return s.slice(0, -2) + '.' + s.slice(-2);
}
