// i18n.test.mjs - the message files agree: the same keys, no empty text,
// and the same {placeholders} in both languages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';

const DIR = new URL('../../web/src/i18n/', import.meta.url);
const load = (name) => JSON.parse(readFileSync(new URL(`${name}.json`, DIR), 'utf8'));
/* every area's files on disk ('' for en.json and zh-CN.json, 'staff.' for
 * staff.en.json ...), so that a new area cannot be left out of the check */
const AREAS = [...new Set(readdirSync(DIR).filter((f) => f.endsWith('.json')).map((f) => f.replace(/(en|zh-CN)\.json$/, '')))];
/* one catalog per language from every file, a key defined twice failing */
function catalog(lang) {
  const all = {};
  for (const a of AREAS)
    for (const [k, v] of Object.entries(load(a + lang))) {
      assert.ok(!(k in all), `${k} is defined twice (${a}${lang}.json)`);
      all[k] = v;
    }
  return all;
}
const zh = catalog('zh-CN');
const en = catalog('en');
const holes = (s) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

test('zh-CN and en have the same keys', () => {
  assert.deepEqual(Object.keys(en).sort(), Object.keys(zh).sort());
});

test('every message is non-empty and has the same placeholders in both', () => {
  for (const k of Object.keys(zh)) {
    assert.ok(zh[k].trim() && en[k].trim(), k);
    assert.deepEqual(holes(en[k]), holes(zh[k]), k);
  }
});
