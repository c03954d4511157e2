// offline.test.mjs - the volunteer's pages offline and the app installable,
// in chromium on a phone (360x740): the web app manifest and its icons, the
// service worker served uncached as JavaScript, registered and in control;
// a volunteer's /my, 报名服务, 签到 and 服务证明 read offline from the
// worker's copy with the 离线 notice and the time it was saved, the actions
// that need the network off, and the notice gone once back online; after a
// logout and another volunteer's login nothing of the first one is kept or
// shown offline; a session that ran out while the phone was offline shows
// the saved copy offline, then signs out on the API's 401 once online and
// leaves nothing kept. Also the weight of the first page (under 100 KB gzipped,
// issue 18), that it loads no staff page's code, and that a staff page's
// API answers are never kept.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BASE, PASSWORD, PHONE, apiAs, fromNow, launch, login, navTo, newPage, shot } from './lib.mjs';

const { chromium } = createRequire(new URL('../../web/package.json', import.meta.url))('playwright-core');
/* as lib.mjs launches, for a persistent profile */
/* the test database (scripts/run-web-tests.sh), where a session is made to run out */
const DB = process.env.LD_WEB_DB;
const sql = (q) => execFileSync('sqlite3', ['-cmd', '.timeout 10000', DB, q], { encoding: 'utf8' }).trim();
const LAUNCH = { executablePath: process.env.LD_CHROMIUM || '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] };

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** Width and height from a PNG's IHDR. */
function pngSize(buf) {
  assert.deepEqual([...buf.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'a PNG signature');
  return [buf.readUInt32BE(16), buf.readUInt32BE(20)];
}

test('the manifest, its icons and the service worker are served for installing', async () => {
  const html = await (await fetch(BASE + '/my')).text();
  assert.match(html, /<link rel="manifest" href="\/manifest.webmanifest">/);
  assert.match(html, /<meta name="theme-color" content="#[0-9a-f]{6}">/);

  const res = await fetch(BASE + '/manifest.webmanifest');
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'application/manifest+json');
  const m = await res.json();
  assert.match(m.name, /联动/);
  assert.equal(m.short_name, '联动');
  assert.equal(m.start_url, '/my');
  assert.equal(m.scope, '/');
  assert.equal(m.display, 'standalone');
  assert.match(m.theme_color, /^#[0-9a-f]{6}$/);
  for (const size of [192, 512]) {
    const icon = m.icons.find((i) => i.sizes === `${size}x${size}` && i.purpose === 'any');
    assert.ok(icon, `an icon of ${size} px`);
    assert.equal(icon.type, 'image/png');
    const r = await fetch(BASE + icon.src);
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('content-type'), 'image/png');
    assert.deepEqual(pngSize(Buffer.from(await r.arrayBuffer())), [size, size]);
  }

  const sw = await fetch(BASE + '/sw.js');
  assert.equal(sw.status, 200);
  assert.match(sw.headers.get('content-type'), /^text\/javascript/);
  assert.equal(sw.headers.get('cache-control'), 'no-cache', 'the worker is not content-hashed: never cached for a year');
  const body = await sw.text();
  assert.doesNotMatch(body, /<!doctype html>/i, '/sw.js is the worker, not the main page');
  assert.match(body, /ld-shell-/);
  // chromium with a real profile (not incognito) finds the app installable
  const dir = mkdtempSync(join(tmpdir(), 'ld-install-'));
  const profile = await chromium.launchPersistentContext(dir, { ...LAUNCH, ...PHONE, baseURL: BASE });
  try {
    const page = profile.pages()[0] || (await profile.newPage());
    await page.goto('/login');
    await page.evaluate(() => navigator.serviceWorker.ready);
    const cdp = await profile.newCDPSession(page);
    assert.deepEqual((await cdp.send('Page.getAppManifest')).errors, []);
    assert.deepEqual((await cdp.send('Page.getInstallabilityErrors')).installabilityErrors, []);
    await shot(page, 'offline-installable-login');
  } finally {
    await profile.close();
    rmSync(dir, { recursive: true, force: true });
  }

  // the worker's shell list names this build's stylesheet and entry
  const assets = [...html.matchAll(/(?:href|src)="(\/assets\/[^"]+)"/g)].map((x) => x[1]);
  assert.equal(assets.length, 2);
  for (const a of assets) assert.ok(body.includes(a), `${a} is in the worker's shell`);
});

test("the volunteer's first page is under 100 KB gzipped and loads no staff page", async () => {
  const { context, page } = await newPage(browser);
  const res = await context.request.post('/api/v1/login', { data: { username: 'volunteer', password: PASSWORD } });
  assert.equal(res.status(), 200);
  const loaded = [];
  page.on('requestfinished', (r) => loaded.push(r));
  await page.goto('/my', { waitUntil: 'networkidle' });
  await page.getByTestId('upcoming').waitFor();
  let code = 0;
  const names = [];
  for (const r of loaded) {
    const path = new URL(r.url()).pathname;
    if (path.startsWith('/api/')) continue;
    names.push(path);
    code += (await r.sizes()).responseBodySize;
  }
  console.log(`# /my loads ${names.length} files of the app, ${code} bytes gzipped`);
  assert.ok(code < 100 * 1024, `the first page's code is ${code} bytes gzipped`);
  assert.ok(!names.some((n) => /staff_|care_|fund_|proj_|org_tree/.test(n)), 'no staff page: ' + names.join(' '));

  // a staff page's code comes when it is opened (watched for from before
  // the sign-in: the click may return only once the app has moved to
  // /dashboard, and its chunk may be asked for by then)
  const staff = await newPage(browser);
  const chunk = staff.page.waitForRequest((r) => /\/assets\/staff_dashboard-[^/]+\.js$/.test(r.url()));
  await login(staff.page, 'station');
  await staff.page.waitForURL(/\/dashboard$/);
  await chunk;
  // nothing a staff page reads is kept for offline use: only the session
  await controlled(staff.page);
  await staff.page.reload({ waitUntil: 'networkidle' });
  await staff.page.getByRole('heading', { level: 1 }).first().waitFor();
  const kept = await keptWhen(staff.page, (urls) => urls.length > 0);
  assert.deepEqual(kept.map((u) => new URL(u).pathname), ['/api/v1/me']);
  await staff.context.close();
  await context.close();
});

/** Wait until the service worker controls the page; its script URL. */
async function controlled(page) {
  return page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller)
      await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
    const reg = await navigator.serviceWorker.getRegistration();
    return { script: navigator.serviceWorker.controller.scriptURL, scope: reg.scope };
  });
}

/** The URLs the worker keeps for offline use. */
const keptUrls = (page) => page.evaluate(async () => ((await caches.has('ld-data')) ? (await (await caches.open('ld-data')).keys()).map((r) => r.url) : []));

/** keptUrls once `ok` holds of them (the worker stores after answering). */
async function keptWhen(page, ok) {
  for (let i = 0; i < 50; i++) {
    const urls = await keptUrls(page);
    if (ok(urls)) return urls;
    await page.waitForTimeout(100);
  }
  return keptUrls(page);
}

async function offlineNotice(page) {
  const notice = page.getByTestId('offline-notice');
  await notice.waitFor();
  assert.match(await notice.innerText(), /离线/);
  assert.match(await notice.getByTestId('offline-saved-at').innerText(), /^数据保存于 \d{4}/);
  return notice;
}

test('a volunteer reads their shifts, hours and certificates offline; the next volunteer sees none of it', async () => {
  // The station opens a shift with the volunteer's team, so 报名服务 has
  // one to sign up for; the volunteer holds a certificate.
  const station = await apiAs('station');
  const admin = await apiAs('admin');
  const vol = await apiAs('volunteer');
  const me = (await vol.get('/volunteers?person_id=' + vol.user.person_id)).items.find((v) => v.stage === 'registered');
  const stationOrg = station.user.roles.find((r) => r.role === 'org_admin').org_id;
  const title = '离线测试活动 ' + Date.now();
  const act = await station.post('/activities', {
    title, mode: 'daily', org_ids: [stationOrg, me.org_id], place: '中山街道文化广场', sign_up: 'open',
    starts_at: fromNow(-3600), ends_at: fromNow(10 * 86400), positions: [{ title: '引导', headcount: 3 }],
  });
  const shift = await station.post('/shifts', { position_id: act.positions[0].id, starts_at: fromNow(5 * 86400), ends_at: fromNow(5 * 86400 + 7200) });
  const day = (ms) => new Date(Date.now() + 8 * 3600e3 + ms).toISOString().slice(0, 10);
  const cert = await vol.post(`/volunteers/${me.id}/certificates`, { from: day(-360 * 86400e3), to: day(0) });

  const { context, page } = await newPage(browser);
  await login(page, 'volunteer');
  await page.waitForURL(/\/my$/);
  const sw = await controlled(page);
  assert.equal(sw.script, BASE + '/sw.js');
  assert.equal(sw.scope, BASE + '/');
  // chromium reads the manifest without errors and finds the app installable
  const cdp = await context.newCDPSession(page);
  const manifest = await cdp.send('Page.getAppManifest');
  assert.deepEqual(manifest.errors, []);
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  // a test context is incognito, where nothing installs; a real profile is
  // checked in the first test
  assert.deepEqual(installabilityErrors.map((e) => e.errorId).filter((id) => id !== 'in-incognito'), []);

  // Online, with the worker in control: each page once, fresh (no notice).
  await page.reload();
  const upcoming = page.getByTestId('upcoming');
  await upcoming.locator('li').first().waitFor();
  const shiftsOnline = await upcoming.locator('li strong').allInnerTexts();
  const hoursOnline = await page.getByTestId('verified-hours').innerText();
  assert.match(await page.locator('main').innerText(), new RegExp(me.volunteer_no));
  assert.equal(await page.getByTestId('offline-notice').count(), 0);
  await navTo(page, '报名服务');
  await page.locator(`[data-shift="${shift.id}"]`).getByRole('button', { name: '报名' }).waitFor();
  await navTo(page, '服务证明');
  await page.locator(`[data-code="${cert.code}"]`).waitFor();
  await navTo(page, '我的服务');
  await upcoming.locator('li').first().waitFor();
  const kept = await keptWhen(page, (urls) => urls.some((u) => u.endsWith(`/volunteers/${me.id}/hours`)));
  assert.ok(kept.some((u) => u.endsWith(`/volunteers/${me.id}/hours`)), 'the hours are kept: ' + kept.join(' '));
  assert.ok(!kept.some((u) => /\/login|\/logout/.test(u)));

  // Offline: the reload still shows the shell, the shifts and the hours,
  // said to be saved data, with check-in off.
  await context.setOffline(true);
  await page.reload();
  await offlineNotice(page);
  await page.getByRole('heading', { name: '我的志愿服务' }).waitFor();
  assert.deepEqual(await upcoming.locator('li strong').allInnerTexts(), shiftsOnline);
  assert.equal(await page.getByTestId('verified-hours').innerText(), hoursOnline);
  const checkIns = page.getByTestId('upcoming').getByRole('button', { name: '签到' });
  assert.ok((await checkIns.count()) >= 1);
  for (const b of await checkIns.all()) {
    assert.ok(await b.isDisabled());
    assert.equal(await b.getAttribute('aria-describedby'), 'offline-reason');
  }
  await page.getByRole('navigation').waitFor();
  await shot(page, 'offline-my');

  await navTo(page, '报名服务');
  await offlineNotice(page);
  const card = page.locator(`[data-shift="${shift.id}"]`);
  await card.getByText(title).waitFor();
  assert.ok(await card.getByRole('button', { name: '报名' }).isDisabled());
  await shot(page, 'offline-shifts');

  await navTo(page, '签到', { exact: true });
  await page.getByRole('heading', { name: '签到 / 签退' }).waitFor();
  await offlineNotice(page);
  assert.ok(await page.getByRole('button', { name: '签到', exact: true }).isDisabled());
  assert.ok(await page.getByRole('button', { name: '签退' }).isDisabled());

  await navTo(page, '服务证明');
  await offlineNotice(page);
  const item = page.locator(`[data-code="${cert.code}"]`);
  await item.waitFor();
  assert.ok(await item.getByRole('button', { name: '下载 PDF' }).isDisabled());
  assert.ok(await page.getByRole('button', { name: '开具证明' }).isDisabled());
  await shot(page, 'offline-certificates');

  // Back online: the page refreshes by itself and the notice goes.
  await context.setOffline(false);
  await page.getByTestId('offline-notice').waitFor({ state: 'detached' });
  await page.getByRole('link', { name: '下载 PDF' }).first().waitFor();
  assert.ok(!(await page.getByRole('button', { name: '开具证明' }).isDisabled()));
  await shot(page, 'offline-back-online');

  // Another volunteer signs in on the same phone: nothing of the first is
  // kept, and offline none of it shows.
  const other = (await admin.get('/volunteers?limit=200')).items.find((v) => v.stage === 'registered' && v.person_id !== me.person_id && v.org_id !== me.org_id);
  assert.ok(other, 'a second registered volunteer in the demo city');
  const username = 'offline-b-' + Date.now();
  await admin.post('/users', { username, password: PASSWORD, person_id: other.person_id, roles: [{ role: 'volunteer' }] });
  await page.getByRole('button', { name: '退出登录' }).click();
  await page.waitForURL(/\/login/);
  assert.deepEqual(await keptUrls(page), [], 'logging out drops the kept data');
  await login(page, username);
  await page.waitForURL(/\/my$/);
  await page.getByRole('heading', { name: '我的志愿服务' }).waitFor();
  await page.locator('main').getByText(other.volunteer_no).waitFor();
  const keptB = await keptWhen(page, (urls) => urls.some((u) => u.endsWith(`/volunteers/${other.id}/hours`)));
  assert.ok(keptB.some((u) => u.endsWith('/api/v1/me')), 'the second volunteer\'s session is kept: ' + keptB.join(' '));
  assert.ok(keptB.length > 0);
  assert.ok(!keptB.some((u) => u.includes(`/volunteers/${me.id}/`) || u.includes('person_id=' + me.person_id)), keptB.join(' '));

  await context.setOffline(true);
  await page.reload();
  await offlineNotice(page);
  await page.locator('main').getByText(other.volunteer_no).waitFor();
  const mainText = () => page.locator('main').innerText();
  assert.doesNotMatch(await mainText(), new RegExp(me.volunteer_no));
  await shot(page, 'offline-second-volunteer');
  // the notice at a desktop's width
  await page.setViewportSize({ width: 1280, height: 800 });
  const box = await page.getByTestId('offline-notice').boundingBox();
  assert.ok(box.width > 600 && box.height < 160, `the notice at 1280 px: ${JSON.stringify(box)}`);
  await shot(page, 'offline-desktop');
  await page.setViewportSize(PHONE.viewport);
  await navTo(page, '服务证明');
  await page.getByRole('heading', { name: '志愿服务记录证明' }).waitFor();
  await page.getByText('当前离线，本页没有保存的数据').waitFor();
  assert.doesNotMatch(await mainText(), new RegExp(cert.code));
  assert.doesNotMatch(await mainText(), new RegExp(cert.number));
  await context.setOffline(false);
  assert.deepEqual(page.errors.filter((e) => !/Failed to load resource|ERR_INTERNET_DISCONNECTED/.test(e)), []);
  await context.close();
});

test("the session ends while the phone is offline: the saved copy says so, and back online a 401 signs out and drops the kept data", async () => {
  assert.ok(DB, 'LD_WEB_DB names the test database (scripts/run-web-tests.sh)');
  const vol = await apiAs('volunteer');
  const me = (await vol.get('/volunteers?person_id=' + vol.user.person_id)).items.find((v) => v.stage === 'registered');
  const { context, page } = await newPage(browser);
  await login(page, 'volunteer');
  await page.waitForURL(/\/my$/);
  await controlled(page);
  await page.reload();
  await page.getByTestId('upcoming').waitFor();
  await page.locator('main').getByText(me.volunteer_no).waitFor();
  const kept = await keptWhen(page, (urls) => urls.some((u) => u.endsWith(`/volunteers/${me.id}/hours`)));
  assert.ok(kept.some((u) => u.endsWith('/api/v1/me')), kept.join(' '));

  // Offline, and meanwhile the session runs out on the server (its expiry
  // passes; the browser still holds the cookie).
  await context.setOffline(true);
  sql(`UPDATE sessions SET expires_at = 0 WHERE user_id = ${vol.user.id}`);
  await page.reload();
  await offlineNotice(page);
  await page.locator('main').getByText(me.volunteer_no).waitFor();
  await shot(page, 'offline-expired-session-offline');

  // Back online: the page refreshes, the API says 401, the volunteer is
  // sent to sign in and nothing of theirs is kept on the phone.
  await context.setOffline(false);
  await page.waitForURL(/\/login\?next=%2Fmy$/);
  await page.getByRole('heading', { name: '登录' }).waitFor();
  assert.deepEqual(await keptWhen(page, (urls) => urls.length === 0), [], 'the kept answers are dropped');
  assert.doesNotMatch(await page.locator('body').innerText(), new RegExp(me.volunteer_no));
  await shot(page, 'offline-expired-session-login');

  // The next person on this phone, offline before signing in, sees the
  // sign-in page and none of the first volunteer's data.
  await context.setOffline(true);
  await page.goto('/my');
  await page.waitForURL(/\/login/);
  await page.getByRole('heading', { name: '登录' }).waitFor();
  assert.doesNotMatch(await page.locator('body').innerText(), new RegExp(me.volunteer_no));
  assert.equal(await page.getByTestId('offline-notice').count(), 0);
  assert.deepEqual(await keptUrls(page), []);
  await context.setOffline(false);
  assert.deepEqual(page.errors.filter((e) => !/Failed to load resource|ERR_INTERNET_DISCONNECTED/.test(e)), []);
  await context.close();
});
