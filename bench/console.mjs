// Issue 16, acceptance 1's number: the longest gap between frames that two MJPEG viewers and one
// H.264 viewer see while the example vendor bundle is installed, used and uninstalled through the
// console API (goal ≤ 250 ms). Prints a table, writes bench-results/console.json.
//   node bench/console.mjs <results.json>
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const e2e = (file) => import(pathToFileURL(join(root, 'platform', 'e2e', 'lib', file)).href);
const { Platform, sleep, waitFor } = await e2e('harness.mjs');
const { H264Client } = await e2e('h264.mjs');
const { exampleJar, trustTestVendor, upload } = await e2e('vendor.mjs');
const GOAL_MS = 250;
const out = process.argv[2] ?? join(root, 'bench-results', 'console.json');

/** An MJPEG viewer: the arrival time of every part boundary. */
async function mjpeg(platform, name) {
  const times = [];
  const controller = new AbortController();
  const response = await fetch(`${platform.origin}/api/stream/mjpeg`, { headers: platform.authHeaders(), signal: controller.signal });
  const reader = response.body.getReader();
  const marker = Buffer.from('--frame');
  let tail = Buffer.alloc(0);
  (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ done: true }));
      if (done) return;
      const chunk = Buffer.concat([tail, Buffer.from(value)]);
      const at = performance.now();
      for (let i = chunk.indexOf(marker); i >= 0; i = chunk.indexOf(marker, i + 1)) times.push(at);
      tail = chunk.subarray(Math.max(0, chunk.length - marker.length + 1));
    }
  })();
  return { name, times, close: () => controller.abort() };
}

async function h264(platform, name) {
  const client = await H264Client.open(platform);
  return { name, get times() { return client.messages.map((m) => m.at); }, close: () => client.close() };
}

function longestGap(times, from, to) {
  const inside = times.filter((t) => t >= from && t <= to);
  let gap = 0;
  for (let i = 1; i < inside.length; i++) gap = Math.max(gap, inside[i] - inside[i - 1]);
  return { frames: inside.length, gapMs: gap };
}

const platform = await Platform.start('bench-console');
try {
  await trustTestVendor(platform);
  const viewers = [await mjpeg(platform, 'mjpeg-1'), await mjpeg(platform, 'mjpeg-2'), await h264(platform, 'h264')];
  await sleep(2000);
  const from = performance.now() - 1000;
  const began = performance.now();
  const installed = await upload(platform, 'POST', '/api/platform/bundles', exampleJar());
  if (installed.status !== 201) throw new Error(`install: ${installed.status} ${await installed.text()}`);
  const installMs = performance.now() - began;
  const { id } = await installed.json();
  await waitFor('the vendor endpoint', async () => (await platform.request('GET', '/api/vendor/jiggler')).status === 200, 30_000);
  await platform.request('POST', '/api/vendor/jiggler/jiggle');
  const removing = performance.now();
  const removed = await platform.request('DELETE', `/api/platform/bundles/${id}`);
  if (removed.status !== 204) throw new Error(`uninstall: ${removed.status}`);
  const uninstallMs = performance.now() - removing;
  await sleep(2000);
  const to = performance.now();
  const results = viewers.map((v) => ({ viewer: v.name, ...longestGap(v.times, from, to) }));
  viewers.forEach((v) => v.close());
  const worst = Math.max(...results.map((r) => r.gapMs));
  console.log('| viewer | frames | longest gap |');
  console.log('| --- | --- | --- |');
  for (const r of results) console.log(`| ${r.viewer} | ${r.frames} | ${r.gapMs.toFixed(0)} ms |`);
  console.log(`install ${installMs.toFixed(0)} ms, uninstall ${uninstallMs.toFixed(0)} ms`);
  console.log(`longest gap while installing, using and uninstalling a vendor bundle: ${worst.toFixed(0)} ms (goal ≤ ${GOAL_MS} ms): ${worst <= GOAL_MS ? 'PASS' : 'FAIL'}`);
  writeFileSync(out, JSON.stringify({ bench: 'console', goalMs: GOAL_MS, worstGapMs: Math.round(worst), installMs: Math.round(installMs),
    uninstallMs: Math.round(uninstallMs), viewers: results.map((r) => ({ ...r, gapMs: Math.round(r.gapMs) })) }, null, 2));
} finally {
  await platform.stop();
}
