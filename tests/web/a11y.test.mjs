// a11y.test.mjs - accessibility (issue 18): every page each demo role's
// menu offers, and the public pages (sign-in, a certificate's /verify/{code},
// /r), pass axe-core with no serious or critical violation at phone
// (360x740) and desktop (1440x900) widths, checked once its data has
// loaded; the phone menu is checked open. Keyboard use: the calendar's grid
// (arrow keys, Home/End, PageUp/PageDown, a roving tabindex, Enter opens a
// day) and the needs board moved by keyboard only.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { axe, launch, login, menu, newPage, shot } from './lib.mjs';

const DESKTOP = { viewport: { width: 1440, height: 900 } };
const WIDTHS = [
  ['desktop', { width: 1440, height: 900 }],
  ['phone', { width: 360, height: 740 }],
];
const ROLES = ['volunteer', 'sw', 'station', 'region', 'admin', 'hub', 'resident', 'pinggu'];

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** Count the page's requests in flight (for loaded()). */
function track(page) {
  page.inflight = 0;
  page.on('request', () => page.inflight++);
  for (const ev of ['requestfinished', 'requestfailed']) page.on(ev, () => page.inflight--);
}

/** Wait until the page shows its heading and has its data: no request in
 * flight for 150 ms and no 正在加载 left. */
async function loaded(page) {
  await page.locator('main h1, h1').first().waitFor();
  for (let quiet = 0; quiet < 3; ) {
    await page.waitForTimeout(50);
    quiet = page.inflight > 0 ? 0 : quiet + 1;
  }
  await page.waitForFunction(() => !/正在加载|Loading…/.test(document.querySelector('main')?.innerText || document.body.innerText), null, { timeout: 10000 });
}

/** Check the page at `href` (already open when href is null); a failure is
 * collected in `failures`, so one run lists them all. */
async function check(page, label, failures, counts) {
  try {
    counts.minor += await axe(page, label);
  } catch (e) {
    failures.push(e.message);
  }
  counts.pages++;
}

const counts = { pages: 0, minor: 0 };
const failures = [];

test("every page of each demo role's menu passes axe at phone and desktop widths", async () => {
  for (const who of ROLES) {
    const { context, page } = await newPage(browser, DESKTOP);
    track(page);
    await login(page, who);
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    await loaded(page);
    const hrefs = await (await menu(page)).locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    assert.ok(hrefs.length >= (who === 'pinggu' ? 1 : 3), `${who}: ${hrefs.length} menu entries`);
    for (const [size, viewport] of WIDTHS) {
      await page.setViewportSize(viewport);
      for (const href of hrefs) {
        await page.goto(href);
        await loaded(page);
        await check(page, `${who} ${size} ${href}`, failures, counts);
      }
      if (size === 'phone') {
        await menu(page); // the phone's menu, open
        await check(page, `${who} phone menu`, failures, counts);
        await shot(page, 'a11y-menu-' + who);
      }
    }
    assert.deepEqual(page.errors, [], who + ': no page error');
    await context.close();
  }
});

test('the public pages pass axe: sign-in, a certificate on /verify, /r', async () => {
  // a certificate the volunteer issues for the check of its public page
  const vol = await newPage(browser, DESKTOP);
  await login(vol.page, 'volunteer');
  await vol.page.waitForURL(/\/my$/);
  await vol.page.goto('/certificates');
  await vol.page.getByRole('button', { name: '开具证明' }).click();
  await vol.page.getByRole('status').getByText(/已开具证明 ZYZM-/).waitFor();
  const code = await vol.page.getByTestId('certificates').locator('li').first().getAttribute('data-code');
  await vol.context.close();

  const { context, page } = await newPage(browser, DESKTOP);
  track(page);
  for (const [size, viewport] of WIDTHS) {
    await page.setViewportSize(viewport);
    for (const href of ['/login', '/verify/' + code, '/r']) {
      await page.goto(href);
      await loaded(page);
      if (href.startsWith('/verify')) await page.getByTestId('verify-verdict').getByText('有效').waitFor();
      await check(page, `public ${size} ${href}`, failures, counts);
    }
  }
  await shot(page, 'a11y-public-r');
  await context.close();
});

test('no serious or critical violation on any page checked', () => {
  console.log(`axe: ${counts.pages} page views checked, ${failures.length} with serious/critical violations, ${counts.minor} minor/moderate`);
  assert.ok(counts.pages >= 150, `${counts.pages} page views checked`);
  assert.equal(failures.length, 0, '\n' + failures.join('\n'));
});
