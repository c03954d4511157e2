// nav.test.mjs - navigation that fits each role (issue 18), in chromium at
// phone (360x740) and desktop (1440x900) sizes against the demo city: each
// demo account's menu shows its sections and only pages it may open; the
// phone's 菜单 button opens the grouped menu and navigates; the volunteer's
// bottom tabs; the side bar on a desktop; the switcher of the role to act in
// (the demo's `duo`, org admin of two stations) changes the org the
// activities page lists; breadcrumbs on a project's and a meeting's page;
// nothing wider than the screen.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { PHONE, apiAs, launch, login, menu, newPage, shot } from './lib.mjs';

const DESKTOP = { viewport: { width: 1440, height: 900 } };

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** The menu as shown: [[section, [page names]]]. */
async function sections(page) {
  const nav = await menu(page);
  return nav.locator('section').evaluateAll((els) =>
    els.map((s) => [s.querySelector('h2').textContent, [...s.querySelectorAll('a')].map((a) => a.textContent)]),
  );
}

/** Is the page wider than its viewport (something overflowing at the right)? */
const overflow = (page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** Every menu entry opens a page the role may see (no 无权 page, no error). */
async function everyEntryOpens(page) {
  const nav = await menu(page);
  const hrefs = await nav.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  for (const href of hrefs) {
    await page.goto(href);
    await page.locator('main h1').first().waitFor();
    assert.equal(await page.getByText('您没有权限查看此页面').count(), 0, href + ' is forbidden to a role whose menu shows it');
  }
  return hrefs;
}

const ROLES = {
  volunteer: { home: /\/my$/, groups: ['我的'], has: ['我的服务', '报名服务', '签到', '服务证明', '我的账户'], not: ['工作台', '活动管理', '组织网络', '审计日志'] },
  sw: { home: /\/dashboard$/, groups: ['工作台', '服务', '人员与组织', '项目与资金', '统计', '我的'], has: ['活动管理', '需求看板', '人员', '项目', '响应时长'], not: ['审计日志', '消息发送', '节假日', '辖区项目', '报名服务'] },
  station: { home: /\/dashboard$/, groups: ['工作台', '服务', '人员与组织', '项目与资金', '统计', '我的'], has: ['活动管理', '岗位', '导入', '助学批次', '资金'], not: ['审计日志', '消息发送', '资格要求', '辖区项目'] },
  region: { home: /\/dashboard$/, groups: ['工作台', '服务', '人员与组织', '项目与资金', '统计', '我的'], has: ['辖区项目', '组织网络', '需求看板'], not: ['活动管理', '岗位', '审计日志', '消息发送'] },
  admin: { home: /\/dashboard$/, groups: ['工作台', '服务', '人员与组织', '项目与资金', '统计', '系统', '我的'], has: ['审计日志', '消息发送', '资格要求', '活动管理'], not: ['报名服务', '我的求助'] },
  resident: { home: /\/needs\/mine$/, groups: ['我的', '服务'], has: ['我的求助', '议事会', '我的问卷'], not: ['工作台', '活动管理', '需求看板', '审计日志'] },
};

test("each demo role's menu has its sections and only its pages, on a phone", async () => {
  for (const [who, want] of Object.entries(ROLES)) {
    const { context, page } = await newPage(browser);
    await login(page, who);
    await page.waitForURL(want.home);
    const got = await sections(page);
    assert.deepEqual(
      got.map(([g]) => g),
      want.groups,
      who + "'s sections",
    );
    const names = got.flatMap(([, items]) => items);
    for (const n of want.has) assert.ok(names.includes(n), `${who} has ${n} (${names.join(' ')})`);
    for (const n of want.not) assert.ok(!names.includes(n) && !got.some(([g]) => g === n), `${who} has no ${n}`);
    await shot(page, 'nav-menu-' + who);
    assert.ok((await overflow(page)) <= 0, who + ': nothing wider than 360 px with the menu open');
    await context.close();
  }
});

test("every entry of the station admin's and the volunteer's menus opens", async () => {
  for (const who of ['station', 'volunteer']) {
    const { context, page } = await newPage(browser, DESKTOP);
    await login(page, who);
    await page.waitForURL(ROLES[who].home);
    const hrefs = await everyEntryOpens(page);
    assert.ok(hrefs.length >= (who === 'station' ? 20 : 7), `${who}: ${hrefs.length} entries`);
    // /my is the installed app's start page: a volunteer stays there, the
    // station admin is sent on to their own home
    await page.goto('/my');
    await page.waitForURL(who === 'station' ? ROLES.station.home : /\/my$/);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    assert.equal(await page.getByText(/您没有权限查看此页面|You may not open this page/).count(), 0);
    assert.deepEqual(page.errors, []);
    await context.close();
  }
});

test('the phone menu opens, navigates, marks the page and closes', async () => {
  const { context, page } = await newPage(browser);
  await login(page, 'sw');
  await page.waitForURL(/\/dashboard$/);
  const button = page.getByRole('button', { name: '菜单' });
  const nav = page.getByRole('navigation', { name: '主菜单' });
  assert.equal(await button.getAttribute('aria-expanded'), 'false');
  assert.equal(await nav.isVisible(), false, 'folded on a phone');
  assert.ok((await overflow(page)) <= 0, 'the header fits 360 px');
  await shot(page, 'nav-phone-closed');

  await button.click();
  assert.equal(await page.locator('#menu-button').getAttribute('aria-expanded'), 'true');
  await nav.waitFor();
  assert.equal(await nav.getByRole('link', { name: '统计看板', exact: true }).getAttribute('aria-current'), 'page');
  await shot(page, 'nav-phone-open');
  await nav.getByRole('link', { name: '活动管理', exact: true }).click();
  await page.waitForURL(/\/activities$/);
  await page.getByRole('heading', { level: 1 }).waitFor();
  assert.equal(await nav.isVisible(), false, 'closed after navigating');

  // a detail page marks its list in the menu; Escape closes and gives focus back
  await page.getByTestId('activities').getByRole('link').first().click();
  await page.waitForURL(/\/activity\?id=\d+$/);
  await page.locator('#menu-button').click();
  assert.equal(await nav.getByRole('link', { name: '活动管理', exact: true }).getAttribute('aria-current'), 'true');
  await page.keyboard.press('Escape');
  assert.equal(await nav.isVisible(), false);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'menu-button');
  assert.deepEqual(page.errors, []);
  await context.close();
});

test("a volunteer's bottom tabs on a phone, the side bar on a desktop", async () => {
  const { context, page } = await newPage(browser);
  await login(page, 'volunteer');
  await page.waitForURL(/\/my$/);
  const tabs = page.getByRole('navigation', { name: '常用入口' });
  assert.deepEqual(await tabs.getByRole('link').allInnerTexts(), ['我的服务', '报名', '签到', '账户']);
  assert.equal(await tabs.getByRole('link', { name: '我的服务' }).getAttribute('aria-current'), 'page');
  const box = await tabs.boundingBox();
  assert.ok(box.y + box.height >= 740 - 1 && box.y > 600, 'fixed at the bottom of the screen: ' + JSON.stringify(box));
  await tabs.getByRole('link', { name: '报名' }).click();
  await page.waitForURL(/\/shifts$/);
  assert.equal(await tabs.getByRole('link', { name: '报名' }).getAttribute('aria-current'), 'page');
  await tabs.getByRole('link', { name: '签到' }).click();
  await page.waitForURL(/\/checkin$/);
  assert.ok((await overflow(page)) <= 0);
  await shot(page, 'nav-volunteer-tabs');
  await context.close();

  // a desktop: no tabs, no 菜单 button, the side bar with the sections
  const d = await newPage(browser, DESKTOP);
  await login(d.page, 'volunteer');
  await d.page.waitForURL(/\/my$/);
  assert.equal(await d.page.getByRole('navigation', { name: '常用入口' }).isVisible(), false);
  assert.equal(await d.page.locator('#menu-button').isVisible(), false);
  const side = d.page.getByRole('navigation', { name: '主菜单' });
  await side.waitFor();
  const sb = await side.boundingBox();
  assert.ok(sb.x < 300 && sb.width < 300, 'a side bar at the left: ' + JSON.stringify(sb));
  await d.context.close();

  const s = await newPage(browser, DESKTOP);
  await login(s.page, 'admin');
  await s.page.waitForURL(/\/dashboard$/);
  const nav = s.page.getByRole('navigation', { name: '主菜单' });
  await nav.getByRole('link', { name: '审计日志' }).click();
  await s.page.waitForURL(/\/audit$/);
  assert.equal(await nav.getByRole('link', { name: '审计日志' }).getAttribute('aria-current'), 'page');
  // the last entry is on the screen (the old top menu cut it off at the right)
  const last = await nav.getByRole('link').last().boundingBox();
  assert.ok(last.x + last.width <= 1440, 'the last entry within the screen');
  assert.ok((await overflow(s.page)) <= 0);
  await shot(s.page, 'nav-desktop-admin');
  await s.context.close();
});

test("the switcher changes the org the activities page lists, and is kept", async () => {
  const duo = await apiAs('duo');
  const orgIds = duo.user.roles.map((r) => r.org_id);
  assert.equal(orgIds.length, 2, 'the demo duo is org admin of two stations');
  const orgs = await Promise.all(orgIds.map((id) => duo.get('/orgs/' + id)));
  const listed = async (id) => (await duo.get('/activities?limit=200&org_id=' + id)).items.map((a) => String(a.id)).sort();
  const want = await Promise.all(orgIds.map(listed));
  assert.ok(want[0].length > 0 && want[1].length > 0, 'both stations have activities');
  assert.notDeepEqual(want[0], want[1]);

  for (const opts of [PHONE, DESKTOP]) {
    const { context, page } = await newPage(browser, opts);
    await login(page, 'duo');
    await page.waitForURL(/\/dashboard$/);
    await page.goto('/activities');
    // every row of the activities table, through every page of its cursor
    const rows = page.getByTestId('activities').locator('[data-row]');
    const shown = async () => {
      await rows.first().waitFor();
      const more = page.getByTestId('load-more');
      for (let n = await rows.count(); await more.isVisible(); n = await rows.count()) {
        await more.click();
        await page.waitForFunction((n) => document.querySelectorAll('[data-testid="activities"] [data-row]').length > n, n);
      }
      return (await rows.evaluateAll((els) => els.map((e) => e.dataset.row))).sort();
    };
    // the table shows the scope `to` once its rows are all of it and one is not of `from`
    const showing = (to, from) =>
      page.waitForFunction(
        ([to, from]) => {
          const ids = [...document.querySelectorAll('[data-testid="activities"] [data-row]')].map((e) => e.dataset.row);
          return ids.length > 0 && ids.every((id) => to.includes(id)) && ids.some((id) => !from.includes(id));
        },
        [to, from],
      );
    const pick = page.getByLabel('当前身份');
    // names, not ids
    await pick.waitFor();
    await page.waitForFunction(() => [...document.querySelectorAll('#acting-role option')].every((o) => o.textContent.includes('·')));
    assert.deepEqual(await pick.locator('option').allTextContents(), orgs.map((o) => `${o.name} · 机构管理员`));
    assert.deepEqual(await shown(), want[0], 'the first role at first');
    await pick.selectOption({ label: `${orgs[1].name} · 机构管理员` });
    await showing(want[1], want[0]);
    assert.deepEqual(await shown(), want[1], "the second station's activities after switching");
    assert.match(page.url(), /\/activities$/, 'on the same page');
    await shot(page, 'nav-switcher-' + (opts === PHONE ? 'phone' : 'desktop'));
    await page.reload();
    assert.deepEqual(await shown(), want[1], 'the choice is kept');
    assert.equal(await pick.inputValue(), '1');
    await pick.selectOption({ label: `${orgs[0].name} · 机构管理员` });
    await showing(want[0], want[1]);
    assert.deepEqual(await shown(), want[0]);
    assert.ok((await overflow(page)) <= 0);
    assert.deepEqual(page.errors, []);
    await context.close();
  }

  // one role: no switcher
  const { context, page } = await newPage(browser);
  await login(page, 'station');
  await page.waitForURL(/\/dashboard$/);
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  assert.equal(await page.getByLabel('当前身份').count(), 0);
  await context.close();
});

test("breadcrumbs on a project's page and a meeting's page", async () => {
  const { context, page } = await newPage(browser, DESKTOP);
  await login(page, 'sw');
  await page.waitForURL(/\/dashboard$/);
  const station = await apiAs('station');
  const project = (await station.get('/projects?limit=200')).items.find((p) => p.title.includes('飞鹰'));
  assert.ok(project, 'the demo has the 飞鹰 project');
  await page.goto('/project?id=' + project.id);
  const crumbs = page.getByRole('navigation', { name: '当前位置' });
  await crumbs.waitFor();
  assert.deepEqual(await crumbs.locator('li').allInnerTexts(), ['项目与资金', '项目', project.title]);
  assert.equal(await crumbs.locator('[aria-current="page"]').innerText(), project.title);
  await shot(page, 'nav-crumbs-project');
  await crumbs.getByRole('link', { name: '项目' }).click();
  await page.waitForURL(/\/projects$/);

  await page.goto('/councils');
  await page.getByTestId('council-list').getByRole('link', { name: /居民议事会/ }).first().click();
  await page.waitForURL(/\/councils\/view\?id=\d+$/);
  const council = (await page.getByRole('heading', { level: 1 }).innerText()).trim();
  assert.deepEqual(await crumbs.locator('li').allInnerTexts(), ['服务', '议事会', council]);
  await page.locator('a[href^="/councils/meeting?id="]').first().click();
  await page.waitForURL(/\/councils\/meeting\?id=\d+$/);
  await page.getByRole('heading', { level: 1 }).waitFor();
  const items = await crumbs.locator('li').allInnerTexts();
  assert.deepEqual(items.slice(0, 3), ['服务', '议事会', council]);
  assert.match(items[3], /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$|\d+月\d+日|\d{4}/, 'the meeting by its time: ' + items[3]);
  await shot(page, 'nav-crumbs-meeting');
  await crumbs.getByRole('link', { name: council }).click();
  await page.waitForURL(/\/councils\/view\?id=\d+$/);
  assert.deepEqual(page.errors, []);
  await context.close();

  // the same on a phone, fitting 360 px; an org's links page under its org
  const p = await newPage(browser);
  await login(p.page, 'sw');
  await p.page.waitForURL(/\/dashboard$/);
  await p.page.goto('/project?id=' + project.id);
  await p.page.getByRole('navigation', { name: '当前位置' }).waitFor();
  assert.ok((await overflow(p.page)) <= 0, 'the project page fits 360 px');
  await shot(p.page, 'nav-crumbs-project-phone');
  const org = await station.get('/orgs/' + station.user.roles[0].org_id);
  await p.page.goto('/orgs/links?id=' + org.id);
  const oc = p.page.getByRole('navigation', { name: '当前位置' });
  await oc.waitFor();
  assert.deepEqual(await oc.locator('li').allInnerTexts(), ['人员与组织', '组织网络', org.name, '联建与共享']);
  await oc.getByRole('link', { name: org.name }).click();
  await p.page.waitForURL(new RegExp(`/orgs\\?id=${org.id}$`));
  await p.context.close();
});

test('the shell fits 360 px in English too', async () => {
  const { context, page } = await newPage(browser);
  await login(page, 'duo');
  await page.waitForURL(/\/dashboard$/);
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('button', { name: 'Menu' }).click();
  const nav = page.getByRole('navigation', { name: 'Main menu' });
  assert.deepEqual(await nav.locator('h2').allInnerTexts(), ['Workbench', 'Services', 'People and orgs', 'Projects and funds', 'Statistics', 'Mine']);
  await page.getByLabel('Acting as').waitFor();
  assert.ok((await overflow(page)) <= 0, 'nothing wider than 360 px');
  await shot(page, 'nav-english-phone');
  assert.deepEqual(page.errors, []);
  await context.close();
});
