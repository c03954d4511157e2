// audit.test.mjs - the audit log page (issue 18) in Debian's chromium against
// the demo city: entries newest first in the page's language (kinds of
// record, fields and actions translated, the user by name, never an id), a
// change shown as old → new, each filter (user, kind, action, dates)
// narrowing the list, the API's refusal shown beside the field, more pages
// on the cursor with none repeated; in Chinese on a desktop and in English
// on a phone.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { apiAs, launch, login, newPage, shot } from './lib.mjs';

const DESKTOP = { viewport: { width: 1440, height: 900 } };
let browser, admin, person, stamp, phone;

/** Today (or `days` from it) in China time, YYYY-MM-DD. */
const chinaDay = (days = 0) => new Date(Date.now() + 8 * 3600e3 + days * 86400e3).toISOString().slice(0, 10);

before(async () => {
  browser = await launch();
  admin = await apiAs('admin');
  stamp = String(Date.now() % 1e7);
  // a person created and then moved: a create and an update with a diff
  const orgs = await admin.get('/orgs?limit=1');
  phone = '139' + stamp.padStart(8, '0');
  person = await admin.post('/people', { name: '审计' + stamp, phone, address: '旧街' + stamp + '号', org_id: orgs.items[0].id });
  const r = await admin.request('PATCH', `/people/${person.id}`, { address: '新街' + stamp + '号' });
  assert.equal(r.status, 200);
});
after(async () => {
  await browser?.close();
});

/** The entries shown: [{id, action, entity, user}] in the page's order. */
const entries = (page) =>
  page.$$eval('[data-testid="audit"] > li', (lis) => lis.map((li) => ({ id: Number(li.dataset.entry), action: li.dataset.action, entity: li.dataset.entity, user: li.dataset.user, text: li.querySelector('.audit-record').textContent })));

function newestFirst(list) {
  for (let i = 1; i < list.length; i++) assert.ok(list[i].id < list[i - 1].id, `entry ${list[i].id} after ${list[i - 1].id}: not newest first`);
}

/** Submit the filter form and wait for a list whose every entry has the
 * data attributes `want` ({action, entity, user}), or for the empty
 * message when want is null. */
async function filter(page, want) {
  await page.getByRole('button', { name: /^(筛选|Filter)$/ }).click();
  if (!want) return page.getByText(/没有符合条件的记录|No entries match/).waitFor();
  await page.waitForFunction((w) => {
    const lis = [...document.querySelectorAll('[data-testid="audit"] > li')];
    return lis.length > 0 && lis.every((li) => Object.entries(w).every(([k, v]) => li.dataset[k] === v));
  }, want);
}

async function ourEntry(page, action, label) {
  const li = page.locator(`[data-testid="audit"] > li[data-action="${action}"][data-entity="people"]`).filter({ hasText: `${label} #${person.id}` });
  await li.waitFor();
  return li;
}

test('zh desktop: newest first, translated names, old → new, every filter narrows', async () => {
  const { context, page } = await newPage(browser, DESKTOP);
  await login(page, 'admin');
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  await page.goto('/audit');
  await page.getByRole('heading', { name: '审计日志' }).waitFor();
  await page.locator('[data-testid="audit"] > li').first().waitFor();
  const all = await entries(page);
  newestFirst(all);
  assert.ok(all.length === 50, `a first page of 50, got ${all.length}`);
  // the API's newest entry at the time of reading is at most as new as the top one shown... and the page is the API's order
  const api = await admin.get('/audit?limit=50');
  assert.ok(api.items[0].id >= all[0].id);
  const shared = api.items.filter((a) => all.some((e) => e.id === a.id)).map((a) => a.id);
  assert.deepEqual(shared, all.map((e) => e.id).filter((id) => shared.includes(id)));

  // the update: translated action, record, field; old → new; the user by name
  const upd = await ourEntry(page, 'update', '人员');
  await upd.getByText('修改', { exact: true }).waitFor();
  const actor = (await upd.locator('.audit-actor').textContent()).trim();
  assert.match(actor, /admin/);
  assert.doesNotMatch(actor, /#\d+|^\d+$/);
  const row = upd.locator('tr[data-field="address"]');
  assert.equal((await row.locator('th').textContent()).trim(), '住址');
  assert.equal((await row.getByTestId('diff-old').textContent()).trim(), '旧街' + stamp + '号');
  assert.equal((await row.getByTestId('diff-new').textContent()).trim(), '新街' + stamp + '号');
  assert.ok(await row.isVisible(), 'a small change is shown open');
  assert.equal(await upd.locator('tr[data-field="name"]').count(), 0, 'an unchanged field is not in the diff');
  // the create lists the fields set, by their names for people
  const crt = await ourEntry(page, 'create', '人员');
  await crt.getByText('新建', { exact: true }).waitFor();
  await crt.locator('summary').click();
  assert.equal((await crt.locator('tr[data-field="name"] th').textContent()).trim(), '姓名');
  assert.equal((await crt.locator('tr[data-field="name"]').getByTestId('diff-new').textContent()).trim(), '审计' + stamp);
  // the phone as the API masks it, never in full
  const shown = (await crt.locator('tr[data-field="phone"]').getByTestId('diff-new').textContent()).trim();
  const inApi = (await admin.get(`/audit?entity=people&entity_id=${person.id}&action=create`)).items[0].after.phone;
  assert.equal(shown, inApi);
  assert.notEqual(shown, phone);
  assert.ok(!(await page.content()).includes(phone), 'the full phone is nowhere on the page');
  // no raw English kind of record in the list: each in Chinese
  for (const e of all) assert.doesNotMatch(e.text, /[a-z]/, e.text);
  await shot(page, 'audit-desktop-zh');

  // by action: only updates, where the unfiltered page had others
  assert.ok(all.some((e) => e.action !== 'update'));
  await page.getByLabel('操作', { exact: true }).selectOption('update');
  await filter(page, { action: 'update' });
  // and by kind of record
  await page.getByLabel('对象类型').selectOption('people');
  await filter(page, { action: 'update', entity: 'people' });
  await ourEntry(page, 'update', '人员');
  // by user: the admin's entries alone
  await page.getByRole('button', { name: '清除筛选' }).click();
  await page.locator('[data-testid="audit"] > li').first().waitFor();
  const adminId = String(admin.user.id);
  assert.ok((await entries(page)).some((e) => e.user !== adminId), 'the unfiltered list has entries by others');
  await page.getByLabel('操作人').selectOption(adminId);
  await filter(page, { user: adminId });
  // by date: from tomorrow nothing; today alone keeps our update
  await page.getByLabel('操作人').selectOption('');
  await page.getByLabel('起始日期').fill(chinaDay(1));
  await filter(page, null);
  await page.getByLabel('起始日期').fill(chinaDay(0));
  await page.getByLabel('截止日期').fill(chinaDay(0));
  await page.getByLabel('对象类型').selectOption('people');
  await filter(page, { entity: 'people' });
  await ourEntry(page, 'update', '人员');
  // a volunteer's stage move names the stages as the pages do
  await page.getByRole('button', { name: '清除筛选' }).click();
  await page.locator('[data-testid="audit"] > li').first().waitFor();
  await page.getByLabel('对象类型').selectOption('volunteers');
  await page.getByLabel('操作', { exact: true }).selectOption('stage');
  await filter(page, { entity: 'volunteers', action: 'stage' });
  const stage = page.locator('[data-testid="audit"] > li').first().locator('tr[data-field="stage"]');
  await stage.locator('xpath=ancestor::details').evaluate((d) => (d.open = true));
  for (const cell of [stage.getByTestId('diff-old'), stage.getByTestId('diff-new')]) assert.doesNotMatch(await cell.textContent(), /[a-z]/);
  assert.equal((await stage.locator('th').textContent()).trim(), '阶段');
  // the API refuses an end before the start: said beside the field
  await page.getByLabel('起始日期').fill(chinaDay(0));
  await page.getByLabel('截止日期').fill(chinaDay(0));
  await page.getByLabel('起始日期').fill(chinaDay(1));
  await page.getByRole('button', { name: '筛选', exact: true }).click();
  await page.locator('#f-to-err').waitFor();
  await shot(page, 'audit-desktop-filtered');
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('zh desktop: more pages follow the cursor, newest first, none repeated', async () => {
  const { context, page } = await newPage(browser, DESKTOP);
  await login(page, 'admin');
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  await page.goto('/audit');
  await page.locator('[data-testid="audit"] > li').nth(49).waitFor();
  await page.getByRole('button', { name: '加载更多' }).click();
  await page.locator('[data-testid="audit"] > li').nth(50).waitFor();
  const list = await entries(page);
  newestFirst(list);
  assert.equal(new Set(list.map((e) => e.id)).size, list.length);
  // the second page is the API's page below the first's last entry
  const next = await admin.get(`/audit?limit=50&cursor=${list[49].id}`);
  assert.deepEqual(list.slice(50).map((e) => e.id), next.items.map((a) => a.id).slice(0, list.length - 50));
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('en phone: the same entry in English, readable at 360 px', async () => {
  const { context, page } = await newPage(browser);
  await context.addInitScript(() => localStorage.setItem('ld.locale', 'en'));
  await login(page, 'admin');
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  await page.goto('/audit');
  await page.getByRole('heading', { name: 'Audit log' }).waitFor();
  await page.getByLabel('Record type').selectOption('people');
  await filter(page, { entity: 'people' });
  const upd = await ourEntry(page, 'update', 'People');
  await upd.getByText('Updated', { exact: true }).waitFor();
  const row = upd.locator('tr[data-field="address"]');
  assert.equal((await row.locator('th').textContent()).trim(), 'Address');
  assert.equal((await row.getByTestId('diff-old').textContent()).trim(), '旧街' + stamp + '号');
  assert.equal((await row.getByTestId('diff-new').textContent()).trim(), '新街' + stamp + '号');
  const options = await page.getByLabel('Action', { exact: true }).locator('option').allTextContents();
  assert.ok(options.includes('Updated') && options.includes('Created'), options.join(','));
  const w = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(w <= 360, `the page is ${w} px wide on a 360 px screen`);
  await upd.scrollIntoViewIfNeeded();
  await shot(page, 'audit-phone-en');
  assert.deepEqual(page.errors, []);
  await context.close();
});
