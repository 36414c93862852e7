// The login page's `next` parameter in Debian's Chromium: after logging in, the browser goes only to a
// path of this server. The foreign targets are loopback addresses nobody listens on, so nothing leaves
// the machine even if a redirect were followed.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ADMIN, ADMIN_PASSWORD, Platform, freePort, launchBrowser, newLoggingPage } from '../lib/harness.mjs';

let platform;
let browser;
let page;
let nobody;

before(async () => {
  platform = await Platform.start('security-browser');
  browser = await launchBrowser();
  page = await newLoggingPage(browser);
  nobody = `127.0.0.1:${await freePort()}`;
});

after(async () => {
  await browser?.close();
  await platform?.stop();
});

async function loginWithNext(next) {
  await browser.context.clearCookies();
  await page.goto(`${platform.origin}/login.html?next=${encodeURIComponent(next)}`);
  await page.waitForSelector('body[data-ready="login"]');
  await page.fill('#login-user', ADMIN);
  await page.fill('#login-password', ADMIN_PASSWORD);
  await page.click('#login-submit');
  await page.waitForURL((url) => !url.pathname.endsWith('/login.html'));
  return page.url();
}

test('next goes to a path of this server, and nowhere else', async () => {
  assert.equal(await loginWithNext('/index.html?video=mjpeg'), `${platform.origin}/index.html?video=mjpeg`);
  for (const next of [`/\\${nobody}/`, `//${nobody}/`, `/\t/${nobody}/`, `http://${nobody}/`, `\\\\${nobody}/`,
    'javascript:alert(1)']) {
    assert.equal(await loginWithNext(next), `${platform.origin}/`, `next=${JSON.stringify(next)}`);
  }
});
