// export.test.mjs - the export page: an org admin chooses volunteers as CSV
// and downloads it through the page (the session cookie authenticates the
// link), the file is UTF-8 with a BOM, its header row the documented one and
// a row one of the org's volunteers; then the national service records as
// XLSX (a zip). Debian's chromium against the real server with the demo city.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { apiAs, launch, login, navTo, newPage, shot } from './lib.mjs';

const DESKTOP = { viewport: { width: 1280, height: 900 } };
let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

async function download(page) {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-download').click()]);
  return { name: dl.suggestedFilename(), bytes: await readFile(await dl.path()) };
}

test('staff download a volunteers CSV and a national XLSX through the export page', async () => {
  const api = await apiAs('station');
  const vols = (await api.get('/volunteers?limit=5')).items;
  assert.ok(vols.length > 0, 'the station has volunteers');
  const person = await api.get('/people/' + vols[0].person_id);

  const { context, page } = await newPage(browser, { ...DESKTOP, acceptDownloads: true });
  await login(page, 'station');
  await page.waitForURL(/\/dashboard$/);
  await navTo(page, '数据导出', { exact: true });
  await page.waitForURL(/\/exports$/);
  await page.getByLabel('导出内容').selectOption('volunteers');
  await page.getByLabel('文件格式').selectOption('csv');
  await page.getByLabel('CSV 编码').selectOption('utf-8');
  await shot(page, 'export-page');

  const csv = await download(page);
  assert.match(csv.name, /^志愿者-\d{8}\.csv$/, 'the UTF-8 file name (filename*)');
  assert.deepEqual([...csv.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 with a BOM');
  const lines = csv.bytes.subarray(3).toString('utf8').split('\r\n');
  assert.equal(lines[0], '系统编号,志愿者编号,姓名,身份证号,手机号,性别,出生日期,所属组织,阶段,已认证时长(小时),星级');
  const row = lines.find((l) => l.startsWith(vols[0].id + ','));
  assert.ok(row, `a row for volunteer ${vols[0].id}`);
  assert.equal(row.split(',')[2], person.name);
  assert.equal(row.split(',')[1], vols[0].volunteer_no);

  await page.getByLabel('导出内容').selectOption('national-service-records');
  await page.getByLabel('文件格式').selectOption('xlsx');
  assert.equal(await page.getByLabel('CSV 编码').count(), 0, 'XLSX has no encoding choice');
  const xlsx = await download(page);
  assert.match(xlsx.name, /^全国志愿服务信息系统-志愿服务记录-\d{8}\.xlsx$/);
  assert.equal(xlsx.bytes.subarray(0, 2).toString('latin1'), 'PK');
  assert.deepEqual(page.errors, []);
  await context.close();
});
