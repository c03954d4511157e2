// screen.test.mjs - the city data screen (数据大屏, issue 18) in Debian's
// chromium against the demo city, at 1920x1080 and on a 360x740 phone:
// every headline figure, a district's row and the service modes equal GET
// /stats/screen for the same region; the dashboard links to it for the
// platform and regional admins only (a social worker neither sees the link
// nor opens the page); a regional admin lands on their district; with
// ?refresh=2 (the page's documented interval parameter) a record verified
// through the API shows up by itself with a new as-of time; offline, the
// last figures stay with the "not updated" mark and come back live; the
// full-screen button enters the Fullscreen API.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { apiAs, launch, login, newPage, shot } from './lib.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const DESKTOP = { viewport: { width: 1920, height: 1080 } };
const TILES = ['stations', 'rooms', 'agencies', 'social_workers', 'volunteers_registered', 'volunteer_orgs', 'people_served'];
const num = (n, d = 0) => new Intl.NumberFormat('zh-CN', { minimumFractionDigits: d, maximumFractionDigits: d }).format(n);
/* what a page error is, leaving out what going offline on purpose logs */
const realErrors = (page) => page.errors.filter((e) => !/ERR_INTERNET_DISCONNECTED|Failed to fetch|net::ERR/.test(e));

async function cityId(api) {
  const r = await api.get('/regions?level=city&limit=1');
  return r.items[0].id;
}

/** The tiles, the districts' rows and the modes on the page equal s. */
async function checkFigures(page, s) {
  const t = s.totals;
  for (const k of TILES) {
    const tile = page.getByTestId('scr-' + k);
    assert.equal(await tile.getAttribute('data-value'), String(t[k]), k);
    assert.ok((await tile.innerText()).includes(num(t[k])), `${k} shows ${num(t[k])}`);
  }
  const hours = page.getByTestId('scr-service_hours');
  assert.equal(await hours.getAttribute('data-value'), String(Math.round(t.service_hours)));
  assert.ok((await page.getByTestId('scr-social_workers').innerText()).includes(`持证 ${num(t.certified_social_workers)} 人`));
  const ratio = page.getByTestId('scr-ratio');
  assert.equal(Number(await ratio.getAttribute('data-value')), t.social_worker_volunteer_ratio);
  assert.equal(await ratio.getAttribute('data-met'), String(t.meets_target));
  assert.equal(await ratio.innerText(), t.meets_target ? '达到 1:10 目标' : '未达到 1:10 目标');
  // every child region's row
  const rows = page.getByTestId('scr-districts').locator('tbody tr');
  assert.equal(await rows.count(), s.by_district.length);
  for (const d of s.by_district) {
    const row = page.locator(`tr[data-region="${d.region_id}"]`);
    assert.equal(await row.locator('th').innerText(), d.name);
    assert.equal(await row.locator('[data-k="stations"]').innerText(), `${num(d.stations)} / ${num(d.rooms)}`);
    assert.equal(await row.locator('[data-k="social_workers"]').innerText(), `${num(d.social_workers)}（${num(d.certified_social_workers)}）`);
    assert.equal(await row.locator('[data-k="volunteers_registered"]').innerText(), num(d.volunteers_registered));
    assert.equal(await row.locator('[data-k="service_hours"]').innerText(), num(d.service_hours));
    assert.equal(await row.locator('[data-k="people_served"]').innerText(), num(d.people_served));
  }
  // the districts' hours as bars too
  if (s.by_district.length) assert.equal(await page.getByTestId('scr-dist-chart').locator('g').count(), s.by_district.length);
  // the service modes, most hours first
  const modes = page.getByTestId('scr-modes').locator('li');
  assert.equal(await modes.count(), s.by_mode.length);
  for (let i = 0; i < s.by_mode.length; i++) {
    assert.equal(await modes.nth(i).getAttribute('data-mode'), s.by_mode[i].mode ?? '');
    assert.equal(Number(await modes.nth(i).getAttribute('data-hours')), s.by_mode[i].service_hours);
  }
  assert.equal(await page.getByTestId('scr-trend').locator('rect').count(), 12);
}

test('the screen shows the figures of the API for the city and a district, at 1920x1080, and goes full screen', async () => {
  const admin = await apiAs('admin');
  const city = await cityId(admin);
  const s = await admin.get('/stats/screen?region_id=' + city);
  // the demo city gives every figure something to show
  for (const k of [...TILES, 'certified_social_workers']) assert.ok(s.totals[k] > 0, `${k} = ${s.totals[k]}`);
  assert.ok(s.by_district.length >= 4 && s.by_district.every((d) => d.social_workers > 0 && d.service_hours > 0));
  assert.ok(s.by_mode.filter((m) => m.mode).length >= 4, 'service modes');

  const { context, page } = await newPage(browser, DESKTOP);
  await login(page, 'admin');
  await page.waitForURL(/\/dashboard$/);
  await page.getByTestId('dash-screen-link').click();
  await page.waitForURL(/\/screen$/);
  await page.getByTestId('scr-stations').waitFor();
  await page.getByRole('heading', { name: `${s.totals.name}社会工作和志愿服务数据大屏` }).waitFor();
  await checkFigures(page, s);
  assert.equal(await page.getByTestId('scr-state').innerText(), '自动刷新 · 每60秒');
  assert.equal(await page.getByTestId('screen').getAttribute('data-stale'), 'false');
  // laid out for the projector: nothing scrolls at 1920x1080
  const fits = await page.evaluate(() => {
    const el = document.querySelector('[data-testid="screen"]');
    return [el.scrollWidth, el.scrollHeight, document.documentElement.scrollWidth];
  });
  assert.ok(fits[0] <= 1920 && fits[1] <= 1080 && fits[2] <= 1920, `the screen is ${fits}`);
  await shot(page, 'screen-city-1920');

  // a district, from its row: its own children and figures
  const d = s.by_district[0];
  await page.locator(`tr[data-region="${d.region_id}"] a`).click();
  await page.waitForURL(new RegExp(`/screen\\?region_id=${d.region_id}$`));
  const sd = await admin.get('/stats/screen?region_id=' + d.region_id);
  await page.getByRole('heading', { name: `${d.name}社会工作和志愿服务数据大屏` }).waitFor();
  await checkFigures(page, sd);
  for (const k of TILES) assert.equal(sd.totals[k], d[k], `${d.name} ${k}: its own screen and the city's row agree`);

  // the Fullscreen API
  await page.getByTestId('scr-fullscreen').click();
  await page.waitForFunction(() => document.fullscreenElement !== null);
  assert.equal(await page.getByTestId('scr-fullscreen').innerText(), '退出全屏');
  await page.getByTestId('scr-fullscreen').click();
  await page.waitForFunction(() => document.fullscreenElement === null);
  await context.close();
  assert.deepEqual(realErrors(page), []);
});

test('with ?refresh=2 a newly verified record shows up by itself; offline the old figures stay, marked', async () => {
  const admin = await apiAs('admin');
  const sw = await apiAs('sw');
  const station = await apiAs('station');
  const city = await cityId(admin);
  const { context, page } = await newPage(browser, DESKTOP);
  await login(page, 'admin');
  await page.waitForURL(/\/dashboard$/);
  await page.goto(`/screen?region_id=${city}&refresh=2`);
  await page.getByTestId('scr-stations').waitFor();
  assert.equal(await page.getByTestId('scr-state').innerText(), '自动刷新 · 每2秒');
  const before = Number(await page.getByTestId('scr-service_hours').getAttribute('data-value'));
  const asof0 = await page.getByTestId('scr-asof').getAttribute('data-asof');

  // 7 hours recorded and verified through the API
  const vol = (await sw.get('/volunteers?stage=registered&limit=1')).items[0];
  const start = new Date(Date.now() - 10 * 3600e3).toISOString().slice(0, 19) + 'Z';
  const end = new Date(Date.now() - 2 * 3600e3).toISOString().slice(0, 19) + 'Z';
  const rec = await sw.post('/service-records', { volunteer_id: vol.id, content: '入户探访', starts_at: start, ends_at: end, hours: 7, person_in_charge: '李主任' });
  // recorded only: not counted
  const mid = await admin.get('/stats/screen?region_id=' + city);
  await station.post(`/service-records/${rec.id}/verify`);
  const now = await admin.get('/stats/screen?region_id=' + city);
  assert.equal(now.totals.service_hours, mid.totals.service_hours + 7);
  await page.waitForFunction(
    (v) => Number(document.querySelector('[data-testid="scr-service_hours"]').getAttribute('data-value')) >= v,
    Math.round(now.totals.service_hours),
    { timeout: 15000 },
  );
  const after = Number(await page.getByTestId('scr-service_hours').getAttribute('data-value'));
  assert.ok(after >= before + 7 - 1, `${before} → ${after} hours`);
  const asof1 = await page.getByTestId('scr-asof').getAttribute('data-asof');
  assert.ok(Date.parse(asof1) > Date.parse(asof0), `as of ${asof0} → ${asof1}`);

  // the server unreachable: the figures stay, marked stale, never fresh
  const shown = await page.getByTestId('scr-stations').getAttribute('data-value');
  await context.setOffline(true);
  await page.waitForFunction(() => document.querySelector('[data-testid="screen"]').getAttribute('data-stale') === 'true', null, { timeout: 10000 });
  assert.equal(await page.getByTestId('scr-state').innerText(), '未更新 · 离线，显示的是上次数据');
  assert.equal(await page.getByTestId('scr-stations').getAttribute('data-value'), shown);
  const asofStale = await page.getByTestId('scr-asof').getAttribute('data-asof');
  await page.waitForTimeout(2500);
  assert.equal(await page.getByTestId('scr-asof').getAttribute('data-asof'), asofStale, 'the as-of time of the figures shown, not the clock');
  await shot(page, 'screen-offline-1920');
  await context.setOffline(false);
  await page.waitForFunction(() => document.querySelector('[data-testid="screen"]').getAttribute('data-stale') === 'false', null, { timeout: 10000 });
  assert.equal(await page.getByTestId('scr-state').innerText(), '自动刷新 · 每2秒');
  await context.close();
  assert.deepEqual(realErrors(page), []);
});

test('on a phone the screen stacks and reads; a regional admin lands on their district; a social worker may not open it', async () => {
  const region = await apiAs('region');
  const mine = region.user.roles.find((r) => r.role === 'regional_admin').region_id;
  const s = await region.get('/stats/screen?region_id=' + mine);
  const { context, page } = await newPage(browser);
  await login(page, 'region');
  await page.waitForURL(/\/dashboard$/);
  await page.getByTestId('dash-screen-link').click();
  await page.getByTestId('scr-stations').waitFor();
  await page.getByRole('heading', { name: `${s.totals.name}社会工作和志愿服务数据大屏` }).waitFor();
  await checkFigures(page, s);
  const w = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(w <= 360, `the screen is ${w} px wide on a 360 px phone`);
  // the tiles stack two by two, each readable
  const box = await page.getByTestId('scr-stations').boundingBox();
  assert.ok(box.width >= 140 && box.width <= 180, `a tile is ${box.width} px wide`);
  await shot(page, 'screen-district-phone');
  // the city is outside a district admin's scope
  const city = (await region.get('/regions?level=city&limit=1')).items[0];
  assert.equal((await region.request('GET', '/stats/screen?region_id=' + city.id)).status, 403);
  await context.close();
  assert.deepEqual(realErrors(page), []);

  const sw = await newPage(browser);
  await login(sw.page, 'sw');
  await sw.page.waitForURL(/\/dashboard$/);
  await sw.page.getByRole('heading', { level: 1 }).first().waitFor();
  assert.equal(await sw.page.getByTestId('dash-screen-link').count(), 0);
  await sw.page.goto('/screen');
  await sw.page.getByRole('heading', { name: '您没有权限查看此页面' }).waitFor();
  await sw.context.close();
});
