// misc.test.mjs - the social workers list and a masked profile, an
// organiser adding a position to an activity (refused with an empty title,
// the error next to the field, then saved and listed), and the needs'
// response times as a chart and a table; Debian's chromium on a desktop
// viewport against the real server with the demo city.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { apiAs, launch, login, navTo, newPage, shot } from './lib.mjs';

const DESKTOP = { viewport: { width: 1280, height: 900 } };
let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test('staff see the social workers of their scope, filter them and open a masked profile', async () => {
  const admin = await apiAs('station');
  const all = (await admin.get('/social-workers?limit=100')).items;
  assert.ok(all.length >= 2, 'the station has social workers');
  const { context, page } = await newPage(browser, DESKTOP);
  await login(page, 'station');
  await page.waitForURL(/\/dashboard$/);
  await navTo(page, '社工', { exact: true });
  await page.waitForURL(/\/social-workers$/);
  const rows = page.locator('[data-testid="sw-list"] tbody tr');
  await rows.first().waitFor();
  assert.equal(await rows.count(), all.length);
  // names come from /people, qualifications are translated
  const first = all[0];
  const person = await admin.get('/people/' + first.person_id);
  const row = page.locator(`tr[data-sw="${first.id}"]`);
  assert.match(await row.textContent(), new RegExp(person.name));
  assert.match(await row.textContent(), /未取得资格|助理社会工作师|社会工作师|高级社会工作师/);

  // filter by a qualification the scope has
  const qual = first.qualification;
  await page.getByLabel('资格').selectOption(qual);
  await page.waitForURL(new RegExp('qualification=' + qual));
  await page.locator(`[data-testid="sw-list"] tr[data-sw="${first.id}"]`).waitFor();
  const quals = await page.locator('[data-testid="sw-list"] tbody tr').evaluateAll((trs) => trs.map((tr) => tr.dataset.qualification));
  assert.ok(quals.length >= 1 && quals.every((q) => q === qual), `only ${qual}: ${quals}`);

  // the profile: ID number and phone masked on screen
  await page.locator(`tr[data-sw="${first.id}"] a`).click();
  await page.waitForURL(/[?&]id=\d+/);
  const profile = page.getByTestId('sw-profile');
  await profile.getByRole('heading', { name: person.name }).waitFor();
  const id = (await page.getByTestId('sw-id-number').textContent()).trim();
  assert.match(id, /^\d{6}\*+[\dX]{4}$|^—$/, `masked ID: ${id}`);
  const phone = (await page.getByTestId('sw-phone').textContent()).trim();
  assert.match(phone, /^\d{3}\*{4}\d{4}$|^—$/, `masked phone: ${phone}`);
  await shot(page, 'misc-social-workers');
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('an organiser adds a position to an activity: an empty title is refused next to the field, then it is saved and listed', async () => {
  const sw = await apiAs('sw');
  const { context, page } = await newPage(browser, DESKTOP);
  await login(page, 'sw');
  await page.waitForURL(/\/dashboard$/);
  await navTo(page, '岗位', { exact: true });
  await page.waitForURL(/\/positions$/);
  const select = page.getByLabel('活动', { exact: true });
  await select.waitFor();
  const value = await select.locator('option:not([value=""])').first().getAttribute('value');
  await select.selectOption(value);
  await page.waitForURL(new RegExp('activity_id=' + value));
  const before = (await sw.get('/positions?activity_id=' + value)).items;
  if (before.length) await page.locator(`[data-position="${before[0].id}"]`).waitFor();
  else await page.getByText('这个活动还没有岗位。').waitFor();

  const form = page.getByTestId('position-form');
  await form.getByLabel('岗位名称').fill('   ');
  await form.getByRole('button', { name: '保存岗位' }).click();
  const err = form.locator('.error[data-field="title"]');
  await err.waitFor();
  assert.match(await err.textContent(), /请填写/);
  assert.equal(await form.getByLabel('岗位名称').getAttribute('aria-invalid'), 'true');
  assert.equal((await sw.get('/positions?activity_id=' + value)).items.length, before.length, 'nothing saved');

  const title = '测试岗位 ' + Date.now();
  await form.getByLabel('岗位名称').fill(title);
  await form.getByLabel('人数').fill('3');
  await form.getByLabel('所需技能').fill('急救、沟通');
  await form.getByLabel(/有风险的岗位/).check();
  await form.getByRole('button', { name: '保存岗位' }).click();
  await page.getByRole('status').filter({ hasText: title }).waitFor();
  const made = (await sw.get('/positions?activity_id=' + value)).items.find((p) => p.title === title);
  assert.ok(made, 'the position is saved');
  assert.equal(made.headcount, 3);
  assert.deepEqual(made.required_skills, ['急救', '沟通']);
  assert.ok(made.risky);
  const item = page.locator(`[data-position="${made.id}"]`);
  await item.waitFor();
  assert.match(await item.textContent(), /需要 3 人/);
  assert.equal(await form.locator('.error').count(), 0);
  await shot(page, 'misc-positions');
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('the response-times page draws its chart and table', async () => {
  const { context, page } = await newPage(browser, DESKTOP);
  await login(page, 'station');
  await page.waitForURL(/\/dashboard$/);
  await page.goto('/response-times');
  const chart = page.getByTestId('rt-chart');
  await chart.waitFor();
  assert.ok((await chart.locator('svg rect').count()) >= 1, 'at least one bar');
  const rows = page.locator('[data-testid="rt-table"] tbody tr');
  assert.equal(await rows.count(), 10, 'one row per legal move');
  assert.match(await page.locator('[data-testid="rt-table"] tr[data-move="new-triaged"]').textContent(), /新提交 → 已分派/);
  assert.match(await page.getByTestId('rt-scope').textContent(), /地区：/);
  await shot(page, 'misc-response-times');
  // the English switch translates it
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('heading', { name: 'Need response times' }).waitFor();
  assert.match(await page.locator('[data-testid="rt-table"] tr[data-move="new-triaged"]').textContent(), /New → Triaged/);
  await page.getByRole('button', { name: '中文' }).click();
  await page.getByRole('heading', { name: '需求响应时长' }).waitFor();
  assert.deepEqual(page.errors, []);
  await context.close();
});
