// i18n.test.mjs - the message files agree: the same keys, no empty text,
// and the same {placeholders} in both languages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const load = (name) => JSON.parse(readFileSync(new URL(`../../web/src/i18n/${name}.json`, import.meta.url), 'utf8'));
const AREAS = ['', 'staff.', 'care.', 'org.', 'cal.', 'misc.', 'export.', 'import.', 'workdays.', 'cert.', 'rec.', 'pii.', 'fund.', 'aid.', 'linkage.', 'sup.', 'ana.', 'council.', 'voice.', 'share.', 'proj.', 'msg.', 'reply.', 'audit.', 'audit_fields.'];
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
