// analytics.test.mjs - workforce analytics (issue 15) in Debian's chromium
// against the real server with the demo city, whose registered volunteers
// joined over the past quarters and served over the past year: the
// retention view's chart and table read the numbers of GET /stats/retention
// (a window not yet due shown as such, never 0), for the whole scope and a
// district; the below-norm list matches GET /stats/below-norm, sorts and
// links to the volunteer's page with the norm bar; the dashboard's cards
// show the 12-month retention and the count below the norm; the volunteer
// sees their hours against the norm at home; and an inactive volunteer is
// tagged 不活跃 on the pipeline and reactivated from there.
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

const WINDOWS = ['3', '6', '12', '24'];
const pctOf = (n, reg) => Math.round((100 * n) / reg);

/** Every item of the below-norm read (it is paged). */
async function belowNorm(api, query = '') {
  const first = await api.get('/stats/below-norm?limit=200' + query);
  const items = [...first.items];
  for (let c = first.next_cursor; c; ) {
    const page = await api.get('/stats/below-norm?limit=200' + query + '&cursor=' + c);
    items.push(...page.items);
    c = page.next_cursor;
  }
  return { ...first, items };
}

/** The table and chart of the retention page match the API's cohorts. */
async function checkRetention(page, cohorts) {
  const rows = page.getByTestId('retention-table').locator('tbody tr');
  assert.equal(await rows.count(), cohorts.length);
  assert.equal(await page.getByTestId('retention-chart').locator('[data-group]').count(), cohorts.length);
  for (const c of cohorts) {
    const row = page.locator(`tr[data-cohort="${c.cohort}"]`);
    assert.equal(await row.locator('[data-registered]').innerText(), String(c.registered), c.cohort);
    for (const w of WINDOWS) {
      const cell = row.locator(`[data-window="${w}"]`);
      if (c.retained[w] == null) {
        assert.equal(await cell.innerText(), '未到期', `${c.cohort} ${w}`);
      } else {
        assert.equal(await cell.getAttribute('data-count'), String(c.retained[w]));
        assert.equal(await cell.innerText(), `${pctOf(c.retained[w], c.registered)}%（${c.retained[w]}人）`, `${c.cohort} ${w}`);
      }
    }
    const pendingBars = await page.locator(`[data-testid="retention-chart"] [data-group="${c.cohort}"] [data-pending]`).count();
    assert.equal(pendingBars, WINDOWS.filter((w) => c.retained[w] == null).length, c.cohort);
  }
}

/** The norm bar and last service on the page match an hours read. */
async function checkNorm(page, hours) {
  assert.equal(Number(await page.getByTestId('norm-text').getAttribute('data-hours')), hours.hours_this_year);
  assert.equal(await page.getByTestId('norm-bar').getAttribute('data-done'), String(hours.hours_this_year >= 20));
  assert.equal(await page.getByTestId('last-service').getAttribute('data-date'), hours.last_service_date || '');
}

test('the retention view shows the cohorts of the API as a chart and a table, for the scope and a district', async () => {
  const admin = await apiAs('admin');
  const { cohorts } = await admin.get('/stats/retention');
  // the demo spreads registrations over past quarters: several cohorts,
  // some windows known and some not yet due
  assert.ok(cohorts.length >= 4, `${cohorts.length} cohorts`);
  const all = cohorts.flatMap((c) => WINDOWS.map((w) => c.retained[w]));
  assert.ok(all.some((v) => v == null) && all.some((v) => v > 0), 'known and pending windows');

  const { context, page } = await newPage(browser);
  await login(page, 'admin');
  await page.waitForURL(/\/dashboard$/);
  await page.goto('/analytics/retention');
  await page.getByTestId('retention-table').waitFor();
  await checkRetention(page, cohorts);
  const w = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(w <= 360, `the retention page is ${w} px wide on a 360 px screen`);
  await shot(page, 'analytics-retention');

  // a district of the picker: the numbers of ?region_id=
  const regions = await admin.get('/regions?limit=200&level=district');
  const district = regions.items.find((r) => r.level === 'district');
  await page.getByLabel('区域').selectOption(String(district.id));
  await page.waitForURL(new RegExp(`region_id=${district.id}$`));
  const scoped = (await admin.get('/stats/retention?region_id=' + district.id)).cohorts;
  await page.locator('tbody tr').first().waitFor();
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="retention-table"] tbody tr').length === n, scoped.length);
  await checkRetention(page, scoped);

  // in English too, a window not yet due still not a 0
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('heading', { name: 'Volunteer retention by registration quarter' }).waitFor();
  const due = scoped.flatMap((c) => WINDOWS.filter((w) => c.retained[w] == null)).length;
  assert.equal(await page.locator('[data-testid="retention-table"] td[data-pending]').filter({ hasText: 'not due' }).count(), due);
  await page.getByRole('button', { name: '中文' }).click();
  await context.close();
  assert.deepEqual(page.errors, []);
});

test('the below-norm list matches the API, sorts by hours and opens the volunteer with the norm bar', async () => {
  const admin = await apiAs('admin');
  const r = await belowNorm(admin);
  assert.ok(r.below_norm > 0 && r.below_norm < r.registered, `${r.below_norm} of ${r.registered} below the norm`);

  const { context, page } = await newPage(browser);
  await login(page, 'admin');
  await page.waitForURL(/\/dashboard$/);
  await page.goto('/analytics/below-norm');
  const summary = page.getByTestId('below-norm-summary');
  await summary.waitFor();
  assert.equal(await summary.getAttribute('data-below'), String(r.below_norm));
  assert.equal(await summary.getAttribute('data-registered'), String(r.registered));
  assert.match(await summary.innerText(), new RegExp(`已注册 ${r.registered} 人中有 ${r.below_norm} 人未满 20 小时，占 ${pctOf(r.below_norm, r.registered)}%`));
  const rows = page.getByTestId('below-norm-table').locator('tbody tr');
  assert.equal(await rows.count(), r.items.length);
  // sorted by hours, fewest first; a click on the header turns it round
  const hoursOf = async () => (await rows.locator('[data-hours]').evaluateAll((els) => els.map((e) => Number(e.dataset.hours))));
  const asc = await hoursOf();
  assert.deepEqual(asc, [...r.items.map((i) => i.hours)].sort((a, b) => a - b));
  await page.locator('button[data-sort="hours"]').click();
  assert.deepEqual(await hoursOf(), [...asc].reverse());
  await shot(page, 'analytics-below-norm');

  // the one with the most hours below 20: their page and its norm bar
  const first = rows.first();
  assert.equal(Number(await first.locator('[data-hours]').getAttribute('data-hours')), Math.max(...r.items.map((i) => i.hours)));
  const id = Number(await first.getAttribute('data-volunteer'));
  await first.getByRole('link').click();
  await page.waitForURL(new RegExp(`/analytics/volunteer\\?id=${id}$`));
  const hours = await admin.get(`/volunteers/${id}/hours`);
  const text = page.getByTestId('norm-text');
  await text.waitFor();
  await checkNorm(page, hours);
  assert.ok(hours.hours_this_year < 20);
  assert.match(await text.innerText(), /还差/);
  await shot(page, 'analytics-volunteer');
  await context.close();
  assert.deepEqual(page.errors, []);
});

test('the dashboard shows the 12-month retention and the count below the norm, each linking to its page', async () => {
  const station = await apiAs('station');
  const { cohorts } = await station.get('/stats/retention');
  const known = cohorts.filter((c) => c.retained['12'] != null);
  const norm = await station.get('/stats/below-norm?limit=1');

  const { context, page } = await newPage(browser);
  await login(page, 'station');
  await page.waitForURL(/\/dashboard$/);
  const value = page.getByTestId('retention-card-value');
  await value.waitFor();
  if (known.length) {
    const last = known[known.length - 1];
    assert.equal(await value.innerText(), `${pctOf(last.retained['12'], last.registered)}%`);
    assert.equal(await value.getAttribute('data-cohort'), last.cohort);
  } else {
    assert.match(await value.innerText(), /还没有注册满 12 个月的季度/);
  }
  assert.equal(await page.getByTestId('below-norm-card-value').innerText(), String(norm.below_norm));
  await shot(page, 'analytics-dashboard');
  await page.getByTestId('below-norm-card').getByRole('link').click();
  await page.waitForURL(/\/analytics\/below-norm$/);
  await page.getByTestId('below-norm-summary').waitFor();
  await page.goBack();
  await page.getByTestId('retention-card').getByRole('link').click();
  await page.waitForURL(/\/analytics\/retention$/);
  await page.getByTestId('retention-table').or(page.getByTestId('retention-empty')).waitFor();
  await context.close();
  assert.deepEqual(page.errors, []);
});

test("the volunteer's home shows this year's hours against the 20-hour norm and the last service", async () => {
  const vol = await apiAs('volunteer');
  const mine = (await vol.get('/volunteers?person_id=' + vol.user.person_id)).items;
  const v = mine.find((x) => x.stage === 'registered') || mine[0];
  const { context, page } = await newPage(browser);
  await login(page, 'volunteer');
  await page.waitForURL(/\/my$/);
  const text = page.getByTestId('norm-text');
  await text.waitFor();
  // read after the page: another test may add hours meanwhile
  await checkNorm(page, await vol.get(`/volunteers/${v.id}/hours`));
  await shot(page, 'analytics-volunteer-home');
  await context.close();
  assert.deepEqual(page.errors, []);
});

test('an inactive volunteer is tagged 不活跃 on the pipeline and reactivated there', async () => {
  const admin = await apiAs('admin');
  // a registered volunteer of the last team, which no other test uses
  const teams = (await admin.get('/orgs?limit=200&kind=volunteer_team')).items.filter((o) => o.kind === 'volunteer_team');
  const team = teams[teams.length - 1];
  const vols = (await admin.get(`/volunteers?limit=200&org_id=${team.id}`)).items;
  let v = vols.find((x) => x.stage === 'inactive');
  if (!v) {
    v = vols.filter((x) => x.stage === 'registered').pop();
    await admin.post(`/volunteers/${v.id}/stage`, { to: 'inactive', note: '测试：长期未服务' });
  }
  const { context, page } = await newPage(browser);
  await login(page, 'admin');
  await page.waitForURL(/\/dashboard$/);
  await page.goto('/pipeline?org_id=' + team.id);
  const item = page.getByTestId('inactive-list').locator(`[data-volunteer="${v.id}"]`);
  await item.waitFor();
  assert.match(await item.innerText(), /不活跃/);
  await shot(page, 'analytics-inactive');
  await item.getByRole('button', { name: '重新激活' }).click();
  await item.waitFor({ state: 'detached' });
  assert.equal((await admin.get('/volunteers/' + v.id)).stage, 'registered');
  const stages = (await admin.get(`/volunteers/${v.id}/stages`)).items;
  assert.equal(stages[stages.length - 1].to, 'registered');
  await context.close();
  assert.deepEqual(page.errors, []);
});
