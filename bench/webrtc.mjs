// The browser half of ./cubekvm bench webrtc, run inside the benchmark's network namespace with the
// platform on every address: an H.264-WS page on http://127.0.0.1 (secure: WebCodecs) and a WebRTC
// page on http://kvm.test (→ 198.51.100.1, insecure), one after the other against the same
// platform. Each page's stats overlay shows capture → presented latency of the last frame (H.264:
// drawn on the canvas; WebRTC: requestVideoFrameCallback with the RTP time stamp, which is the
// capture time); it is sampled every 100 ms for N seconds.
//   node bench/webrtc.mjs PORT OUT.json SECONDS
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const [port, out, secondsArg] = process.argv.slice(2);
const seconds = Number(secondsArg ?? 20);
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { chromium } = await import(pathToFileURL(join(root, 'platform', 'e2e', 'node_modules', 'playwright-core', 'index.mjs')).href);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const percentile = (values, p) => {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : null;
};

const profile = mkdtempSync(join(tmpdir(), 'cubekvm-bench-webrtc-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CUBEKVM_CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  viewport: { width: 1400, height: 900 },
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--host-resolver-rules=MAP kvm.test 198.51.100.1'],
});

/** Logs in from node (which resolves no kvm.test: `direct` is the same server by address) and hands the cookie to the page's origin. */
async function measure(origin, mode, direct = origin) {
  const login = await context.request.post(`${direct}/api/auth/login`, {
    headers: { Origin: direct }, data: { username: process.env.PLATFORM_USER, password: process.env.PLATFORM_PASSWORD },
  });
  if (!login.ok()) throw new Error(`login on ${direct}: HTTP ${login.status()}`);
  if (direct !== origin) {
    const cookies = await context.cookies(direct);
    await context.addCookies(cookies.map(({ name, value, httpOnly }) => ({ name, value, httpOnly, url: origin })));
  }
  const page = await context.newPage();
  const opened = Date.now();
  await page.goto(`${origin}/?video=${mode}`);
  await page.waitForFunction(() => Number(document.getElementById('screen').dataset.frames ?? 0) >= 60, null, { timeout: 60_000, polling: 50 });
  const sixtyFramesMs = Date.now() - opened;
  // WebRTC: the player's marks, from navigation start (the page's own clock; framesDecoded from getStats every 200 ms).
  const timeline = await page.evaluate(() => Object.fromEntries(performance.getEntriesByType('mark')
    .filter((m) => m.name.startsWith('webrtc-')).map((m) => [m.name.slice(7), Math.round(m.startTime)])));
  if (mode === 'webrtc') {
    await page.waitForFunction(() => performance.getEntriesByName('webrtc-60-decoded').length > 0, null, { timeout: 30_000, polling: 50 });
    timeline['60-decoded'] = await page.evaluate(() => Math.round(performance.getEntriesByName('webrtc-60-decoded')[0].startTime));
  }
  // The toolbar may be folded into the menu at this size: the button's own click handler opens the overlay.
  await page.evaluate(() => document.getElementById('btn-stats').click());
  await sleep(2000);
  const samples = [];
  const end = Date.now() + seconds * 1000;
  while (Date.now() < end) {
    const text = await page.textContent('#stat-latency-last');
    const value = Number.parseFloat(text);
    if (Number.isFinite(value)) samples.push(value);
    await sleep(100);
  }
  const transport = await page.textContent('#stat-transport');
  const stats = mode === 'webrtc' ? await (await context.request.get(`${direct}/api/webrtc/stats`)).json() : null;
  await page.close();
  return { mode, origin, sixtyFramesMs, timeline, captureToPresentedMs: { p50: percentile(samples, 50), p95: percentile(samples, 95), n: samples.length }, transport, server: stats };
}

try {
  const h264 = await measure(`http://127.0.0.1:${port}`, 'h264');
  const webrtc = await measure(`http://kvm.test:${port}`, 'webrtc', `http://198.51.100.1:${port}`);
  const result = { date: new Date().toISOString(), seconds, h264, webrtc };
  writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`H.264-WS: capture → drawn p50 ${h264.captureToPresentedMs.p50} ms, p95 ${h264.captureToPresentedMs.p95} ms; 60 frames after ${h264.sixtyFramesMs} ms`);
  console.log(`WebRTC:   capture → presented p50 ${webrtc.captureToPresentedMs.p50} ms, p95 ${webrtc.captureToPresentedMs.p95} ms; 60 frames after ${webrtc.sixtyFramesMs} ms (60 decoded ${webrtc.timeline['60-decoded']} ms after navigation: ${JSON.stringify(webrtc.timeline)}); ${webrtc.transport}; DTLS handshake p50 ${webrtc.server.handshakeMillisP50} ms`);
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
