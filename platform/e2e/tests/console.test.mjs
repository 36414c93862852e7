// Issue 16, acceptance 4 (and the toolbar button of acceptance 1), in Debian's Chromium: the console
// page trusts the test vendor's certificate, refuses an unsigned jar with a clear message, uploads the
// example vendor bundle with a progress bar and shows it ACTIVE with its signer, edits one value
// through the form generated from the metatype (a bad value is refused with the field named), the
// bundle's toolbar button works on the KVM page, and the console uninstalls it.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { Platform, artifacts, launchBrowser, newLoggingPage, waitFor } from '../lib/harness.mjs';
import { exampleJar, exampleVersion, testVendorPem } from '../lib/vendor.mjs';

let platform;
let browser;
let page;
const ROW = 'tr[data-bundle="com.example.cubekvm.jiggler"]';

before(async () => {
  platform = await Platform.start('console');
  browser = await launchBrowser();
  await platform.loginBrowser(browser.context);
  page = await newLoggingPage(browser);
  page.on('dialog', (dialog) => dialog.accept());
});

after(async () => {
  if (page && !page.isClosed()) await page.screenshot({ path: join(artifacts, 'console-final.png'), fullPage: true }).catch(() => {});
  await browser?.close();
  await platform?.stop();
});

test('the console installs a signed vendor bundle, configures it through its metatype and uninstalls it', async () => {
  await page.goto(`${platform.origin}/console.html`);
  await page.waitForSelector('#console-body:not([hidden])');
  await page.waitForSelector('#health tr[data-check="bundles.transactions"]');

  await page.fill('#trust-pem', testVendorPem());
  await page.click('#trust-form button[type=submit]');
  await page.waitForSelector('#trust tr:has-text("CubeKVM test vendor")');

  await page.setInputFiles('#upload-file', exampleVersion('1.0.0', { sign: false }));
  await page.click('#upload-form button[type=submit]');
  await page.waitForSelector('#bundle-message.error');
  assert.match(await page.textContent('#bundle-message'), /Install refused: The jar is not signed/);
  assert.equal(await page.locator(ROW).count(), 0);

  await page.setInputFiles('#upload-file', exampleJar());
  await page.click('#upload-form button[type=submit]');
  await page.waitForSelector('#bundle-message.ok:has-text("Installed com.example.cubekvm.jiggler")');
  assert.equal(await page.isVisible('#upload-progress'), true, 'the progress bar is shown');
  assert.equal(await page.$eval('#upload-progress', (p) => p.value), 100, 'and full');
  await page.waitForSelector(`${ROW}:has-text("ACTIVE")`);
  assert.match(await page.textContent(ROW), /CubeKVM test vendor/);
  assert.match(await page.textContent(ROW), /Example Vendor/);
  await page.screenshot({ path: join(artifacts, 'console-installed.png'), fullPage: true });

  await page.click(`${ROW} button:has-text("Configure")`);
  await page.waitForSelector('#config-form:not([hidden]) input[name="intervalSeconds"]');
  await page.fill('input[name="intervalSeconds"]', '99999');
  await page.click('#config-form button[type=submit]');
  await page.waitForSelector('#config-message.error');
  assert.match(await page.textContent('#config-message'), /Not saved: intervalSeconds/);
  assert.equal(await page.getAttribute('input[name="intervalSeconds"]', 'aria-invalid'), 'true');
  assert.equal((await platform.json('GET', '/api/vendor/jiggler')).intervalSeconds, 60, 'the refused value changed nothing');

  await page.fill('input[name="intervalSeconds"]', '30');
  await page.click('#config-form button[type=submit]');
  await page.waitForSelector('#config-message.ok:has-text("Saved: intervalSeconds")');
  await waitFor('the component to run with 30 s', async () => (await platform.json('GET', '/api/vendor/jiggler')).intervalSeconds === 30, 10_000);

  // The bundle's toolbar button on the KVM page (the UI extension point).
  const kvm = await newLoggingPage(browser);
  await kvm.goto(`${platform.origin}/`);
  await kvm.waitForSelector('button[data-extension="com.example.jiggler"]');
  assert.equal(await kvm.isVisible('#link-console'), true, 'admins see the console link');
  await kvm.click('button[data-extension="com.example.jiggler"]');
  await kvm.waitForSelector('button[data-extension="com.example.jiggler"][data-moves="1"]');
  await kvm.close();

  await page.click(`${ROW} button:has-text("Uninstall")`);
  await page.waitForSelector('#bundle-message.ok:has-text("Uninstall")');
  await waitFor('the row to go', async () => (await page.locator(ROW).count()) === 0, 10_000);
  assert.equal((await platform.request('GET', '/api/vendor/jiggler')).status, 404);
});
