// make-icons.mjs - draw the app's home-screen icons (icon-192.png,
// icon-512.png) from icon.svg with chromium. Run by hand when icon.svg
// changes (node icons/make-icons.mjs from web/; LD_CHROMIUM names the
// browser); the PNGs are committed, so a build needs no browser. The whole
// square is painted (the mark sits inside the safe circle), so the icons
// serve as "maskable" too.
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const svg = readFileSync(join(here, 'icon.svg'), 'utf8');
const browser = await chromium.launch({ executablePath: process.env.LD_CHROMIUM || '/usr/bin/chromium' });
for (const size of [192, 512]) {
  const page = await browser.newPage({ viewport: { width: size, height: size } });
  await page.setContent(`<style>html,body{margin:0}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`);
  await page.screenshot({ path: join(here, `icon-${size}.png`), omitBackground: false });
  await page.close();
}
await browser.close();
