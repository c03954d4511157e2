// audit.test.mjs - the audit log page (issue 18) in Debian's chromium against
// the demo city: entries newest first in the page's language (kinds of
// record, fields and actions translated, the user by name, never an id), a
// change shown as old → new, each filter (user, kind, action, dates)
// narrowing the list, the API's refusal shown beside the field, more pages
// on the cursor with none repeated; the user filter a picker by a part of
// the person's name or the username, showing the name with the username;
// enumerated values (a role, a gender, a fund's purpose, a stage) by their
// names, never the API's codes; in Chinese on a desktop and in English on
// a phone.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { PASSWORD, apiAs, axe, launch, login, newPage, pick, shot } from './lib.mjs';

const DESKTOP = { viewport: { width: 1440, height: 900 } };
let browser, admin, person, stamp, phone, keeper, keeperUser, fund, other;

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
  // an org admin with a person (named 审计员…), made by the admin (its roles
  // in the entry), who adds a woman and a student-aid fund of the org
  const org = orgs.items[0].id;
  const own = await admin.post('/people', { name: '审计员' + stamp, org_id: org });
  keeperUser = await admin.post('/users', { username: 'audit.keeper.' + stamp, password: PASSWORD, person_id: own.id, roles: [{ role: 'org_admin', org_id: org }] });
  keeper = await apiAs(keeperUser.username);
  other = await keeper.post('/people', { name: '审计女' + stamp, gender: 'female', org_id: org });
  fund = await keeper.post('/funds', { name: '审计助学基金 ' + stamp, org_id: org, purpose: 'student_aid', manager_user_id: keeperUser.id });
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
  const adminUser = await admin.get('/users/' + adminId);
  const actorBox = await pick(page, '操作人', admin.user.username, { id: admin.user.id, name: adminUser.name || admin.user.username });
  await filter(page, { user: adminId });
  // by date: from tomorrow nothing; today alone keeps our update
  await actorBox.fill('');
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

/** The diff cell `which` ('diff-old' or 'diff-new') of field `field` in
 * the entry of `entity` #id made by `action`, opened. */
async function cell(page, action, entityLabel, id, field, which = 'diff-new') {
  const li = page.locator(`[data-testid="audit"] > li[data-action="${action}"]`).filter({ hasText: `${entityLabel} #${id}` });
  await li.waitFor();
  await li.locator('details').evaluate((d) => (d.open = true));
  return (await li.locator(`tr[data-field="${field}"]`).getByTestId(which).textContent()).trim();
}

test('zh desktop: the user filter finds a person by name; roles, a gender and a purpose by their names', async () => {
  const { context, page } = await newPage(browser, DESKTOP);
  await login(page, 'admin');
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  await page.goto('/audit');
  await page.locator('[data-testid="audit"] > li').first().waitFor();
  // by a part of the person's name: the option and the entries name them with the username
  const shown = `审计员${stamp}（${keeperUser.username}）`;
  const box = await pick(page, '操作人', '员' + stamp, { id: keeperUser.id, name: '审计员' + stamp });
  assert.equal(await box.inputValue(), shown);
  await filter(page, { user: String(keeperUser.id) });
  const actors = await page.locator('[data-testid="audit"] > li .audit-actor').allTextContents();
  assert.ok(actors.length >= 2 && actors.every((a) => a.trim() === shown), actors.join(' | '));
  // the values by their names in Chinese
  assert.equal(await cell(page, 'create', '人员', other.id, 'gender'), '女');
  assert.equal(await cell(page, 'create', '基金', fund.id, 'purpose'), '助学');
  await shot(page, 'audit-actor-picked');
  await axe(page, 'the audit log, a user picked, diffs open');
  // the keeper's account, made by the admin: its role by name, its org by number
  await box.fill('');
  await page.getByLabel('对象类型').selectOption('users');
  await page.getByLabel('记录编号').fill(String(keeperUser.id));
  await filter(page, { entity: 'users' });
  const roles = await cell(page, 'create', '用户账号', keeperUser.id, 'roles');
  assert.equal(roles, `机构管理员（组织 #${keeperUser.roles[0].org_id}）`);
  // no English code left in any value shown on the page
  const values = await page.locator('[data-testid="audit"] td[data-testid^="diff"]').allTextContents();
  for (const v of values) assert.doesNotMatch(v, /\b(org_admin|female|student_aid)\b/, v);
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
  // the enumerated values in English, the user by name with the username
  await page.getByLabel('Record type').selectOption('');
  await pick(page, 'By', '员' + stamp, { id: keeperUser.id, name: '审计员' + stamp });
  await filter(page, { user: String(keeperUser.id) });
  assert.equal(await cell(page, 'create', 'People', other.id, 'gender'), 'Female');
  assert.equal(await cell(page, 'create', 'Funds', fund.id, 'purpose'), 'Student aid');
  assert.equal((await page.locator('[data-testid="audit"] > li .audit-actor').first().textContent()).trim(), `审计员${stamp} (${keeperUser.username})`);
  assert.deepEqual(page.errors, []);
  await context.close();
});
