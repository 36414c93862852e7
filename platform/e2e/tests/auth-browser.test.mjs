// The login, setup and logout pages in Debian's Chromium against a fresh platform with no users.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { Platform, artifacts, launchBrowser, newLoggingPage } from '../lib/harness.mjs';

let platform;
let browser;
let page;

before(async () => {
  platform = await Platform.start('auth-browser', { setup: false });
  browser = await launchBrowser();
  page = await newLoggingPage(browser);
});

after(async () => {
  if (page && !page.isClosed()) await page.screenshot({ path: join(artifacts, 'auth-browser-final.png') }).catch(() => {});
  await browser?.close();
  await platform?.stop();
});

const me = () => page.evaluate(async () => (await fetch('/api/auth/me')).status);

test('first start: the page asks for the setup code and creates the admin', async () => {
  await page.goto(`${platform.origin}/`);
  await page.waitForURL(/\/login\.html/);
  await page.waitForSelector('body[data-ready="setup"]');
  assert.equal(await page.isVisible('#login-form'), false);
  await page.fill('#setup-code', 'WRNG-WRNG-WRNG');
  await page.fill('#setup-user', 'admin');
  await page.fill('#setup-password', 'browser-pass-1');
  await page.fill('#setup-password2', 'browser-pass-1');
  await page.click('#setup-submit');
  await page.waitForSelector('#setup-error:not([hidden])');
  assert.match(await page.textContent('#setup-error'), /setup code is wrong/);

  await page.fill('#setup-code', platform.setupCode());
  await page.click('#setup-submit');
  await page.waitForURL(`${platform.origin}/`);
  await page.waitForFunction(() => document.getElementById('session-user')?.textContent === 'admin (admin)');
  assert.equal(await me(), 200);
  assert.equal(platform.setupCode(), null);
});

test('logout ends the session and shows the login page; a wrong password is refused; the right one logs in', async () => {
  await page.click('#btn-logout');
  await page.waitForURL(/\/login\.html/);
  await page.waitForSelector('body[data-ready="login"]');
  assert.equal(await me(), 401);
  const cookies = await browser.context.cookies();
  assert.ok(!cookies.some((c) => c.name === 'cubekvm_session' && c.value), 'the cookie is cleared');

  await page.fill('#login-user', 'admin');
  await page.fill('#login-password', 'not-the-password');
  await page.click('#login-submit');
  await page.waitForSelector('#login-error:not([hidden])');
  assert.match(await page.textContent('#login-error'), /Wrong user name or password/);

  await page.fill('#login-password', 'browser-pass-1');
  await page.click('#login-submit');
  await page.waitForURL(`${platform.origin}/`);
  await page.waitForFunction(() => document.getElementById('session-user')?.textContent === 'admin (admin)');
  const session = (await browser.context.cookies()).find((c) => c.name === 'cubekvm_session');
  assert.ok(session.httpOnly, 'HttpOnly');
  assert.equal(session.sameSite, 'Strict');
  // The video runs for the logged-in page.
  await page.waitForFunction(() => Number(document.getElementById('screen').dataset.frames ?? 0) >= 5, null, { timeout: 20_000 });
});

test('the account page: an API token is shown once and works; an admin creates a viewer', async () => {
  await page.goto(`${platform.origin}/account.html`);
  await page.waitForSelector('body[data-ready="account"]');
  await page.fill('#token-name', 'script');
  await page.click('#token-form button[type="submit"]');
  await page.waitForSelector('#token-secret:not([hidden])');
  const token = (await page.textContent('#token-secret')).trim();
  const info = await fetch(`${platform.origin}/api/platform/info`, { headers: { Authorization: `Bearer ${token}` } });
  assert.equal(info.status, 200);

  // An admin can make a metrics-only token (for Prometheus): it reads /metrics and nothing else.
  await page.fill('#token-name', 'prometheus');
  await page.selectOption('#token-scope', 'metrics');
  await page.click('#token-form button[type="submit"]');
  await page.waitForFunction((first) => {
    const text = document.getElementById('token-secret')?.textContent?.trim();
    return text && text !== first;
  }, token);
  const metricsToken = (await page.textContent('#token-secret')).trim();
  assert.equal((await fetch(`${platform.origin}/metrics`, { headers: { Authorization: `Bearer ${metricsToken}` } })).status, 200);
  assert.equal((await fetch(`${platform.origin}/api/platform/info`, { headers: { Authorization: `Bearer ${metricsToken}` } })).status, 403);
  await page.waitForFunction(() => [...document.querySelectorAll('#tokens tr')].some((row) => row.textContent.includes('prometheus')
    && row.textContent.includes('metrics only')));

  await page.fill('#user-name', 'vera');
  await page.fill('#user-password', 'viewer-pass-1');
  await page.selectOption('#user-role', 'viewer');
  await page.click('#user-form button[type="submit"]');
  await page.waitForSelector('#users tr[data-user="vera"]');
  const cookie = await platform.login('vera', 'viewer-pass-1');
  const paste = await platform.anonymous('POST', '/api/hid/paste', { text: 'x' }, { Cookie: cookie });
  assert.equal(paste.status, 403, 'a viewer cannot paste');
});
