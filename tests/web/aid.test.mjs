// aid.test.mjs - student aid by semester and where gifts went, in chromium
// on a phone against the demo city: the station's admin pays the approved
// autumn run with the bank's reference; the social worker proposes the
// spring run and is refused approving their own proposal (four eyes);
// the social worker records a relation of the demo student; anyone reads
// the quarter's public disclosure (sums, no names) and a gift by its
// statement code without signing in; the staff dashboard shows the funds'
// money by month; one page in English.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { apiAs, launch, login, navTo, newPage, pick, shot } from './lib.mjs';

/** Every name of a person or an org that gave in demo_funds.c, and who valued the goods. */
const DONORS = ['荆州市某科技有限公司', '张建国', '网友', '新华书店沙市店', '李秀英', '荆州市慈善总会', '李会计'];

let browser, admin, aidFund, student;
before(async () => {
  browser = await launch();
  admin = await apiAs('admin');
  aidFund = (await admin.get('/funds?purpose=student_aid')).items.find((f) => f.name === '爱青助学金');
  assert.ok(aidFund, 'the demo has the student-aid fund 爱青助学金');
  student = (await admin.get('/clients?category=student_aid&org_id=' + aidFund.org_id)).items[0];
  assert.ok(student && student.person_name, 'the demo station has an aided student');
});
after(async () => {
  await browser?.close();
});

/** China's current quarter, "2026Q4". */
function quarterNow() {
  const d = new Date(Date.now() + 8 * 3600e3);
  return `${d.getUTCFullYear()}Q${Math.floor(d.getUTCMonth() / 3) + 1}`;
}

test("the station's admin pays the approved demo run with the bank's reference", async () => {
  const run = (await admin.get(`/semester-runs?fund_id=${aidFund.id}&semester=2026-2027-1`)).items[0];
  assert.equal(run.status, 'approved', 'the demo leaves the autumn run approved, not paid');
  const { context, page } = await newPage(browser);
  await login(page, 'station');
  await page.waitForURL(/\/dashboard$/);
  await navTo(page, '助学批次');
  await page.getByRole('heading', { name: '助学批次', level: 1 }).waitFor();
  await page.getByTestId('runs').getByRole('link', { name: '2026-2027学年 秋季学期' }).click();
  await page.waitForURL(new RegExp(`/aid/runs/${run.id}$`));
  assert.equal(await page.getByTestId('run-status').innerText(), '已批准');
  assert.match(await page.getByTestId('run-total').innerText(), /¥500\.00/);
  const items = page.getByTestId('run-items');
  await items.getByText(student.person_name).waitFor();
  assert.match(await items.innerText(), /定向捐赠/);

  // the bank's reference is required: the form asks for it before sending
  await page.getByRole('button', { name: '登记支付' }).click();
  assert.equal(await page.getByLabel('银行流水号').evaluate((el) => el.validity.valueMissing), true);
  await page.getByLabel('银行流水号').fill('ICBC-20261205-7788');
  await page.getByRole('button', { name: '登记支付' }).click();
  await page.getByRole('status').getByText('已登记支付').waitFor();
  assert.equal(await page.getByTestId('run-status').innerText(), '已支付');
  await page.getByText('ICBC-20261205-7788').waitFor();
  assert.equal((await admin.get(`/semester-runs/${run.id}`)).status, 'paid');
  await shot(page, 'aid-run-paid');
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('a social worker proposes the spring run and may not approve it themself', async () => {
  const sw = await apiAs('sw');
  const { context, page } = await newPage(browser);
  await login(page, 'sw');
  await page.waitForURL(/\/dashboard$/);
  await page.goto('/aid/runs');
  const form = page.getByTestId('propose-form');
  await form.getByLabel('资金').selectOption({ label: '爱青助学金' });
  await form.getByLabel('学年').selectOption('2026-2027');
  await form.getByLabel('秋季或春季学期').selectOption('2');
  await form.getByText('学期编号：2026-2027-2').waitFor();
  await form.getByRole('button', { name: '提出批次' }).click();
  // whatever the API answers is said: a run proposed, or why not
  const proposed = page.waitForURL(/\/aid\/runs\/\d+\?proposed=1$/).then(() => 'run');
  const refused = form.locator('[role="alert"]').first().waitFor().then(() => 'refused');
  const outcome = await Promise.race([proposed, refused]);
  let runId;
  if (outcome === 'run') {
    runId = Number(/\/aid\/runs\/(\d+)/.exec(page.url())[1]);
    await page.getByRole('status').getByText('已提出批次').waitFor();
    assert.equal(await page.getByTestId('run-status').innerText(), '待批准');
    await shot(page, 'aid-run-proposed');
  } else {
    const text = await form.locator('[role="alert"]').first().innerText();
    assert.match(text, /资金不足|没有等待|已有批次/, 'the refusal says why: ' + text);
    await shot(page, 'aid-run-refused');
    // a run of the social worker's own to try approving
    runId = (await sw.post(`/funds/${aidFund.id}/semester-runs`, { semester: '2027-2028-1' })).id;
    await page.goto(`/aid/runs/${runId}`);
  }
  assert.equal((await sw.get(`/semester-runs/${runId}`)).proposed_by_user_id, sw.user.id);

  // four eyes: the manager who proposed it is refused, with the API's reason
  await page.getByText('这个批次是你提出的').waitFor();
  await page.getByRole('button', { name: '批准', exact: true }).click();
  const alert = page.getByTestId('decide').locator('[role="alert"]');
  await alert.waitFor();
  const said = await alert.innerText();
  assert.match(said, /不能批准自己提出的批次/);
  assert.match(said, /someone other than who proposed it/);
  assert.equal(await page.getByTestId('run-status').innerText(), '待批准');
  assert.equal((await sw.get(`/semester-runs/${runId}`)).status, 'proposed');
  await shot(page, 'aid-run-own-refused');
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('a social worker records a relation of the demo student and sees the gifts directed to them', async () => {
  const sw = await apiAs('sw');
  // someone of the station other than the social worker and the student
  const people = (await sw.get('/people?limit=50')).items.filter((p) => p.id !== sw.user.person_id && p.id !== student.person_id);
  const before = (await sw.get(`/people/${student.person_id}/relations`)).items.map((r) => r.person_id);
  const who = people.find((p) => !before.includes(p.id));
  assert.ok(who, 'a person to relate');
  const { context, page } = await newPage(browser);
  await login(page, 'sw');
  await page.waitForURL(/\/dashboard$/);
  await navTo(page, '定向配对');
  await page.getByRole('heading', { name: '定向配对' }).waitFor();
  await page.getByRole('combobox', { name: '受助学生' }).selectOption(String(student.id));
  await page.waitForURL(new RegExp(`/aid/pairing\\?client_id=${student.id}$`));
  // the demo's directed gift, and the way to record another
  const gifts = page.getByTestId('directed-gifts');
  await gifts.getByText('¥500.00').waitFor();
  assert.match(await gifts.innerText(), /张建国/);
  assert.equal(await page.getByTestId('new-directed').getAttribute('href'), `/donations/new?beneficiary_client_id=${student.id}`);

  // the person by name through the picker (issue 18)
  await pick(page, '人员', who.name, who);
  await page.getByLabel(/^此人是/).selectOption('guardian');
  await page.getByRole('button', { name: '记录关系' }).click();
  await page.getByRole('status').getByText(`已记录：${who.name}（监护人）`).waitFor();
  await page.getByTestId('relations').getByText(`${who.name} 是 该生 的监护人`).waitFor();
  const after = (await sw.get(`/people/${student.person_id}/relations`)).items;
  assert.ok(after.some((r) => r.person_id === who.id && r.kind === 'guardian'));

  // the same again: the API's duplicate shows next to the person's field
  await pick(page, '人员', who.name, who);
  await page.getByLabel(/^此人是/).selectOption('guardian');
  await page.getByRole('button', { name: '记录关系' }).click();
  await page.locator('[data-field="person_id"]').getByText('已经记录过这项关系').waitFor();
  await shot(page, 'aid-pairing');
  assert.deepEqual(page.errors, []);
  await context.close();
});

test("the quarter's public disclosure shows the fund's income and no personal names, without signing in", async () => {
  const { context, page } = await newPage(browser);
  await page.goto('/disclosure');
  assert.equal(await page.getByRole('combobox', { name: '季度' }).inputValue(), quarterNow());
  const fund = page.getByTestId('disclosure-fund').filter({ hasText: '爱青助学金' });
  await fund.waitFor();
  const d = (await (await fetch(`${process.env.LD_WEB_BASE}/api/v1/disclosures?quarter=${quarterNow()}&fund_id=${aidFund.id}`)).json()).items[0];
  const yuan = (fen) => '¥' + (fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2 });
  assert.equal(await fund.getByTestId('income').innerText(), yuan(d.income_fen));
  assert.ok(d.income_fen > 0);
  const channels = await fund.getByTestId('channels').innerText();
  assert.match(channels, /银行转账/);
  assert.match(channels, /网络募捐平台/);
  const law = await page.getByTestId('law').innerText();
  assert.match(law, /第七十九条/);
  assert.match(law, /至少每三个月公开一次/);
  assert.match(law, /第八十二条/);
  const text = await page.locator('main').innerText();
  for (const name of [...DONORS, student.person_name]) assert.ok(!text.includes(name), `the disclosure names ${name}`);
  await shot(page, 'aid-disclosure');

  // one fund only, kept in the URL
  await page.getByRole('combobox', { name: '资金' }).selectOption({ label: '爱青助学金' });
  await page.waitForURL(/\/disclosure\?quarter=\d{4}Q[1-4]&fund_id=\d+$/);
  assert.equal(await page.getByTestId('disclosure-fund').count(), 1);

  // the same page in English
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('heading', { name: 'Public disclosure of funds' }).waitFor();
  assert.match(await page.getByTestId('law').innerText(), /Art\. 79.*at least every three months.*Art\. 82/s);
  assert.match(await page.getByTestId('disclosure-fund').innerText(), /Gifts received/);
  await shot(page, 'aid-disclosure-en');
  assert.deepEqual(page.errors, []);
  await context.close();
});

test("a gift's statement by its code, without signing in", async () => {
  const gifts = (await admin.get(`/donations?fund_id=${aidFund.id}`)).items;
  const directed = gifts.find((g) => g.beneficiary_client_id === student.id);
  assert.ok(directed && directed.statement_code, 'the directed demo gift has a statement code');
  const { context, page } = await newPage(browser);
  // typed into the box, in lower case without the dashes
  await page.goto('/statement');
  await page.getByLabel('查询码').fill(directed.statement_code.replace(/-/g, '').toLowerCase());
  await page.getByRole('button', { name: '查询' }).click();
  await page.waitForURL(/\/statement\/[0-9a-z]{16}$/);
  const gift = page.getByTestId('gifts').locator('li').first();
  await gift.getByText('爱青助学金').waitFor();
  assert.match(await gift.getByTestId('gift-amount').innerText(), /¥500\.00/);
  const said = await gift.innerText();
  assert.match(said, new RegExp('定向资助学生：' + student.person_name[0] + '\\*+'));
  assert.ok(!said.includes(student.person_name), 'the student is masked');
  assert.match(said, /2026-2027学年 秋季学期/);
  await shot(page, 'aid-statement');

  // an unknown code says so
  await page.goto('/statement/ZZZZ-ZZZZ-ZZZZ-ZZZZ');
  await page.getByTestId('statement-error').getByText('没有这个查询码').waitFor();
  assert.deepEqual(page.errors, []);
  await context.close();
});

test("the station's dashboard shows its funds' money in and out by month", async () => {
  const { context, page } = await newPage(browser);
  await login(page, 'station');
  await page.waitForURL(/\/dashboard$/);
  const card = page.getByTestId('aid-money-card');
  await card.waitFor();
  await card.getByRole('img', { name: /捐赠收入和批准的助学支出/ }).waitFor();
  const moneyIn = await card.getByTestId('aid-money-in').innerText();
  assert.match(moneyIn, /^¥[\d,]+\.\d\d$/);
  assert.notEqual(moneyIn, '¥0.00');
  assert.match(await card.getByTestId('aid-money-out').innerText(), /^¥[\d,]+\.\d\d$/);
  await card.scrollIntoViewIfNeeded();
  await shot(page, 'aid-dashboard');
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('a donor signs in to where their gifts went', async () => {
  // a donor with an account, and a gift recorded in their person's name
  const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
  const person = await admin.post('/people', { name: '浏览器测试捐赠人' });
  await admin.post('/users', { username: 'aid-donor', password: 'liandong-demo', person_id: person.id, roles: [{ role: 'donor' }] });
  const gift = await admin.post('/donations', {
    fund_id: aidFund.id, amount_fen: 30000, channel: 'cash', donor_kind: 'person', donor_name: person.name, donor_person_id: person.id, received_on: today,
  });
  const { context, page } = await newPage(browser);
  await login(page, 'aid-donor');
  await page.waitForURL(/\/account$/);
  await navTo(page, '我的捐赠去向');
  await page.waitForURL(/\/my\/gifts$/);
  const item = page.locator(`[data-gift="${gift.id}"]`);
  await item.getByText('爱青助学金').waitFor();
  const said = await item.innerText();
  assert.match(said, /¥300\.00/);
  assert.match(said, new RegExp('收据 ' + gift.receipt_no));
  assert.match(said, /该资金累计已批准助学/);
  assert.match(said, /2026-2027学年 秋季学期/);
  await shot(page, 'aid-my-gifts');
  assert.deepEqual(page.errors, []);
  await context.close();
});
