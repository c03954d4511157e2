// cal.test.mjs - the calendars in Debian's chromium against the real server
// with the demo city: the `sw` social worker opens their clients, one with a
// plan, and finds its generated visits on the calendar (a phone: the day
// list); the station's admin finds the demo shifts of next week on the
// organisers' calendar (a desktop: the month table) and moves a month on and
// back, and by week.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { apiAs, launch, login, navTo, newPage, shot } from './lib.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const DESKTOP = { viewport: { width: 1100, height: 900 } };
/** The China date of an ISO time. */
const dayOf = (iso) => new Date(Date.parse(iso) + 8 * 3600e3).toISOString().slice(0, 10);
const today = () => dayOf(new Date().toISOString());

test('a social worker opens a client with a plan and sees its visits on the calendar', async () => {
  const sw = await apiAs('sw');
  const clients = (await sw.get('/clients?limit=200')).items;
  assert.equal(clients.length, 9);
  const plan = (await sw.get('/plans?limit=200')).items.find((p) => p.status === 'active' && p.tasks[0].recurrence === 'weekly');
  const client = clients.find((c) => c.id === plan.client_id);
  const visits = (await sw.get(`/shifts?activity_id=${plan.activity_id}&limit=200`)).items;
  // the visits within the month shown (today's)
  const month = today().slice(0, 7);
  const thisMonth = visits.filter((s) => dayOf(s.starts_at).slice(0, 7) === month);
  const nextMonth = visits.filter((s) => dayOf(s.starts_at).slice(0, 7) > month).sort((a, b) => a.id - b.id);

  const { context, page } = await newPage(browser);
  await login(page, 'sw');
  await page.waitForURL(/\/dashboard$/);
  await page.goto('/clients');
  await page.getByRole('heading', { name: '我的个案' }).waitFor();
  assert.equal(await page.getByTestId('clients').locator('li').count(), 9);
  await shot(page, 'cal-clients');
  await page.getByRole('link', { name: client.person_name }).click();
  await page.getByRole('heading', { name: client.person_name, level: 1 }).waitFor();
  await page.getByTestId('plans').getByText(plan.title).waitFor();
  const cal = page.getByTestId('visits-calendar');
  await cal.locator('[role="status"]').getByText(/共 \d+ 项安排|这段时间没有安排/).waitFor();
  // a phone shows the day list, each visit linking to its shift
  assert.equal(await page.getByTestId('visits-calendar-list').count(), 1);
  for (const s of thisMonth) assert.equal(await cal.locator(`a[href="/shift?id=${s.id}"]`).count(), 1, `visit ${s.id}`);
  const w = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(w <= 360, `the client page is ${w} px wide on a 360 px screen`);
  await shot(page, 'cal-client-visits');
  // the next month has the following visits
  await cal.getByRole('button', { name: '下一月' }).click();
  const first = nextMonth[0];
  await cal.locator(`a[href="/shift?id=${first.id}"]`).waitFor();
  assert.match(page.url(), /date=\d{4}-\d{2}-\d{2}/);
  await cal.locator(`a[href="/shift?id=${first.id}"]`).click();
  await page.waitForURL(new RegExp(`/shift\\?id=${first.id}$`));
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('an organiser sees the demo shifts of next week on the calendar; next and previous month work', async () => {
  const station = await apiAs('station');
  const org = station.user.roles[0].org_id;
  const demo = (await station.get(`/activities?org_id=${org}&limit=200`)).items.filter((a) => ['敬老院日常探访', '社区重阳节游园会', '禁毒宣传进社区'].includes(a.title));
  assert.equal(demo.length, 3);
  const shifts = [];
  for (const a of demo) shifts.push(...(await station.get(`/shifts?activity_id=${a.id}`)).items);
  const day = dayOf(shifts[0].starts_at);

  const { context, page } = await newPage(browser, DESKTOP);
  await login(page, 'station');
  await page.waitForURL(/\/dashboard$/);
  await navTo(page, '日程');
  await page.getByRole('heading', { name: '活动日程' }).waitFor();
  const cal = page.getByTestId('org-calendar');
  await cal.locator('[role="status"]').getByText(/共 \d+ 项安排/).waitFor();
  // the shifts may fall in the next month
  if (day.slice(0, 7) !== today().slice(0, 7)) await cal.getByRole('button', { name: '下一月' }).click();
  const grid = page.getByTestId('org-calendar-grid');
  await grid.waitFor();
  assert.equal(await grid.locator('thead th[scope="col"]').count(), 7);
  for (const s of shifts) {
    const link = grid.locator(`td[data-day="${dayOf(s.starts_at)}"] a[href="/shift?id=${s.id}"]`);
    await link.waitFor();
  }
  await grid.getByRole('link', { name: /敬老院日常探访/ }).first().waitFor();
  await shot(page, 'cal-org-month');
  // next month, then back
  const period = await page.getByTestId('org-calendar-period').innerText();
  await cal.getByRole('button', { name: '下一月' }).click();
  await page.waitForFunction((p) => document.querySelector('[data-testid="org-calendar-period"]').innerText !== p, period);
  await cal.locator('[role="status"]').getByText(/共 \d+ 项安排|这段时间没有安排/).waitFor();
  assert.equal(await grid.locator(`a[href="/shift?id=${shifts[0].id}"]`).count(), 0);
  await cal.getByRole('button', { name: '上一月' }).click();
  await grid.locator(`a[href="/shift?id=${shifts[0].id}"]`).waitFor();
  assert.equal(await page.getByTestId('org-calendar-period').innerText(), period);
  // the week view of that day, by the URL the calendar keeps
  await page.goto(`/calendar?view=week&date=${day}`);
  await page.getByTestId('org-calendar-grid').locator(`a[href="/shift?id=${shifts[0].id}"]`).waitFor();
  assert.equal(await page.getByTestId('org-calendar-grid').locator('tbody td').count(), 7);
  assert.equal(await cal.getByRole('button', { name: '周', exact: true }).getAttribute('aria-pressed'), 'true');
  await cal.getByRole('button', { name: '下一周' }).click();
  await cal.getByRole('button', { name: '上一周' }).click();
  await page.getByTestId('org-calendar-grid').locator(`a[href="/shift?id=${shifts[0].id}"]`).waitFor();
  await shot(page, 'cal-org-week');
  // a shift opens its sign-ups page
  await page.getByTestId('org-calendar-grid').locator(`a[href="/shift?id=${shifts[0].id}"]`).click();
  await page.waitForURL(new RegExp(`/shift\\?id=${shifts[0].id}$`));
  assert.deepEqual(page.errors, []);
  await context.close();
});
