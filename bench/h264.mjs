// H.264 over WebSocket, measured against a running platform (started by bench/h264):
//  1. time to first frame: socket open → first decodable frame (a complete key frame with SPS,
//     PPS and IDR), 20 connects joining a running stream and 20 cold starts (no viewer, encoder
//     stopped); in Chromium (WebCodecs, software decoding): socket open → first frame drawn;
//  2. resync: [0x03] → key frame;
//  3. freezes: the longest gap between consecutive frames over N s with 1 viewer, and with 4
//     viewers of which one deliberately reads slowly (it may skip; the others may not);
//  4. server latency: encode done → socket write complete (p50/p99) with 1 and 8 viewers, and
//     capture → received by the client.
// Prints a table next to the stock firmware's figures and writes JSON.
//   node bench/h264.mjs ORIGIN OUT.json [--seconds N] [--connects N] [--slow-stall-read S,R]
//                       [--slow-bytes-per-second N] [--no-browser] [--profile NAME]
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const modules = join(root, 'platform', 'e2e', 'node_modules');
const { default: WebSocket } = await import(pathToFileURL(join(modules, 'ws', 'wrapper.mjs')).href);

const args = process.argv.slice(2);
const origin = args[0];
const out = args[1];
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const seconds = Number(option('--seconds', '60'));
const connects = Number(option('--connects', '20'));
const profile = option('--profile', 'virtual');
const browserWanted = !args.includes('--no-browser');
const slowBytesPerSecond = Number(option('--slow-bytes-per-second', '1048576'));
const [slowStall, slowRead] = option('--slow-stall-read', '20,5').split(',').map(Number);
const LINGER_MS = 2000;
const GAP_LIMIT_MS = 250;
const TTFF_LIMIT_MS = 150;

const url = origin.replace(/^http/, 'ws') + '/api/stream/h264';
// Credentials from bench/lib.sh's platform_login: an API token for raw clients, the admin's
// user name and password for the browser's session cookie.
const token = process.env.CUBEKVM_TOKEN;
const authHeaders = token ? { Authorization: `Bearer ${token}` } : {};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const nowMicros = () => (performance.timeOrigin + performance.now()) * 1000;
const log = (text) => process.stderr.write(`${text}\n`);

function percentile(values, p) {
  if (!values.length) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
const summary = (values) => ({ n: values.length, p50: percentile(values, 50), p99: percentile(values, 99), max: Math.max(...values) });
const ms = (v) => (Number.isFinite(v) ? `${v < 10 ? v.toFixed(1) : Math.round(v)} ms` : '–');

/** NAL unit types of an Annex-B access unit (after the 9-byte header). */
function nalTypes(b) {
  const types = [];
  for (let i = 9; i + 3 < b.length; i++) {
    if (b[i] === 0 && b[i + 1] === 0 && b[i + 2] === 1) {
      types.push(b[i + 3] & 0x1f);
      i += 2;
    }
  }
  return types;
}
const decodable = (b) => (b[0] & 1) === 1 && [7, 8, 5].every((t) => nalTypes(b).includes(t));

async function api(method, path) {
  const response = await fetch(origin + path, { method, headers: method === 'GET' ? authHeaders : { ...authHeaders, Origin: origin } });
  if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status} ${await response.text()}`);
  return response.status === 204 ? null : response.json();
}

/** A viewer that records every frame (arrival time, capture time stamp, age, key flag); acks on request. */
class Viewer {
  constructor({ ack = false } = {}) {
    this.ack = ack;
    this.arrivals = [];
    this.timestamps = [];
    this.ages = [];
    this.keys = 0;
    this.bytes = 0;
    this.closed = null;
  }

  open() {
    return new Promise((resolveOpen, reject) => {
      this.startedAt = performance.now();
      const ws = new WebSocket(url, { origin, headers: authHeaders, perMessageDeflate: false });
      this.ws = ws;
      ws.on('open', () => {
        this.openedAt = performance.now();
        resolveOpen(this);
      });
      ws.on('error', reject);
      ws.on('close', (code) => (this.closed = code));
      ws.on('message', (data) => this.message(data));
    });
  }

  message(b) {
    const at = performance.now();
    if (this.onFirst && !this.arrivals.length) this.onFirst(b, at);
    const ts = Number(b.readBigUInt64LE(1));
    this.arrivals.push(at);
    this.timestamps.push(ts);
    this.ages.push(nowMicros() - ts);
    this.bytes += b.length;
    if (b[0] & 1) this.keys++;
    if (this.onKey && (b[0] & 1)) this.onKey(b, at);
    if (this.ack) {
      const a = Buffer.allocUnsafe(9);
      a[0] = 0x02;
      b.copy(a, 1, 1, 9);
      this.ws.send(a);
    }
  }

  /** Frames, longest gap between consecutive arrivals, frames skipped (capture time stamp gaps). */
  figures(fromMs = 0) {
    let maxGap = 0;
    let skipped = 0;
    let frames = 0;
    const interval = 1e6 / 30;
    for (let i = 0; i < this.arrivals.length; i++) {
      if (this.arrivals[i] < fromMs) continue;
      frames++;
      if (i === 0 || this.arrivals[i - 1] < fromMs) continue;
      maxGap = Math.max(maxGap, this.arrivals[i] - this.arrivals[i - 1]);
      const tsGap = this.timestamps[i] - this.timestamps[i - 1];
      if (tsGap > interval * 1.5) skipped += Math.round(tsGap / interval) - 1;
    }
    return { frames, maxGapMs: maxGap, skipped, keyFrames: this.keys };
  }

  close() {
    this.ws.close();
  }
}

// --- 1. time to first frame -----------------------------------------------------------------
async function firstFrame() {
  const viewer = new Viewer();
  const first = new Promise((resolveFirst) => (viewer.onFirst = (b, at) => resolveFirst({ b, at })));
  await viewer.open();
  const { b, at } = await Promise.race([first, sleep(15_000).then(() => ({ b: null, at: Number.NaN }))]);
  viewer.close();
  if (!b) throw new Error('no frame within 15 s');
  if (!decodable(b)) throw new Error(`the first message is not a key frame with SPS, PPS and IDR: flags ${b[0]}, NAL types ${nalTypes(b)}`);
  return { openMs: at - viewer.openedAt, connectMs: at - viewer.startedAt, ageMs: (nowMicros() - Number(b.readBigUInt64LE(1))) / 1000 };
}

async function timeToFirstFrame() {
  const warm = [];
  const background = await new Viewer().open();
  await sleep(1000);
  for (let i = 0; i < connects; i++) {
    await sleep(200 + Math.random() * 34); // a random phase against the 30 fps capture clock
    warm.push(await firstFrame());
  }
  background.close();
  const cold = [];
  for (let i = 0; i < connects; i++) {
    await sleep(LINGER_MS + 1000); // the last viewer left: the encoder is stopped
    cold.push(await firstFrame());
  }
  return { warm, cold };
}

async function browserTimeToFirstFrame() {
  let chromium;
  try {
    ({ chromium } = await import(pathToFileURL(join(modules, 'playwright-core', 'index.mjs')).href));
  } catch (e) {
    return { skipped: `playwright-core is not installed (${e.message})` };
  }
  const profileDir = mkdtempSync(join(tmpdir(), 'cubekvm-bench-chromium-'));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: process.env.CUBEKVM_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1280, height: 800 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update'],
  });
  try {
    if (process.env.PLATFORM_USER) {
      const login = await context.request.post(`${origin}/api/auth/login`, {
        headers: { Origin: origin }, data: { username: process.env.PLATFORM_USER, password: process.env.PLATFORM_PASSWORD },
      });
      if (!login.ok()) throw new Error(`browser login: HTTP ${login.status()}`);
    }
    const page = await context.newPage();
    const samples = [];
    const keySamples = [];
    for (let i = 0; i < connects; i++) {
      await page.goto(`${origin}/?video=h264`);
      const handle = await page.waitForFunction(() => {
        const data = document.querySelector('#screen canvas.video-surface')?.dataset;
        return data?.firstFrameMs ? [data.firstKeyFrameMs, data.firstFrameMs] : null;
      }, null, { timeout: 15_000 });
      const [key, drawn] = await handle.jsonValue();
      keySamples.push(Number(key));
      samples.push(Number(drawn));
    }
    // capture → drawn on the page's canvas, from the worker's acks (one server clock)
    await api('DELETE', '/api/stream/h264/stats');
    await sleep(10_000);
    const stats = await api('GET', '/api/stream/h264/stats');
    const status = (await page.textContent('footer')).replace(/\s+/g, ' ').trim();
    return { openToDrawnMs: samples, openToKeyFrameMs: keySamples, captureToDrawnMicros: { p50: stats.ackLatencyMicrosP50, p99: stats.ackLatencyMicrosP99 }, status };
  } finally {
    await context.close();
    rmSync(profileDir, { recursive: true, force: true });
  }
}

// --- 2. resync ------------------------------------------------------------------------------
async function resync() {
  const viewer = await new Viewer().open();
  await sleep(1000);
  const samples = [];
  for (let i = 0; i < connects; i++) {
    await sleep(250 + Math.random() * 34); // the server allows 5 resyncs per second per viewer
    const key = new Promise((r) => (viewer.onKey = (_b, at) => r(at)));
    const sentAt = performance.now();
    viewer.ws.send(Buffer.of(0x03));
    samples.push((await Promise.race([key, sleep(5000).then(() => Number.NaN)])) - sentAt);
    viewer.onKey = null;
  }
  viewer.close();
  return samples;
}

// --- 3. freezes -----------------------------------------------------------------------------
/**
 * The deliberately slow viewer: bench/h264_slow_viewer.py, a socket with a 4 KiB receive
 * buffer that is not read at all for `slowStall` s, then read at `slowBytesPerSecond` for
 * `slowRead` s, and so on: the server's send buffer fills and it must skip frames for it.
 */
function slowViewer(durationSeconds) {
  const { hostname, port } = new URL(origin);
  const child = spawn('python3', [join(root, 'bench', 'h264_slow_viewer.py'), hostname, port, origin, String(slowBytesPerSecond), String(durationSeconds), String(slowStall), String(slowRead)],
    { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  return new Promise((resolveSlow, reject) => child.on('exit', (code) => (code === 0 ? resolveSlow(JSON.parse(output)) : reject(new Error(`the slow viewer exited with ${code}`)))));
}

async function freezes(normal, withSlow) {
  const viewers = [];
  for (let i = 0; i < normal; i++) viewers.push(await new Viewer().open());
  const slow = withSlow ? slowViewer(seconds + 1) : null;
  const warmup = performance.now() + 1000; // the first key frame of each viewer is not a gap
  const keysBefore = (await api('GET', '/api/stream/h264/stats')).keyFramesSent;
  await sleep(1000 + seconds * 1000);
  const keysAfter = (await api('GET', '/api/stream/h264/stats')).keyFramesSent;
  viewers.forEach((v) => v.close());
  const figures = viewers.map((v) => ({ slow: false, ...v.figures(warmup) }));
  if (slow) figures.push({ slow: true, ...(await slow) });
  return { viewers: figures, keyFramesSentByServer: keysAfter - keysBefore };
}

// --- 4. server latency ----------------------------------------------------------------------
async function serverLatency(count) {
  const viewers = [];
  for (let i = 0; i < count; i++) viewers.push(await new Viewer({ ack: true }).open());
  await sleep(1000);
  await api('DELETE', '/api/stream/h264/stats');
  const from = viewers.map((v) => v.ages.length);
  await sleep(15_000);
  const stats = await api('GET', '/api/stream/h264/stats');
  viewers.forEach((v) => v.close());
  const ages = viewers.flatMap((v, i) => v.ages.slice(from[i]).map((a) => a / 1000));
  return {
    viewers: count,
    encodeDoneToWriteCompleteMicros: { p50: stats.writeLatencyMicrosP50, p99: stats.writeLatencyMicrosP99 },
    captureToClientMs: summary(ages),
    captureToAckMicros: { p50: stats.ackLatencyMicrosP50, p99: stats.ackLatencyMicrosP99 },
  };
}

// --- run ------------------------------------------------------------------------------------
const video = await api('GET', '/api/video/settings').catch(() => null);
log(`H.264 benchmark against ${origin} (profile ${profile}; video ${JSON.stringify(video)})`);
log('time to first frame (raw clients)…');
const ttff = await timeToFirstFrame();
let browser = { skipped: 'disabled (--no-browser)' };
if (browserWanted) {
  log('time to first frame in Chromium (WebCodecs)…');
  browser = await browserTimeToFirstFrame().catch((e) => ({ skipped: e.message }));
}
log('resync → key frame…');
const resyncMs = await resync();
log(`freezes: 1 viewer, ${seconds} s…`);
const freeze1 = await freezes(1, false);
log(`freezes: 4 viewers (one slow), ${seconds} s…`);
const freeze4 = await freezes(3, true);
log('server latency: 1 viewer…');
const latency1 = await serverLatency(1);
log('server latency: 8 viewers…');
const latency8 = await serverLatency(8);

const warmOpen = summary(ttff.warm.map((s) => s.openMs));
const coldOpen = summary(ttff.cold.map((s) => s.openMs));
const warmConnect = summary(ttff.warm.map((s) => s.connectMs));
const coldConnect = summary(ttff.cold.map((s) => s.connectMs));
const firstAge = summary([...ttff.warm, ...ttff.cold].map((s) => s.ageMs));
const browserOpen = browser.openToDrawnMs ? summary(browser.openToDrawnMs) : null;
const browserKey = browser.openToKeyFrameMs ? summary(browser.openToKeyFrameMs) : null;
const resyncSummary = summary(resyncMs);
const normal4 = freeze4.viewers.filter((v) => !v.slow);
const slow4 = freeze4.viewers.find((v) => v.slow);
const worstNormalGap = Math.max(...normal4.map((v) => v.maxGapMs));

// the figure: socket open → first decodable frame (a complete SPS+PPS+IDR) at the client
const ttffP99 = Math.max(warmOpen.p99, coldOpen.p99, browserKey ? browserKey.p99 : 0);
const acceptance = {
  timeToFirstFrameP99Below150ms: ttffP99 < TTFF_LIMIT_MS,
  noGapAbove250msFor4ViewersOneSlow: worstNormalGap <= GAP_LIMIT_MS,
};

const rows = [
  ['time to first frame: socket open → first decodable frame', 'up to GOP/fps = 10 s', ''],
  ['  joining a running stream (raw client, p50 / p99)', '', `${ms(warmOpen.p50)} / ${ms(warmOpen.p99)}`],
  ['  cold start, encoder stopped (raw client, p50 / p99)', '', `${ms(coldOpen.p50)} / ${ms(coldOpen.p99)}`],
  ['  Chromium worker, open → key frame received (p50 / p99)', '', browserKey ? `${ms(browserKey.p50)} / ${ms(browserKey.p99)}` : `skipped: ${browser.skipped}`],
  ['  Chromium worker, open → decoded and drawn (p50 / p99)', '', browserOpen ? `${ms(browserOpen.p50)} / ${ms(browserOpen.p99)}` : `skipped: ${browser.skipped}`],
  ['  incl. TCP + upgrade, joining / cold (p99)', '', `${ms(warmConnect.p99)} / ${ms(coldConnect.p99)}`],
  ['  age of that first frame (p50 / p99)', '', `${ms(firstAge.p50)} / ${ms(firstAge.p99)}`],
  ['resync [0x03] → key frame (p50 / p99)', 'next GOP (up to 10 s)', `${ms(resyncSummary.p50)} / ${ms(resyncSummary.p99)}`],
  [`longest gap between frames, ${seconds} s, 1 viewer`, '2–3 s freezes every 10 s', `${ms(freeze1.viewers[0].maxGapMs)} (${freeze1.viewers[0].frames} frames, ${freeze1.viewers[0].skipped} skipped)`],
  [`longest gap, ${seconds} s, 4 viewers: the 3 normal ones`, '2–3 s freezes every 10 s', normal4.map((v) => `${ms(v.maxGapMs)}`).join(', ') + ` (skipped ${normal4.map((v) => v.skipped).join('/')})`],
  [`  the deliberately slow one (reads nothing for ${slowStall} s, then ${slowRead} s at ${slowBytesPerSecond} B/s)`, '', `${ms(slow4.maxGapMs)} (${slow4.frames} frames, ${slow4.skipped} skipped, ${slow4.keyFrames} key)`],
  ['  … age of its frames on arrival (p50 / max)', '', `${ms(slow4.ageP50Ms)} / ${ms(slow4.ageMaxMs)}`],
  ['  key frames sent (all viewers) in that run', '', `${freeze4.keyFramesSentByServer}`],
  ['server: encode done → socket write complete, 1 viewer (p50 / p99)', '', `${ms(latency1.encodeDoneToWriteCompleteMicros.p50 / 1000)} / ${ms(latency1.encodeDoneToWriteCompleteMicros.p99 / 1000)}`],
  ['server: encode done → socket write complete, 8 viewers (p50 / p99)', '', `${ms(latency8.encodeDoneToWriteCompleteMicros.p50 / 1000)} / ${ms(latency8.encodeDoneToWriteCompleteMicros.p99 / 1000)}`],
  ['capture → received by the client, 1 / 8 viewers (p50)', '', `${ms(latency1.captureToClientMs.p50)} / ${ms(latency8.captureToClientMs.p50)}`],
  ['capture → received by the client, 1 / 8 viewers (p99)', '', `${ms(latency1.captureToClientMs.p99)} / ${ms(latency8.captureToClientMs.p99)}`],
  ['capture → drawn in Chromium (worker acks, p50 / p99)', '~160 ms latency', browser.captureToDrawnMicros ? `${ms(browser.captureToDrawnMicros.p50 / 1000)} / ${ms(browser.captureToDrawnMicros.p99 / 1000)}` : '–'],
];
const width = [Math.max(...rows.map((r) => r[0].length)), Math.max(...rows.map((r) => r[1].length), 13), 0];
const line = (r) => `| ${r[0].padEnd(width[0])} | ${r[1].padEnd(width[1])} | ${r[2]} |`;
console.log(line(['H.264 over WebSocket (' + profile + ' profile)', 'stock firmware', 'CubeKVM']));
console.log(`|${'-'.repeat(width[0] + 2)}|${'-'.repeat(width[1] + 2)}|---|`);
rows.forEach((r) => console.log(line(r)));
console.log('');
console.log(`acceptance 1, time to first frame p99 < ${TTFF_LIMIT_MS} ms (socket open → decodable key frame received; raw joining, raw cold, Chromium): ${acceptance.timeToFirstFrameP99Below150ms ? 'PASS' : 'FAIL'} (worst p99 ${ms(ttffP99)}; Chromium incl. decoding and drawing ${browserOpen ? ms(browserOpen.p99) : '–'})`);
console.log(`acceptance 2, no gap > ${GAP_LIMIT_MS} ms for the normal viewers (4 viewers, one slow): ${acceptance.noGapAbove250msFor4ViewersOneSlow ? 'PASS' : 'FAIL'} (worst ${ms(worstNormalGap)})`);
if (browser.status) console.log(`page status line: ${browser.status}`);

mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify({
  benchmark: 'h264', profile, date: new Date().toISOString(), video, seconds, connects,
  timeToFirstFrame: { joiningOpenMs: warmOpen, coldOpenMs: coldOpen, joiningConnectMs: warmConnect, coldConnectMs: coldConnect, firstFrameAgeMs: firstAge, samples: ttff },
  browser: browserOpen ? { openToKeyFrameMs: browserKey, openToDrawnMs: browserOpen, captureToDrawnMicros: browser.captureToDrawnMicros, samples: browser.openToDrawnMs, keySamples: browser.openToKeyFrameMs, status: browser.status } : browser,
  resyncToKeyMs: { ...resyncSummary, samples: resyncMs },
  freezes: { oneViewer: freeze1, fourViewersOneSlow: freeze4 },
  serverLatency: [latency1, latency8],
  acceptance,
}, null, 2));
log(`wrote ${out}`);
