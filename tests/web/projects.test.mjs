// projects.test.mjs - service projects 项目化运作 (issue 16) in Debian's
// chromium against the real server with the demo city. The station's admin
// creates a project in the form (the API's error next to the field it
// names; the budget typed in yuan arrives in fen; a service-hours and an
// activities indicator inline), starts it, edits it, reports a manual
// indicator, and spends from its fund (refused past the balance, voided); an activity attached to it
// (picked in the activity form) gets a shift, a volunteer signs up, is
// checked in and out, the social worker verifies the record and the
// project's hours indicator moves off zero. The board shows the project in
// its status column, the region's civil-affairs office sees it with its
// totals and the indicators behind, and an evaluator with no role at all
// finds it under 我评估的项目, reads it without the edit button and records
// a mid-term evaluation.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { PASSWORD, apiAs, cst, cstFromNow, launch, login, menu, navTo, newPage, shot } from './lib.mjs';

const DESKTOP = { viewport: { width: 1100, height: 900 } };
const local = (iso) => iso.slice(0, 16); // a datetime-local value
const day = (days) => cst(days, 12).slice(0, 10); // a date in China time
const title = '社区居家养老服务项目 ' + Date.now();

let browser, projectId;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test('the station creates a project with indicators in the form and starts it', async () => {
  const station = await apiAs('station');
  const { context, page } = await newPage(browser, DESKTOP);
  await login(page, 'station');
  await page.waitForURL(/\/dashboard$/);
  await navTo(page, '项目', { exact: true });
  await page.getByRole('heading', { name: '服务项目' }).waitFor();
  await page.getByRole('link', { name: '新建项目' }).click();
  const form = page.getByTestId('proj-form');
  await form.waitFor();
  // the form's own check first
  await form.getByRole('button', { name: '保存项目' }).click();
  await form.locator('.error[data-field="title"]').getByText('请填写此项').waitFor();

  await form.getByLabel('项目名称').fill(title);
  await form.getByLabel('项目类型').selectOption('procured');
  await form.getByLabel('合同编号').fill('SSQ-MZ-2026-016');
  await form.locator('[data-partner] input').first().waitFor();
  const stationOrg = station.user.roles.find((r) => r.role === 'org_admin').org_id;
  const team = (await station.get(`/orgs?org_id=${stationOrg}&kind=volunteer_team&limit=1`)).items[0].id;
  await form.locator(`[data-partner="${team}"] input`).check();
  await form.getByLabel('开始日期').fill(day(-30));
  await form.getByLabel('结束日期').fill(day(180));
  await form.getByTestId('budget-row-0').getByLabel('预算科目', { exact: true }).selectOption('staff');
  await form.getByTestId('budget-row-0').getByLabel('金额（元）').fill('80,000');
  await form.getByRole('button', { name: '添加预算科目' }).click();
  await form.getByTestId('budget-row-1').getByLabel('预算科目', { exact: true }).selectOption('activities');
  await form.getByTestId('budget-row-1').getByLabel('金额（元）').fill('20000.50');
  await form.getByTestId('budget-total').getByText('预算合计：¥100,000.50').waitFor();
  const ind = (i) => form.getByTestId('indicator-row-' + i);
  await ind(0).getByLabel('指标名称').fill('志愿服务时长');
  await ind(0).getByLabel('数据来源').selectOption('service_hours');
  await ind(0).getByLabel('目标值').fill('500');
  await ind(0).getByLabel('单位').fill('小时');
  await form.getByRole('button', { name: '添加指标' }).click();
  await ind(1).getByLabel('指标名称').fill('开展活动');
  await ind(1).getByLabel('数据来源').selectOption('activities');
  await ind(1).getByLabel('目标值').fill('24');
  await ind(1).getByLabel('单位').fill('场');

  // a procured project names its funder: the API's error next to the field
  await form.getByRole('button', { name: '保存项目' }).click();
  await form.locator('.error[data-field="funder_name"]').waitFor();
  assert.equal(await form.locator('[data-field="_form"]').count(), 0, 'the error is next to the field');
  await shot(page, 'projects-form-error');
  assert.equal((await station.get('/projects?limit=200')).items.filter((p) => p.title === title).length, 0, 'nothing written');

  await form.getByLabel('资助方名称').fill('沙市区民政局');
  await form.getByRole('button', { name: '保存项目' }).click();
  await page.waitForURL(/\/project\?id=\d+$/);
  projectId = Number(new URL(page.url()).searchParams.get('id'));
  await page.getByRole('heading', { name: title }).waitFor();
  const p = await station.get('/projects/' + projectId);
  assert.deepEqual(p.budget, [{ line: 'staff', amount_fen: 8000000 }, { line: 'activities', amount_fen: 2000050 }]);
  assert.equal(p.budget_total_fen, 10000050);
  assert.deepEqual(p.partner_org_ids, [team]);
  assert.deepEqual(p.indicators.map((i) => [i.source, i.target]), [['service_hours', 500], ['activities', 24]]);
  assert.equal(p.status, 'planned');
  await page.locator('[data-fact="budget"]').getByText('¥100,000.50').waitFor();
  await page.getByTestId('proj-status').getByText('筹备中').waitFor();
  await page.getByRole('button', { name: '开始执行' }).click();
  await page.getByTestId('proj-status').getByText('执行中').waitFor();
  assert.equal((await station.get('/projects/' + projectId)).status, 'running');
  // no move from running straight to accepted: only 进入结项 is offered
  assert.deepEqual(await page.locator('[data-move]').evaluateAll((b) => b.map((x) => x.dataset.move)), ['closing']);
  assert.equal(await page.getByTestId('proj-report-pdf').getAttribute('href'), `/api/v1/projects/${projectId}/report.pdf`);
  assert.equal(await page.getByTestId('proj-report-xlsx').getAttribute('href'), `/api/v1/projects/${projectId}/report.xlsx`);
  await shot(page, 'projects-page-new');

  // a fund of the station holding ¥1,000 becomes the project's in the edit
  const fund = await station.post('/funds', { name: '项目配套资金 ' + Date.now(), org_id: stationOrg, purpose: 'pooled', manager_user_id: station.user.id });
  await station.post('/donations', { fund_id: fund.id, amount_fen: 100000, donor_name: '浏览器测试', received_on: day(-1), channel: 'cash' });

  // an edit: the form comes back filled in, the budget in yuan
  await page.getByTestId('proj-edit').click();
  await page.waitForURL(/\/projects\/edit\?id=/);
  await form.getByTestId('budget-row-1').getByLabel('金额（元）').waitFor();
  assert.equal(await form.getByTestId('budget-row-1').getByLabel('金额（元）').inputValue(), '20000.50');
  assert.equal(await form.getByLabel('承接机构').isDisabled(), true, 'the implementing org is fixed');
  await form.getByLabel('合同编号').fill('SSQ-MZ-2026-016-B');
  await form.getByLabel('资金来源基金').selectOption(String(fund.id));
  await form.getByRole('button', { name: '保存项目' }).click();
  await page.waitForURL(/\/project\?id=\d+$/);
  await page.locator('[data-fact="contract_no"]').getByText('SSQ-MZ-2026-016-B').waitFor();

  // a third indicator, reported by hand with its evidence
  await page.getByRole('button', { name: '添加指标' }).click();
  const add = page.getByTestId('indicator-form');
  await add.getByLabel('指标名称').fill('入户走访');
  await add.getByLabel('数据来源').selectOption('manual');
  await add.getByLabel('目标值').fill('120');
  await add.getByLabel('单位').fill('户');
  await add.getByRole('button', { name: '保存指标' }).click();
  const manual = page.locator('[data-testid="proj-indicators"] [data-source="manual"]');
  await manual.getByTestId('actual').getByText('未上报').waitFor();
  await manual.getByRole('button', { name: '上报数值' }).click();
  await manual.getByLabel('累计数值').fill('30');
  await manual.getByLabel('佐证材料').fill('走访登记表（11月）');
  await manual.getByRole('button', { name: '提交上报' }).click();
  await manual.getByTestId('actual').getByText('30 户').waitFor();
  const reported = (await station.get('/projects/' + projectId)).indicators.find((i) => i.source === 'manual');
  assert.equal(reported.actual, 30);

  // spending from the fund: an expense more than it holds is refused next to
  // the amount; one it holds shows against its line; voided, it goes back
  const exp = page.getByTestId('expense-form');
  await exp.getByLabel('预算科目').selectOption('staff');
  await exp.getByLabel('金额（元）').fill('1500');
  await exp.getByLabel('用途说明').fill('社工补贴（11月）');
  await exp.getByRole('button', { name: '记录支出' }).click();
  await exp.locator('.error[data-field="amount_fen"]').getByText(/基金余额不足/).waitFor();
  await exp.getByLabel('金额（元）').fill('300');
  await exp.getByRole('button', { name: '记录支出' }).click();
  const staffLine = page.locator('[data-testid="proj-budget"] [data-line="staff"]');
  await staffLine.getByText('已支出 ¥300.00 / 预算 ¥80,000.00').waitFor();
  assert.equal((await station.get('/projects/' + projectId)).spent_fen, 30000);
  const line = page.locator('[data-testid="proj-expenses"] li').first();
  await line.getByRole('button', { name: '作废' }).click();
  await line.getByLabel('作废原因').fill('重复录入');
  await line.getByRole('button', { name: '确认作废' }).click();
  await line.getByText('已作废：重复录入').waitFor();
  await staffLine.getByText('已支出 ¥0.00 / 预算 ¥80,000.00').waitFor();
  assert.equal((await station.get('/funds/' + fund.id)).balance_fen, 100000);
  await shot(page, 'projects-page-spend');
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('an activity of the project: sign-up, check-in and out, verification; the hours indicator moves', async () => {
  assert.ok(projectId, 'the first test made the project');
  const station = await apiAs('station');
  const actTitle = '项目探访活动 ' + Date.now();
  const { context, page } = await newPage(browser, DESKTOP);
  await login(page, 'station');
  await page.waitForURL(/\/dashboard$/);
  await page.goto('/activities/new');
  const form = page.getByTestId('activity-form');
  await form.getByLabel('活动名称').fill(actTitle);
  await form.getByLabel('所属项目（可选）').selectOption(String(projectId));
  await form.getByLabel('活动开始时间').fill(local(cstFromNow(-3600)));
  await form.getByLabel('活动结束时间').fill(local(cstFromNow(86400)));
  await form.getByLabel('岗位名称').fill('入户探访');
  await form.getByLabel('招募人数').fill('2');
  await form.getByLabel('班次开始时间').fill(local(cstFromNow(-600)));
  await form.getByLabel('班次结束时间').fill(local(cstFromNow(3000)));
  await form.getByRole('button', { name: '发布' }).click();
  await page.waitForURL(/\/activity\?id=\d+/);
  const actId = Number(new URL(page.url()).searchParams.get('id'));
  assert.equal((await station.get('/activities/' + actId)).project_id, projectId);
  await page.getByTestId('activity-project').getByRole('link', { name: title }).waitFor();
  const shiftId = Number(await page.getByTestId('activity-shifts').locator('li').first().getAttribute('data-shift'));
  await shot(page, 'projects-activity');

  // a volunteer the rules accept, not the social worker who verifies
  const sw = await apiAs('sw');
  const cands = await station.get(`/shifts/${shiftId}/candidates?limit=20`);
  const vol = cands.items.find((c) => c.person_id !== sw.user.person_id);
  assert.ok(vol, 'an eligible volunteer');
  const signup = await station.post(`/shifts/${shiftId}/signups`, { volunteer_id: vol.volunteer_id });
  assert.equal(signup.status, 'accepted');
  await station.post('/attendance/check-in', { signup_id: signup.id, reason: '现场签到（浏览器测试）' });
  const checkedIn = Date.now();
  await context.close();

  // the social worker, who will verify the record (one made by hand is
  // verified by someone other than its recorder), sees the indicator at
  // zero while the volunteer serves
  const w = await newPage(browser, DESKTOP);
  await login(w.page, 'sw');
  await w.page.waitForURL(/\/dashboard$/);
  await w.page.goto('/project?id=' + projectId);
  const li = w.page.locator(`[data-testid="proj-indicators"] [data-source="service_hours"]`);
  await li.getByTestId('actual').getByText('0 小时', { exact: true }).waitFor();
  // Hours are whole minutes between check-in and check-out, rounded. Three
  // minutes are 0.05 h exactly, so the hours of the checked-in organisations
  // stay sums of whole twentieths (staff.test.mjs adds its record's rounded
  // hours to the dashboard's total and compares).
  await w.page.waitForTimeout(Math.max(0, 155000 - (Date.now() - checkedIn)));
  await station.post('/attendance/check-out', { signup_id: signup.id, reason: '现场签退（浏览器测试）' });

  await w.page.goto('/shift?id=' + shiftId);
  const row = w.page.locator(`[data-signup="${signup.id}"]`);
  await row.getByText('待认证').waitFor();
  await row.getByRole('button', { name: '认证时长' }).click();
  await row.getByText('已认证').waitFor();
  const rec = (await station.get(`/service-records?activity_id=${actId}`)).items[0];
  assert.equal(rec.status, 'verified');

  // the project page: the hours indicator off zero, the activity on the timeline, the team's hours
  await w.page.goto('/project?id=' + projectId);
  const prog = await station.get(`/projects/${projectId}/progress`);
  const hours = prog.indicators.find((i) => i.source === 'service_hours');
  assert.ok(hours.actual > 0, `service hours ${hours.actual}`);
  assert.equal(hours.actual, 0.05, `indicator ${hours.actual} = the record's three minutes`);
  assert.equal(rec.hours, 0.05);
  await li.getByTestId('actual').getByText('0.05 小时', { exact: true }).waitFor();
  await w.page.getByTestId('proj-activities').locator(`[data-activity="${actId}"]`).getByText(actTitle).waitFor();
  assert.ok((await w.page.getByTestId('proj-teams').locator('tr[data-team]').count()) >= 1);
  await shot(w.page, 'projects-indicator-moved');
  assert.deepEqual(w.page.errors, []);
  await w.context.close();
});

test('the board shows the project in its status column; the filters narrow it', async () => {
  assert.ok(projectId);
  const { context, page } = await newPage(browser, DESKTOP);
  await login(page, 'station');
  await page.waitForURL(/\/dashboard$/);
  await page.goto('/projects');
  const card = page.locator(`[data-column="running"] [data-project="${projectId}"]`);
  await card.getByRole('link', { name: title }).waitFor();
  await card.getByText('中山街道社工站').waitFor();
  await card.getByTestId('card-budget').getByText('预算 ¥100,000.50 · 已支出 ¥0.00').waitFor();
  await card.getByTestId('card-summary').getByText('指标达标 0/3').waitFor();
  assert.equal(await page.locator(`[data-column="planned"] [data-project="${projectId}"]`).count(), 0);
  await shot(page, 'projects-board');
  await page.getByLabel('项目类型').selectOption('grant');
  await page.locator(`[data-project="${projectId}"]`).waitFor({ state: 'detached' });
  await page.getByLabel('项目类型').selectOption('procured');
  await page.getByLabel('状态').selectOption('running');
  await card.waitFor();
  assert.equal(await page.locator('[data-column]').count(), 1);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test("the region's office sees every project of its region with totals and the indicators behind", async () => {
  assert.ok(projectId);
  const region = await apiAs('region');
  const regionId = region.user.roles.find((r) => r.role === 'regional_admin').region_id;
  const all = (await region.get(`/projects?region_id=${regionId}&limit=200`)).items;
  assert.ok(all.some((p) => p.id === projectId));
  const progress = await Promise.all(all.map((p) => region.get(`/projects/${p.id}/progress`)));
  const { context, page } = await newPage(browser, DESKTOP);
  await login(page, 'region');
  await page.waitForURL(/\/dashboard$/);
  await navTo(page, '辖区项目', { exact: true });
  await page.waitForURL(/\/projects\/region/);
  const totals = page.getByTestId('region-totals');
  await totals.waitFor();
  assert.equal(await totals.locator('[data-stat="projects"]').innerText(), String(all.length));
  const behind = progress.reduce((s, g) => s + g.indicators.filter((i) => i.behind).length, 0);
  assert.equal(await totals.locator('[data-stat="behind"]').innerText(), String(behind));
  const yuan = (fen) => '¥' + new Intl.NumberFormat('en-US', { minimumFractionDigits: 2 }).format(fen / 100);
  assert.equal(await totals.locator('[data-stat="budget"]').innerText(), yuan(progress.reduce((s, g) => s + g.budget_total_fen, 0)));
  const card = page.locator(`[data-testid="region-projects"] [data-project="${projectId}"]`);
  await card.getByRole('link', { name: title }).waitFor();
  // each indicator the API flags behind is marked 落后 here
  const mine = progress[all.findIndex((p) => p.id === projectId)];
  for (const i of mine.indicators) {
    const li = card.locator(`[data-indicator="${i.id}"]`);
    assert.equal(await li.getAttribute('data-behind'), i.behind ? 'yes' : 'no', i.name);
    assert.equal(await li.getByText('落后').count(), i.behind ? 1 : 0, i.name);
  }
  await shot(page, 'projects-region');
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('an evaluator with no role finds the project under 我评估的项目, reads it and records a mid-term evaluation', async () => {
  assert.ok(projectId);
  const admin = await apiAs('admin');
  const username = 'proj.eval.' + Date.now();
  const evaluator = await admin.post('/users', { username, password: PASSWORD, roles: [] });
  assert.deepEqual(evaluator.roles, []);

  // the station appoints them in the page's form
  {
    const { context, page } = await newPage(browser, DESKTOP);
    await login(page, 'station');
    await page.waitForURL(/\/dashboard$/);
    await page.goto('/project?id=' + projectId);
    const form = page.getByTestId('evaluator-form');
    // an account with no role is in no list the station may read: its
    // username, typed whole, is looked up on appointing (issue 18)
    const box = form.getByRole('combobox', { name: '评估人账号', exact: true });
    await box.fill(username);
    await form.getByText(`列表中没有；将按账号名“${username}”查找`).waitFor();
    assert.equal(await box.getAttribute('data-value'), '');
    await form.getByLabel('评估方类型').selectOption('third_party');
    await form.getByLabel('评估机构').fill('荆州市社会工作协会');
    await form.getByRole('button', { name: '委托' }).click();
    await page.locator(`[data-testid="proj-evaluators"] [data-evaluator="${evaluator.id}"]`).getByText(username).waitFor();
    assert.deepEqual(page.errors, []);
    await context.close();
  }

  const { context, page } = await newPage(browser);
  await login(page, username);
  await page.waitForURL(/\/projects\/evaluating$/);
  await (await menu(page)).getByRole('link', { name: '我评估的项目', exact: true }).waitFor();
  const card = page.locator(`[data-testid="proj-evaluating"] [data-project="${projectId}"]`);
  await card.getByRole('link', { name: title }).click();
  await page.waitForURL(/\/project\?id=/);
  await page.getByRole('heading', { name: title }).waitFor();
  await page.getByTestId('proj-indicators').waitFor();
  // read-only: no edit, no status move, no expense or evaluator form
  assert.equal(await page.getByTestId('proj-edit').count(), 0);
  assert.equal(await page.locator('[data-move]').count(), 0);
  assert.equal(await page.getByTestId('expense-form').count(), 0);
  assert.equal(await page.getByTestId('evaluator-form').count(), 0);
  // nor may the API be asked to change it
  const ev = await apiAs(username);
  assert.equal((await ev.request('PATCH', '/projects/' + projectId, { title: 'x' })).status, 403);

  const form = page.getByTestId('evaluation-form');
  await form.getByLabel('评估阶段').selectOption('mid');
  const row = (i) => form.getByTestId('score-row-' + i);
  await row(0).getByLabel('评分项').fill('服务成效');
  await row(0).getByLabel('得分').fill('45');
  await row(0).getByLabel('满分').fill('40');
  await form.getByRole('button', { name: '提交评估' }).click();
  await row(0).locator('.error[data-field="scores[0].score"]').getByText('得分不能超过满分').waitFor();
  await row(0).getByLabel('得分').fill('34');
  await form.getByRole('button', { name: '添加评分项' }).click();
  await row(1).getByLabel('评分项').fill('项目管理');
  await row(1).getByLabel('得分').fill('26.5');
  await row(1).getByLabel('满分').fill('30');
  await form.getByLabel('评估意见').fill('服务时长进度落后，需加强志愿者动员。');
  await form.getByLabel('评估材料').fill('中期自评报告.pdf\n服务台账.xlsx');
  await form.getByLabel('评估结论').selectOption('rectify');
  await form.getByRole('button', { name: '提交评估' }).click();
  const item = page.getByTestId('proj-evaluations').locator('li').first();
  await item.getByText('中期评估 · 限期整改').waitFor();
  await item.getByTestId('eval-total').getByText('总分 60.5 / 70.0').waitFor();
  const evals = (await ev.get(`/projects/${projectId}/evaluations`)).items;
  assert.equal(evals.length, 1);
  assert.equal(evals[0].evaluator_user_id, evaluator.id);
  assert.deepEqual(evals[0].documents, ['中期自评报告.pdf', '服务台账.xlsx']);
  assert.equal((await ev.get('/projects/' + projectId)).status, 'running', 'a mid-term evaluation leaves the status');
  await shot(page, 'projects-evaluator');
  assert.deepEqual(page.errors, []);
  await context.close();
});
