// share.test.mjs - 组织联建 (issue 15) in Debian's chromium on a phone
// against the real server with the demo city, where the second town's
// station grants the first (the `station` account's) a co-building link
// and its volunteer team a volunteer-sharing one. The station's admin opens
// its links from the org page, reads what each partner shares (the
// station's needs; the team's volunteers' public profiles, names masked,
// its needs closed), grants a partner a link (the form's refusal without a
// partner shown next to the field), changes its kind and removes it.
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

/** The station account's org and the links granted to it. */
async function world() {
  const st = await apiAs('station');
  const org = st.user.roles.find((r) => r.role === 'org_admin').org_id;
  const { data } = await st.request('GET', `/orgs/${org}/links?limit=200`);
  const theirs = data.items.filter((l) => l.other_org_id === org);
  return { st, org, theirs };
}

test('the station reads what its partners share: needs by the co-building link, volunteers by the team\'s', async () => {
  const { org, theirs } = await world();
  const co = theirs.find((l) => l.kind === 'co_building');
  const vs = theirs.find((l) => l.kind === 'volunteer_share');
  assert.ok(co && vs, 'the demo grants the first station two links');
  const { context, page } = await newPage(browser);
  try {
    await login(page, 'station');
    await page.waitForURL(/\/dashboard$/);
    await page.goto('/orgs?id=' + org);
    await page.getByTestId('org-page').getByRole('link', { name: '联建与共享' }).click();
    await page.waitForURL(/\/orgs\/links\?id=/);
    const their = page.getByTestId('their-links');
    await their.locator(`li[data-link="${co.id}"]`).waitFor();
    assert.match(await their.locator(`li[data-link="${co.id}"]`).textContent(), /联建.*共享活动、需求、志愿者公开信息/);
    assert.match(await their.locator(`li[data-link="${vs.id}"]`).textContent(), /志愿者共享.*共享活动、志愿者公开信息/);
    await shot(page, 'share-links');

    // the partner station: its own need
    await their.locator(`li[data-link="${co.id}"]`).getByRole('link', { name: '查看共享内容' }).click();
    await page.waitForURL(/\/orgs\/shared\?id=/);
    await page.getByTestId('shared-needs').waitFor();
    assert.ok((await page.locator('[data-testid="shared-needs"] li[data-need]').count()) >= 1);
    await page.getByTestId('shared-volunteers').waitFor();
    await page.getByRole('link', { name: '返回联建列表' }).click();
    await page.waitForURL(/\/orgs\/links\?id=/);

    // the partner team: volunteers' public profiles, needs closed
    await page.getByTestId('their-links').locator(`li[data-link="${vs.id}"]`).getByRole('link', { name: '查看共享内容' }).click();
    await page.getByTestId('needs-closed').waitFor();
    const vols = page.locator('[data-testid="shared-volunteers"] li[data-volunteer]');
    await vols.first().waitFor();
    const text = await page.getByTestId('shared-volunteers').textContent();
    assert.match(text, /\*/, 'names are masked');
    assert.match(text, /已注册|不活跃/);
    assert.doesNotMatch(text, /\d{17}[\dX]|1[3-9]\d{9}/, 'no ID number or phone');
    await shot(page, 'share-shared-with-us');
    assert.deepEqual(page.errors, []);
  } finally {
    await context.close();
  }
});

test('the station grants a partner a link, changes its kind and removes it', async () => {
  const { st, org } = await world();
  const { data: orgs } = await st.request('GET', '/orgs?limit=200');
  const { data: links } = await st.request('GET', `/orgs/${org}/links?limit=200`);
  const taken = new Set(links.items.filter((l) => l.org_id === org).map((l) => l.other_org_id));
  const partner = orgs.items.find((o) => o.id !== org && !taken.has(o.id) && o.kind === 'social_work_station');
  const { context, page } = await newPage(browser);
  try {
    await login(page, 'station');
    await page.waitForURL(/\/dashboard$/);
    await page.goto('/orgs/links?id=' + org);
    const form = page.getByTestId('add-link');
    await form.waitFor();
    // no partner: the server's refusal next to the field
    await form.getByRole('button', { name: '授予联建' }).click();
    await form.locator('.error[data-field="other_org_id"]').waitFor();
    assert.equal(await form.getByLabel('联建组织').getAttribute('aria-invalid'), 'true');

    await form.getByLabel('联建组织').selectOption(String(partner.id));
    await form.getByLabel('联建类型').selectOption('service_partner');
    await form.getByLabel('备注').fill('共建助老服务');
    await form.getByRole('button', { name: '授予联建' }).click();
    const own = page.getByTestId('own-links').locator('li[data-kind="service_partner"]');
    await own.waitFor();
    assert.match(await own.textContent(), new RegExp(partner.name + '.*服务协作.*共享活动、需求'));
    const id = Number(await own.getAttribute('data-link'));
    let got = await st.request('GET', `/org-links/${id}`);
    assert.equal(got.data.kind, 'service_partner');
    assert.equal(got.data.other_org_id, partner.id);

    await own.getByLabel(`与${partner.name}的联建类型`).selectOption('volunteer_share');
    await own.getByRole('button', { name: '保存' }).click();
    await page.locator(`[data-testid="own-links"] li[data-link="${id}"][data-kind="volunteer_share"]`).waitFor();
    got = await st.request('GET', `/org-links/${id}`);
    assert.equal(got.data.kind, 'volunteer_share');
    await shot(page, 'share-link-granted');

    await page.locator(`[data-testid="own-links"] li[data-link="${id}"]`).getByRole('button', { name: '解除联建' }).click();
    await page.locator(`[data-testid="own-links"] li[data-link="${id}"]`).waitFor({ state: 'detached' });
    got = await st.request('GET', `/org-links/${id}`);
    assert.equal(got.status, 404);
    assert.deepEqual(page.errors, []);
  } finally {
    await context.close();
  }
});
