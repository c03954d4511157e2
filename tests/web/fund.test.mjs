// fund.test.mjs - 资金 (issue 14) in chromium on a phone: the platform admin
// creates a fund for a demo org with one of its social workers as manager,
// records a cash gift of ¥1,000.50 through the form (100050 fen in the API),
// sees it in the journal with the trial balance 已平衡, prints its receipt
// (壹仟元零伍角 and its number) and voids it, the balance going back; a bad
// amount gets the API's error next to the amount field; a double submit and
// a retry after a lost answer record one gift (Idempotency-Key); a void that
// lost a race shows the 409; the pages in English; the menu by role (a donor's
// 我的捐赠, a regional admin seeing an anonymous donor as 爱心人士).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { PASSWORD, apiAs, launch, login, menu, navTo, newPage, pick, shot } from './lib.mjs';

let browser, admin, staff, staffOrg, org;
const stamp = Date.now();
const todayCst = () => new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);

before(async () => {
  browser = await launch();
  admin = await apiAs('admin');
  // a demo org and one of its staff, found through the API
  const users = (await admin.get('/users?role=social_worker&limit=200')).items;
  staff = users.find((u) => u.roles.some((r) => r.role === 'social_worker' && r.org_id));
  assert.ok(staff, 'the demo city has a social worker');
  staffOrg = staff.roles.find((r) => r.role === 'social_worker').org_id;
  org = await admin.get('/orgs/' + staffOrg);
});
/** A user as the pickers and the fund's page show it: its person's name
 * with the username (issue 18), or the username. */
const shown = (u) => (u.name ? `${u.name}（${u.username}）` : u.username);
/** The user as pick() wants it: typed and shown by its person's name. */
const asItem = (u) => ({ id: u.id, name: u.name || u.username });
after(async () => {
  await browser?.close();
});

/** A fund made through the API, for the tests that are not about creating one. */
const apiFund = (name, purpose = 'pooled') => admin.post('/funds', { name: `${name} ${stamp}`, org_id: staffOrg, purpose, manager_user_id: staff.id });
const donationsOf = async (fundId) => (await admin.get(`/donations?fund_id=${fundId}&limit=200`)).items;
const idFrom = (url) => Number(new URL(url).pathname.split('/').pop());

/** Fill the donation form's common fields (the fund is preselected). */
async function fillDonation(page, { amount, donor }) {
  const form = page.getByTestId('donation-form');
  await form.getByLabel('金额（元）').fill(amount);
  await form.getByLabel(/^捐赠人姓名或单位名称/).fill(donor);
  return form;
}

test('an admin creates a fund, records ¥1,000.50 in cash, sees the books balance, prints the receipt and voids the gift', async () => {
  const { context, page } = await newPage(browser);
  await login(page, 'admin');
  await page.waitForURL(/\/dashboard$/);
  await navTo(page, '资金', { exact: true });
  await page.getByRole('heading', { name: '资金', exact: true }).waitFor();

  // 新建基金: org, purpose, the manager from the org's staff, standards in yuan
  await page.getByRole('button', { name: '新建基金' }).click();
  const form = page.getByTestId('fund-form');
  const name = '浏览器测试助学基金 ' + stamp;
  await form.getByLabel('基金名称').fill(name);
  await form.getByLabel('所属单位').selectOption({ label: org.name });
  await form.getByLabel('用途', { exact: true }).selectOption('student_aid');
  // the manager by name, no number typed (issue 18)
  await pick(form, '基金负责人', staff.name || staff.username, asItem(staff));
  await form.getByLabel('说明').fill('资助辖区困难家庭学生');
  assert.equal(await form.getByLabel('小学').inputValue(), '500.00');
  await form.getByLabel('小学').fill('600.5');
  await form.getByLabel('高中').fill('1,200');
  await shot(page, 'fund-new');
  await form.getByRole('button', { name: '创建基金' }).click();
  await page.waitForURL(/\/funds\/\d+$/);
  const fundId = idFrom(page.url());
  await page.getByRole('heading', { name }).waitFor();
  const fund = await admin.get('/funds/' + fundId);
  assert.equal(fund.org_id, staffOrg);
  assert.equal(fund.purpose, 'student_aid');
  assert.equal(fund.manager_user_id, staff.id);
  assert.deepEqual([fund.standard_primary_fen, fund.standard_junior_fen, fund.standard_senior_fen], [60050, 50000, 120000]);
  assert.equal(await page.getByTestId('manager').innerText(), shown(staff));
  assert.equal(await page.getByTestId('trial-badge').innerText(), '已平衡');

  // 登记捐赠 from the fund's page: first an amount of 0, refused by the API
  await page.getByRole('link', { name: '登记捐赠' }).first().click();
  await page.waitForURL(new RegExp(`/donations/new\\?fund_id=${fundId}$`));
  assert.equal(await page.getByLabel('基金', { exact: true }).inputValue(), String(fundId));
  assert.equal(await page.getByLabel('收到日期').inputValue(), todayCst());
  const donor = '浏览器测试捐赠人 ' + stamp;
  const dform = await fillDonation(page, { amount: '0', donor });
  await dform.getByRole('button', { name: '登记' }).click();
  const amountField = dform.locator('.field', { has: page.locator('#f-amount_fen') });
  await amountField.locator('[data-field="amount_fen"]').getByText(/取值无效/).waitFor();
  assert.equal(await page.locator('#f-amount_fen').getAttribute('aria-invalid'), 'true');
  assert.equal(await dform.locator('[data-field="_form"]').count(), 0);
  assert.equal((await donationsOf(fundId)).length, 0);
  await shot(page, 'fund-donation-error');

  // then ¥1,000.50 as people write it: 100050 fen in the API
  await dform.getByLabel('金额（元）').fill('1,000.50');
  await dform.getByRole('button', { name: '登记' }).click();
  await page.waitForURL(/\/donations\/\d+$/);
  const donationId = idFrom(page.url());
  const d = await admin.get('/donations/' + donationId);
  assert.equal(d.amount_fen, 100050);
  assert.equal(d.channel, 'cash');
  assert.equal(d.donor_name, donor);
  assert.equal(d.fund_id, fundId);
  assert.match(d.receipt_no, /^\d{4}-\d{6}$/);
  assert.equal(await page.getByTestId('amount').innerText(), '¥1,000.50');
  assert.equal(await page.getByTestId('donation-status').innerText(), '已登记');
  await shot(page, 'fund-donation');

  // the fund's books: the balance, the entry, the trial balance
  await page.getByRole('link', { name }).click();
  await page.waitForURL(new RegExp(`/funds/${fundId}$`));
  assert.equal(await page.getByTestId('balance').innerText(), '¥1,000.50');
  assert.equal(await page.getByTestId('trial-badge').innerText(), '已平衡');
  const entry = page.getByTestId('journal').locator('li[data-kind="donation"]');
  await entry.waitFor();
  assert.match(await entry.innerText(), /捐赠 · ¥1,000\.50/);
  assert.match(await entry.innerText(), /借 货币资金/);
  assert.match(await entry.innerText(), /贷 限定性净资产/);
  const cash = page.getByTestId('trial').locator('tr[data-account="cash"]');
  assert.match(await cash.innerText(), /货币资金\s+¥1,000\.50\s+¥0\.00\s+¥1,000\.50/);
  assert.equal(await page.getByTestId('trial-debit').innerText(), '¥1,000.50');
  assert.equal(await page.getByTestId('trial-credit').innerText(), '¥1,000.50');
  assert.match(await page.getByTestId('donations').innerText(), new RegExp(donor));
  await shot(page, 'fund-detail');

  // the receipt: printable, the amount in words and figures, its number
  await page.goto('/donations/' + donationId);
  await page.getByTestId('receipt-link').click();
  await page.waitForURL(new RegExp(`/donations/${donationId}/receipt$`));
  await page.getByRole('heading', { name: '捐赠收据' }).waitFor();
  assert.equal(await page.getByTestId('amount-words').innerText(), '壹仟元零伍角');
  assert.equal(await page.getByTestId('amount-figures').innerText(), '¥1,000.50');
  assert.equal(await page.getByTestId('receipt-no').innerText(), d.receipt_no);
  assert.equal(await page.getByTestId('receipt-donor').innerText(), donor);
  assert.match(await page.getByTestId('receipt-org').innerText(), new RegExp(org.name));
  assert.equal(await page.getByTestId('receipt-channel').innerText(), '现金');
  assert.equal(await page.getByTestId('receipt-purpose').innerText(), name);
  assert.equal(await page.getByTestId('void-stamp').count(), 0);
  await page.evaluate(() => {
    window.printed = 0;
    window.print = () => window.printed++;
  });
  await page.getByRole('button', { name: '打印' }).click();
  assert.equal(await page.evaluate(() => window.printed), 1);
  await shot(page, 'fund-receipt');
  // printed: the receipt alone, no menu, no buttons
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('header.top').isVisible(), false);
  assert.equal(await page.getByRole('button', { name: '打印' }).isVisible(), false);
  assert.equal(await page.getByTestId('receipt').isVisible(), true);
  await shot(page, 'fund-receipt-print');
  // on paper: one A5 sheet (148 × 210 mm, 420 × 595 pt)
  const pdf = (await page.pdf({ preferCSSPageSize: true, printBackground: true })).toString('latin1');
  assert.equal((pdf.match(/\/Type\s*\/Page\b(?!s)/g) || []).length, 1);
  assert.match(pdf, /\/MediaBox \[0 0 420 594\.9/);
  await page.emulateMedia({ media: 'screen' });

  // 作废: the reason is required, then the balance goes back
  await page.goto('/donations/' + donationId);
  await page.getByRole('button', { name: '作废', exact: true }).click();
  const vform = page.getByTestId('void-form');
  await vform.getByRole('button', { name: '确认作废' }).click();
  await vform.locator('[data-field="reason"]').getByText('请填写作废原因').waitFor();
  await vform.getByLabel('作废原因').fill('浏览器测试：金额登记错误');
  await vform.getByRole('button', { name: '确认作废' }).click();
  await page.getByRole('status').getByText('已作废，基金余额已冲回。').waitFor();
  assert.equal(await page.getByTestId('donation-status').innerText(), '已作废');
  assert.equal(await page.getByTestId('void-reason').innerText(), '浏览器测试：金额登记错误');
  const voided = await admin.get('/donations/' + donationId);
  assert.equal(voided.status, 'voided');
  assert.equal((await admin.get('/funds/' + fundId)).balance_fen, 0);
  await shot(page, 'fund-donation-voided');

  await page.goto('/funds/' + fundId);
  await page.getByTestId('trial-badge').getByText('已平衡').waitFor();
  assert.equal(await page.getByTestId('balance').innerText(), '¥0.00');
  const reversal = page.getByTestId('journal').locator('li[data-kind="donation_void"]');
  await reversal.waitFor();
  assert.match(await reversal.innerText(), /作废捐赠 · ¥1,000\.50/);
  assert.match(await reversal.innerText(), /冲销分录 #\d+/);
  assert.match(await page.getByTestId('trial').locator('tr[data-account="cash"]').innerText(), /¥1,000\.50\s+¥1,000\.50\s+¥0\.00/);

  // the receipt now carries the stamp
  await page.goto(`/donations/${donationId}/receipt`);
  await page.getByTestId('void-stamp').getByText('已作废').waitFor();
  await shot(page, 'fund-receipt-voided');
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('a double submit and a retry after a lost answer each record one gift (Idempotency-Key)', async () => {
  const fund = await apiFund('浏览器测试不定向基金');
  const { context, page } = await newPage(browser);
  await login(page, 'admin');
  await page.waitForURL(/\/dashboard$/);
  const posts = [];
  const answers = [];
  const isPost = (r) => r.method() === 'POST' && r.url().endsWith('/api/v1/donations');
  page.on('request', (r) => isPost(r) && posts.push(r.headers()['idempotency-key']));
  page.on('response', (r) => isPost(r.request()) && answers.push([r.status(), r.headers()['idempotent-replayed'] || '']));

  // two submits of one form before it can re-render: two requests, one key
  await page.goto('/donations/new?fund_id=' + fund.id);
  const twice = '双击测试 ' + stamp;
  await fillDonation(page, { amount: '20', donor: twice });
  await page.evaluate(() => {
    const f = document.querySelector('[data-testid="donation-form"]');
    f.requestSubmit();
    f.requestSubmit();
  });
  await page.waitForURL(/\/donations\/\d+$/);
  await page.getByTestId('amount').waitFor();
  for (let i = 0; i < 100 && answers.length < 2; i++) await page.waitForTimeout(100);
  assert.equal(posts.length, 2);
  // both answered 201, one of them as the replay of the other
  assert.deepEqual(answers.map((a) => a[0]), [201, 201]);
  assert.deepEqual(answers.map((a) => a[1]).sort(), ['', 'true']);
  assert.ok(posts[0] && posts[0] === posts[1], 'both requests carry the same Idempotency-Key');
  assert.equal((await donationsOf(fund.id)).filter((d) => d.donor_name === twice).length, 1);

  // the answer is lost on the way back: the server recorded the gift, the
  // page says it cannot reach the server, and pressing 登记 again answers
  // the gift recorded the first time
  await page.goto('/donations/new?fund_id=' + fund.id);
  const retried = '重试测试 ' + stamp;
  const form = await fillDonation(page, { amount: '30.5', donor: retried });
  let dropped = 0;
  await page.route('**/api/v1/donations', async (route) => {
    if (route.request().method() !== 'POST' || dropped) return route.continue();
    dropped++;
    await route.fetch(); // the server records it ...
    await route.abort('connectionfailed'); // ... and the page never hears
  });
  await form.getByRole('button', { name: '登记' }).click();
  await form.locator('[data-field="_form"]').getByText(/无法连接服务器/).waitFor();
  assert.equal((await donationsOf(fund.id)).filter((d) => d.donor_name === retried).length, 1);
  const [replay] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/api/v1/donations')),
    form.getByRole('button', { name: '登记' }).click(),
  ]);
  assert.equal(replay.status(), 201);
  assert.equal(replay.headers()['idempotent-replayed'], 'true');
  await page.waitForURL(/\/donations\/\d+$/);
  assert.equal(await page.getByTestId('amount').innerText(), '¥30.50');
  const mine = (await donationsOf(fund.id)).filter((d) => d.donor_name === retried);
  assert.equal(mine.length, 1);
  assert.equal(mine[0].amount_fen, 3050);
  assert.equal(idFrom(page.url()), mine[0].id);
  assert.equal(posts.length, 4);
  assert.equal(posts[2], posts[3]);
  assert.notEqual(posts[2], posts[0], 'a new form has a new key');
  await page.unroute('**/api/v1/donations');

  // a void that lost a race: the 409 is said plainly, the page catches up
  const gift = await admin.post('/donations', { fund_id: fund.id, amount_fen: 500, channel: 'cash', donor_name: '作废冲突测试', received_on: todayCst() });
  await page.goto('/donations/' + gift.id);
  await page.getByRole('button', { name: '作废', exact: true }).click();
  const vform = page.getByTestId('void-form');
  await vform.getByLabel('作废原因').fill('浏览器测试');
  await admin.post(`/donations/${gift.id}/void`, { reason: '另一位管理员先作废了' });
  await vform.getByRole('button', { name: '确认作废' }).click();
  await vform.locator('[data-field="_form"]').getByText(/这笔捐赠已经作废/).waitFor();
  await page.getByRole('heading').getByTestId('donation-status').getByText('已作废').waitFor();
  await shot(page, 'fund-void-conflict');
  assert.deepEqual(
    page.errors.filter((e) => !/ERR_CONNECTION_FAILED|ERR_FAILED/.test(e)),
    [],
  );
  await context.close();
});

test('the funds pages in English: a bank transfer shows only its own fields', async () => {
  const fund = await apiFund('Browser test directed fund', 'directed');
  const { context, page } = await newPage(browser);
  await login(page, 'admin');
  await page.waitForURL(/\/dashboard$/);
  await page.getByRole('button', { name: /English/ }).click();
  await navTo(page, 'Funds', { exact: true });
  await page.getByRole('heading', { name: 'Funds', exact: true }).waitFor();
  const row = page.getByTestId('funds').locator(`li[data-fund="${fund.id}"]`);
  assert.match(await row.innerText(), /Directed/);
  await page.getByLabel('Purpose').selectOption('pooled');
  await row.waitFor({ state: 'detached' });
  await page.getByLabel('Purpose').selectOption('');
  await row.getByRole('link').click();
  await page.getByRole('heading', { name: 'Trial balance' }).waitFor();
  assert.equal(await page.getByTestId('trial-badge').innerText(), 'Balanced');
  await page.getByText('Nothing posted yet.').first().waitFor();

  await page.getByRole('link', { name: 'Record a donation' }).first().click();
  const form = page.getByTestId('donation-form');
  await form.getByLabel('Amount (yuan)').fill('88.8');
  await form.getByLabel('Channel').selectOption('online_platform');
  await form.getByLabel('Fundraising platform').waitFor();
  assert.equal(await form.getByLabel('Bank reference').count(), 0);
  await form.getByLabel('Channel').selectOption('in_kind');
  await form.getByLabel('Valued by').waitFor();
  assert.equal(await form.getByLabel('Fundraising platform').count(), 0);
  await form.getByLabel('Channel').selectOption('bank_transfer');
  await form.getByLabel('Bank reference').fill('TEST-' + stamp);
  assert.equal(await form.getByLabel('Valued by').count(), 0);
  await form.getByLabel('Donor is').selectOption('org');
  await form.getByLabel("Donor's name").fill('Browser Test Co.');
  await shot(page, 'fund-en-new-donation');
  await form.getByRole('button', { name: 'Record' }).click();
  await page.waitForURL(/\/donations\/\d+$/);
  const d = await admin.get('/donations/' + idFrom(page.url()));
  assert.equal(d.amount_fen, 8880);
  assert.equal(d.channel, 'bank_transfer');
  assert.equal(d.bank_ref, 'TEST-' + stamp);
  assert.equal(d.donor_kind, 'org');
  assert.equal(d.platform, null);
  await page.getByRole('heading', { name: `Donation #${d.id}` }).waitFor();
  assert.match(await page.getByTestId('donation-facts').innerText(), /Bank transfer/);
  await shot(page, 'fund-en-donation');
  await page.getByTestId('receipt-link').click();
  await page.getByRole('heading', { name: 'Donation receipt' }).waitFor();
  assert.equal(await page.getByTestId('amount-words').innerText(), '捌拾捌元捌角');
  assert.equal(await page.getByTestId('receipt-channel').innerText(), 'Bank transfer');
  await shot(page, 'fund-en-receipt');

  await navTo(page, 'Donations', { exact: true });
  await page.getByRole('heading', { name: 'Donations', exact: true }).waitFor();
  await page.getByLabel('Channel').selectOption('bank_transfer');
  await page.getByTestId('donations').locator(`li[data-donation="${d.id}"]`).waitFor();
  await page.getByLabel('Status').selectOption('voided');
  await page.getByTestId('donations').locator(`li[data-donation="${d.id}"]`).waitFor({ state: 'detached' });
  await shot(page, 'fund-en-donations');
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('the menu by role: a donor sees 我的捐赠, a regional admin reads anonymous donors as 爱心人士', async () => {
  const fund = await apiFund('浏览器测试社区基金');
  const person = await admin.post('/people', { name: '测试捐赠人' + (stamp % 1000) });
  const username = 'donor.web.' + stamp;
  await admin.post('/users', { username, password: PASSWORD, person_id: person.id, roles: [{ role: 'donor' }] });
  const own = await admin.post('/donations', { fund_id: fund.id, amount_fen: 12345, channel: 'cash', donor_name: person.name, donor_person_id: person.id, received_on: todayCst() });
  const hidden = await admin.post('/donations', { fund_id: fund.id, amount_fen: 600, channel: 'cash', anonymous: true, donor_name: '不愿具名的张先生', received_on: todayCst() });

  // the donor: 我的捐赠 lists their gift with its receipt, no 资金
  const donor = await newPage(browser);
  await login(donor.page, username);
  await navTo(donor.page, '我的捐赠', { exact: true });
  await donor.page.getByRole('heading', { name: '我的捐赠', exact: true }).waitFor();
  const items = donor.page.getByTestId('donations').locator('li');
  await items.first().waitFor();
  assert.equal(await items.count(), 1);
  assert.match(await items.first().innerText(), /¥123\.45/);
  assert.equal(await (await menu(donor.page)).getByRole('link', { name: '资金', exact: true }).count(), 0);
  await shot(donor.page, 'fund-donor-mine');
  await items.first().getByRole('link').click();
  await donor.page.getByTestId('receipt-link').click();
  await donor.page.getByTestId('amount-words').getByText('壹佰贰拾叁元肆角伍分').waitFor();
  assert.equal(await donor.page.getByRole('button', { name: '作废', exact: true }).count(), 0);
  await donor.page.goto('/funds');
  await donor.page.getByRole('heading', { name: '没有权限' }).waitFor();
  assert.deepEqual(donor.page.errors, []);
  await donor.context.close();

  // a volunteer has neither entry
  const vol = await newPage(browser);
  await login(vol.page, 'volunteer');
  await vol.page.waitForURL(/\/my$/);
  assert.equal(await (await menu(vol.page)).getByRole('link', { name: '资金', exact: true }).count(), 0);
  assert.equal(await (await menu(vol.page)).getByRole('link', { name: '我的捐赠', exact: true }).count(), 0);
  await vol.context.close();

  // the regional admin over the org reads, never records or voids, and the
  // anonymous donor's name is 爱心人士
  const region = await newPage(browser);
  await login(region.page, 'region');
  await region.page.waitForURL(/\/dashboard$/);
  await navTo(region.page, '捐赠记录');
  await region.page.getByLabel('基金', { exact: true }).selectOption(String(fund.id));
  const line = region.page.getByTestId('donations').locator(`li[data-donation="${hidden.id}"]`);
  await line.waitFor();
  assert.equal(await line.getByTestId('donor').innerText(), '爱心人士');
  assert.match(await line.innerText(), /匿名/);
  assert.equal(await region.page.getByRole('link', { name: '登记捐赠' }).count(), 0);
  await shot(region.page, 'fund-region-donations');
  await line.getByRole('link').click();
  await region.page.getByTestId('receipt-cell').getByText('匿名捐赠，不开具收据').waitFor();
  assert.equal(await region.page.getByRole('button', { name: '作废', exact: true }).count(), 0);
  await region.page.goto('/funds');
  assert.equal(await region.page.getByRole('button', { name: '新建基金' }).count(), 0);
  assert.deepEqual(region.page.errors, []);
  await region.context.close();
  assert.ok(own.receipt_no);
});

test("an org admin changes the fund's fields; a manager without a staff role there is refused next to the field", async () => {
  const fund = await apiFund('浏览器测试修改基金');
  const username = 'orgadmin.web.' + stamp;
  await admin.post('/users', { username, password: PASSWORD, roles: [{ role: 'org_admin', org_id: staffOrg }] });
  const volunteer = await admin.post('/users', { username: 'vol.web.' + stamp, password: PASSWORD, roles: [{ role: 'volunteer', org_id: staffOrg }] });
  const { context, page } = await newPage(browser);
  await login(page, username);
  await page.waitForURL(/\/dashboard$/);
  await page.goto('/funds/' + fund.id);
  await page.getByRole('button', { name: '修改基金信息' }).click();
  const form = page.getByTestId('fund-form');
  // the manager shown by name in the picker, which holds its id
  const box = form.getByRole('combobox', { name: '基金负责人', exact: true });
  await page.waitForFunction(([el, want]) => el.value === want, [await box.elementHandle(), shown(staff)]);
  assert.equal(await box.getAttribute('data-value'), String(staff.id));
  assert.equal(await form.getByLabel('高中').inputValue(), '1000.00');
  // a volunteer of the org holds no staff role there: found by its username
  // (the org admin lists its org's users), refused by the API
  await pick(form, '基金负责人', volunteer.username, asItem(volunteer));
  await form.getByRole('button', { name: '保存' }).click();
  await form.locator('[data-field="manager_user_id"]').waitFor();
  assert.equal(await page.locator('#f-manager_user_id').getAttribute('aria-invalid'), 'true');
  await shot(page, 'fund-edit-error');
  await pick(form, '基金负责人', staff.name || staff.username, asItem(staff));
  await form.getByLabel('基金名称').fill('浏览器测试已改名基金 ' + stamp);
  await form.getByLabel('高中').fill('1234.56');
  await form.getByLabel('说明').fill('改过的说明');
  await form.getByRole('button', { name: '保存' }).click();
  await page.getByRole('status').getByText('已保存。').waitFor();
  await page.getByRole('heading', { name: '浏览器测试已改名基金 ' + stamp }).waitFor();
  const changed = await admin.get('/funds/' + fund.id);
  assert.equal(changed.name, '浏览器测试已改名基金 ' + stamp);
  assert.equal(changed.standard_senior_fen, 123456);
  assert.equal(changed.standard_primary_fen, 50000);
  assert.equal(changed.description, '改过的说明');
  assert.match(await page.getByTestId('standards').innerText(), /高中 ¥1,234\.56/);
  await shot(page, 'fund-edited');
  assert.deepEqual(page.errors, []);
  await context.close();
});
