// pii.test.mjs - personal data on a need-to-know basis (issue 13) in Debian's
// chromium against the real server with the demo city: a person's page shows
// the ID number and phone masked and the birth year only, and 查看完整信息
// shows values in full after a reason (audited; a social worker asking for
// the ID number is refused on the form); 我的数据 lists the user's own data
// and downloads it as a JSON file; 修改密码 changes one's own password with
// the API's errors next to the fields.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { BASE, PASSWORD, apiAs, launch, login, newPage, shot } from './lib.mjs';

const DESKTOP = { viewport: { width: 1280, height: 900 } };
let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** A person the station admin reads, with an ID number and a phone. */
async function someoneWithIds(station) {
  const page = await station.get('/people?limit=200');
  const p = page.items.find((x) => x.id_number && x.phone && x.birth_year);
  assert.ok(p, 'the station has a person with an ID number and a phone');
  return p;
}

test('a person page shows masked values and 查看完整信息 reveals them with a reason, audited', async () => {
  const station = await apiAs('station');
  const admin = await apiAs('admin');
  const p = await someoneWithIds(station);
  const { context, page } = await newPage(browser, DESKTOP);
  await login(page, 'station');
  await page.waitForURL(/\/dashboard$/);
  await page.goto('/people?id=' + p.id);
  const profile = page.getByTestId('profile');
  await profile.waitFor();
  assert.match(await page.getByTestId('id-number').textContent(), /^\d{6}\*{8}[\dX]{4}$/);
  assert.equal((await page.getByTestId('birth').textContent()).trim(), String(p.birth_year));
  await profile.getByText('出生年份').waitFor();
  const before = await profile.textContent();
  assert.ok(!/\d{4}-\d{2}-\d{2}|\d{4}年\d{1,2}月\d{1,2}日|\d{4}\/\d{1,2}\/\d{1,2}/.test(before), 'no birth date on the page: ' + before);
  assert.ok(!before.includes('出生日期'), 'no 出生日期 before the reveal');

  await page.getByTestId('reveal-open').click();
  const form = page.getByTestId('reveal-form');
  await form.getByLabel('身份证号').check();
  await form.getByLabel('出生日期').check();
  await form.getByRole('button', { name: '查看' }).click();
  await form.locator('[data-field="reason"]').waitFor(); // a reason is required
  const reason = '浏览器测试：核实身份 ' + Date.now();
  await form.getByLabel('查看原因').fill(reason);
  await form.getByRole('button', { name: '查看' }).click();
  const shown = page.getByTestId('reveal-values');
  await shown.waitFor();
  assert.match(await shown.locator('[data-field="id_number"]').textContent(), /^\d{17}[\dX]$/);
  assert.match(await shown.locator('[data-field="phone"]').textContent(), /^1\d{10}$/);
  assert.match(await shown.locator('[data-field="birth_date"]').textContent(), /\d{4}/);
  await shown.getByText('本次查看已记入审计日志').waitFor();
  await shot(page, 'pii-reveal');

  const audit = await admin.get(`/audit?entity=people&entity_id=${p.id}&limit=200`);
  const entry = audit.items.find((a) => a.action === 'reveal' && a.after && a.after.reason === reason);
  assert.ok(entry, 'the reveal is in the audit log with its reason');
  assert.deepEqual(entry.after.fields, ['id_number', 'phone', 'birth_date']);
  assert.ok(!JSON.stringify(entry).includes(await shown.locator('[data-field="phone"]').textContent()), 'no value in the log');
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('a social worker asking for an ID number in full is refused on the form', async () => {
  const sw = await apiAs('sw');
  const p = await someoneWithIds(sw);
  const { context, page } = await newPage(browser, DESKTOP);
  await login(page, 'sw');
  await page.waitForURL(/\/dashboard$/);
  await page.goto('/people?id=' + p.id);
  await page.getByTestId('reveal-open').click();
  const form = page.getByTestId('reveal-form');
  await form.getByLabel('身份证号').check();
  await form.getByLabel('查看原因').fill('浏览器测试');
  await form.getByRole('button', { name: '查看' }).click();
  const err = form.locator('[data-field="fields"]');
  await err.waitFor();
  assert.match(await err.textContent(), /无权查看/);
  assert.equal(await page.getByTestId('reveal-values').count(), 0);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('a regional admin sees the masked profile without 查看完整信息 (it may reveal nothing)', async () => {
  const region = await apiAs('region');
  const p = await someoneWithIds(region);
  const { context, page } = await newPage(browser, DESKTOP);
  await login(page, 'region');
  await page.waitForURL(/\/dashboard$/);
  await page.goto('/people?id=' + p.id);
  await page.getByTestId('profile').waitFor();
  assert.match(await page.getByTestId('id-number').textContent(), /^\d{6}\*{8}[\dX]{4}$/);
  assert.equal(await page.getByTestId('reveal-open').count(), 0);
  await assert.rejects(region.post(`/people/${p.id}/reveal`, { fields: ['phone'], reason: '浏览器测试' }), / 403 /);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('我的数据: a volunteer sees its own data by section and downloads it', async () => {
  const { context, page } = await newPage(browser, { ...DESKTOP, acceptDownloads: true });
  await login(page, 'volunteer');
  await page.waitForURL(/\/my$/);
  await page.goto('/account');
  await page.getByTestId('my-data-link').click();
  await page.waitForURL(/\/account\/data$/);
  await page.getByRole('heading', { name: '我的数据' }).waitFor();
  const person = page.locator('[data-section="person"]');
  await person.waitFor();
  // its own ID number in full
  assert.match(await person.textContent(), /\d{17}[\dX]/);
  for (const s of ['volunteers', 'service_records', 'audit', 'sessions'])
    await page.locator(`[data-section="${s}"]`).waitFor();
  assert.match(await page.getByTestId('count-volunteers').textContent(), /^[1-9]\d* 条$/);
  assert.match(await page.getByTestId('count-sessions').textContent(), /^[1-9]\d* 条$/);
  await page.locator('[data-section="sessions"]').getByText('当前会话').waitFor();
  await shot(page, 'pii-mydata');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download').click()]);
  assert.match(download.suggestedFilename(), /^liandong-my-data-volunteer-\d{4}-\d{2}-\d{2}\.json$/);
  const doc = JSON.parse(await readFile(await download.path(), 'utf8'));
  assert.equal(doc.user.username, 'volunteer');
  assert.ok(doc.person && doc.volunteers.items.length > 0);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('修改密码: errors by field, then the new password signs in', async () => {
  const admin = await apiAs('admin');
  const username = 'pw.web.' + Date.now();
  await admin.post('/users', { username, password: PASSWORD, roles: [{ role: 'donor' }] });
  const { context, page } = await newPage(browser, DESKTOP);
  await login(page, username);
  await page.waitForURL(/\/account$/);
  await page.getByTestId('password-link').click();
  await page.waitForURL(/\/account\/password$/);
  const form = page.getByTestId('password-form');
  const fill = async (cur, nw, again) => {
    await form.getByLabel('当前密码').fill(cur);
    await form.getByLabel('新密码', { exact: true }).fill(nw);
    await form.getByLabel('再次输入新密码').fill(again);
    await form.getByRole('button', { name: '确认修改' }).click();
  };
  await fill(PASSWORD, 'river-lamp-73', 'river-lamp-74');
  await form.locator('[data-field="confirm"]').waitFor();
  await fill('not-my-password', 'river-lamp-73', 'river-lamp-73');
  await form.locator('[data-field="current_password"]').getByText('当前密码不正确').waitFor();
  await fill(PASSWORD, '12345678', '12345678');
  await form.locator('[data-field="new_password"]').waitFor();
  await fill(PASSWORD, 'river-lamp-73', 'river-lamp-73');
  await page.getByTestId('password-done').waitFor();
  await shot(page, 'pii-password');
  const signIn = (password) =>
    fetch(BASE + '/api/v1/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username, password }),
    }).then((r) => r.status);
  assert.equal(await signIn('river-lamp-73'), 200);
  assert.equal(await signIn(PASSWORD), 401);
  assert.deepEqual(page.errors, []);
  await context.close();
});
