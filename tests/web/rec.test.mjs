// rec.test.mjs - records that hold up (issue 12): a volunteer sees their
// records with status and flags on a phone, asks for a correction (an empty
// reason refused next to the field) and sees an award recorded for them; a
// social worker verifies a flagged record, an extension refused without a
// reason, then resolves the correction by voiding and recording again; the
// volunteer sees the answer.
// Debian's chromium against the real server with the demo city.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { apiAs, fromNow, launch, login, navTo, newPage, shot } from './lib.mjs';

const DESKTOP = { viewport: { width: 1280, height: 900 } };
let browser, record, correction;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test('a volunteer sees a record with its status and flags, asks for a correction and sees an award', async () => {
  const station = await apiAs('station');
  const vol = await apiAs('volunteer');
  const me = (await vol.get('/volunteers?person_id=' + vol.user.person_id)).items[0];
  const stationOrg = station.user.roles.find((r) => r.role === 'org_admin').org_id;
  record = await station.post('/service-records', {
    volunteer_id: me.id, org_id: stationOrg, content: '助老送餐 ' + Date.now(), place: '幸福社区',
    starts_at: fromNow(-2 * 86400), ends_at: fromNow(-2 * 86400 + 3 * 3600), hours: 2, person_in_charge: '李主任',
  });
  assert.equal(record.manual, true);

  const { context, page } = await newPage(browser);
  await login(page, 'volunteer');
  await page.waitForURL(/\/my$/);
  await page.goto('/my/records');
  const li = page.locator(`[data-testid="my-records"] [data-record="${record.id}"]`);
  await li.getByText(record.content).waitFor();
  assert.equal((await li.getByTestId('status-' + record.id).textContent()).trim(), '待审核');
  await li.locator('[data-flag="manual"]').getByText('手工录入').waitFor();
  await li.getByText('负责人：李主任').waitFor();

  await li.getByRole('button', { name: '申请更正' }).click();
  const form = li.getByTestId('ask-form');
  await form.getByRole('button', { name: '提交申请' }).click();
  await form.locator('.error[data-field="reason"]').getByText(/请填写此项/).waitFor();
  assert.equal((await vol.get(`/service-records/${record.id}/corrections`)).items.length, 0);
  await form.getByLabel('更正原因').fill('实际服务了3小时');
  await form.getByRole('button', { name: '提交申请' }).click();
  await li.getByText('已申请更正，等待处理').waitFor();
  const items = (await vol.get(`/service-records/${record.id}/corrections`)).items;
  assert.equal(items.length, 1);
  correction = items[0];
  await page.getByTestId('correction-status-' + correction.id).getByText('待处理').waitFor();
  // an award recorded for them is listed with their records (Art. 4-5)
  const admin = await apiAs('admin');
  const honor = await admin.post('/volunteer-honors', {
    volunteer_id: me.id, kind: 'award', title: '优秀志愿者 ' + Date.now(), level: '区级', issuer: '荆州区民政局', awarded_on: '2026-03-05',
  });
  await page.reload();
  await page.locator(`[data-testid="my-honors"] [data-honor="${honor.id}"]`).getByText(honor.title).waitFor();
  await page.locator(`[data-honor="${honor.id}"]`).getByText('奖励 · 区级 · 荆州区民政局 · 2026-03-05').waitFor();
  await shot(page, 'rec-my-records');
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('a social worker verifies a flagged record, extending it only with a reason, and resolves the correction', async () => {
  assert.ok(record && correction, 'the first test made the record and its correction');
  const sw = await apiAs('sw');
  const { context, page } = await newPage(browser, DESKTOP);
  await login(page, 'sw');
  await page.waitForURL(/\/dashboard$/);
  await navTo(page, '审核服务记录', { exact: true });
  await page.waitForURL(/\/records\/verify$/);
  const li = page.locator(`[data-testid="to-verify"] [data-record="${record.id}"]`);
  await li.locator('[data-flag="manual"]').getByText('手工录入').waitFor();
  await li.getByRole('button', { name: '审核' }).click();
  const form = li.getByTestId('verify-form');
  await form.getByLabel('核定时长（小时，可选）').fill('3');
  await form.getByRole('button', { name: '确认审核' }).click();
  await form.locator('.error[data-field="reason"]').waitFor();
  assert.equal((await sw.get('/service-records/' + record.id)).status, 'recorded');
  await form.getByLabel('延长原因').fill('签退晚录，现场确认服务3小时');
  await form.getByLabel('服务质量评价（可选）').fill('服务认真');
  await form.getByRole('button', { name: '确认审核' }).click();
  await li.waitFor({ state: 'detached' });
  const verified = await sw.get('/service-records/' + record.id);
  assert.equal(verified.status, 'verified');
  assert.equal(verified.extended, true);
  assert.equal(verified.hours, 3);
  await shot(page, 'rec-verify');

  await navTo(page, '更正申请', { exact: true });
  await page.waitForURL(/\/records\/corrections$/);
  const c = page.locator(`[data-testid="open-corrections"] [data-correction="${correction.id}"]`);
  await c.getByText('实际服务了3小时').waitFor();
  await c.getByRole('button', { name: '作废并重新记录' }).click();
  const rf = c.getByTestId('resolve-form');
  await rf.getByLabel('新的服务时长（小时，可选）').fill('99');
  await rf.getByRole('button', { name: '作废并重新记录' }).click();
  await rf.locator('.error[data-field="hours"]').waitFor();
  assert.equal((await sw.get('/corrections/' + correction.id)).status, 'open');
  await rf.getByLabel('新的服务时长（小时，可选）').fill('3');
  await rf.getByLabel('给志愿者的说明（可选）').fill('已按签到记录更正为3小时');
  await rf.getByRole('button', { name: '作废并重新记录' }).click();
  await c.waitFor({ state: 'detached' });
  const done = await sw.get('/corrections/' + correction.id);
  assert.equal(done.status, 'done');
  const fresh = await sw.get('/service-records/' + done.new_record_id);
  assert.equal(fresh.replaces_id, record.id);
  assert.equal((await sw.get('/service-records/' + record.id)).status, 'voided');
  await shot(page, 'rec-corrections');
  assert.deepEqual(page.errors, []);
  await context.close();

  // the volunteer sees the answer
  const v = await newPage(browser);
  await login(v.page, 'volunteer');
  await v.page.waitForURL(/\/my$/);
  await v.page.goto('/my/records');
  await v.page.getByTestId('correction-status-' + correction.id).getByText('已更正').waitFor();
  await v.page.getByTestId('correction-answer-' + correction.id).getByText(/已按签到记录更正为3小时/).waitFor();
  await v.page.locator(`[data-record="${record.id}"]`).getByText('已作废').waitFor();
  await v.page.locator(`[data-record="${done.new_record_id}"]`).getByText('待审核').waitFor();
  await shot(v.page, 'rec-answer');
  assert.deepEqual(v.page.errors, []);
  await v.context.close();
});
