// linkage.test.mjs - 社志联动 (issue 15) in Debian's chromium on a phone
// against the real server with the demo city: the platform admin lowers the
// qualification a domestic-violence case needs and puts it back, the
// station's admin reads the rules without a way to change them, the org
// form offers only the kinds a region's level allows and shows the
// server's refusal of a station under a 社工室 next to 上级组织 before a
// station under the city's 社会工作部 is made, and an assistant social
// worker set on a domestic-violence case is refused next to the field.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, PASSWORD, apiAs, launch, login, navTo, newPage, pick, shot } from './lib.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** DELETE with a bearer token (lib.mjs's client only reads and posts). */
async function remove(username, path) {
  const res = await fetch(BASE + '/api/v1/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  const { token } = await res.json();
  return (await fetch(BASE + '/api/v1' + path, { method: 'DELETE', headers: { Authorization: 'Bearer ' + token } })).status;
}

const rule = async (api, work) => (await api.get('/qualification-rules')).items.find((r) => r.work === work);

test('the platform admin lowers what a domestic-violence case needs to an assistant and resets it', async () => {
  const admin = await apiAs('admin');
  assert.equal((await rule(admin, 'case_dv_victim')).min_qualification, 'intermediate');
  const { context, page } = await newPage(browser);
  try {
    await login(page, 'admin');
    await page.waitForURL(/\/dashboard$/);
    await navTo(page, '资格要求', { exact: true });
    await page.waitForURL(/\/qualification-rules$/);
    const card = page.locator('[data-testid="qual-rules"] li[data-work="case_dv_victim"]');
    await card.waitFor();
    assert.equal(await page.locator('[data-testid="qual-rules"] li[data-work]').count(), 5);
    assert.match(await card.textContent(), /家庭暴力个案.*最低资格社会工作师.*默认社会工作师/);

    await card.getByLabel('家庭暴力个案的最低资格').selectOption('assistant');
    await card.getByRole('button', { name: '保存' }).click();
    const lowered = page.locator('li[data-work="case_dv_victim"][data-level="assistant"][data-changed="true"]');
    await lowered.waitFor();
    assert.match(await lowered.getByTestId('rule-level').textContent(), /助理社会工作师.*已调整/);
    assert.match(await lowered.getByTestId('rule-updated').textContent(), /admin/);
    const saved = await rule(admin, 'case_dv_victim');
    assert.equal(saved.min_qualification, 'assistant');
    assert.equal(saved.changed, true);
    await shot(page, 'linkage-rules-admin');

    await lowered.getByRole('button', { name: '恢复默认' }).click();
    await page.locator('li[data-work="case_dv_victim"][data-level="intermediate"][data-changed="false"]').waitFor();
    const back = await rule(admin, 'case_dv_victim');
    assert.equal(back.min_qualification, 'intermediate');
    assert.equal(back.changed, false);
    assert.deepEqual(page.errors, []);
  } finally {
    if ((await rule(admin, 'case_dv_victim')).changed) await remove('admin', '/qualification-rules/case_dv_victim');
    await context.close();
  }
});

test('an org admin reads the qualification rules from the social workers page, read-only', async () => {
  const { context, page } = await newPage(browser);
  await login(page, 'station');
  await page.waitForURL(/\/dashboard$/);
  assert.equal(await page.locator('nav a', { hasText: '资格要求' }).count(), 0, 'not in an org admin menu');
  await page.goto('/social-workers');
  await page.getByRole('link', { name: '各类工作的资格要求' }).click();
  await page.waitForURL(/\/qualification-rules$/);
  await page.getByTestId('rules-readonly').waitFor();
  const card = page.locator('[data-testid="qual-rules"] li[data-work="case_dv_victim"]');
  await card.waitFor();
  assert.match(await card.textContent(), /社会工作师/);
  assert.equal(await page.locator('[data-testid="qual-rules"] select').count(), 0);
  assert.equal(await page.locator('[data-testid="qual-rules"] button').count(), 0);
  await shot(page, 'linkage-rules-readonly');
  // in English on request
  await page.locator('.lang-switch').click();
  await page.getByRole('heading', { name: 'Qualification rules' }).waitFor();
  assert.match(await card.textContent(), /Domestic-violence case.*Social worker/);
  await page.locator('.lang-switch').click();
  await page.getByRole('heading', { name: '资格要求' }).waitFor();
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('the org form offers only the kinds a level allows and shows a refused parent next to 上级组织', async () => {
  const admin = await apiAs('admin');
  const city = (await admin.get('/regions?level=city&limit=5')).items[0];
  const town = (await admin.get('/regions?level=town&limit=200')).items.find((r) => r.name === '中山街道');
  const room = (await admin.get('/orgs?kind=social_work_room&limit=200')).items.find((o) => o.name.startsWith('中山街道'));
  const dept = (await admin.get('/orgs?kind=social_work_dept&limit=20')).items.find((o) => o.region_id === city.id);
  assert.ok(town && room && dept, 'the demo city has 中山街道, a 社工室 there and the city 社会工作部');
  const name = '中山街道测试社工站' + Date.now();

  const { context, page } = await newPage(browser);
  await login(page, 'admin');
  await page.waitForURL(/\/dashboard$/);
  await page.goto('/orgs');
  await page.getByRole('link', { name: '新建组织' }).click();
  await page.waitForURL(/\/orgs\/new$/);
  const form = page.getByTestId('org-form');
  await form.waitFor();
  const kind = form.getByLabel('类型');

  // at city level a 社工室 is not even offered, a 社会工作部 is
  await form.getByLabel('所在区域').selectOption(String(city.id));
  assert.equal(await kind.locator('option[value="social_work_room"]').count(), 0);
  assert.equal(await kind.locator('option[value="social_work_station"]').count(), 0);
  assert.equal(await kind.locator('option[value="social_work_dept"]').count(), 1);

  // a station at the town, under a 社工室: the server refuses the parent
  await form.getByLabel('名称').fill(name);
  await form.getByLabel('所在区域').selectOption(String(town.id));
  await kind.selectOption('social_work_station');
  assert.match(await form.getByTestId('kind-hint').textContent(), /社工站设在乡镇（街道）级区域，上级组织（如有）为社会工作部、政府部门/);
  await form.getByLabel('上级组织').selectOption(String(room.id));
  // under a 社工室 the kinds offered are few (the station stays chosen)
  assert.equal(await kind.locator('option[value="social_work_dept"]').count(), 0);
  await form.getByRole('button', { name: '保存' }).click();
  const err = form.locator('.error[data-field="parent_id"]');
  await err.waitFor();
  // said with the table's words, the server's own message after them
  assert.match(await err.textContent(), /社工站设在乡镇（街道）级区域，上级组织（如有）为社会工作部、政府部门。（.*social_work_room/);
  assert.equal(await form.getByLabel('上级组织').getAttribute('aria-invalid'), 'true');
  await shot(page, 'linkage-org-refused');
  assert.equal((await admin.get('/orgs?kind=social_work_station&limit=200')).items.some((o) => o.name === name), false);

  // under the city's 社会工作部 it is made
  await form.getByLabel('上级组织').selectOption(String(dept.id));
  assert.equal(await form.locator('.error[data-field="parent_id"]').count(), 0);
  await form.getByRole('button', { name: '保存' }).click();
  await page.waitForURL(/\/orgs\?id=\d+$/);
  const id = Number(new URL(page.url()).searchParams.get('id'));
  const made = await admin.get('/orgs/' + id);
  assert.deepEqual([made.name, made.kind, made.region_id, made.parent_id], [name, 'social_work_station', town.id, dept.id]);
  await page.getByTestId('org-page').getByRole('heading', { name }).waitFor();
  // its edit keeps the parent, which cannot change
  await page.getByTestId('org-page').getByRole('link', { name: '修改' }).click();
  await page.waitForURL(/\/orgs\/edit\?id=\d+$/);
  const edit = page.getByTestId('org-form');
  await edit.waitFor();
  assert.equal(await edit.getByLabel('上级组织').isDisabled(), true);
  assert.equal(await edit.getByLabel('上级组织').inputValue(), String(dept.id));
  assert.equal(await edit.getByLabel('类型').inputValue(), 'social_work_station');
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('an assistant set as the social worker of a domestic-violence case is refused next to the field', async () => {
  const station = await apiAs('station');
  const client = (await station.get('/clients?category=dv_victim&limit=50')).items.find((c) => c.case_stage !== 'closure');
  assert.ok(client, 'the station has a domestic-violence case');
  const assistant = (await station.get(`/social-workers?org_id=${client.org_id}&qualification=assistant&limit=5`)).items[0];
  assert.ok(assistant, 'the station has an assistant social worker');
  assert.notEqual(client.social_worker_id, assistant.id);

  const { context, page } = await newPage(browser);
  await login(page, 'station');
  await page.waitForURL(/\/dashboard$/);
  await page.goto('/client?id=' + client.id);
  const box = page.getByTestId('client-worker');
  await box.getByLabel('更换负责社工').waitFor();
  await box.getByLabel('更换负责社工').selectOption(String(assistant.id));
  await box.getByRole('button', { name: '保存' }).click();
  const err = box.locator('.error[data-field="social_worker_id"]');
  await err.waitFor();
  assert.match(await err.textContent(), /不符合规则.*家庭暴力个案.*社会工作师/);
  assert.equal(await box.getByLabel('更换负责社工').getAttribute('aria-invalid'), 'true');
  assert.equal((await station.get('/clients/' + client.id)).social_worker_id, client.social_worker_id);
  await shot(page, 'linkage-client-refused');
  assert.deepEqual(page.errors, []);
  await context.close();
});

/** "2026-11-24T09:00" for a datetime-local input: `days` from now, China time. */
const local = (days, hh) => new Date(Date.now() + 8 * 3600e3 + days * 86400e3).toISOString().slice(0, 11) + String(hh).padStart(2, '0') + ':00';

test('a supervisor and a professional activity lead below the rules are refused next to their fields', async () => {
  // the station's admin names its assistant as the supervisor of its 社会工作师
  const station = await apiAs('station');
  const org = (await station.get('/clients?category=dv_victim&limit=5')).items[0].org_id;
  const workers = (await station.get(`/social-workers?org_id=${org}&limit=20`)).items;
  const assistant = workers.find((s) => s.qualification === 'assistant');
  const worker = workers.find((s) => s.qualification === 'intermediate');
  assert.ok(assistant && worker, 'the station has an assistant and a 社会工作师');
  let { context, page } = await newPage(browser);
  await login(page, 'station');
  await page.waitForURL(/\/dashboard$/);
  await page.goto('/social-workers?id=' + worker.id);
  const form = page.getByTestId('supervisor-form');
  await form.getByLabel('更换督导').selectOption(String(assistant.id));
  await form.getByRole('button', { name: '保存' }).click();
  const err = form.locator('.error[data-field="supervisor_id"]');
  await err.waitFor();
  assert.match(await err.textContent(), /不符合规则.*督导.*社会工作师/);
  assert.equal((await station.get('/social-workers/' + worker.id)).supervisor_id, worker.supervisor_id);
  await shot(page, 'linkage-supervisor-refused');
  assert.deepEqual(page.errors, []);
  await context.close();

  // the platform admin names a worker without a qualification to lead a
  // professional activity of a district's social-work agency
  const admin = await apiAs('admin');
  const agency = (await admin.get('/orgs?kind=sw_agency&limit=5')).items[0];
  const unqualified = (await admin.get(`/social-workers?org_id=${agency.id}&qualification=none&limit=5`)).items[0];
  assert.ok(unqualified, 'the agency has a worker without a qualification');
  const title = '个案辅导测试 ' + Date.now();
  ({ context, page } = await newPage(browser));
  await login(page, 'admin');
  await page.waitForURL(/\/dashboard$/);
  await page.goto('/activities/new');
  const act = page.getByTestId('activity-form');
  await act.getByLabel('活动名称').fill(title);
  await act.getByLabel('活动类型').selectOption('professional');
  // both chosen by name through the pickers (issue 18)
  await pick(act, '主办组织', agency.name.slice(1), agency);
  await pick(act, '负责社工', unqualified.name.slice(-2), unqualified);
  await act.getByLabel('活动开始时间').fill(local(3, 9));
  await act.getByLabel('活动结束时间').fill(local(3, 12));
  await act.getByLabel('岗位名称').fill('协助');
  await act.getByLabel('班次开始时间').fill(local(3, 9));
  await act.getByLabel('班次结束时间').fill(local(3, 11));
  await act.getByRole('button', { name: '发布' }).click();
  const leadErr = act.locator('.error[data-field="lead_social_worker_id"]');
  await leadErr.waitFor();
  assert.match(await leadErr.textContent(), /不符合规则.*专业服务活动负责社工.*助理社会工作师/);
  assert.equal((await admin.get(`/activities?org_id=${agency.id}&limit=200`)).items.some((a) => a.title === title), false);
  await shot(page, 'linkage-lead-refused');
  assert.deepEqual(page.errors, []);
  await context.close();
});

test("an org admin's new org starts under its own and a 社工室 at a community is offered and made", async () => {
  const station = await apiAs('station');
  const own = station.user.roles.find((r) => r.role === 'org_admin').org_id;
  const home = await station.get('/orgs/' + own);
  const community = (await station.get(`/regions?parent_id=${home.region_id}&level=community&limit=5`)).items[0];
  assert.ok(community, 'the station has a community below its town');
  const name = community.name + '测试社工室' + Date.now();
  const { context, page } = await newPage(browser);
  await login(page, 'station');
  await page.waitForURL(/\/dashboard$/);
  await page.goto('/orgs/new');
  const form = page.getByTestId('org-form');
  await form.waitFor();
  assert.equal(await form.getByLabel('上级组织').inputValue(), String(own));
  await form.getByLabel('名称').fill(name);
  await form.getByLabel('所在区域').selectOption(String(community.id));
  const kinds = await form.getByLabel('类型').locator('option[value]:not([value=""])').evaluateAll((os) => os.map((o) => o.value));
  assert.ok(kinds.includes('social_work_room'), 'a 社工室 under a 社工站 at a community');
  assert.ok(!kinds.includes('social_work_station') && !kinds.includes('social_work_dept'));
  await form.getByLabel('类型').selectOption('social_work_room');
  assert.match(await form.getByTestId('kind-hint').textContent(), /社工室设在社区（村）级区域，上级组织（如有）为社工站/);
  await form.getByRole('button', { name: '保存' }).click();
  await page.waitForURL(/\/orgs\?id=\d+$/);
  const made = await station.get('/orgs/' + new URL(page.url()).searchParams.get('id'));
  assert.deepEqual([made.name, made.kind, made.region_id, made.parent_id], [name, 'social_work_room', community.id, own]);
  await shot(page, 'linkage-org-made');
  assert.deepEqual(page.errors, []);
  await context.close();
});
