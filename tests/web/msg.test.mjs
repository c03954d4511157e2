// msg.test.mjs - 消息发送, the outbox for platform admins (issue 17): an
// incident's call-out queues SMS, which the web tests' server sends to a
// closed loopback port (scripts/run-web-tests.sh: one try), so they fail;
// the admin sees them under 发送失败 with the last error and the masked
// phone, sends one again (queued with no tries) and switches the filter;
// the page is refused to a volunteer and works in English.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { apiAs, launch, login, menu, navTo, newPage, shot } from './lib.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/* A new incident near the demo's, assessed and mobilised: its SMS. */
async function callOut() {
  const sw = await apiAs('sw');
  const demo = (await sw.get('/emergencies?limit=50')).items[0];
  const em = await sw.post('/emergencies', {
    type: demo.type,
    title: '消息测试 ' + Date.now(),
    place: demo.place,
    lat: demo.lat,
    lon: demo.lon,
    region_id: demo.region_id,
    org_id: demo.org_id,
    severity: 'critical',
  });
  assert.ok(em.id, JSON.stringify(em));
  await sw.post(`/emergencies/${em.id}/assess`, { needed_count: 2, radius_km: 50 });
  const m = await sw.post(`/emergencies/${em.id}/mobilize`, {});
  assert.ok(m.items && m.items.length > 0, 'nobody called: ' + JSON.stringify(m));
  return em.id;
}

/* The admin's failed SMS of an incident, waiting for the sender. */
async function failedOf(admin, emergencyId) {
  for (let i = 0; i < 100; i++) {
    const items = (await admin.get('/outbox?status=failed&channel=sms&limit=200')).items.filter((m) => m.ref_id === emergencyId);
    if (items.length) return items;
    await new Promise((r) => setTimeout(r, 100));
  }
  return [];
}

test('the admin sees failed SMS with the last error and sends one again', async () => {
  const emergencyId = await callOut();
  const admin = await apiAs('admin');
  const failed = await failedOf(admin, emergencyId);
  assert.ok(failed.length > 0, 'no failed SMS');
  const one = failed[0];
  assert.equal(one.attempts, 1);
  assert.ok(!one.to || one.to.includes('*'), 'the phone is shown whole: ' + one.to);

  const { context, page } = await newPage(browser);
  await login(page, 'admin');
  await navTo(page, '消息发送');
  await page.getByRole('heading', { name: '消息发送', level: 1 }).waitFor();
  const item = page.getByTestId('outbox').locator(`[data-message="${one.id}"]`);
  await item.getByText('发送失败').waitFor();
  assert.match(await item.getByTestId('last-error').innerText(), /最近错误.*gateway/);
  await item.getByRole('button', { name: `重新发送消息 ${one.id}` }).click();
  await page.getByRole('status').getByText(`消息 #${one.id} 已重新排队发送。`).waitFor();
  await item.getByText('排队中').waitFor();
  assert.equal(await item.getAttribute('data-status'), 'queued');
  assert.equal(await item.getByRole('button', { name: `重新发送消息 ${one.id}` }).count(), 0);
  // the server took it back: no tries, then (one try, the port closed) failed again
  const back = (await admin.get(`/outbox?cursor=${one.id + 1}&limit=1`)).items[0];
  assert.equal(back.id, one.id);
  assert.ok(back.status === 'queued' || (back.status === 'failed' && back.attempts === 1), JSON.stringify(back));
  // the filter: delivered ones only (none: the gateway is down)
  await page.getByLabel('状态').selectOption('delivered');
  await page.getByRole('button', { name: '筛选' }).click();
  await page.getByText('没有符合条件的消息。').waitFor();
  await page.getByLabel('状态').selectOption('');
  await page.getByLabel('渠道').selectOption('sms');
  await page.getByRole('button', { name: '筛选' }).click();
  await page.getByTestId('outbox').locator(`[data-message="${one.id}"]`).waitFor();
  const w = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(w <= 360, `the page is ${w} px wide on a 360 px screen`);
  await shot(page, 'msg-outbox');
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('the outbox is refused to a volunteer and reads in English', async () => {
  const { context, page } = await newPage(browser);
  await login(page, 'volunteer');
  await page.getByRole('link', { name: '我的服务' }).waitFor();
  assert.equal(await (await menu(page)).getByRole('link', { name: '消息发送' }).count(), 0);
  await page.goto('/outbox');
  await page.getByText('您没有权限查看此页面').waitFor();
  await context.close();

  const en = await newPage(browser);
  await en.page.addInitScript(() => localStorage.setItem('ld.locale', 'en'));
  await login(en.page, 'admin');
  await navTo(en.page, 'Messages');
  await en.page.getByRole('heading', { name: 'Messages', level: 1 }).waitFor();
  await en.page.getByLabel('Status').waitFor();
  assert.deepEqual(en.page.errors, []);
  await en.context.close();
});
