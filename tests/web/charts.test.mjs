// charts.test.mjs - the hand-drawn SVG charts (issue 18) on the staff
// dashboard of the demo city, on a phone (360x740) and a desktop
// (1440x900): each chart fills its card (its SVG at least 90% of the card's
// content width, no small chart in a wide card), its text stays at a
// readable size and its labels do not overlap; the SVG is an image with a
// label, and its table view holds the same figures as GET /stats/overview.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { PHONE, apiAs, launch, login, newPage, shot } from './lib.mjs';

const DESKTOP = { viewport: { width: 1440, height: 900 } };
const CHARTS = ['chart-months', 'chart-funnel', 'chart-ratio', 'chart-needs'];
let browser, stats;

before(async () => {
  browser = await launch();
  stats = await (await apiAs('admin')).get('/stats/overview');
});
after(async () => {
  await browser?.close();
});

/** Per chart: the SVG's width, its card's content width, its role and
 * label, the smallest font, and any two labels whose boxes overlap. */
function measure(testid) {
  const fig = document.querySelector(`[data-testid="${testid}"]`);
  const svg = fig.querySelector('svg');
  const card = fig.closest('.card');
  const cs = getComputedStyle(card);
  const content = card.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
  const boxes = [...svg.querySelectorAll('text')].map((t) => ({ s: t.textContent, r: t.getBoundingClientRect(), fs: parseFloat(getComputedStyle(t).fontSize) }));
  const overlaps = [];
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i].r, b = boxes[j].r;
      if (a.width && b.width && a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1) overlaps.push(`${boxes[i].s} / ${boxes[j].s}`);
    }
  return {
    svg: svg.getBoundingClientRect().width,
    content,
    role: svg.getAttribute('role'),
    label: svg.getAttribute('aria-label'),
    minFont: Math.min(...boxes.map((b) => b.fs)),
    overlaps,
  };
}

/** The rows of a chart's table view (opened), as arrays of cell texts. */
async function tableRows(page, testid) {
  const details = page.getByTestId(testid + '-table');
  await details.locator('summary').click();
  await details.locator('table').waitFor();
  return details.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent.trim())));
}

const num = (s) => Number(String(s).replace(/[^\d.]/g, ''));

for (const [name, opts] of [
  ['phone', PHONE],
  ['desktop', DESKTOP],
]) {
  test(`${name}: the dashboard's charts fill their cards, readable, with a table of the API's figures`, async () => {
    const { context, page } = await newPage(browser, opts);
    await login(page, 'admin');
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    await page.goto('/dashboard');
    await page.getByTestId('chart-months').locator('svg').waitFor();
    for (const id of CHARTS) {
      const m = await page.evaluate(measure, id);
      assert.ok(m.svg >= 0.9 * m.content, `${name} ${id}: the chart is ${m.svg} px in a card ${m.content} px wide`);
      assert.ok(m.content > (name === 'desktop' ? 600 : 250), `${name} ${id}: card ${m.content} px`);
      assert.equal(m.role, 'img', id);
      assert.ok(m.label && m.label.length > 2, `${id} has a label`);
      assert.ok(m.minFont >= 10, `${name} ${id}: text at ${m.minFont} px`);
      assert.deepEqual(m.overlaps, [], `${name} ${id}: overlapping labels`);
    }
    const sw = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(sw <= opts.viewport.width, `the page is ${sw} px wide on a ${opts.viewport.width} px screen`);
    await shot(page, `charts-dashboard-${name}`);

    // hours by month: a row a month, the API's hours
    const months = await tableRows(page, 'chart-months');
    assert.equal(months.length, stats.hours_by_month.length);
    stats.hours_by_month.forEach((m, i) => {
      assert.equal(months[i][0], m.month);
      assert.ok(Math.abs(num(months[i][1]) - m.hours) < 0.051, `${m.month}: ${months[i][1]} for ${m.hours}`);
    });
    // needs by status: the API's counts, in the chart's order
    const needs = await tableRows(page, 'chart-needs');
    assert.equal(needs.length, stats.needs_by_status.length);
    assert.deepEqual(needs.map((r) => num(r[1])).sort((a, b) => a - b), stats.needs_by_status.map((n) => n.count).sort((a, b) => a - b));
    // the funnel: per stage, how many reached it (at it or further) and how many are at it
    const PIPELINE = ['applied', 'trial', 'initial_training', 'selection', 'interview', 'skills_training', 'registered'];
    const at = (k) => (stats.volunteers_by_stage.find((s) => s.key === k) || { count: 0 }).count;
    const funnel = await tableRows(page, 'chart-funnel');
    assert.deepEqual(
      funnel.map((r) => r[1]),
      PIPELINE.map((k, i) => `${PIPELINE.slice(i).reduce((n, x) => n + at(x), 0)}（当前 ${at(k)}）`),
    );
    // districts: a row each, registered volunteers per social worker
    const districts = await tableRows(page, 'chart-ratio');
    assert.deepEqual(districts.map((r) => r[0]), stats.by_district.map((d) => d.name));
    stats.by_district.forEach((d, i) => {
      if (!d.social_workers) return assert.equal(districts[i][1], '暂无社工');
      assert.ok(Math.abs(num(districts[i][1].split(':')[1]) - d.volunteers_registered / d.social_workers) < 0.051, `${d.name}: ${districts[i][1]}`);
    });
    await page.getByTestId('chart-months-table').scrollIntoViewIfNeeded();
    await shot(page, `charts-dashboard-${name}-table`);
    assert.deepEqual(page.errors, []);
    await context.close();
  });
}

test("the volunteer's hours by year fill the card at both widths, the table the API's hours", async () => {
  const vol = await apiAs('volunteer');
  const me = (await vol.get('/volunteers?person_id=' + vol.user.person_id)).items.find((v) => v.stage === 'registered');
  const hours = await vol.get(`/volunteers/${me.id}/hours`);
  const years = [...hours.by_year].sort((a, b) => a.year - b.year).slice(-5);
  for (const [name, opts] of [
    ['phone', PHONE],
    ['desktop', DESKTOP],
  ]) {
    const { context, page } = await newPage(browser, opts);
    await login(page, 'volunteer');
    await page.waitForURL(/\/my$/);
    if (!years.length) {
      assert.equal(await page.getByTestId('chart-years').count(), 0);
      await context.close();
      continue;
    }
    await page.getByTestId('chart-years').locator('svg').waitFor();
    const m = await page.evaluate(measure, 'chart-years');
    assert.ok(m.svg >= 0.9 * m.content, `${name}: the chart is ${m.svg} px in a card ${m.content} px wide`);
    assert.deepEqual(m.overlaps, []);
    const rows = await tableRows(page, 'chart-years');
    assert.deepEqual(rows.map((r) => r[0]), years.map((y) => String(y.year)));
    years.forEach((y, i) => assert.ok(Math.abs(num(rows[i][1]) - y.hours) < 0.051, `${y.year}: ${rows[i][1]} for ${y.hours}`));
    await shot(page, `charts-volunteer-years-${name}`);
    assert.deepEqual(page.errors, []);
    await context.close();
  }
});

test('the response-times chart fills its card on a desktop', async () => {
  const { context, page } = await newPage(browser, DESKTOP);
  await login(page, 'admin');
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  await page.goto('/response-times');
  const chart = page.getByTestId('rt-chart');
  await chart.locator('svg').waitFor();
  const m = await page.evaluate(measure, 'rt-chart');
  assert.ok(m.svg >= 0.9 * m.content, `the chart is ${m.svg} px in a card ${m.content} px wide`);
  assert.ok(m.content > 600);
  assert.deepEqual(m.overlaps, []);
  await shot(page, 'charts-response-times-desktop');
  assert.deepEqual(page.errors, []);
  await context.close();
});
