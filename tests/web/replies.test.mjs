// replies.test.mjs - replies and notification settings (issue 17) in
// Debian's chromium against the real server with the demo city: a volunteer
// sets channels and quiet hours on 我的账户 (an error from the API shows next
// to its field); a call-out e-mail's answer link /r#<token> opens without
// signing in, shows the call-out without personal data, takes one answer,
// and then says the link was used. The link is read back from the queued
// e-mail in the outbox (the test's database, LD_WEB_DB), as a sender would
// send it: there is no other way to a token.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { apiAs, launch, login, newPage, shot } from './lib.mjs';

const DB = process.env.LD_WEB_DB;
const sql = (q) => execFileSync('sqlite3', ['-cmd', '.timeout 10000', DB, q], { encoding: 'utf8' }).trim();

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test('a volunteer sets channels and quiet hours on the account page', async () => {
  const vol = await apiAs('volunteer');
  const { context, page } = await newPage(browser);
  await login(page, 'volunteer');
  await page.waitForURL(/\/my$/);
  await page.goto('/account');
  const form = page.getByTestId('notify-prefs');
  await form.waitFor();
  await form.getByLabel('短信').uncheck();
  await form.getByLabel('设置免打扰时段').check();
  // the same start and end: the API refuses it, naming quiet_end
  await form.getByLabel('开始时间').fill('22:00');
  await form.getByLabel('结束时间').fill('22:00');
  await form.getByRole('button', { name: '保存设置' }).click();
  await form.locator('[data-field="quiet_end"]').waitFor();
  await form.getByLabel('结束时间').fill('07:00');
  await form.getByRole('button', { name: '保存设置' }).click();
  await page.getByTestId('notify-saved').waitFor();
  const p = await vol.get('/me/notify-prefs');
  assert.deepEqual(p.channels, ['email', 'inbox']);
  assert.equal(p.quiet_start, 22 * 60);
  assert.equal(p.quiet_end, 7 * 60);
  await shot(page, 'replies-prefs');
  // kept across a reload; back to every channel and no quiet hours
  await page.reload();
  await form.waitFor();
  assert.equal(await form.getByLabel('短信').isChecked(), false);
  assert.equal(await form.getByLabel('开始时间').inputValue(), '22:00');
  await form.getByLabel('短信').check();
  await form.getByLabel('设置免打扰时段').uncheck();
  await form.getByRole('button', { name: '保存设置' }).click();
  await page.getByTestId('notify-saved').waitFor();
  const back = await vol.get('/me/notify-prefs');
  assert.deepEqual(back.channels, ['sms', 'email', 'inbox']);
  assert.equal(back.quiet_start, null);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('the answer link of a call-out e-mail takes one answer without signing in', async () => {
  assert.ok(DB, 'LD_WEB_DB names the test database (scripts/run-web-tests.sh)');
  const sw = await apiAs('sw');
  // everyone in the demo city has an e-mail address from here on
  sql("UPDATE people SET email = 'p' || id || '@example.org' WHERE email IS NULL");
  const demo = (await sw.get('/emergencies?limit=100')).items.find((e) => e.title && e.title.includes('老人晕倒'));
  assert.ok(demo, 'the demo incident');
  const em = await sw.post('/emergencies', {
    type: 'medical',
    title: '浏览器测试召集',
    place: '测试地点',
    lat: demo.lat,
    lon: demo.lon,
    region_id: demo.region_id,
    org_id: demo.org_id,
    severity: 'high',
  });
  const mob = await sw.post(`/emergencies/${em.id}/mobilize`, { count: 1, radius_km: 50 });
  assert.ok(mob.items.length >= 1, 'someone is called: ' + JSON.stringify(mob));
  const body = sql(
    `SELECT body FROM notifications WHERE channel = 'email' AND kind = 'emergency_callout' AND ref_id = ${em.id} ORDER BY id LIMIT 1`,
  );
  const m = /\/r#([A-Za-z0-9_-]{43})/.exec(body);
  assert.ok(m, 'the e-mail carries an answer link: ' + body);

  const { context, page } = await newPage(browser);
  await page.goto('/r#' + m[1]);
  const callout = page.getByTestId('reply-callout');
  await callout.waitFor();
  assert.ok(!page.url().includes(m[1]), 'the token leaves the address bar');
  await callout.getByText('测试地点').waitFor();
  await callout.getByText('已呼叫').waitFor();
  const text = await callout.textContent();
  assert.ok(!/1[3-9]\d{9}/.test(text) && !text.includes('@'), 'no personal data: ' + text);
  await shot(page, 'replies-link');
  await page.getByRole('button', { name: '接受，我能前往' }).click();
  await page.getByTestId('reply-done').waitFor();
  assert.equal((await page.getByTestId('reply-status').textContent()).trim(), '已接受');
  const called = (await sw.get(`/emergencies/${em.id}/callouts`)).items.filter((c) => c.status === 'accepted');
  assert.equal(called.length, 1);
  // the link works once
  await page.goto('/r#' + m[1]);
  await page.getByTestId('reply-error').getByText('此链接已使用过或已过期', { exact: false }).waitFor();
  assert.equal(await page.getByRole('button', { name: '接受，我能前往' }).count(), 0);
  // a made-up link
  await page.goto('/r#' + 'A'.repeat(43));
  await page.getByTestId('reply-error').getByText('链接无效', { exact: false }).waitFor();
  await shot(page, 'replies-link-used');
  await sw.post(`/emergencies/${em.id}/close`, { note: '浏览器测试结束' });
  assert.deepEqual(page.errors, []);
  await context.close();
});
