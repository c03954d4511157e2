// volunteer.test.mjs - the volunteer's phone pages in Debian's chromium on a
// 360x740 viewport against the real server with the demo city: sign in, see
// upcoming shifts and hours, a wrong password, the language switch, sign up
// for a shift, check in and out with the leader's code, and the weight of
// the first load.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, apiAs, fromNow, launch, login, navTo, newPage, shot } from './lib.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

async function noHorizontalScroll(page) {
  const w = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(w <= 360, `the page is ${w} px wide on a 360 px screen`);
}

test('a volunteer signs in on a phone and sees upcoming shifts and hours', async () => {
  const { context, page } = await newPage(browser);
  await page.goto('/');
  await page.waitForURL(/\/login/);
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
  await page.getByRole('heading', { name: '登录' }).waitFor();
  await login(page, 'volunteer');
  await page.waitForURL(/\/my$/);
  await page.getByRole('heading', { name: '我的志愿服务' }).waitFor();
  const upcoming = page.getByTestId('upcoming');
  await upcoming.getByText('敬老院日常探访').first().waitFor();
  assert.ok((await upcoming.locator('li').count()) >= 1);
  assert.match(await page.getByTestId('verified-hours').innerText(), /^\d+(\.\d)? 小时$/);
  assert.match(await page.getByTestId('year-hours').innerText(), /小时$/);
  await page.getByRole('img', { name: /星/ }).waitFor();
  await page.getByRole('heading', { name: '历年服务时长' }).waitFor();
  await noHorizontalScroll(page);
  await shot(page, 'volunteer-home');
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('a wrong password shows the API error next to the password field', async () => {
  const { context, page } = await newPage(browser);
  await page.goto('/login');
  await page.getByLabel('用户名').fill('resident');
  await page.getByLabel('密码').fill('not-the-password');
  await page.getByRole('button', { name: '登录' }).click();
  const err = page.locator('#f-password-err');
  await err.waitFor();
  assert.match(await err.innerText(), /用户名或密码错误.*wrong username or password/);
  assert.equal(await page.getByLabel('密码').getAttribute('aria-invalid'), 'true');
  assert.match(await page.getByLabel('密码').getAttribute('aria-describedby'), /f-password-err/);
  await shot(page, 'login-wrong-password');
  // Both required, as the API has it, before anything is sent.
  await page.getByLabel('用户名').fill('');
  await page.getByRole('button', { name: '登录' }).click();
  await page.locator('#f-username-err').getByText('请填写此项').waitFor();
  await shot(page, 'login-required');
  await context.close();
});

test('switching to English and back is remembered after a reload', async () => {
  const { context, page } = await newPage(browser);
  await login(page, 'volunteer');
  await page.getByRole('heading', { name: '我的志愿服务' }).waitFor();
  await page.getByRole('button', { name: /English/ }).click();
  await page.getByRole('heading', { name: 'My volunteering' }).waitFor();
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.match(await page.getByTestId('verified-hours').innerText(), / h$/);
  await page.reload();
  await page.getByRole('heading', { name: 'My volunteering' }).waitFor();
  await navTo(page, 'My account');
  await page.getByRole('heading', { name: 'My account' }).waitFor();
  await shot(page, 'english');
  await page.getByRole('button', { name: /中文/ }).click();
  await page.getByRole('heading', { name: '我的账户' }).waitFor();
  await page.reload();
  await page.getByRole('heading', { name: '我的账户' }).waitFor();
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
  await shot(page, 'back-to-chinese');
  await context.close();
});

test("the volunteer's first load transfers under 300 KB compressed, all from the server", async () => {
  const { context, page } = await newPage(browser);
  // Signed in without the UI, so the page load below is the first one.
  const res = await context.request.post('/api/v1/login', { data: { username: 'volunteer', password: 'liandong-demo' } });
  assert.equal(res.status(), 200);
  const requests = [];
  page.on('requestfinished', (r) => requests.push(r));
  await page.goto('/my', { waitUntil: 'networkidle' });
  await page.getByTestId('upcoming').waitFor();
  let total = 0;
  for (const r of requests) {
    assert.ok(r.url().startsWith(BASE + '/'), 'loaded from outside the server: ' + r.url());
    const s = await r.sizes();
    total += s.responseBodySize + s.responseHeadersSize;
  }
  const js = requests.find((r) => r.url().endsWith('.js'));
  assert.equal((await js.response()).headers()['content-encoding'], 'gzip');
  assert.match((await js.response()).headers()['cache-control'], /immutable/);
  console.log(`# first load of /my: ${requests.length} requests, ${total} bytes`);
  assert.ok(total < 300 * 1024, `first load is ${total} bytes`);
  await shot(page, 'first-load');
  await context.close();
});

test('a volunteer signs up for a shift, then checks in and out with the typed code', async () => {
  // The station (org admin) runs an activity with the volunteer's team.
  const station = await apiAs('station');
  const vol = await apiAs('volunteer');
  const me = (await vol.get('/volunteers?person_id=' + vol.user.person_id)).items[0];
  const stationOrg = station.user.roles.find((r) => r.role === 'org_admin').org_id;
  const title = '社区环境清洁日 ' + Date.now();
  const act = await station.post('/activities', {
    title, mode: 'daily', org_ids: [stationOrg, me.org_id], place: '中山街道文化广场', sign_up: 'open',
    starts_at: fromNow(-3600), ends_at: fromNow(86400), positions: [{ title: '清扫', headcount: 2 }],
  });
  // A shift starting in twenty minutes: a volunteer checks in by themself
  // from 30 minutes before the start (issue 12), so not days ahead; after
  // the slot staff.test.mjs gives the same volunteer, so they do not overlap.
  const shift = await station.post('/shifts', { position_id: act.positions[0].id, starts_at: fromNow(1200), ends_at: fromNow(1500) });

  const { context, page } = await newPage(browser);
  await login(page, 'volunteer');
  await page.waitForURL(/\/my$/);
  await navTo(page, '报名服务');
  const card = page.locator(`[data-shift="${shift.id}"]`);
  await card.getByText(title).waitFor();
  await card.getByRole('button', { name: '报名' }).click();
  await card.getByRole('status').getByText('报名成功').waitFor();
  await card.getByText('已报名 1/2').waitFor();
  await noHorizontalScroll(page);
  await shot(page, 'signup');

  // Now among the upcoming shifts.
  await page.getByRole('link', { name: '我的服务' }).click();
  await page.getByTestId('upcoming').getByText(title).waitFor();

  // The leader's screen shows a code; the volunteer types it.
  const tokIn = await station.get(`/shifts/${shift.id}/check-in-token`);
  await navTo(page, '签到');
  await page.getByLabel('签到码').fill(tokIn.token);
  await page.getByRole('button', { name: '签到', exact: true }).click();
  await page.getByTestId('checkin-done').getByText('签到成功').waitFor();
  // A code that is not the leader's is refused next to the field.
  await page.getByLabel('签到码').fill(`${shift.id}.1.0000`);
  await page.getByRole('button', { name: '签退' }).click();
  await page.locator('#f-token-err').getByText('签到码无效或已过期').waitFor();
  const tokOut = await station.get(`/shifts/${shift.id}/check-in-token`);
  await page.getByLabel('签到码').fill(tokOut.token);
  await page.getByRole('button', { name: '签退' }).click();
  await page.getByTestId('checkin-done').getByText('签退成功').waitFor();
  await page.getByTestId('checkin-done').getByText(/本次服务时长：\d+(\.\d)? 小时/).waitFor();
  await shot(page, 'checkin-checkout');
  assert.deepEqual(page.errors, []);
  await context.close();
});
