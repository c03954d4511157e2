// pickers.test.mjs - user accounts chosen by name (issue 18) in Debian's
// chromium against the demo city: a project's evaluator picked by typing
// part of a person's name (the option shows the name with the username,
// the API gets the account's id), the same form in English taking the whole
// username of an account no list shows, at phone and desktop widths.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { PASSWORD, PHONE, apiAs, axe, cst, launch, login, newPage, pick, shot } from './lib.mjs';

const DESKTOP = { viewport: { width: 1440, height: 900 } };
const day = (days) => cst(days, 12).slice(0, 10); // a date in China time
let browser, station, admin, stationOrg, colleague;

/** A project of the station, made through the API. */
async function project(title) {
  const org = await station.get('/orgs/' + stationOrg);
  return station.post('/projects', {
    title,
    kind: 'grant',
    funder_name: '荆州市慈善总会',
    org_id: stationOrg,
    region_id: org.region_id,
    starts_on: day(-10),
    ends_on: day(100),
    indicators: [{ name: '服务人次', target: 10, source: 'activities' }],
  });
}

before(async () => {
  browser = await launch();
  station = await apiAs('station');
  admin = await apiAs('admin');
  stationOrg = station.user.roles.find((r) => r.role === 'org_admin').org_id;
  // a named account of the station's org, other than the station itself
  const users = (await station.get(`/users?org_id=${stationOrg}&limit=200`)).items;
  colleague = users.find((u) => u.name && u.id !== station.user.id);
  assert.ok(colleague, 'the station has a colleague with a person');
});
after(async () => {
  await browser?.close();
});

test('desktop: an evaluator is picked by part of the name, shown with the username; the API gets the id', async () => {
  const p = await project('按姓名委托评估人 ' + Date.now());
  const { context, page } = await newPage(browser, DESKTOP);
  await login(page, 'station');
  await page.waitForURL(/\/dashboard$/);
  await page.goto('/project?id=' + p.id);
  const form = page.getByTestId('evaluator-form');
  // the users API finds a part of the person's name
  const typed = colleague.name.slice(-2);
  const box = await pick(form, '评估人账号', typed, colleague);
  const option = `${colleague.name}（${colleague.username}）`;
  assert.equal(await box.inputValue(), option);
  await form.getByLabel('评估方类型').selectOption('supervisor');
  await shot(page, 'pickers-evaluator-desktop');
  await axe(page, 'the evaluator form, an account picked');
  await form.getByRole('button', { name: '委托' }).click();
  await page.locator(`[data-testid="proj-evaluators"] [data-evaluator="${colleague.id}"]`).getByText(colleague.username).waitFor();
  const list = (await station.get(`/projects/${p.id}/evaluators`)).items;
  assert.deepEqual(
    list.map((x) => [x.user_id, x.kind]),
    [[colleague.id, 'supervisor']],
  );
  // the form is empty again, its picker too
  assert.equal(await form.getByRole('combobox', { name: '评估人账号', exact: true }).inputValue(), '');
  // nothing typed and nothing chosen: said beside the field, nothing sent
  await form.getByRole('button', { name: '委托' }).click();
  await form.getByText('请选择评估人，或填写其账号名').waitFor();
  assert.equal((await station.get(`/projects/${p.id}/evaluators`)).items.length, 1);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('en phone: an account no list shows is appointed by its whole username; an unknown one is refused beside the field', async () => {
  const p = await project('Appoint by username ' + Date.now());
  const username = 'pickers.eval.' + Date.now();
  const evaluator = await admin.post('/users', { username, password: PASSWORD, roles: [] });
  const { context, page } = await newPage(browser, PHONE);
  await context.addInitScript(() => localStorage.setItem('ld.locale', 'en'));
  await login(page, 'station');
  await page.waitForURL(/\/dashboard$/);
  await page.goto('/project?id=' + p.id);
  const form = page.getByTestId('evaluator-form');
  const box = form.getByRole('combobox', { name: "Evaluator's account", exact: true });
  // a username nobody has: the list is empty, the API's 422 sits beside the field
  await box.fill('no.such.' + username);
  await form.getByText(`Not in the list; the account named “no.such.${username}” will be looked up`).waitFor();
  await form.getByRole('button', { name: 'Appoint' }).click();
  const err = form.locator('.error[data-field="user_id"]');
  await err.waitFor();
  assert.equal(await box.getAttribute('aria-invalid'), 'true');
  // the real one, typed whole
  await box.fill(username);
  await form.getByText(`Not in the list; the account named “${username}” will be looked up`).waitFor();
  const w = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(w <= 360, `the page is ${w} px wide on a 360 px screen`);
  await shot(page, 'pickers-evaluator-free-en-phone');
  await axe(page, 'the evaluator form, a username typed (en)');
  await form.getByRole('button', { name: 'Appoint' }).click();
  await page.locator(`[data-testid="proj-evaluators"] [data-evaluator="${evaluator.id}"]`).getByText(username).waitFor();
  const list = (await station.get(`/projects/${p.id}/evaluators`)).items;
  assert.deepEqual(
    list.map((x) => x.user_id),
    [evaluator.id],
  );
  assert.deepEqual(page.errors, []);
  await context.close();
});

/** A user as the pages name it in `lang`: the person's name with the username. */
const label = (u, lang) => (u.name ? (lang === 'en' ? `${u.name} (${u.username})` : `${u.name}（${u.username}）`) : u.username);

test("en phone: a social worker reads a fund's manager and a gift's recorder by name, not by number", async () => {
  const users = (await station.get(`/users?org_id=${stationOrg}&role=social_worker&limit=200`)).items;
  const manager = users.find((u) => u.name);
  assert.ok(manager, 'the station has a named social worker');
  const fund = await station.post('/funds', { name: 'Names fund ' + Date.now(), org_id: stationOrg, purpose: 'pooled', manager_user_id: manager.id });
  const gift = await station.post('/donations', { fund_id: fund.id, amount_fen: 1000, donor_name: '测试', received_on: day(-1), channel: 'cash' });
  const recorder = await admin.get('/users/' + station.user.id);
  const { context, page } = await newPage(browser, PHONE);
  await context.addInitScript(() => localStorage.setItem('ld.locale', 'en'));
  await login(page, 'sw');
  await page.waitForURL(/\/dashboard$/);
  await page.goto('/funds/' + fund.id);
  await page.getByTestId('manager').waitFor();
  assert.equal((await page.getByTestId('manager').textContent()).trim(), label(manager, 'en'));
  await page.goto('/donations/' + gift.id);
  await page.getByText(label(recorder, 'en'), { exact: false }).waitFor();
  assert.doesNotMatch(await page.locator('main').textContent(), /user #\d/i);
  await shot(page, 'pickers-names-donation-en');
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('desktop: staff read who changed a qualification rule by name', async () => {
  // the supervisor rule set to its default level: changed by the admin, gating nothing new
  const put = await admin.request('PUT', '/qualification-rules/supervisor', { min_qualification: 'intermediate' });
  assert.equal(put.status, 200);
  try {
    const me = await admin.get('/users/' + admin.user.id);
    const { context, page } = await newPage(browser, DESKTOP);
    await login(page, 'station');
    await page.waitForURL(/\/dashboard$/);
    await page.goto('/qualification-rules');
    const updated = page.locator('[data-testid="qual-rules"] li[data-work="supervisor"]').getByTestId('rule-updated');
    await updated.waitFor();
    const text = await updated.textContent();
    assert.ok(text.includes(label(me, 'zh')), text);
    assert.doesNotMatch(text, /用户 #\d/);
    assert.deepEqual(page.errors, []);
    await context.close();
  } finally {
    await admin.request('DELETE', '/qualification-rules/supervisor');
  }
});
