// fund_money.test.mjs - yuan as typed ↔ integer fen (web/src/fund_money.js),
// exactly: every amount of fen from 0 to 100,000 round-trips, the decimals
// that float multiplication gets wrong come out right, and what is not an
// amount is refused rather than guessed. No browser, no server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fenToYuan, yuanToFen } from '../../web/src/fund_money.js';

test('typed amounts become exact fen', () => {
  const cases = {
    '1,000.50': 100050,
    '1000.5': 100050,
    '￥1000.50': 100050,
    '¥ 12': 1200,
    '0.29': 29, // 0.29 * 100 is 28.999999999999996
    '1.15': 115, // 1.15 * 100 is 114.99999999999999
    '19.99': 1999,
    '0.01': 1,
    '0': 0,
    '12.': 1200,
    '.5': 50,
    '  7 ': 700,
    '１２．３４': 1234,
    '1，000': 100000,
    '1,000,000.01': 100000001,
    '10000000000': 1e12,
    '007.10': 710,
  };
  for (const [text, fen] of Object.entries(cases)) assert.equal(yuanToFen(text), fen, text);
});

test('what is not an amount of yuan is refused', () => {
  for (const text of ['', ' ', '.', 'abc', '-1', '1.005', '1,50', '1,0000', '1 000', '1e3', '+5', '12.3.4', '¥', null, undefined])
    assert.equal(yuanToFen(text), null, String(text));
});

test('fen shown in yuan and read back are the same fen', () => {
  for (let fen = 0; fen <= 100000; fen++) assert.equal(yuanToFen(fenToYuan(fen)), fen);
  for (const fen of [999999999999, 1e12]) assert.equal(yuanToFen(fenToYuan(fen)), fen);
  assert.equal(fenToYuan(100050), '1000.50');
  assert.equal(fenToYuan(5), '0.05');
  assert.equal(fenToYuan(null), '');
});
