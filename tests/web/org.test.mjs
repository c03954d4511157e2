// org.test.mjs - the staff's organisation pages in Debian's chromium on a
// desktop viewport against the real server with the demo city: the org
// network as a tree with an org's page, the volunteer pipeline board where a
// card moves to the next stage (and the API's refusal shows on the card),
// and people with a masked ID number on the profile.
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

test('the station admin sees its network as a tree and an org page', async () => {
  const { context, page } = await newPage(browser, DESKTOP);
  await login(page, 'station');
  await navTo(page, '组织网络');
  await page.waitForURL(/\/orgs$/);
  const first = page.locator('.tree a[data-org]').first();
  await first.waitFor();
  const name = (await first.textContent()).trim();
  await first.click();
  await page.waitForURL(/\/orgs\?id=\d+$/);
  await page.getByTestId('org-page').getByRole('heading', { name }).waitFor();
  // the station's own team hangs under it
  assert.ok((await page.locator('.tree .tree a[data-org]').count()) >= 1, 'a child org in the tree');
  await shot(page, 'org-tree');
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('a card on the pipeline board moves to the next stage', async () => {
  const admin = await apiAs('station');
  const orgs = await admin.get('/orgs?kind=volunteer_team&limit=5');
  const team = orgs.items[0];
  const vols = await admin.get(`/volunteers?org_id=${team.id}&stage=applied&limit=5`);
  const vol = vols.items[0] || (await admin.get(`/volunteers?org_id=${team.id}&stage=trial&limit=5`)).items[0];
  assert.ok(vol, 'the demo team has a volunteer early in the pipeline');
  const PATH = ['applied', 'trial', 'initial_training', 'selection', 'interview', 'skills_training', 'registered'];
  const next = PATH[PATH.indexOf(vol.stage) + 1];

  const { context, page } = await newPage(browser, DESKTOP);
  await login(page, 'station');
  await page.waitForURL(/\/dashboard$/);
  await page.goto('/pipeline?org_id=' + team.id);
  const card = page.locator(`[data-stage="${vol.stage}"] [data-volunteer="${vol.id}"]`);
  await card.waitFor();
  // the filter by number keeps this card and hides the others
  await page.getByLabel('按姓名或志愿者编号筛选').fill(vol.volunteer_no);
  assert.equal(await page.locator('.board [data-volunteer]').count(), 1);
  await card.getByRole('button').click();
  await page.locator(`[data-stage="${next}"] [data-volunteer="${vol.id}"]`).waitFor();
  assert.equal((await admin.get('/volunteers/' + vol.id)).stage, next);
  await shot(page, 'org-pipeline');
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('people: a search by name and a profile with a masked ID number', async () => {
  const admin = await apiAs('station');
  const someone = (await admin.get('/people?limit=1')).items[0];
  const { context, page } = await newPage(browser, DESKTOP);
  await login(page, 'station');
  await page.waitForURL(/\/dashboard$/);
  await navTo(page, '人员');
  await page.getByRole('searchbox').fill(someone.name);
  await page.getByRole('button', { name: '搜索' }).click();
  await page.waitForURL(/\/people\?q=/);
  await page.locator(`a[data-person="${someone.id}"]`).click();
  const id = await page.getByTestId('id-number').textContent();
  assert.match(id, /^\d{6}\*+[\dX]{4}$|^—$/, `masked: ${id}`);
  await shot(page, 'org-people');
  assert.deepEqual(page.errors, []);
  await context.close();
});
