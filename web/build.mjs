// build.mjs - bundle the browser app into dist/ for embedding in the binary.
//
// esbuild bundles src/main.jsx (Preact, JSX) with code splitting: the pages
// the routes reach through import() (lazy.jsx) are chunks of their own, so
// the volunteer's first page loads the shell and the volunteer pages only.
// The CSS is one stylesheet, bundled from the same entry without splitting
// (esbuild would otherwise leave each lazy page's CSS in a file nobody
// loads). All JS and CSS are content-hashed files under dist/assets/;
// index.html refers to the entry's. Next to them: the web app manifest
// (manifest.webmanifest), its icons (icons/, drawn by icons/make-icons.mjs)
// and the service worker (src/sw.js, bundled with the list of this build's
// shell files and a version derived from them; docs/ARCHITECTURE.md,
// "Offline"). Every file is also written gzipped (level 9, no timestamp, so
// the output is the same on every machine) and listed in dist/manifest.json
// with its MIME type, whether its name is content-hashed (cached for a year;
// sw.js, the manifest and the icons are not, so they are revalidated) and
// an ETag. scripts/embed_web.cmake turns the manifest into a C file. Files
// are only rewritten when their bytes change, so an unchanged build triggers
// no relinking.
//
// The build prints the gzipped bytes the volunteer's first page loads and
// those each staff page adds (dist/sizes.json has them all; the method is in
// docs/BENCHMARKS.md, "Bundle sizes") and fails when the first page passes
// FIRST_PAGE_BUDGET.
import * as esbuild from 'esbuild';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync, constants } from 'node:zlib';

const root = dirname(fileURLToPath(import.meta.url));
const out = join(root, 'dist');
/** Issue 18: the volunteer's first page under 100 KB gzipped. */
const FIRST_PAGE_BUDGET = 100 * 1024;
const THEME = '#c8102e';
const ICON_SIZES = [192, 512];

const common = {
  absWorkingDir: root,
  entryPoints: ['src/main.jsx'],
  bundle: true,
  minify: true,
  format: 'esm',
  target: ['es2020', 'chrome90', 'firefox90', 'safari14'],
  jsx: 'automatic',
  jsxImportSource: 'preact',
  entryNames: 'assets/[name]-[hash]',
  chunkNames: 'assets/[name]-[hash]',
  assetNames: 'assets/[name]-[hash]',
  loader: { '.json': 'json', '.svg': 'file' },
  legalComments: 'none',
  metafile: true,
  write: false,
  outdir: out,
  logLevel: 'warning',
};
const [app, styles] = await Promise.all([
  esbuild.build({ ...common, splitting: true, loader: { ...common.loader, '.css': 'empty' } }),
  esbuild.build(common),
]);

const types = { '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8', '.svg': 'image/svg+xml', '.json': 'application/json',
  '.webmanifest': 'application/manifest+json', '.png': 'image/png' };
const typeOf = (p) => types[p.slice(p.lastIndexOf('.'))] || 'application/octet-stream';
const urlOf = (file) => '/' + relative(out, file).split('\\').join('/');
const gz = (bytes) => gzipSync(bytes, { level: constants.Z_BEST_COMPRESSION });

const files = new Map(); // url path -> bytes
for (const f of app.outputFiles) files.set(urlOf(f.path), Buffer.from(f.contents));
let css;
for (const f of styles.outputFiles)
  if (f.path.endsWith('.css')) files.set((css = urlOf(f.path)), Buffer.from(f.contents));
  else if (!f.path.endsWith('.js')) files.set(urlOf(f.path), Buffer.from(f.contents));
const outputs = Object.fromEntries(Object.entries(app.metafile.outputs).map(([p, o]) => [urlOf(join(root, p)), o]));
const js = Object.keys(outputs).find((p) => outputs[p].entryPoint === 'src/main.jsx');

const html = readFileSync(join(root, 'src/index.html'), 'utf8')
  .replace('%CSS%', css).replace('%JS%', js).replaceAll('%THEME%', THEME);
files.set('/index.html', Buffer.from(html));

for (const size of ICON_SIZES) files.set(`/icons/icon-${size}.png`, readFileSync(join(root, `icons/icon-${size}.png`)));
const webManifest = {
  name: '联动 Liandong',
  short_name: '联动',
  description: '志愿服务与社会工作联动平台 · volunteer and social-work linkage',
  lang: 'zh-CN',
  id: '/my',
  start_url: '/my',
  scope: '/',
  display: 'standalone',
  background_color: '#f4f6f8',
  theme_color: THEME,
  icons: ICON_SIZES.flatMap((size) =>
    ['any', 'maskable'].map((purpose) => ({ src: `/icons/icon-${size}.png`, sizes: `${size}x${size}`, type: 'image/png', purpose }))),
};
files.set('/manifest.webmanifest', Buffer.from(JSON.stringify(webManifest, null, 1) + '\n'));

// The worker precaches the shell: index.html, every hashed file of this
// build, the manifest and the icons. Its version changes with any of them.
const shell = [...files.keys()].filter((p) => p !== '/index.html').sort();
shell.unshift('/index.html');
const version = createHash('sha256');
for (const p of shell) version.update(p).update(files.get(p));
const worker = await esbuild.build({
  absWorkingDir: root,
  entryPoints: ['src/sw.js'],
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['es2020'],
  define: { __LD_SHELL__: JSON.stringify(shell), __LD_VERSION__: JSON.stringify(version.digest('hex').slice(0, 16)) },
  legalComments: 'none',
  write: false,
  outfile: join(out, 'sw.js'),
  logLevel: 'warning',
});
files.set('/sw.js', Buffer.from(worker.outputFiles[0].contents));

function writeIfChanged(path, bytes) {
  if (existsSync(path) && readFileSync(path).equals(bytes)) return;
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, bytes);
}

const manifest = [];
for (const [path, bytes] of [...files].sort(([a], [b]) => a.localeCompare(b))) {
  const z = gz(bytes);
  writeIfChanged(join(out, path), bytes);
  writeIfChanged(join(out, path + '.gz'), z);
  manifest.push({
    path,
    type: typeOf(path),
    immutable: path.startsWith('/assets/'),
    etag: '"' + createHash('sha256').update(bytes).digest('base64url').slice(0, 22) + '"',
    size: bytes.length,
    gzip_size: z.length,
  });
}
// Drop what an earlier build left behind.
const keep = new Set(manifest.flatMap((m) => [m.path, m.path + '.gz']));
for (const dir of ['assets', 'icons'])
  if (existsSync(join(out, dir)))
    for (const f of readdirSync(join(out, dir)))
      if (!keep.has(`/${dir}/${f}`)) rmSync(join(out, dir, f));
writeIfChanged(join(out, 'manifest.json'), Buffer.from(JSON.stringify(manifest, null, 1) + '\n'));

// Sizes: what a page load fetches is index.html, the stylesheet, the entry
// and the chunks it imports statically; a lazy page adds its chunk and the
// chunks that imports which are not loaded yet.
const gzSize = new Map(manifest.map((m) => [m.path, m.gzip_size]));
function closure(start, have = new Set()) {
  const seen = new Set();
  const walk = (p) => {
    if (seen.has(p) || have.has(p)) return;
    seen.add(p);
    for (const i of outputs[p].imports) if (i.kind === 'import-statement') walk(urlOf(join(root, i.path)));
  };
  walk(start);
  return seen;
}
const sum = (paths) => [...paths].reduce((s, p) => s + gzSize.get(p), 0);
const first = new Set(['/index.html', css, ...closure(js)]);
const firstBytes = sum(first);
// The message catalogues (i18n/index.js) are chunks of their own, one per
// area and language; a page group fetches its areas' (routes*.js name them
// in lazyModule(), which tests/web/i18n.test.mjs keeps right) in the
// language shown, English only once it is chosen.
const catalogue = new Map(); // 'zh-CN:staff' -> url
for (const [p, o] of Object.entries(outputs)) {
  const m = o.entryPoint && o.entryPoint.match(/^src\/i18n\/(?:(\w+)\.)?(zh-CN|en)\.json$/);
  if (m) catalogue.set(m[2] + ':' + (m[1] || 'app'), p);
}
const areasOf = new Map(); // 'src/pages/x.jsx' -> ['staff', ...]
for (const f of readdirSync(join(root, 'src')).filter((f) => /^routes.*\.js$/.test(f)))
  for (const m of readFileSync(join(root, 'src', f), 'utf8').matchAll(/import\('\.\/(pages\/[^']+)'\)(?:,\s*\[([^\]]*)\])?/g))
    areasOf.set('src/' + m[1], [...(m[2] || '').matchAll(/'(\w+)'/g)].map((a) => a[1]));
const pageAdds = (p, lang) => {
  const files = closure(p, first);
  for (const a of areasOf.get(outputs[p].entryPoint) || []) files.add(catalogue.get(lang + ':' + a));
  return sum(files);
};
const pages = Object.keys(outputs)
  .filter((p) => outputs[p].entryPoint && p !== js && !outputs[p].entryPoint.startsWith('src/i18n/'))
  .map((p) => ({ module: outputs[p].entryPoint, areas: areasOf.get(outputs[p].entryPoint) || [], adds_gzip: pageAdds(p, 'zh-CN') }))
  .sort((a, b) => b.adds_gzip - a.adds_gzip);
const catalogues = [...catalogue].map(([k, p]) => ({ catalogue: k, file: p, gzip: gzSize.get(p) })).sort((a, b) => a.catalogue.localeCompare(b.catalogue));
const englishShell = sum(['app', 'nav', 'cert'].map((a) => catalogue.get('en:' + a)));
const total = manifest.reduce((s, m) => s + m.gzip_size, 0);
const sizes = {
  method: 'gzip -9 bytes of each file as the server sends it; first page = index.html + stylesheet + entry + its static imports (zh-CN); a lazy page adds its chunks and its areas\' zh-CN catalogues',
  first_page_gzip: firstBytes,
  first_page_files: [...first].sort(),
  first_page_en_adds_gzip: englishShell,
  budget_gzip: FIRST_PAGE_BUDGET,
  lazy_pages: pages,
  catalogues,
  all_files_gzip: total,
};
writeIfChanged(join(out, 'sizes.json'), Buffer.from(JSON.stringify(sizes, null, 1) + '\n'));
const kb = (n) => (n / 1024).toFixed(1) + ' KB';
console.log(`web: ${manifest.length} files, ${kb(total)} gzipped; first page (/my) ${kb(firstBytes)} gzipped` +
  ` in ${first.size} files (English adds ${kb(englishShell)}); a staff page adds ${kb(pages.at(-1)?.adds_gzip ?? 0)} to ${kb(pages[0]?.adds_gzip ?? 0)} (${pages[0]?.module})`);
if (firstBytes > FIRST_PAGE_BUDGET) {
  console.error(`web: the first page is ${kb(firstBytes)} gzipped, over the ${kb(FIRST_PAGE_BUDGET)} budget (dist/sizes.json lists its files)`);
  process.exit(1);
}
