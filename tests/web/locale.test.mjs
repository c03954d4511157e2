// locale.test.mjs - the message catalogues come with what needs them
// (i18n/index.js, lazy.jsx): the volunteer's first page fetches only the
// shell's zh-CN messages (in its bundle) and no area's or English
// catalogue; a staff page fetches its areas' catalogues in the language
// shown; the switch to English waits for the English catalogues of every
// area in use, busy meanwhile, and never shows a raw key; the choice is
// kept, and a page opened in English fetches no zh-CN catalogue.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { PHONE, launch, login, navTo, newPage, shot } from './lib.mjs';

/* No service worker here: it would answer the app's files from its cache,
 * past the routes that hold a catalogue back (offline.test.mjs has it). */
const DESKTOP = { viewport: { width: 1280, height: 800 }, serviceWorkers: 'block' };
const PHONE_NO_SW = { ...PHONE, serviceWorkers: 'block' };
const DIR = new URL('../../web/src/i18n/', import.meta.url);
const KEYS = new Set(readdirSync(DIR).filter((f) => f.endsWith('.json')).flatMap((f) => Object.keys(JSON.parse(readFileSync(new URL(f, DIR), 'utf8')))));

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** The message keys shown as text on the page (none should be). */
async function rawKeys(page) {
  const text = await page.evaluate(() => document.body.innerText + ' ' + document.title);
  return [...new Set(text.match(/[a-z][a-z0-9_]*(?:\.[a-z0-9_-]+)+/g) || [])].filter((w) => KEYS.has(w));
}

/** Record the catalogue chunks the page fetches: 'staff.zh-CN', 'en', ... */
function catalogues(page) {
  const got = [];
  page.on('request', (r) => {
    const m = new URL(r.url()).pathname.match(/^\/assets\/((?:[a-z_]+\.)?(?:zh-CN|en))-[A-Z0-9]+\.js$/);
    if (m) got.push(m[1]);
  });
  return got;
}

test("phone: the volunteer's first page has its messages, English comes on the switch", async () => {
  const { context, page } = await newPage(browser, PHONE_NO_SW);
  const got = catalogues(page);
  await login(page, 'volunteer');
  await page.waitForURL(/\/my$/);
  await page.getByRole('heading', { name: '我的志愿服务' }).waitFor();
  await page.getByTestId('norm').waitFor();
  assert.deepEqual(got, [], 'the first page fetches no catalogue');
  assert.deepEqual(await rawKeys(page), []);

  // The switch waits for English: held back here, the page stays in
  // Chinese (no raw key, nothing half-translated) and the button is busy.
  let release;
  const held = new Promise((r) => (release = r));
  await page.route(/\/assets\/(?:[a-z_]+\.)?en-[A-Z0-9]+\.js$/, async (route) => {
    await held;
    await route.continue();
  });
  await page.locator('.lang-switch').click();
  await page.waitForFunction(() => document.querySelector('.lang-switch').getAttribute('aria-busy') === 'true');
  await page.waitForTimeout(300);
  assert.equal(await page.getByRole('heading', { level: 1 }).first().innerText(), '我的志愿服务');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');
  assert.deepEqual(await rawKeys(page), []);
  release();
  await page.getByRole('heading', { name: 'My volunteering' }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  assert.equal(await page.locator('.lang-switch').getAttribute('aria-busy'), null);
  assert.deepEqual(got.sort(), ['cert.en', 'en', 'nav.en'], 'English: the shell\'s catalogues only');
  assert.match(await page.getByTestId('norm').innerText(), /hours|h/i);
  assert.deepEqual(await rawKeys(page), []);
  await shot(page, 'locale-volunteer-en');

  // the choice is kept: a reload opens in English, with no zh-CN catalogue fetched
  assert.equal(await page.evaluate(() => localStorage.getItem('ld.locale')), 'en');
  got.length = 0;
  await page.unroute(/\/assets\//);
  await page.reload();
  await page.getByRole('heading', { name: 'My volunteering' }).waitFor();
  assert.deepEqual(await rawKeys(page), []);
  assert.ok(!got.some((c) => c.endsWith('zh-CN')), got.join(' '));
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('desktop: a staff page fetches its areas in the language shown; the switch brings every area in use', async () => {
  const { context, page } = await newPage(browser, DESKTOP);
  const got = catalogues(page);
  await login(page, 'station');
  await page.waitForURL(/\/dashboard$/);
  await page.getByTestId('chart-months').waitFor();
  assert.deepEqual(await rawKeys(page), []);
  assert.ok(got.includes('staff.zh-CN'), got.join(' '));
  assert.ok(!got.some((c) => c.endsWith('.en') || c === 'en'), 'no English yet: ' + got.join(' '));
  // the needs board, opened in the app: its own areas, nothing twice
  await navTo(page, '需求看板');
  await page.waitForURL(/\/needs$/);
  await page.getByRole('heading', { name: '需求看板' }).waitFor();
  assert.ok(got.includes('care.zh-CN'), got.join(' '));
  assert.equal(new Set(got).size, got.length, 'each catalogue fetched once: ' + got.join(' '));
  assert.deepEqual(await rawKeys(page), []);

  got.length = 0;
  await page.locator('.lang-switch').click();
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  // every area the pages opened so far use, in English, before the switch
  for (const a of ['en', 'nav.en', 'staff.en', 'care.en']) assert.ok(got.includes(a), `${a}: ${got.join(' ')}`);
  assert.deepEqual(await rawKeys(page), []);
  await navTo(page, 'Dashboard');
  await page.waitForURL(/\/dashboard$/);
  await page.getByTestId('chart-months').waitFor();
  assert.deepEqual(await rawKeys(page), []);
  assert.doesNotMatch(await page.locator('main').innerText(), /[\u4e00-\u9fff]{4,}/u, 'the dashboard in English');
  await shot(page, 'locale-dashboard-en');
  // and back: the zh-CN ones are still there, nothing is fetched
  got.length = 0;
  await page.locator('.lang-switch').click();
  await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
  assert.deepEqual(got, []);
  assert.deepEqual(await rawKeys(page), []);
  assert.deepEqual(page.errors, []);
  await context.close();
});
