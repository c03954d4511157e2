// voice.test.mjs - volunteer and resident voice (issue 15) in Debian's
// chromium on a phone against the real server with the demo city. The
// station's org admin builds a survey with a question of each kind (a
// choice with one option is refused next to its question), sends it to
// the station's volunteers; the demo `volunteer` finds it in 我的问卷 and
// fills it in; the station reads its chart and table. The volunteer rates
// last month's clinic shift they have not rated yet.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { apiAs, launch, login, newPage, shot } from './lib.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const TITLE = '社区志愿服务满意度（浏览器测试）';
let surveyId = 0;

test('staff build a survey of every kind of question and send it', async () => {
  const { context, page } = await newPage(browser);
  await login(page, 'station');
  await page.waitForURL(/\/dashboard$/);
  await page.goto('/surveys/new');
  await page.getByLabel('问卷标题').fill(TITLE);
  const q = (i) => page.locator(`[data-question="${i}"]`);
  await q(0).getByLabel('题目内容').fill('总体满意吗？');
  await q(0).getByLabel('选项（每行一个）').fill('满意');
  await q(0).getByLabel('必答').check();
  // a single choice with one option: 422 naming questions[0].options, shown at the question
  await page.getByRole('button', { name: '保存草稿' }).click();
  await q(0).locator('[data-field="questions[0]"]').waitFor();
  assert.equal(page.url().endsWith('/surveys/new'), true);
  await q(0).getByLabel('选项（每行一个）').fill('满意\n一般\n不满意');

  await page.getByRole('button', { name: '添加题目' }).click();
  await q(1).getByLabel('题目内容').fill('参加过哪些服务？');
  await q(1).getByLabel('题型').selectOption('multiple');
  await q(1).getByLabel('选项（每行一个）').fill('助老\n环保\n应急');
  await page.getByRole('button', { name: '添加题目' }).click();
  await q(2).getByLabel('题目内容').fill('给带教社工打分');
  await q(2).getByLabel('题型').selectOption('scale');
  await q(2).getByLabel('必答').check();
  await page.getByRole('button', { name: '添加题目' }).click();
  await q(3).getByLabel('题目内容').fill('你的建议');
  await q(3).getByLabel('题型').selectOption('text');
  await page.getByRole('button', { name: '保存草稿' }).click();
  await page.waitForURL(/\/surveys$/);

  const row = page.locator('[data-survey]', { hasText: TITLE });
  await row.waitFor();
  surveyId = Number(await row.getAttribute('data-survey'));
  await row.getByRole('button', { name: '发布' }).click();
  await row.getByText('进行中').waitFor();
  await row.getByText(/0 \/ \d+ 份回复/).waitFor();
  await shot(page, 'voice-survey-list');
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('a volunteer fills the survey in; a second time it says it is answered', async () => {
  assert.ok(surveyId > 0);
  const { context, page } = await newPage(browser);
  await login(page, 'volunteer');
  await page.waitForURL(/\/my$/);
  await page.goto('/my/surveys');
  const item = page.locator(`[data-survey="${surveyId}"]`);
  await item.getByRole('link', { name: '填写' }).click();
  await page.waitForURL(/\/surveys\/fill\?id=\d+$/);
  // the required scale left out: the server's 422 is shown under it
  await page.locator('[data-question="q1"]').getByLabel('满意', { exact: true }).check();
  await page.getByRole('button', { name: '提交问卷' }).click();
  await page.locator('[data-field="answers.q3"]').waitFor();
  await page.locator('[data-question="q2"]').getByLabel('助老').check();
  await page.locator('[data-question="q2"]').getByLabel('应急').check();
  await page.locator('[data-question="q3"]').getByRole('radio', { name: /^4 星/ }).click();
  await page.locator('[data-question="q4"] textarea').fill('希望多一些培训');
  await page.getByRole('button', { name: '提交问卷' }).click();
  await page.getByTestId('fill-done').waitFor();
  await shot(page, 'voice-survey-filled');
  await page.goto('/my/surveys');
  await page.locator(`[data-survey="${surveyId}"]`).getByText('已填写').waitFor();
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('staff read the results as a chart and as a table', async () => {
  const { context, page } = await newPage(browser);
  await login(page, 'station');
  await page.waitForURL(/\/dashboard$/);
  await page.goto('/surveys/results?id=' + surveyId);
  await page.getByTestId('res-summary').getByText(/收回 1 份/).waitFor();
  const chart = page.getByTestId('chart-q1');
  await chart.waitFor();
  assert.equal(await chart.locator('rect').count(), 3);
  assert.match(await chart.locator('title').first().textContent(), /满意: 1/);
  assert.match(await page.getByTestId('avg-q3').innerText(), /4\.00/);
  assert.match(await page.getByTestId('texts-q4').innerText(), /希望多一些培训/);
  await shot(page, 'voice-results-chart');
  await page.getByRole('button', { name: '表格' }).click();
  const table = page.getByTestId('table-q2');
  await table.waitFor();
  const rows = await table.locator('tbody tr').allInnerTexts();
  assert.deepEqual(rows.map((r) => r.split('\t').slice(0, 2).join(' ')), ['助老 1', '环保 0', '应急 1']);
  await shot(page, 'voice-results-table');
  // the API agrees
  const api = await apiAs('station');
  const res = await api.get(`/surveys/${surveyId}/results`);
  assert.equal(res.responses, 1);
  assert.deepEqual(res.questions[0].options.map((o) => o.count), [1, 0, 0]);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('a volunteer rates a shift they served', async () => {
  const { context, page } = await newPage(browser);
  await login(page, 'volunteer');
  await page.waitForURL(/\/my$/);
  await page.goto('/my/shifts');
  const list = page.getByTestId('past-shifts');
  await list.waitFor();
  const unrated = list.locator('li', { has: page.getByRole('button', { name: '评价', exact: true }) }).first();
  const signup = await unrated.getAttribute('data-signup');
  const item = page.locator(`[data-signup="${signup}"]`);
  await item.getByRole('button', { name: '评价', exact: true }).click();
  await item.getByRole('radio', { name: /^4 星/ }).click();
  await item.locator('textarea').fill('导诊流程清楚，志愿者分工合理');
  await item.getByRole('button', { name: '提交评价' }).click();
  await page.getByTestId('rate-saved').waitFor();
  await item.getByTestId('my-rating').getByText('★★★★').waitFor();
  await shot(page, 'voice-shift-rated');
  const api = await apiAs('volunteer');
  const fb = await api.get(`/signups/${signup}/feedback`);
  assert.equal(fb.rating, 4);
  assert.equal(fb.comment, '导诊流程清楚，志愿者分工合理');
  assert.deepEqual(page.errors, []);
  await context.close();
});

test("the organisers read an activity's feedback from its page", async () => {
  const api = await apiAs('station');
  // every page of the activities the station reads (the demo has more than one)
  const acts = { items: [] };
  for (let c = ''; c !== null; ) {
    const pg = await api.get('/activities?limit=200' + (c ? '&cursor=' + c : ''));
    acts.items.push(...pg.items);
    c = pg.next_cursor;
  }
  const clinic = acts.items.find((a) => a.title === '社区义诊志愿服务');
  assert.ok(clinic, 'the demo has last month clinic');
  const { context, page } = await newPage(browser);
  await login(page, 'station');
  await page.waitForURL(/\/dashboard$/);
  await page.goto('/activity?id=' + clinic.id);
  await page.getByTestId('activity-feedback-link').click();
  await page.waitForURL(/\/activities\/feedback\?id=\d+$/);
  await page.getByTestId('fb-chart').waitFor();
  const fb = await api.get(`/activities/${clinic.id}/feedback`);
  assert.ok(fb.count >= 7);
  assert.equal(await page.getByTestId('fb-count').innerText(), String(fb.count));
  assert.equal(await page.getByTestId('fb-items').locator('tbody tr').count(), fb.count);
  await shot(page, 'voice-activity-feedback');
  assert.deepEqual(page.errors, []);
  await context.close();
});
