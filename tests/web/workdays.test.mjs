// workdays.test.mjs - working days as China counts them, in Debian's
// chromium against the real server with the demo city: the station's admin
// finds a record left unverified for two months on the overdue list, and
// the platform admin reads the shipped State Council holidays, adds a day
// (refused without a name, the error next to the field), changes it to a
// make-up working day and deletes it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { apiAs, cst, launch, login, navTo, newPage, shot } from './lib.mjs';

const DESKTOP = { viewport: { width: 1280, height: 900 } };
let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test('staff see a record left unverified past its due date on the overdue list', async () => {
  const station = await apiAs('station');
  const vol = (await station.get('/volunteers?limit=1')).items[0];
  const rec = await station.post('/service-records', {
    volunteer_id: vol.id,
    content: '逾期测试：入户探访',
    starts_at: cst(-60, 9),
    ends_at: cst(-60, 11),
    person_in_charge: '李社工',
  });
  assert.equal(rec.status, 'recorded');
  assert.equal(rec.late, true);
  const listed = (await station.get('/service-records/overdue?limit=200')).items;
  const mine = listed.find((it) => it.id === rec.id);
  assert.ok(mine, 'the API lists the record');
  assert.equal(mine.state, 'overdue');

  const { context, page } = await newPage(browser, DESKTOP);
  await login(page, 'station');
  await page.waitForURL(/\/dashboard$/);
  await navTo(page, '逾期记录', { exact: true });
  await page.waitForURL(/\/overdue$/);
  const row = page.locator(`[data-testid="overdue-list"] tr[data-record="${rec.id}"]`);
  await row.waitFor();
  assert.equal(await row.getAttribute('data-state'), 'overdue');
  const text = await row.textContent();
  assert.match(text, /已逾期/);
  assert.match(text, /逾期测试：入户探访/);
  // soonest due first, as the API answers
  const ids = await page.locator('[data-testid="overdue-list"] tbody tr').evaluateAll((trs) => trs.map((tr) => Number(tr.dataset.record)));
  assert.deepEqual(ids, listed.map((it) => it.id));
  assert.match(await page.getByTestId('overdue-summary').textContent(), /已逾期 \d+ 条/);
  await shot(page, 'workdays-overdue');
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('the platform admin reads the shipped holidays and adds, changes and deletes a day', async () => {
  const admin = await apiAs('admin');
  const date = '2025-12-26';
  const { context, page } = await newPage(browser, DESKTOP);
  await login(page, 'admin');
  await page.waitForURL(/\/dashboard$/);
  await navTo(page, '节假日', { exact: true });
  await page.waitForURL(/\/holidays$/);
  await page.goto('/holidays?year=2026');
  const days = page.getByTestId('cal-days');
  await days.locator('tr[data-date="2026-10-01"]').waitFor();
  assert.match(await days.locator('tr[data-date="2026-10-01"]').textContent(), /放假.*国庆节/);
  // the previous year: National Day 2025 and its make-up Saturday
  await page.getByRole('button', { name: '上一年' }).click();
  await page.waitForURL(/year=2025/);
  const sat = page.locator('[data-testid="cal-days"] tr[data-date="2025-10-11"]');
  await sat.waitFor();
  assert.equal(await sat.getAttribute('data-kind'), 'workday');
  assert.match(await sat.textContent(), /调休上班/);

  // refused without a name, the error next to the field
  const form = page.getByTestId('day-form');
  await form.getByLabel('日期').fill(date);
  await form.getByRole('button', { name: '保存' }).click();
  await form.locator('.error[data-field="name"]').waitFor();
  assert.equal((await admin.get('/calendar?year=2025')).items.some((d) => d.date === date), false);

  await form.getByLabel('名称').fill('测试假日');
  await form.getByRole('button', { name: '保存' }).click();
  const row = page.locator(`[data-testid="cal-days"] tr[data-date="${date}"]`);
  await row.waitFor();
  assert.equal(await row.getAttribute('data-kind'), 'holiday');
  let saved = (await admin.get('/calendar?year=2025')).items.find((d) => d.date === date);
  assert.deepEqual(saved, { date, kind: 'holiday', name: '测试假日' });

  // changed to a make-up working day
  await row.getByRole('button', { name: '修改' }).click();
  assert.equal(await form.getByLabel('日期').inputValue(), date);
  await form.getByLabel('类型').selectOption('workday');
  await form.getByRole('button', { name: '保存' }).click();
  await page.locator(`[data-testid="cal-days"] tr[data-date="${date}"][data-kind="workday"]`).waitFor();
  saved = (await admin.get('/calendar?year=2025')).items.find((d) => d.date === date);
  assert.equal(saved.kind, 'workday');
  await shot(page, 'workdays-holidays');

  // deleted
  page.once('dialog', (d) => d.accept());
  await page.locator(`[data-testid="cal-days"] tr[data-date="${date}"]`).getByRole('button', { name: '删除' }).click();
  await page.locator(`[data-testid="cal-days"] tr[data-date="${date}"]`).waitFor({ state: 'detached' });
  assert.equal((await admin.get('/calendar?year=2025')).items.some((d) => d.date === date), false);
  assert.deepEqual(page.errors, []);
  await context.close();
});
