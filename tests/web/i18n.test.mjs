// i18n.test.mjs - the message files agree and are loaded where they are
// used: the same keys in both languages of every area, no key in two files,
// no empty text, the same {placeholders} in both languages; every file on
// disk loaded by something (i18n/index.js: statically for the shell, by
// import() for an area, each area named by some page group's lazyModule());
// and every message a module uses comes with it: the first page's modules
// use only the shell's catalogues, a lazy page's module and what it imports
// only those and the areas its lazyModule() names (else that page would
// show raw keys until something else loaded them).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const SRC = fileURLToPath(new URL('../../web/src/', import.meta.url));
const DIR = join(SRC, 'i18n');
const LANGS = ['zh-CN', 'en'];
/** Area of a file name: 'app' for zh-CN.json / en.json, 'staff' for staff.en.json. */
const areaOf = (f) => f.replace(/\.?(zh-CN|en)\.json$/, '') || 'app';
const fileOf = (area, lang) => (area === 'app' ? '' : area + '.') + lang + '.json';
const FILES = readdirSync(DIR).filter((f) => f.endsWith('.json'));
const AREAS = [...new Set(FILES.map(areaOf))].sort();
const load = (area, lang) => JSON.parse(readFileSync(join(DIR, fileOf(area, lang)), 'utf8'));

test('every file on disk is an area in both languages', () => {
  for (const f of FILES) assert.match(f, /^([a-z_]+\.)?(zh-CN|en)\.json$/, `${f}: not AREA.LANG.json`);
  for (const a of AREAS) for (const l of LANGS) assert.ok(FILES.includes(fileOf(a, l)), `${fileOf(a, l)} is missing`);
});

test('both languages of every area have the same keys', () => {
  for (const a of AREAS) {
    const zh = Object.keys(load(a, 'zh-CN'));
    const en = new Set(Object.keys(load(a, 'en')));
    for (const k of zh) assert.ok(en.has(k), `${k} is in ${fileOf(a, 'zh-CN')}, not in ${fileOf(a, 'en')}`);
    for (const k of en) assert.ok(zh.includes(k), `${k} is in ${fileOf(a, 'en')}, not in ${fileOf(a, 'zh-CN')}`);
  }
});

/* one catalog per language from every file, a key defined twice failing */
const owner = new Map(); // key -> area
function catalog(lang) {
  const all = {};
  const from = {};
  for (const a of AREAS)
    for (const [k, v] of Object.entries(load(a, lang))) {
      assert.ok(!(k in all), `${k} is defined twice (${fileOf(from[k], lang)} and ${fileOf(a, lang)})`);
      all[k] = v;
      from[k] = a;
      owner.set(k, a);
    }
  return all;
}

test('no key is in two files', () => {
  for (const l of LANGS) catalog(l);
});

const holes = (s) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

test('every message is non-empty and has the same placeholders in both', () => {
  const zh = catalog('zh-CN');
  const en = catalog('en');
  for (const k of Object.keys(zh)) {
    assert.ok(zh[k].trim() && en[k]?.trim(), k);
    assert.deepEqual(holes(en[k]), holes(zh[k]), k);
  }
});

// What i18n/index.js loads: the shell's catalogues imported statically (in
// the first page), the areas' through SOURCES' import() per language.
const index = readFileSync(join(DIR, 'index.js'), 'utf8');
const staticJson = [...index.matchAll(/^import \w+ from '\.\/([^']+\.json)';$/gm)].map((m) => m[1]);
const SHELL = [...index.match(/^const SHELL = \[([^\]]*)\];$/m)[1].matchAll(/'(\w+)'/g)].map((m) => m[1]);
function sources(lang) {
  const body = index.match(new RegExp(`^  ${lang.includes('-') ? `'${lang}'` : lang}: \\{\\n([\\s\\S]*?)^  \\},$`, 'm'));
  assert.ok(body, `i18n/index.js: no SOURCES entry for ${lang}`);
  return new Map([...body[1].matchAll(/^ {4}(\w+): \(\) => import\('\.\/([^']+\.json)'\),$/gm)].map((m) => [m[1], m[2]]));
}
// Every lazyModule() of the routes files: the page module and the areas named.
const groups = [];
for (const f of readdirSync(SRC).filter((f) => /^routes.*\.js$/.test(f))) {
  const s = readFileSync(join(SRC, f), 'utf8');
  assert.equal((s.match(/lazyModule\(/g) || []).length, (s.match(/lazyModule\(\(\) => import\('[^']+'\)(, \[[^\]]*\])?\)/g) || []).length, `${f}: a lazyModule() not in the form lazyModule(() => import('./pages/x.jsx'), ['area', ...])`);
  for (const m of s.matchAll(/lazyModule\(\(\) => import\('([^']+)'\)(?:, \[([^\]]*)\])?\)/g))
    groups.push({ routes: f, module: resolve(SRC, m[1]), areas: [...(m[2] || '').matchAll(/'(\w+)'/g)].map((a) => a[1]) });
}

test('every catalogue on disk is loaded by something', () => {
  for (const a of SHELL) assert.ok(staticJson.includes(fileOf(a, 'zh-CN')), `${fileOf(a, 'zh-CN')} (shell) is not imported by i18n/index.js`);
  assert.deepEqual(staticJson.sort(), SHELL.map((a) => fileOf(a, 'zh-CN')).sort(), 'i18n/index.js imports statically just the shell\'s zh-CN catalogues');
  const zh = sources('zh-CN');
  const en = sources('en');
  for (const a of AREAS) {
    for (const [l, src] of [['zh-CN', zh], ['en', en]])
      if (!(l === 'zh-CN' && SHELL.includes(a))) assert.equal(src.get(a), fileOf(a, l), `${fileOf(a, l)} is not loaded by i18n/index.js (SOURCES['${l}'].${a})`);
    if (!SHELL.includes(a)) assert.ok(groups.some((g) => g.areas.includes(a)), `area ${a} (${fileOf(a, 'zh-CN')}) is named by no lazyModule() of the routes files: nothing loads it`);
  }
  for (const src of [zh, en]) for (const a of src.keys()) assert.ok(AREAS.includes(a), `i18n/index.js loads area ${a}, which has no file`);
  for (const g of groups) for (const a of g.areas) assert.ok(AREAS.includes(a) && !SHELL.includes(a), `${g.routes}: ${a} is not an area to load (no file, or the shell's)`);
});

// The messages a module uses: a quoted key ('care.title'), and every key
// under a quoted prefix that is completed at run time ('care.status.' + s,
// `audit.f.${k}`, a prefix ending in '.').
function parse(path) {
  const s = readFileSync(path, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:'"\\])\/\/.*$/gm, '$1');
  const imports = [...s.matchAll(/^\s*import\s+(?:[^'"]*?from\s+)?['"](\.[^'"]+\.(?:jsx?|mjs))['"]/gm)].map((m) => resolve(dirname(path), m[1]));
  const used = new Set();
  for (const m of s.matchAll(/['"`]([a-z][a-z0-9_.-]*)(?=['"`])/g)) if (owner.has(m[1])) used.add(m[1]);
  for (const m of s.matchAll(/['"`]([a-z][a-z0-9_.-]*\.)(?=['"`])|['"`]([a-z][a-z0-9_.-]*[._-])(?:['"]\s*\+|\$\{)/g)) {
    const prefix = m[1] || m[2];
    for (const k of owner.keys()) if (k.startsWith(prefix)) used.add(k);
  }
  // a data file a module imports (not a catalogue) may name messages too:
  // audit_values.json maps each enumerated field to its names' prefix
  for (const m of s.matchAll(/^\s*import\s+[^'"]*?from\s+['"](\.[^'"]+\.json)['"]/gm)) {
    const file = resolve(dirname(path), m[1]);
    if (file.startsWith(join(SRC, 'i18n'))) continue;
    const strings = [];
    const walk = (v) => (typeof v === 'string' ? strings.push(v) : v && typeof v === 'object' && Object.values(v).forEach(walk));
    walk(JSON.parse(readFileSync(file, 'utf8')));
    for (const v of strings) {
      if (owner.has(v)) used.add(v);
      if (/^[a-z][a-z0-9_.-]*\.$/.test(v)) for (const k of owner.keys()) if (k.startsWith(v)) used.add(k);
    }
  }
  return { imports, used };
}
const parsed = new Map();
const info = (p) => parsed.get(p) || (parsed.set(p, parse(p)), parsed.get(p));
function closure(start, skip = new Set()) {
  const seen = new Set();
  const walk = (p) => {
    if (seen.has(p) || skip.has(p)) return;
    seen.add(p);
    for (const i of info(p).imports) walk(i);
  };
  walk(start);
  return seen;
}
const rel = (p) => p.slice(SRC.length);

test('every message a module uses is loaded with it', () => {
  catalog('zh-CN');
  const first = closure(join(SRC, 'main.jsx'));
  for (const m of first)
    for (const k of info(m).used)
      assert.ok(SHELL.includes(owner.get(k)), `${rel(m)} is in the first page and uses ${k} of ${fileOf(owner.get(k), 'zh-CN')}, which the first page does not load`);
  assert.ok(groups.length > 20, 'the routes files name their lazy pages');
  for (const g of groups) {
    const have = new Set([...SHELL, ...g.areas]);
    const needed = new Set();
    for (const m of closure(g.module, first))
      for (const k of info(m).used) {
        needed.add(owner.get(k));
        assert.ok(have.has(owner.get(k)), `${rel(m)} (with ${rel(g.module)}) uses ${k} of ${fileOf(owner.get(k), 'zh-CN')}: name '${owner.get(k)}' in its lazyModule() in ${g.routes}`);
      }
    for (const a of g.areas) assert.ok(needed.has(a), `${g.routes}: ${rel(g.module)} loads area ${a} but uses none of its messages`);
  }
});
