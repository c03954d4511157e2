// lib.mjs - what the browser tests share: the server's address, chromium
// through playwright-core (installed from web/package-lock.json), phone
// contexts, screenshots and a small API client for setting up data.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const require = createRequire(new URL('../../web/package.json', import.meta.url));
const { chromium } = require('playwright-core');

export const BASE = process.env.LD_WEB_BASE;
const SHOTS = process.env.LD_WEB_SHOTS || '.';
export const PASSWORD = 'liandong-demo';
export const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1 };

if (!BASE) throw new Error('LD_WEB_BASE is not set: run scripts/run-web-tests.sh');

export function launch() {
  return chromium.launch({
    executablePath: process.env.LD_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
}

/** A fresh context (no cookies, no storage) with every page error collected. */
export async function newPage(browser, opts = PHONE) {
  const context = await browser.newContext({ baseURL: BASE, ...opts });
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && !/status of (401|4\d\d)/.test(m.text()) && page.errors.push(m.text()));
  return { context, page };
}

export async function shot(page, name, { fullPage = true } = {}) {
  await page.screenshot({ path: join(SHOTS, name + '.png'), fullPage });
}

/** Sign in through the login form. */
export async function login(page, username) {
  await page.goto('/login');
  await page.getByLabel(/用户名|Username/).fill(username);
  await page.getByLabel(/密码|Password/).fill(PASSWORD);
  await page.getByRole('button', { name: /^(登录|Sign in)$/ }).click();
}

/** A bearer-token API client for setting up what a test needs. */
export async function apiAs(username) {
  const res = await fetch(BASE + '/api/v1/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  if (!res.ok) throw new Error(`login ${username}: ${res.status}`);
  const { token, user } = await res.json();
  /* any method; the status and the answer, whatever the status */
  const request = async (method, path, body) => {
    const r = await fetch(BASE + '/api/v1' + path, {
      method,
      headers: { Authorization: 'Bearer ' + token, ...(body ? { 'Content-Type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: r.status, data: await r.json().catch(() => null) };
  };
  const call = async (method, path, body) => {
    const { status, data } = await request(method, path, body);
    if (status >= 400) throw new Error(`${method} ${path}: ${status} ${JSON.stringify(data)}`);
    return data;
  };
  return { user, request, get: (p) => call('GET', p), post: (p, b) => call('POST', p, b) };
}

/** An ISO time in China Standard Time, `days` from today at hh:mm. */
export function cst(days, hh, mm = 0) {
  const now = new Date(Date.now() + 8 * 3600e3); // wall clock in UTC+8
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + days, hh, mm));
  return d.toISOString().slice(0, 19) + '+08:00';
}

/** An ISO time `secs` seconds from now (UTC). */
export const fromNow = (secs) => new Date(Date.now() + secs * 1000).toISOString().slice(0, 19) + 'Z';
/** An ISO time in China Standard Time, `secs` seconds from now. */
export const cstFromNow = (secs) => new Date(Date.now() + 8 * 3600e3 + secs * 1000).toISOString().slice(0, 19) + '+08:00';

/** Choose `item` ({id, name}) in the picker (components/picker.jsx)
 * labelled `label` inside `scope` by typing `typed` (a part of its name):
 * its option must show the name; resolves to the combobox once it holds
 * the id. */
export async function pick(scope, label, typed, item) {
  const box = scope.getByRole('combobox', { name: label, exact: true });
  await box.fill(typed);
  const page = typeof scope.page === 'function' ? scope.page() : scope;
  const list = page.locator('#' + (await box.getAttribute('aria-controls')));
  const option = list.locator(`[role="option"][data-id="${item.id}"]`);
  await option.waitFor();
  if (!(await option.textContent()).startsWith(item.name)) throw new Error(`option ${item.id} does not show ${item.name}`);
  await option.click();
  await page.waitForFunction(([el, id]) => el.dataset.value === id, [await box.elementHandle(), String(item.id)]);
  return box;
}

/** The main menu (主菜单), opened first where the 菜单 button folds it (a
 * phone); on a desktop it is the side bar, always shown. */
export async function menu(page) {
  const nav = page.getByRole('navigation', { name: /^(主菜单|Main menu)$/ });
  const button = page.locator('#menu-button');
  await nav.or(button).filter({ visible: true }).first().waitFor();
  if ((await button.isVisible()) && (await button.getAttribute('aria-expanded')) !== 'true') await button.click();
  await nav.waitFor();
  return nav;
}

/** Open the page named `name` (a link's name, or its options) from the main menu. */
export async function navTo(page, name, opts = {}) {
  await (await menu(page)).getByRole('link', { name, ...opts }).click();
}

const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Run axe-core (WCAG 2 A/AA and best practices) on the page as it is:
 * throws with one line per violation of impact serious or critical (its
 * rule, impact, help and the selectors of the elements); resolves to the
 * number of minor and moderate ones, which are logged only. */
export async function axe(page, label) {
  // evaluated through the devtools protocol: the app's CSP (script-src 'self') forbids an inline script
  if (!(await page.evaluate(() => !!window.axe))) await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
  });
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const minor = violations.filter((v) => !bad.includes(v));
  if (minor.length) console.log(`axe ${label}: ${minor.length} minor/moderate (${minor.map((v) => v.id).join(', ')})`);
  if (bad.length)
    throw new Error(
      `axe ${label}: ${bad.length} serious/critical violation(s):\n` +
        bad.map((v) => `  ${v.id} [${v.impact}] ${v.help}\n    ${v.targets.slice(0, 8).join('\n    ')}${v.targets.length > 8 ? `\n    … ${v.targets.length - 8} more` : ''}`).join('\n'),
    );
  return minor.length;
}
