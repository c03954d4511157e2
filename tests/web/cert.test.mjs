// cert.test.mjs - certificates of service hours in chromium on a phone: the
// volunteer issues one for the past year and downloads it, the public page
// /verify/{code} (no session) shows it valid, a record it counted is voided
// and the page shows it revoked; staff find a volunteer by name and issue
// one for them.
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

async function issueOnPage(page) {
  await page.getByRole('button', { name: '开具证明' }).click();
  await page.getByRole('status').getByText(/已开具证明 ZYZM-/).waitFor();
  const item = page.getByTestId('certificates').locator('li').first();
  await item.waitFor();
  return item;
}

test('a volunteer issues a certificate, checks it on /verify and sees it revoked after a void', async () => {
  const { context, page } = await newPage(browser);
  await login(page, 'volunteer');
  await page.waitForURL(/\/my$/);
  await navTo(page, '服务证明');
  await page.getByRole('heading', { name: '志愿服务记录证明' }).waitFor();
  const item = await issueOnPage(page);
  const code = await item.getAttribute('data-code');
  assert.match(code, /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
  assert.equal(await item.getByTestId('cert-status').innerText(), '有效');
  const href = await item.getByRole('link', { name: '下载 PDF' }).getAttribute('href');
  const pdf = await page.request.get(href);
  assert.equal(pdf.status(), 200);
  assert.equal(pdf.headers()['content-type'], 'application/pdf');
  assert.ok((await pdf.body()).length < 300 * 1024);
  await shot(page, 'cert-volunteer');
  assert.deepEqual(page.errors, []);

  // the QR code's page, on a phone with no session
  const anon = await newPage(browser);
  await anon.page.goto('/verify/' + code);
  const verdict = anon.page.getByTestId('verify-verdict');
  await verdict.getByText('有效').waitFor();
  assert.match(await verdict.innerText(), /真实有效/);
  assert.match(await anon.page.getByTestId('verify-name').innerText(), /\*/);
  assert.match(await anon.page.getByTestId('verify-hours').innerText(), /小时$/);
  await shot(anon.page, 'cert-verify-valid');

  // void a record the certificate counted: the same page now says revoked
  const vol = await apiAs('volunteer');
  const admin = await apiAs('admin');
  const v = (await vol.get('/volunteers?person_id=' + vol.user.person_id)).items.find((x) => x.stage === 'registered');
  const recs = (await admin.get(`/service-records?volunteer_id=${v.id}&status=verified&limit=200`)).items;
  const yearAgo = Date.now() - 360 * 86400e3;
  const rec = recs.find((r) => Date.parse(r.starts_at) > yearAgo);
  assert.ok(rec, 'the demo volunteer has a verified record in the past year');
  await admin.post(`/service-records/${rec.id}/void`, { reason: '浏览器测试：记录有误' });
  await anon.page.reload();
  await anon.page.getByTestId('verify-verdict').getByText('已撤销').waitFor();
  await anon.page.getByText(/撤销时间/).waitFor();
  await shot(anon.page, 'cert-verify-revoked');
  assert.deepEqual(anon.page.errors, []);

  // an unknown code says so, without more
  await anon.page.goto('/verify/ZZZZ-ZZZZ-ZZZZ-ZZZZ');
  await anon.page.getByTestId('verify-error').getByText(/没有找到/).waitFor();
  await anon.context.close();
  await context.close();
});

test('staff find a volunteer of theirs by name and issue a certificate for them', async () => {
  const vol = await apiAs('volunteer');
  const person = await vol.get('/people/' + vol.user.person_id);
  const { context, page } = await newPage(browser);
  await login(page, 'sw');
  await page.waitForURL(/\/dashboard$/);
  await page.goto('/certificates/issue');
  await page.getByRole('heading', { name: '为志愿者出具服务证明' }).waitFor();
  await page.getByLabel('志愿者姓名').fill(person.name);
  await page.getByRole('button', { name: '查找' }).click();
  const row = page.locator('li', { hasText: person.name }).first();
  await row.getByRole('button', { name: '选择' }).click();
  await page.getByRole('heading', { name: '为 ' + person.name + ' 开具' }).waitFor();
  await page.getByLabel('学校（可选）').fill('荆州市实验中学');
  const item = await issueOnPage(page);
  assert.match(await item.innerText(), /荆州市实验中学/);
  await shot(page, 'cert-staff');
  assert.deepEqual(page.errors, []);
  await context.close();
});
