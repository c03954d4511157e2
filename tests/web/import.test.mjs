// import.test.mjs - a station admin imports a sheet of people: chooses the
// file, checks it (the preview lists the bad row by row number, column and
// message, and writes nothing), imports it with the progress bar following
// the job, and the people are there; then a sheet of clients the same way
// (the kind chosen on the page); Debian's chromium on a desktop
// viewport against the real server with the demo city.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { apiAs, launch, login, navTo, newPage, shot } from './lib.mjs';

const DESKTOP = { viewport: { width: 1280, height: 900 } };
const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/** A GB 11643 number: region 421003, a birth date, a sequence, the check digit. */
function idnum(y, m, d, seq) {
  const s = `421003${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}${String(seq).padStart(3, '0')}`;
  return s + '10X98765432'[[...s].reduce((a, c, i) => a + Number(c) * W[i], 0) % 11];
}

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test('upload, preview with the bad row, import with the progress bar, and the people appear', async () => {
  const admin = await apiAs('admin');
  const N = 180;
  const lines = ['姓名,身份证号,手机号,性别'];
  for (let i = 0; i < N; i++) lines.push(`导入测试${i},${idnum(1980 + (i % 20), 1 + (i % 12), 1 + (i % 28), 100 + i)},137${String(i).padStart(8, '0')},`);
  lines.push('坏行,421003198001010000,13800000000,男'); // wrong check digit: row N + 2
  const csv = '\ufeff' + lines.join('\r\n') + '\r\n';
  const before = (await admin.get('/people?q=' + encodeURIComponent('导入测试') + '&limit=10')).items.length;
  assert.equal(before, 0);

  const { context, page } = await newPage(browser, DESKTOP);
  await login(page, 'station');
  await page.waitForURL(/\/dashboard$/);
  await navTo(page, '导入', { exact: true });
  await page.waitForURL(/\/import$/);
  await page.getByLabel('表格文件').setInputFiles({ name: 'people.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
  await page.getByRole('button', { name: '检查（不写入）' }).click();

  const preview = page.getByTestId('import-preview');
  await preview.getByRole('heading', { name: '检查结果' }).waitFor({ timeout: 30000 });
  assert.equal((await preview.locator('[data-count="created"] dd').textContent()).trim(), String(N));
  assert.equal((await preview.locator('[data-count="rejected"] dd').textContent()).trim(), '1');
  const bad = preview.locator(`[data-testid="import-errors"] tr[data-row="${N + 2}"]`);
  await bad.waitFor();
  assert.match(await bad.textContent(), /身份证号/);
  assert.match(await bad.textContent(), /GB 11643/);
  // the dry run wrote nothing
  assert.equal((await admin.get('/people?q=' + encodeURIComponent('导入测试') + '&limit=10')).items.length, 0);
  await shot(page, 'import-preview');

  await preview.getByRole('button', { name: `导入 ${N} 人` }).click();
  const result = page.getByTestId('import-result');
  await result.locator('progress').waitFor();
  await result.getByRole('heading', { name: '导入完成' }).waitFor({ timeout: 60000 });
  const bar = result.locator('progress');
  assert.equal(await bar.getAttribute('value'), await bar.getAttribute('max'));
  assert.equal((await result.locator('[data-count="created"] dd').textContent()).trim(), String(N));
  await shot(page, 'import-done');

  // the people are there, in the station's org, once
  const got = await admin.get('/people?q=' + encodeURIComponent('导入测试') + '&limit=200');
  assert.equal(got.items.length, N);
  const station = (await apiAs('station')).user.roles.find((r) => r.org_id).org_id;
  assert.ok(got.items.every((p) => p.org_id === station));
  await result.getByRole('link', { name: '查看人员名单' }).click();
  await page.waitForURL(/\/people/);

  // the same page, a sheet of clients: the kind chosen, checked, imported
  const org = await admin.get('/orgs/' + station);
  const clients = ['姓名,身份证号,服务对象类别,照护等级,所属组织,知情同意'];
  for (let i = 0; i < 3; i++) clients.push(`导入对象${i},${idnum(1945, 2, 3 + i, 901 + i)},老年人,半自理,${org.name},是`);
  clients.push(`导入对象坏,${idnum(1946, 2, 3, 911)},老人家,,${org.name},是`); // unknown category: row 5
  await navTo(page, '导入', { exact: true });
  await page.waitForURL(/\/import$/);
  await page.getByLabel('表格内容').selectOption('clients');
  await page.getByLabel('表格文件').setInputFiles({ name: 'clients.csv', mimeType: 'text/csv', buffer: Buffer.from(clients.join('\r\n') + '\r\n', 'utf8') });
  await page.getByRole('button', { name: '检查（不写入）' }).click();
  await preview.getByRole('heading', { name: '检查结果' }).waitFor({ timeout: 30000 });
  assert.equal((await preview.locator('[data-count="created"] dd').textContent()).trim(), '3');
  const badClient = preview.locator('[data-testid="import-errors"] tr[data-row="5"]');
  assert.match(await badClient.textContent(), /服务对象类别/);
  await preview.getByRole('button', { name: '导入 3 个服务对象' }).click();
  await result.getByRole('heading', { name: '导入完成' }).waitFor({ timeout: 60000 });
  const imported = (await admin.get(`/clients?org_id=${station}&category=elderly&limit=200`)).items
    .filter((c) => (c.person_name || '').startsWith('导入对象'));
  assert.equal(imported.length, 3);
  assert.ok(imported.every((c) => c.care_level === 'partial'));
  assert.deepEqual(page.errors, []);
  await context.close();
});
