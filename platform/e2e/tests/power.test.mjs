// ATX power on the virtual profile, end to end: the power menu in Chromium turns the virtual
// machine off (the video ends on "no signal", capture reports no signal, the power LED on the
// page goes dark) and on again (it boots, the LED lights); one action at a time (409); a viewer
// may watch the LEDs over WS /api/events but not press (403); every action is logged with the user.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import WebSocket from 'ws';
import { Platform, artifacts, launchBrowser, newLoggingPage, waitFor } from '../lib/harness.mjs';

let platform;
let browser;
let page;

before(async () => {
  platform = await Platform.start('power');
  browser = await launchBrowser();
  await platform.loginBrowser(browser.context);
  page = await newLoggingPage(browser);
  await page.goto(`${platform.origin}/?video=mjpeg`);
  await page.waitForFunction(() => Number(document.getElementById('screen').dataset.frames ?? 0) >= 1, null, { timeout: 30_000 });
});

after(async () => {
  if (page && !page.isClosed()) await page.screenshot({ path: join(artifacts, 'power-final.png') }).catch(() => {});
  await browser?.close();
  await platform?.stop();
});

const machineOn = async () => (await platform.json('GET', '/api/virtual/state')).power;
const signal = async () => (await platform.json('GET', '/api/video/status')).signal;

/** Share of the canvas pixels that are not (nearly) black. */
const litShare = () => page.evaluate(() => {
  const canvas = document.querySelector('#screen canvas');
  const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
  let lit = 0;
  for (let i = 0; i < data.length; i += 4) if (data[i] + data[i + 1] + data[i + 2] > 60) lit++;
  return lit / (data.length / 4);
});

async function pressInMenu(action) {
  await page.click('#btn-power');
  await page.click(`#power-dialog [data-atx="${action}"]`);
  await page.waitForSelector('#power-confirm:not([hidden])');
  await page.click('#power-confirm');
  await page.waitForFunction(() => /pressed|held/.test(document.getElementById('power-message').textContent));
  await page.click('#power-close');
}


test('Power in the menu turns the virtual machine off: no signal, the power LED goes dark', async () => {
  await page.waitForSelector('#led-power.on');
  assert.equal(await machineOn(), true);
  assert.ok(await litShare() > 0.005, 'the booted screen shows text');
  await pressInMenu('power');
  await waitFor('the virtual machine off', async () => !(await machineOn()), 10_000);
  await page.waitForSelector('#led-power:not(.on)', { timeout: 10_000 });
  assert.equal(await page.evaluate(() => document.body.dataset.power), 'off');
  assert.deepEqual(await platform.json('GET', '/api/atx'), { power: false, hdd: false });
  await waitFor('capture reporting no signal', async () => !(await signal()), 20_000, 200);
  // The video ends on the "no signal" picture: black but for the words.
  const share = await waitFor('the no-signal picture on the page', async () => {
    const s = await litShare();
    return s > 0 && s < 0.005 ? s : null;
  }, 10_000, 100);
  assert.ok(share > 0, 'the words "no signal" are visible');
  await page.screenshot({ path: join(artifacts, 'power-off.png') });
});

test('Power again boots it: BIOS text and shell, the LED lights, the video has a signal', async () => {
  await waitFor('the previous action to end', async () => {
    const r = await platform.request('POST', '/api/atx/power', { action: 'press' });
    if (r.status === 409) return false;
    assert.equal(r.status, 202);
    assert.deepEqual(await r.json(), { button: 'power', action: 'press', durationMs: 200 });
    return true;
  }, 10_000, 100);
  await waitFor('the virtual machine on', machineOn, 10_000);
  await page.waitForSelector('#led-power.on', { timeout: 10_000 });
  await waitFor('capture reporting a signal', signal, 20_000, 200);
  await waitFor('the booted screen on the page', async () => (await litShare()) > 0.005, 10_000, 100);
});

test('one action at a time across both buttons: a second one while one runs is 409', async () => {
  await waitFor('the previous action to end', async () => {
    const r = await platform.request('POST', '/api/atx/reset', { action: 'press', durationMs: 10_000 });
    return r.status === 202;
  }, 10_000, 100);
  for (const [button, body] of [['power', { action: 'press' }], ['reset', { action: 'press' }], ['power', { action: 'hold' }]]) {
    const r = await platform.request('POST', `/api/atx/${button}`, body);
    assert.equal(r.status, 409, `${button} ${body.action} while reset is held`);
    const error = await r.json();
    assert.equal(error.error, 'conflict');
    assert.match(error.message, /reset by admin/);
  }
  // Bad input is refused before anything runs.
  assert.equal((await platform.request('POST', '/api/atx/eject', { action: 'press' })).status, 404);
  assert.equal((await platform.request('POST', '/api/atx/power', { action: 'tap' })).status, 400);
  assert.equal((await platform.request('POST', '/api/atx/power', { action: 'hold', durationMs: 60_000 })).status, 400);
  await waitFor('the reset to end and reboot the machine', async () => {
    const r = await platform.request('POST', '/api/atx/reset', { action: 'press', durationMs: 20 });
    return r.status === 202;
  }, 20_000, 200);
  assert.equal(await machineOn(), true, 'reset keeps the power on');
});

test('a viewer hears the LEDs on /api/events but cannot press (403)', async () => {
  await platform.json('POST', '/api/users', { username: 'watcher', password: 'watcher-password-1', role: 'viewer' });
  const cookie = await platform.login('watcher', 'watcher-password-1');
  const socket = new WebSocket(`ws://127.0.0.1:${platform.port}/api/events`, { origin: platform.origin, headers: { Cookie: cookie } });
  const first = await new Promise((resolve, reject) => {
    socket.once('message', (data) => resolve(JSON.parse(data.toString())));
    socket.once('error', reject);
  });
  assert.equal(first.type, 'atx');
  assert.equal(first.power, true);
  socket.close();
  for (const button of ['power', 'reset']) {
    const r = await fetch(`${platform.origin}/api/atx/${button}`, {
      method: 'POST', headers: { Cookie: cookie, Origin: platform.origin, 'Content-Type': 'application/json' },
      body: JSON.stringify({ action: 'press' }),
    });
    assert.equal(r.status, 403);
  }
  const leds = await fetch(`${platform.origin}/api/atx`, { headers: { Cookie: cookie } });
  assert.equal(leds.status, 200, 'a viewer reads the LEDs');
  assert.equal(await machineOn(), true, 'nothing was pressed');
});

test('Wake-on-LAN from the dialog wakes the virtual machine (magic packets to 127.0.0.1 only)', async () => {
  // The virtual profile's defaults: the machine listens on 127.0.0.1:40009 and /api/wol sends
  // there (config/virtual/org.cubekvm.wol.cfg); every packet below also names 127.0.0.1
  // explicitly, so nothing is ever sent to a broadcast address.
  const port = 40009;
  const mac = '52:54:00:c0:be:01';
  const platformLog = () => readFileSync(join(artifacts, 'platform-power.log'), 'utf8');
  assert.match(platformLog(), new RegExp(`Wake-on-LAN for ${mac} on 127.0.0.1:${port}`));
  await waitFor('power off accepted', async () => (await platform.request('POST', '/api/atx/power', { action: 'press' })).status === 202, 10_000, 100);
  await waitFor('the virtual machine off', async () => !(await machineOn()), 10_000);
  await page.waitForSelector('#led-power:not(.on)', { timeout: 10_000 });

  // A packet for another MAC does not wake it.
  const other = await platform.json('POST', '/api/wol', { mac: '52:54:00:c0:be:02', broadcast: '127.0.0.1', port });
  assert.deepEqual(other, { mac: '52:54:00:c0:be:02', broadcast: '127.0.0.1', port });
  await waitFor('the other packet received and ignored', async () => platformLog().includes('virtual: magic packet for 52:54:00:c0:be:02 ignored'), 10_000, 100);
  assert.equal(await machineOn(), false);

  await page.click('#btn-power');
  await page.click('#power-wol');
  await page.fill('#wol-name', 'virtual machine');
  await page.fill('#wol-mac', mac.toUpperCase());
  await page.fill('#wol-broadcast', '127.0.0.1');
  await page.fill('#wol-port', String(port));
  await page.click('#wol-save');
  await page.waitForFunction(() => document.getElementById('wol-message').textContent === 'Saved virtual machine');
  await page.click('#wol-send');
  await page.waitForFunction((p) => document.getElementById('wol-message').textContent.includes(`sent to 127.0.0.1:${p}`), port);
  await page.click('#wol-close');
  await waitFor('the virtual machine woken', machineOn, 10_000);
  await page.waitForSelector('#led-power.on', { timeout: 10_000 });
  assert.deepEqual(await platform.json('GET', '/api/wol/targets'), [{ name: 'virtual machine', mac, broadcast: '127.0.0.1', port }]);
  assert.match(platformLog(), new RegExp(`wol: admin sent a magic packet for ${mac} to 127.0.0.1:${port}`));

  // Bad input is 400 and sends nothing; a viewer may not wake anything.
  assert.equal((await platform.request('POST', '/api/wol', { mac: 'nope', broadcast: '127.0.0.1' })).status, 400);
  assert.equal((await platform.request('POST', '/api/wol', { mac, broadcast: 'example.com' })).status, 400);
  assert.equal((await platform.request('POST', '/api/wol', { mac, broadcast: '127.0.0.1', port: 0 })).status, 400);
  const viewer = await platform.login('watcher', 'watcher-password-1');
  const refused = await fetch(`${platform.origin}/api/wol`, {
    method: 'POST', headers: { Cookie: viewer, Origin: platform.origin, 'Content-Type': 'application/json' },
    body: JSON.stringify({ mac, broadcast: '127.0.0.1', port }),
  });
  assert.equal(refused.status, 403);
});

test('the OLED: settings, frame.png as a 128x64 PNG, the preview in the power menu', async () => {
  const settings = await waitFor('the OLED to show a page', async () => {
    const s = await platform.json('GET', '/api/oled');
    return s.page ? s : null;
  }, 20_000, 200);
  assert.equal(settings.enabled, true);
  assert.equal(settings.on, true);
  const png = await platform.request('GET', '/api/oled/frame.png');
  assert.equal(png.status, 200);
  assert.equal(png.headers.get('content-type'), 'image/png');
  const bytes = Buffer.from(await png.arrayBuffer());
  assert.equal(bytes.subarray(1, 4).toString('latin1'), 'PNG');
  assert.equal(bytes.readUInt32BE(16), 128);
  assert.equal(bytes.readUInt32BE(20), 64);
  assert.equal((await platform.request('PUT', '/api/oled', { sleepAfterSeconds: -1 })).status, 400);
  assert.equal((await platform.json('PUT', '/api/oled', { sleepAfterSeconds: 120 })).sleepAfterSeconds, 120);
  const viewer = await platform.login('watcher', 'watcher-password-1');
  const refused = await fetch(`${platform.origin}/api/oled`, {
    method: 'PUT', headers: { Cookie: viewer, Origin: platform.origin, 'Content-Type': 'application/json' },
    body: JSON.stringify({ enabled: false }),
  });
  assert.equal(refused.status, 403);
  await page.click('#btn-power');
  await page.waitForFunction(() => document.getElementById('oled-preview').naturalWidth === 128);
  await page.click('#power-close');
});

test('every action is in the platform log with the user', async () => {
  const log = await waitFor('the log lines', async () => {
    const text = readFileSync(join(artifacts, 'platform-power.log'), 'utf8');
    return text.includes('atx: admin press reset for 20 ms') ? text : null;
  }, 10_000, 100);
  assert.match(log, /atx: admin press power for 200 ms/);
  assert.match(log, /atx: admin press reset for 10000 ms/);
  assert.doesNotMatch(log, /atx: watcher/, 'refused requests do not act');
});
