// build.mjs - bundle the browser app into dist/ for embedding in the binary.
//
// esbuild bundles src/main.jsx (Preact, JSX) and its CSS into content-hashed
// files under dist/assets/; index.html refers to them by those names. Every
// file is also written gzipped (level 9, no timestamp, so the output is the
// same on every machine) and listed in dist/manifest.json with its MIME type,
// whether its name is content-hashed (cached for a year) and an ETag.
// scripts/embed_web.cmake turns the manifest into a C file. Files are only
// rewritten when their bytes change, so an unchanged build triggers no
// relinking.
import * as esbuild from 'esbuild';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync, constants } from 'node:zlib';

const root = dirname(fileURLToPath(import.meta.url));
const out = join(root, 'dist');

const result = await esbuild.build({
  absWorkingDir: root,
  entryPoints: ['src/main.jsx'],
  bundle: true,
  minify: true,
  format: 'esm',
  target: ['es2020', 'chrome90', 'firefox90', 'safari14'],
  jsx: 'automatic',
  jsxImportSource: 'preact',
  entryNames: 'assets/[name]-[hash]',
  assetNames: 'assets/[name]-[hash]',
  loader: { '.json': 'json', '.svg': 'file' },
  legalComments: 'none',
  metafile: true,
  write: false,
  outdir: out,
  logLevel: 'warning',
});

const types = { '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8', '.svg': 'image/svg+xml', '.json': 'application/json' };
const typeOf = (p) => types[p.slice(p.lastIndexOf('.'))] || 'application/octet-stream';

const files = new Map(); // url path -> bytes
let js, css;
for (const f of result.outputFiles) {
  const rel = '/' + f.path.slice(out.length + 1);
  files.set(rel, Buffer.from(f.contents));
  if (rel.endsWith('.js')) js = rel;
  if (rel.endsWith('.css')) css = rel;
}

const html = readFileSync(join(root, 'src/index.html'), 'utf8')
  .replace('%CSS%', css).replace('%JS%', js);
files.set('/index.html', Buffer.from(html));

function writeIfChanged(path, bytes) {
  if (existsSync(path) && readFileSync(path).equals(bytes)) return;
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, bytes);
}

const manifest = [];
for (const [path, bytes] of [...files].sort(([a], [b]) => a.localeCompare(b))) {
  const gz = gzipSync(bytes, { level: constants.Z_BEST_COMPRESSION });
  writeIfChanged(join(out, path), bytes);
  writeIfChanged(join(out, path + '.gz'), gz);
  manifest.push({
    path,
    type: typeOf(path),
    immutable: path.startsWith('/assets/'),
    etag: '"' + createHash('sha256').update(bytes).digest('base64url').slice(0, 22) + '"',
    size: bytes.length,
    gzip_size: gz.length,
  });
}
// Drop what an earlier build left behind.
const keep = new Set(manifest.flatMap((m) => [m.path, m.path + '.gz']));
if (existsSync(join(out, 'assets')))
  for (const f of readdirSync(join(out, 'assets')))
    if (!keep.has('/assets/' + f)) rmSync(join(out, 'assets', f));
writeIfChanged(join(out, 'manifest.json'), Buffer.from(JSON.stringify(manifest, null, 1) + '\n'));

const total = manifest.reduce((s, m) => s + m.gzip_size, 0);
console.log(`web: ${manifest.length} files, ${total} bytes gzipped`);
