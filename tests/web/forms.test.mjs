// forms.test.mjs - the staff pages' forms and lists (issue 18) in Debian's
// chromium at phone (360x740) and desktop (1440x900) sizes against the real
// server with the demo city: a new activity whose host org and lead social
// worker are chosen through pickers by typing part of a name, the API's
// field error beside a picker, the needs board naming social workers, the
// org tree without a stray 0, the people table sorting and paging on the
// API's cursor, a failing request's error with a retry, and a bulk verify
// of service records where one fails and the others are done.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { PHONE, apiAs, cst, launch, login, newPage, pick, shot } from './lib.mjs';

const DESKTOP = { viewport: { width: 1440, height: 900 } };
const SIZES = [
  ['phone', PHONE],
  ['desktop', DESKTOP],
];
/** A datetime-local value `days` from now at hh:00 China time. */
const local = (days, hh) => new Date(Date.now() + 8 * 3600e3 + days * 86400e3).toISOString().slice(0, 11) + String(hh).padStart(2, '0') + ':00';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** Fill the new-activity form as a professional activity of `org` led by `lead`. */
async function fillActivity(act, title, org, lead) {
  await act.getByLabel('活动名称').fill(title);
  await act.getByLabel('活动类型').selectOption('professional');
  // no number typed anywhere: a part of each name, then the option
  await pick(act, '主办组织', org.name.slice(2, 6), org);
  await pick(act, '负责社工', lead.name.slice(-1), lead);
  await act.getByLabel('活动开始时间').fill(local(4, 9));
  await act.getByLabel('活动结束时间').fill(local(4, 12));
  await act.getByLabel('岗位名称').fill('协助');
  await act.getByLabel('班次开始时间').fill(local(4, 9));
  await act.getByLabel('班次结束时间').fill(local(4, 11));
}

for (const [size, opts] of SIZES) {
  test(`${size}: an activity whose host org and lead are chosen by name; the API's refusal beside the lead`, async () => {
    const admin = await apiAs('admin');
    const agencies = (await admin.get('/orgs?kind=sw_agency&limit=5')).items;
    const org = agencies[size === 'phone' ? 0 : 1];
    const workers = (await admin.get(`/social-workers?org_id=${org.id}&limit=50`)).items;
    const good = workers.find((w) => w.qualification === 'intermediate' || w.qualification === 'senior');
    const none = workers.find((w) => w.qualification === 'none');
    assert.ok(good && none && good.name && none.name, 'the agency has named workers with and without a qualification');
    const { context, page } = await newPage(browser, opts);
    await login(page, 'admin');
    await page.waitForURL(/\/dashboard$/);
    await page.goto('/activities/new');
    const act = page.getByTestId('activity-form');
    const title = `专业服务测试 ${size} ${Date.now()}`;

    // the keyboard works too: Down opens the list, Escape closes it
    const orgBox = act.getByRole('combobox', { name: '主办组织', exact: true });
    await orgBox.fill(org.name.slice(2, 6));
    await act.locator(`#f-org-list [role="option"][data-id="${org.id}"]`).waitFor();
    assert.equal(await orgBox.getAttribute('aria-expanded'), 'true');
    await orgBox.press('Escape');
    assert.equal(await orgBox.getAttribute('aria-expanded'), 'false');

    // a lead without a qualification: the API's 422 sits beside the picker
    await fillActivity(act, title, org, none);
    await act.getByRole('button', { name: '发布' }).click();
    const field = act.locator('.field', { has: page.getByRole('combobox', { name: '负责社工', exact: true }) });
    const err = field.locator('.error[data-field="lead_social_worker_id"]');
    await err.waitFor();
    assert.match(await err.textContent(), /不符合规则/);
    assert.equal(await field.getByRole('combobox').getAttribute('aria-invalid'), 'true');
    await shot(page, `forms-field-error-${size}`);

    // a qualified lead, chosen by name: made, with that org and that lead
    await pick(act, '负责社工', good.name.slice(-1), good);
    await act.getByRole('button', { name: '发布' }).click();
    await page.waitForURL(/\/activity\?id=\d+/);
    const id = Number(new URL(page.url()).searchParams.get('id'));
    const made = await admin.get('/activities/' + id);
    assert.equal(made.title, title);
    assert.equal(made.lead_social_worker_id, good.id);
    assert.ok(made.org_ids.includes(org.id), `hosted by ${org.id}: ${made.org_ids}`);
    await shot(page, `forms-activity-made-${size}`);
    assert.deepEqual(page.errors, []);
    await context.close();
  });

  test(`${size}: the needs board names social workers; the org tree shows no stray 0`, async () => {
    const station = await apiAs('station');
    const assigned = (await station.get('/needs?limit=200')).items.find((n) => n.assigned_social_worker_id);
    assert.ok(assigned && assigned.assigned_social_worker_name, 'a need with an assignee, named by the API');
    const { context, page } = await newPage(browser, opts);
    await login(page, 'station');
    await page.waitForURL(/\/dashboard$/);
    await page.goto('/needs');
    const card = page.locator(`[data-testid="board"] [data-need="${assigned.id}"]`);
    await card.getByText(assigned.assigned_social_worker_name, { exact: false }).waitFor();
    assert.doesNotMatch(await page.getByTestId('board').textContent(), /社工 #\d/);
    await shot(page, `forms-needs-board-${size}`);

    await page.goto('/orgs');
    await page.locator('.tree a[data-org]').first().waitFor();
    // no bare number between the heading and the tree
    const stray = await page.locator('main section.stack').first().evaluate((s) => [...s.childNodes].filter((n) => n.nodeType === 3 && n.textContent.trim() !== '').map((n) => n.textContent));
    assert.deepEqual(stray, []);
    await shot(page, `forms-org-tree-${size}`);
    assert.deepEqual(page.errors, []);
    await context.close();
  });
}

test('desktop: the people table sorts by a column and loads the next page on the cursor', async () => {
  const admin = await apiAs('admin');
  const first = await admin.get('/people?limit=50');
  assert.ok(first.next_cursor, 'more people than one page');
  const { context, page } = await newPage(browser, DESKTOP);
  await login(page, 'admin');
  await page.waitForURL(/\/dashboard$/);
  await page.goto('/people');
  const table = page.getByTestId('people-table');
  const rows = table.locator('tbody tr');
  await rows.first().waitFor();
  assert.equal(await rows.count(), 50);
  assert.match(await table.getByTestId('table-count').textContent(), /已加载 50 条，还有更多/);
  await table.getByTestId('load-more').click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="people-table"] tbody tr').length > 50);
  const ids = await rows.evaluateAll((trs) => trs.map((tr) => Number(tr.dataset.row)));
  assert.deepEqual(ids.slice(0, 50), first.items.map((p) => p.id));
  const second = await admin.get('/people?limit=50&cursor=' + first.next_cursor);
  assert.deepEqual(ids.slice(50, 100), second.items.map((p) => p.id));

  // sorting by name, up then down, over the loaded rows
  const names = () => rows.evaluateAll((trs) => trs.map((tr) => tr.querySelector('td[data-label="姓名"]').textContent.trim()));
  const header = table.locator('th', { has: page.locator('button[data-sort="name"]') });
  await header.locator('button').click();
  assert.equal(await header.getAttribute('aria-sort'), 'ascending');
  const up = await names();
  assert.deepEqual(up, [...up].sort((a, b) => a.localeCompare(b, 'zh-CN')));
  await header.locator('button').click();
  assert.equal(await header.getAttribute('aria-sort'), 'descending');
  const down = await names();
  assert.deepEqual(down, [...up].reverse());
  assert.notDeepEqual(up, down);
  await shot(page, 'forms-people-table-desktop');

  // the org filter is a picker too: only that org's people remain
  const station = (await apiAs('station')).user.roles.find((r) => r.org_id).org_id;
  const org = await admin.get('/orgs/' + station);
  await pick(page, '所属组织', org.name.slice(0, 4), org);
  await page.waitForURL(new RegExp('org_id=' + station));
  const theirs = await admin.get(`/people?org_id=${station}&limit=200`);
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="people-table"] tbody tr').length === n, theirs.items.length);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('phone: a failing list shows the API message and a retry that loads it', async () => {
  const { context, page } = await newPage(browser, PHONE);
  await login(page, 'station');
  await page.waitForURL(/\/dashboard$/);
  let fail = true;
  await page.route('**/api/v1/people?*', (route) =>
    fail ? route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ error: { code: 'unavailable', message: 'store down for the test' } }) }) : route.continue(),
  );
  await page.goto('/people');
  const alert = page.getByRole('alert');
  await alert.getByText('store down for the test', { exact: false }).waitFor();
  await shot(page, 'forms-error-retry-phone');
  fail = false;
  await alert.getByRole('button', { name: '重试' }).click();
  await page.getByTestId('people-table').locator('tbody tr').first().waitFor();
  assert.equal(await page.getByRole('alert').count(), 0);
  await context.close();
});

test('desktop: a bulk verify of several records lists each result, one refused and the others done', async () => {
  const station = await apiAs('station');
  const open = (await station.get('/service-records?status=recorded&limit=200')).items;
  // a record made by hand is verified by someone other than its recorder
  const sw = await apiAs('sw');
  const chosen = open.filter((r) => ![station.user.id, sw.user.id].includes(r.recorder_user_id)).slice(-3);
  assert.equal(chosen.length, 3, `records to verify: ${open.length}`);
  const { context, page } = await newPage(browser, DESKTOP);
  await login(page, 'station');
  await page.waitForURL(/\/dashboard$/);
  await page.goto('/records/verify');
  const list = page.getByTestId('to-verify');
  await list.locator('[data-record]').first().waitFor();

  // select all, then none; then the three
  await page.getByTestId('select-all').check();
  assert.match(await page.getByTestId('bulk-count').textContent(), new RegExp(`已选 ${open.length} 项`));
  await page.getByTestId('select-all').uncheck();
  for (const r of chosen) await list.locator(`[data-record="${r.id}"] input[type="checkbox"]`).check();
  assert.match(await page.getByTestId('bulk-count').textContent(), /已选 3 项/);

  // someone else verifies one of them meanwhile: that one is refused
  await sw.post(`/service-records/${chosen[0].id}/verify`, {});
  await page.getByTestId('bulk-verify').click();
  const results = page.getByTestId('bulk-results');
  await results.waitFor();
  assert.match(await results.textContent(), /成功 2 项，失败 1 项/);
  assert.equal(await results.locator(`[data-result="${chosen[0].id}"]`).getAttribute('data-ok'), 'false');
  const refused = await results.locator(`[data-result="${chosen[0].id}"]`).textContent();
  assert.ok(refused.startsWith(chosen[0].content), refused);
  assert.doesNotMatch(refused, /：成功$/);
  for (const r of chosen.slice(1)) {
    assert.equal(await results.locator(`[data-result="${r.id}"]`).getAttribute('data-ok'), 'true');
    assert.equal((await station.get('/service-records/' + r.id)).status, 'verified');
  }
  // the refused one went out of the list with the others (verified by sw)
  await page.waitForFunction((ids) => ids.every((id) => !document.querySelector(`[data-testid="to-verify"] [data-record="${id}"]`)), chosen.map((r) => r.id));
  await shot(page, 'forms-bulk-verify-desktop');
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('phone: the pipeline moves a chosen column on, one refused, the others moved', async () => {
  const station = await apiAs('station');
  const team = (await station.get('/orgs?kind=volunteer_team&limit=5')).items[0];
  const tag = '批量' + String(Date.now()).slice(-6);
  const vols = [];
  for (const n of ['甲', '乙', '丙']) {
    const p = await station.post('/people', { name: tag + n, birth_date: '1990-03-0' + (vols.length + 1), org_id: team.id });
    vols.push(await station.post('/volunteers', { person_id: p.id, org_id: team.id }));
  }
  const { context, page } = await newPage(browser, PHONE);
  await login(page, 'station');
  await page.waitForURL(/\/dashboard$/);
  await page.goto('/pipeline?org_id=' + team.id);
  await page.getByLabel('按姓名或志愿者编号筛选').fill(tag);
  const applied = page.locator('[data-stage="applied"]');
  for (const v of vols) await applied.locator(`[data-volunteer="${v.id}"]`).getByText(tag).first().waitFor();
  assert.equal(await applied.locator('[data-volunteer]').count(), 3);
  await page.getByTestId('pick-all-applied').check();
  assert.match(await page.getByTestId('bulk-count').textContent(), /已选 3 项/);
  // one moves elsewhere meanwhile: its step from 申请 is no longer legal
  await station.post(`/volunteers/${vols[0].id}/stage`, { to: 'trial' });
  await page.getByTestId('bulk-move').click();
  const results = page.getByTestId('bulk-results');
  await results.waitFor();
  assert.match(await results.textContent(), /成功 2 项，失败 1 项/);
  assert.equal(await results.locator(`[data-result="${vols[0].id}"]`).getAttribute('data-ok'), 'false');
  assert.match(await results.locator(`[data-result="${vols[0].id}"]`).textContent(), new RegExp('^' + tag + '甲：'));
  for (const v of vols.slice(1)) {
    assert.equal(await results.locator(`[data-result="${v.id}"]`).getAttribute('data-ok'), 'true');
    assert.equal((await station.get('/volunteers/' + v.id)).stage, 'trial');
    await page.locator(`[data-stage="trial"] [data-volunteer="${v.id}"]`).waitFor();
  }
  await shot(page, 'forms-pipeline-bulk-phone');
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('desktop: accepting the chosen sign-ups of a shift lists the one over capacity', async () => {
  const station = await apiAs('station');
  const org = station.user.roles.find((r) => r.org_id).org_id;
  const act = await station.post('/activities', {
    title: '批量接受测试 ' + Date.now(), mode: 'daily', sign_up: 'approval', starts_at: cst(6, 8), ends_at: cst(6, 18),
    org_ids: [org], positions: [{ title: '协助', headcount: 2 }],
  });
  const shift = await station.post('/shifts', { position_id: act.positions[0].id, starts_at: cst(6, 9), ends_at: cst(6, 11), capacity: 2 });
  const regs = (await station.get(`/volunteers?org_id=${org}&stage=registered&limit=50`)).items;
  const signed = [];
  for (const v of regs) {
    if (signed.length === 3) break;
    const r = await station.request('POST', `/shifts/${shift.id}/signups`, { volunteer_id: v.id });
    if (r.status === 201) signed.push(r.data);
  }
  assert.equal(signed.length, 3, 'three registered volunteers signed up');
  assert.ok(signed.every((s) => s.status === 'pending'));
  const { context, page } = await newPage(browser, DESKTOP);
  await login(page, 'station');
  await page.waitForURL(/\/dashboard$/);
  await page.goto('/shift?id=' + shift.id);
  await page.getByTestId('signups-pending').waitFor();
  await page.getByTestId('select-all').check();
  assert.match(await page.getByTestId('bulk-count').textContent(), /已选 3 项/);
  await page.getByTestId('bulk-accept').click();
  const results = page.getByTestId('bulk-results');
  await results.waitFor();
  assert.match(await results.textContent(), /成功 2 项，失败 1 项/);
  const after = (await station.get(`/shifts/${shift.id}/signups?limit=10`)).items;
  assert.equal(after.filter((s) => s.status === 'accepted').length, 2);
  const refused = after.find((s) => s.status !== 'accepted');
  assert.equal(await results.locator(`[data-result="${refused.id}"]`).getAttribute('data-ok'), 'false');
  await page.getByTestId('signups-accepted').locator('[data-signup]').nth(1).waitFor();
  await shot(page, 'forms-signups-bulk-desktop');
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('phone: the activities table filters by mode on the server and lists newest first', async () => {
  const station = await apiAs('station');
  const org = station.user.roles.find((r) => r.org_id).org_id;
  const all = await station.get(`/activities?org_id=${org}&limit=200`);
  const daily = all.items.filter((a) => a.mode === 'daily');
  assert.ok(daily.length > 0 && daily.length < all.items.length, 'the station has daily and other activities');
  const { context, page } = await newPage(browser, PHONE);
  await login(page, 'station');
  await page.waitForURL(/\/dashboard$/);
  await page.goto('/activities');
  const rows = page.getByTestId('activities').locator('tbody tr');
  await rows.first().waitFor();
  const starts = new Map(all.items.map((a) => [a.id, a.starts_at]));
  const shown = await rows.evaluateAll((trs) => trs.map((tr) => Number(tr.dataset.row)));
  assert.deepEqual(shown.map((id) => starts.get(id)), [...shown.map((id) => starts.get(id))].sort().reverse());
  await page.getByLabel('活动类型').selectOption('daily');
  await page.waitForURL(/mode=daily/);
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="activities"] tbody tr').length === n, Math.min(daily.length, 50));
  const ids = await rows.evaluateAll((trs) => trs.map((tr) => Number(tr.dataset.row)));
  assert.ok(ids.every((id) => daily.some((a) => a.id === id)), 'only daily activities');
  await shot(page, 'forms-activities-phone');
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('phone: the volunteers as a table, filtered by stage and by a part of the name on the server', async () => {
  const station = await apiAs('station');
  const team = (await station.get('/orgs?kind=volunteer_team&limit=5')).items[0];
  const registered = (await station.get(`/volunteers?org_id=${team.id}&stage=registered&limit=200`)).items;
  assert.ok(registered.length > 0 && registered[0].name, 'the team has named registered volunteers');
  const { context, page } = await newPage(browser, PHONE);
  await login(page, 'station');
  await page.waitForURL(/\/dashboard$/);
  await page.goto('/pipeline?org_id=' + team.id);
  await page.getByTestId('view-table').click();
  await page.waitForURL(/view=table/);
  const rows = page.getByTestId('volunteer-table').locator('tbody tr');
  await rows.first().waitFor();
  await page.getByLabel('阶段').selectOption('registered');
  await page.waitForURL(/stage=registered/);
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="volunteer-table"] tbody tr').length === n, Math.min(registered.length, 50));
  // a part of one volunteer's name: the API's q finds exactly those it names
  const part = registered[0].name.slice(-1);
  const want = registered.filter((v) => v.name.includes(part)).map((v) => v.id).sort((a, b) => a - b);
  await page.getByRole('searchbox').fill(part);
  await page.getByRole('button', { name: '搜索' }).click();
  await page.waitForURL(/q=/);
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="volunteer-table"] tbody tr').length === n, want.length);
  const ids = await rows.evaluateAll((trs) => trs.map((tr) => Number(tr.dataset.row)));
  assert.deepEqual(ids, want);
  await shot(page, 'forms-volunteer-table-phone');
  assert.deepEqual(page.errors, []);
  await context.close();
});
