// The browser KVM page end to end: Debian's Chromium (headless) against the real platform
// with its virtual machine.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { Platform, artifacts, launchBrowser, newLoggingPage, waitFor } from '../lib/harness.mjs';

let platform;
let browser;
let page;

before(async () => {
  platform = await Platform.start('kvm');
  browser = await launchBrowser();
  await platform.loginBrowser(browser.context);
  page = await newLoggingPage(browser);
  // This file is the MJPEG test (H.264 is the default in a secure context: tests/h264.test.mjs).
  await page.goto(`${platform.origin}/?video=mjpeg`);
});

after(async () => {
  if (page && !page.isClosed()) await page.screenshot({ path: join(artifacts, 'kvm-final.png') }).catch(() => {});
  await browser?.close();
  await platform?.stop();
});

const frames = () => page.evaluate(() => Number(document.getElementById('screen').dataset.frames ?? 0));
const state = () => platform.json('GET', '/api/virtual/state');

async function waitForNewFrames(count) {
  const start = await frames();
  await page.waitForFunction((n) => Number(document.getElementById('screen').dataset.frames ?? 0) >= n, start + count, { timeout: 20_000 });
}

/** A cheap fingerprint of what the canvas shows. */
const canvasFingerprint = () => page.evaluate(() => {
  const canvas = document.querySelector('#screen canvas');
  const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
  let hash = 0;
  for (let i = 0; i < data.length; i += 4) hash = (Math.imul(hash, 31) + data[i] + (data[i + 1] << 8) + (data[i + 2] << 16)) | 0;
  return hash;
});

/** The letterboxed picture inside the canvas element, computed here independently of the page's code. */
async function pictureRect() {
  const { box, width, height } = await page.evaluate(() => {
    const canvas = document.querySelector('#screen canvas');
    const r = canvas.getBoundingClientRect();
    return { box: { x: r.x, y: r.y, w: r.width, h: r.height }, width: canvas.width, height: canvas.height };
  });
  const scale = Math.min(box.w / width, box.h / height);
  const w = width * scale;
  const h = height * scale;
  return { x: box.x + (box.w - w) / 2, y: box.y + (box.h - h) / 2, w, h };
}

test('the page shows a moving picture (at least 10 new frames)', async () => {
  await page.waitForFunction(() => Number(document.getElementById('screen').dataset.frames ?? 0) >= 1, null, { timeout: 30_000 });
  const first = await canvasFingerprint();
  await waitForNewFrames(10);
  assert.notEqual(await canvasFingerprint(), first, 'the picture changed');
  // The status line refreshes on its own timer, so it is waited for rather than read at once.
  await page.waitForFunction(() => /^\d+×\d+$/.test(document.getElementById('status-resolution').textContent), null, { timeout: 15_000 })
    .catch(async () => assert.fail(`#status-resolution never showed WxH: "${await page.textContent('#status-resolution')}"`));
});

test('the stats overlay shows per-frame latency from the frame time stamps', async () => {
  await page.click('#btn-stats');
  await page.waitForFunction(() => /^\d+ ms$/.test(document.getElementById('stat-latency-last').textContent), null, { timeout: 20_000 });
  const latency = Number.parseInt(await page.textContent('#stat-latency-last'), 10);
  // A plausibility check of the units (milliseconds from microsecond stamps), not a speed limit: the host may be loaded.
  assert.ok(latency >= 0 && latency < 60_000, `latency ${latency} ms`);
  assert.match(await page.textContent('#status-latency'), /latency \d+ ms/);
  await page.click('#btn-stats');
});

test('click into the video and type "hello world" + Enter', async () => {
  await page.waitForFunction(() => document.getElementById('screen').dataset.hid === 'online', null, { timeout: 10_000 });
  const rect = await pictureRect();
  await page.mouse.click(rect.x + rect.w / 2, rect.y + rect.h / 2);
  await page.keyboard.type('hello world');
  await page.keyboard.press('Enter');
  await waitFor('"hello world" typed on the virtual machine', async () => (await state()).typed.includes('hello world\n'), 20_000);
  await waitForNewFrames(5);
  await page.screenshot({ path: join(artifacts, 'kvm-after-typing.png') });
});

test('the absolute mouse lands where it points in the letterboxed video (within 1 %)', async () => {
  const rect = await pictureRect();
  for (const [fx, fy] of [[0.25, 0.75], [0.75, 0.25], [0.5, 0.5]]) {
    await page.mouse.move(rect.x + rect.w * fx, rect.y + rect.h * fy, { steps: 4 });
    const pointer = await waitFor(`the pointer at ${fx},${fy}`, async () => {
      const p = (await state()).pointer;
      return Math.abs(p.x - fx) <= 0.01 && Math.abs(p.y - fy) <= 0.01 ? p : null;
    }, 20_000);
    console.log(`pointed at ${fx},${fy}: the virtual pointer is at ${pointer.x.toFixed(4)},${pointer.y.toFixed(4)}`);
  }
});

test('paste "Grüße, 123!" with de-DE into a de-DE machine types it exactly', async () => {
  await platform.json('PUT', '/api/virtual/settings', { layout: 'de-DE' });
  try {
    await page.keyboard.press('Enter');
    await page.click('#btn-paste');
    await page.waitForSelector('#paste-layout option[value="de-DE"]', { state: 'attached' });
    await page.selectOption('#paste-layout', 'de-DE');
    await page.fill('#paste-text', 'Grüße, 123!');
    await page.click('#paste-submit');
    await page.waitForFunction(() => !document.getElementById('paste-dialog').open, null, { timeout: 15_000 });
    assert.equal(await page.getAttribute('#paste-dialog', 'data-last-paste'), 'done');
    await waitFor('"Grüße, 123!" typed', async () => (await state()).typed.endsWith('\nGrüße, 123!'), 20_000);
  } finally {
    await platform.json('PUT', '/api/virtual/settings', { layout: 'en-US' });
  }
});

test('Ctrl+Alt+Del from the toolbar reaches the target', async () => {
  const before = (await platform.json('GET', '/api/hid/status')).counters.keyboardWritten;
  await page.click('#btn-cad');
  await waitFor('four keyboard reports (Ctrl, Ctrl+Alt, Ctrl+Alt+Del, release)', async () =>
    (await platform.json('GET', '/api/hid/status')).counters.keyboardWritten - before >= 4, 20_000);
});

test('Caps Lock turns the LED indicator on the page on, and off again', async () => {
  const rect = await pictureRect();
  await page.mouse.click(rect.x + rect.w / 2, rect.y + rect.h / 2);
  await page.keyboard.press('CapsLock');
  await page.waitForSelector('#led-caps.on', { timeout: 5000 });
  assert.equal((await state()).leds.capsLock, true);
  await page.keyboard.press('CapsLock');
  await page.waitForSelector('#led-caps:not(.on)', { timeout: 5000 });
});

test('closing the tab while a key is held: the key is released within 1 s', async () => {
  const tab = await browser.context.newPage();
  await tab.goto(`${platform.origin}/?video=mjpeg`);
  await tab.waitForFunction(() => document.getElementById('screen').dataset.hid === 'online', null, { timeout: 10_000 });
  await tab.focus('#screen');
  await tab.keyboard.down('KeyZ');
  const z = 0x1d;
  // The virtual machine itself reports what its USB host sees held.
  await waitFor('Z held by the virtual machine', async () => (await state()).held.keys.includes(z), 20_000);
  const closedAt = Date.now();
  await tab.close();
  await waitFor('Z released', async () => {
    const hid = await platform.json('GET', '/api/hid/status');
    const machine = await state();
    return hid.pressed.keys.length === 0 && !machine.held.keys.includes(z);
  }, 20_000, 20);
  console.log(`released ${Date.now() - closedAt} ms after the tab closed`);
});
