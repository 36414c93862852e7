// The page in H.264 mode (WebCodecs VideoDecoder in a worker, OffscreenCanvas) end to end:
// Debian's Chromium, headless with --disable-gpu (software decoding), against the real platform.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { Platform, artifacts, launchBrowser, newLoggingPage, waitFor } from '../lib/harness.mjs';

let platform;
let browser;
let page;

before(async () => {
  platform = await Platform.start('h264');
  browser = await launchBrowser();
  await platform.loginBrowser(browser.context);
  page = await newLoggingPage(browser);
  await page.goto(`${platform.origin}/`);
});

after(async () => {
  if (page && !page.isClosed()) await page.screenshot({ path: join(artifacts, 'h264-final.png') }).catch(() => {});
  await browser?.close();
  await platform?.stop();
});

/**
 * The page's script starts after its session check, and the static page already shows H.264 selected
 * and "MJPEG" as the mode: wait for the player the script puts in #screen before reading either.
 */
const scriptStarted = () => page.waitForSelector('#screen .video-surface', { state: 'attached', timeout: 30_000 });
const frames = () => page.evaluate(() => Number(document.getElementById('screen').dataset.frames ?? 0));
const state = () => platform.json('GET', '/api/virtual/state');
const h264Stats = () => platform.json('GET', '/api/stream/h264/stats');

test('H.264 is the default mode in a secure context (http://127.0.0.1) with WebCodecs', async () => {
  assert.equal(await page.evaluate(() => window.isSecureContext && 'VideoDecoder' in window), true);
  await scriptStarted();
  assert.equal(await page.inputValue('#video-mode'), 'h264');
  assert.equal(await page.textContent('#status-mode'), 'H.264');
});

test('H.264 mode decodes 60 new frames, and the picture moves', async () => {
  await page.waitForFunction(() => Number(document.getElementById('screen').dataset.frames ?? 0) >= 1, null, { timeout: 30_000 });
  const canvas = page.locator('#screen canvas.video-surface');
  assert.match(await canvas.getAttribute('data-codec'), /^avc1\.[0-9A-F]{6}$/, 'codec string derived from the SPS');
  const shot = await canvas.screenshot();
  const start = await frames();
  const startedAt = Date.now();
  // Counted, not timed: the host may be loaded, so the deadline only bounds a broken stream.
  await waitFor('60 new frames decoded and drawn', async () => (await frames()) - start >= 60, 60_000);
  console.log(`60 frames decoded and drawn in ${Date.now() - startedAt} ms; socket open → first frame ${await canvas.getAttribute('data-first-frame-ms')} ms`);
  assert.notDeepEqual(await canvas.screenshot(), shot, 'the picture changed');
  await page.waitForFunction(() => /^\d+×\d+$/.test(document.getElementById('status-resolution').textContent), null, { timeout: 15_000 });
});

test('the status line shows decode latency and dropped frames; the overlay shows capture → screen latency', async () => {
  await page.waitForFunction(() => /^decode [\d.]+ ms · dropped \d+/.test(document.getElementById('status-video').textContent), null, { timeout: 20_000 });
  console.log(`status: ${(await page.textContent('footer')).replace(/\s+/g, ' ').trim()}`);
  await page.click('#btn-stats');
  await page.waitForFunction(() => /^\d+ ms$/.test(document.getElementById('stat-latency-last').textContent), null, { timeout: 20_000 });
  const latency = Number.parseInt(await page.textContent('#stat-latency-last'), 10);
  // A plausibility check of the units, not a speed limit: the host may be loaded.
  assert.ok(latency >= 0 && latency < 60_000, `latency ${latency} ms`);
  await page.click('#btn-stats');
});

test('the worker acknowledges drawn frames (server-side capture → on-screen statistics)', async () => {
  await fetch(`${platform.origin}/api/stream/h264/stats`, { method: 'DELETE', headers: { Origin: platform.origin, ...platform.authHeaders() } });
  const stats = await waitFor('acks from the page', async () => {
    const s = await h264Stats();
    return s.ackLatencyMicrosP50 > 0 ? s : null;
  }, 20_000, 100);
  assert.equal(stats.viewers, 1);
  console.log(`capture → drawn (acks): p50 ${stats.ackLatencyMicrosP50} µs, p99 ${stats.ackLatencyMicrosP99} µs`);
});

test('typing works in H.264 mode: click into the video and type "hello h264" + Enter', async () => {
  await page.waitForFunction(() => document.getElementById('screen').dataset.hid === 'online', null, { timeout: 10_000 });
  const box = await page.locator('#screen canvas.video-surface').boundingBox();
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await page.keyboard.type('hello h264');
  await page.keyboard.press('Enter');
  await waitFor('"hello h264" typed on the virtual machine', async () => (await state()).typed.includes('hello h264\n'), 20_000);
  const start = await frames();
  await page.waitForFunction((n) => Number(document.getElementById('screen').dataset.frames ?? 0) >= n, start + 5, { timeout: 30_000 });
  await page.screenshot({ path: join(artifacts, 'h264-after-typing.png') });
});

test('the mode switch: MJPEG and back, remembered across reloads; the H.264 socket closes when leaving', async () => {
  await page.selectOption('#video-mode', 'mjpeg');
  await page.waitForFunction(() => document.getElementById('status-mode').textContent === 'MJPEG');
  await waitFor('no H.264 viewer', async () => (await h264Stats()).viewers === 0, 20_000, 100);
  let start = await frames();
  await page.waitForFunction((n) => Number(document.getElementById('screen').dataset.frames ?? 0) >= n, start + 5, { timeout: 30_000 });
  await page.reload();
  await scriptStarted();
  assert.equal(await page.inputValue('#video-mode'), 'mjpeg', 'remembered');
  await page.selectOption('#video-mode', 'h264');
  await page.waitForFunction(() => document.getElementById('status-mode').textContent === 'H.264');
  await page.reload();
  await scriptStarted();
  assert.equal(await page.inputValue('#video-mode'), 'h264', 'remembered');
  start = await frames();
  await page.waitForFunction((n) => Number(document.getElementById('screen').dataset.frames ?? 0) >= n, start + 10, { timeout: 30_000 });
  await waitFor('one H.264 viewer', async () => (await h264Stats()).viewers === 1, 20_000, 100);
});
