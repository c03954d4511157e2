// council.test.mjs - councils (议事会, issue 15) in Debian's chromium on a
// phone against the real server with the demo city. The `sw` account (a
// social worker of 中山街道社工站, the town above the resident's community)
// opens the demo council, whose first issue already shows the need it
// became; runs a new meeting (agenda, attendance checkboxes, minutes);
// records a resolution, first with more votes than members present (the
// error next to the field), then adopted; turns it into a need with the
// button; opens the need on the needs board, and follows the need's link
// back to the meeting. The `resident` account, the council's chair, reads
// the council and what became of its issues, without the forms.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cst, launch, login, newPage, shot } from './lib.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const local = (iso) => iso.slice(0, 16); // a datetime-local value
const TEXT = '为三号楼加装电梯，提交社区需求并由社工站跟进';

test('a council meeting runs to a resolution that becomes a need, on the board and linked back', async () => {
  const { context, page } = await newPage(browser);
  await login(page, 'sw');
  await page.waitForURL(/\/dashboard$/);
  await page.goto('/councils');
  await page.getByTestId('council-list').getByRole('link', { name: /居民议事会/ }).first().click();
  await page.waitForURL(/\/councils\/view\?id=\d+$/);
  const issues = page.getByTestId('council-issues');
  await issues.getByText('独居老人吃饭难').waitFor();
  assert.match(await issues.locator('li[data-issue]').first().innerText(), /通过.*需求 #\d+/s, 'the demo issue shows the need it became');
  await shot(page, 'council-page');

  // a new meeting: agenda, three members present, minutes
  await page.getByRole('link', { name: '新建会议' }).click();
  await page.waitForURL(/\/councils\/meeting\?council_id=\d+$/);
  await page.getByLabel('会议时间').fill(local(cst(-1, 19)));
  await page.getByLabel('地点').fill('社区活动室');
  await page.getByLabel('议程').fill('三号楼加装电梯\n楼顶漏水');
  const boxes = page.locator('[data-testid="attendance"] input[type="checkbox"]');
  assert.ok((await boxes.count()) >= 3, 'the council has members to tick');
  for (let i = 0; i < 3; i++) await boxes.nth(i).check();
  await page.getByLabel('会议纪要').fill('到会成员同意为三号楼加装电梯。');
  await page.getByRole('button', { name: '保存会议' }).click();
  await page.waitForURL(/\/councils\/meeting\?id=\d+$/);
  const meetingUrl = page.url();
  await page.getByLabel('决议内容').waitFor(); // the saved meeting, read back
  assert.equal(await page.locator('[data-testid="attendance"] input:checked').count(), 3);
  assert.equal(await page.getByLabel('议程').inputValue(), '三号楼加装电梯\n楼顶漏水');

  // more votes than members present: refused next to the field
  await page.getByLabel('决议内容').fill(TEXT);
  await page.getByLabel('赞成票').fill('3');
  await page.getByLabel('反对票').fill('1');
  await page.getByRole('button', { name: '保存决议' }).click();
  const err = page.locator('[data-field="votes_against"]');
  await err.waitFor();
  assert.equal(await page.locator('[data-testid="resolutions"] li').count(), 0, 'nothing written');
  await shot(page, 'council-votes-refused');
  await page.getByLabel('反对票').fill('0');
  await page.getByRole('button', { name: '保存决议' }).click();
  const res = page.locator('[data-testid="resolutions"] li[data-resolution]');
  await res.first().waitFor();
  assert.match(await res.first().innerText(), /通过.*赞成 3、反对 0、弃权 0/s);
  const resId = await res.first().getAttribute('data-resolution');

  // the adopted resolution becomes a need; the button gives way to the link
  await page.getByTestId('to-need-' + resId).click();
  const link = page.getByTestId('became-need-' + resId);
  await link.waitFor();
  assert.match(await link.innerText(), /需求 #\d+.*待受理/s);
  assert.equal(await page.getByTestId('to-need-' + resId).count(), 0);
  await shot(page, 'council-meeting');

  // the need on the needs board, with its way back to the meeting
  await link.getByRole('link').click();
  await page.waitForURL(/\/needs\?id=\d+$/);
  const focus = page.getByTestId('need-focus');
  await focus.waitFor();
  assert.match(await focus.innerText(), new RegExp(TEXT));
  assert.match(await focus.innerText(), /议事会/);
  const needId = new URL(page.url()).searchParams.get('id');
  await page.locator(`[data-column="new"] [data-need="${needId}"]`).waitFor();
  await shot(page, 'council-need-board');
  await focus.getByTestId('from-resolution-' + needId).click();
  await page.waitForURL(/\/councils\/meeting\?id=\d+$/);
  assert.equal(page.url(), meetingUrl);
  await page.getByTestId('became-need-' + resId).waitFor();
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('the chair, a resident, reads the council and what became of its issues', async () => {
  const { context, page } = await newPage(browser);
  await login(page, 'resident');
  await page.waitForURL(/\/needs\/mine$/);
  await page.goto('/councils');
  await page.getByTestId('council-list').getByRole('link', { name: /居民议事会/ }).first().click();
  await page.waitForURL(/\/councils\/view\?id=\d+$/);
  await page.getByTestId('council-issues').getByText('独居老人吃饭难').waitFor();
  assert.match(await page.getByTestId('council-members').innerText(), /召集人/);
  assert.equal(await page.getByTestId('issue-form').count(), 0, 'a member does not keep the council');
  assert.equal(await page.getByRole('link', { name: '新建会议' }).count(), 0);
  await shot(page, 'council-resident');
  assert.deepEqual(page.errors, []);
  await context.close();
});
