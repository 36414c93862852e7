// Input → decoded pixel over H.264-WS and over WebRTC, in the same platform run, in headless Chromium
// (part of ./cubekvm bench webrtc, run inside its network namespace with the platform on every
// address). Two pages play at once, each a page of the platform's origin (H.264: http://127.0.0.1, a
// secure context with WebCodecs; WebRTC: http://kvm.test, insecure) that opens the stream itself the
// way the player does (H.264: VideoDecoder with acks; WebRTC: WHEP, jitterBufferTarget 0). A round:
// the virtual machine's pointer is moved by one absolute mouse report on /api/hid to the other of two
// far-apart places, so both pages see the same input in the same captures; for each page, the time
// from sending the report to the first animation frame (H.264: requestAnimationFrame after the
// VideoDecoder output; WebRTC: requestVideoFrameCallback) whose decoded picture shows the pointer's
// white fill there. Epoch milliseconds of one machine on both ends. The decoded region is read with
// drawImage on a 6 × 6 canvas, so the check costs nothing noticeable.
//   node bench/webrtc-input.mjs PORT OUT.json ROUNDS
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const [port, out, roundsArg] = process.argv.slice(2);
const rounds = Number(roundsArg ?? 40);
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { chromium } = await import(pathToFileURL(join(root, 'platform', 'e2e', 'node_modules', 'playwright-core', 'index.mjs')).href);
const percentile = (values, p) => {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : null;
};

const profile = mkdtempSync(join(tmpdir(), 'cubekvm-bench-webrtc-input-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CUBEKVM_CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  viewport: { width: 1280, height: 800 },
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--host-resolver-rules=MAP kvm.test 198.51.100.1'],
});

/** Runs in a page: opens the stream (mode h264 or webrtc), waits for a picture, installs window.bench. */
async function inPage({ mode }) {
  const ABSOLUTE_MAX = 32767;
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
  const probe = new OffscreenCanvas(6, 6).getContext('2d', { willReadFrequently: true });
  let width = 0;
  let height = 0;
  /** Pixel of the screen where absolute position f lands (the virtual machine's own rounding). */
  const at = (f, size) => Math.floor((Math.round(f * ABSOLUTE_MAX) * (size - 1) + ABSOLUTE_MAX / 2) / ABSOLUTE_MAX);
  let waiting = null; // { x, y, resolve }
  /** Inside the pointer's white fill: 3..5 right, 8..10 down from the tip. */
  const check = (source, now) => {
    if (!waiting) return;
    probe.drawImage(source, waiting.x + 2, waiting.y + 8, 6, 6, 0, 0, 6, 6);
    const px = probe.getImageData(1, 0, 3, 3).data;
    let sum = 0;
    for (let i = 0; i < px.length; i += 4) sum += px[i] + px[i + 1] + px[i + 2];
    if (sum / (3 * 9) > 200) {
      const w = waiting;
      waiting = null;
      w.resolve(performance.timeOrigin + now);
    }
  };

  let onPicture; // (source, now) per decoded picture, at an animation frame
  const debug = { messages: 0, error: null };
  if (mode === 'h264') {
    const ws = new WebSocket(`ws://${location.host}/api/stream/h264`);
    ws.binaryType = 'arraybuffer';
    let decoder = null;
    let latest = null;
    let frameRequested = false;
    ws.onopen = () => { debug.open = true; };
    ws.onerror = () => { debug.error ??= 'socket error'; };
    ws.onclose = (e) => { debug.error ??= `socket closed ${e.code} ${e.reason}`; };
    ws.onmessage = (e) => {
      debug.messages++;
      const bytes = new Uint8Array(e.data);
      const key = (bytes[0] & 1) !== 0;
      const view = new DataView(e.data);
      const ts = view.getUint32(1, true) + view.getUint32(5, true) * 2 ** 32;
      const data = bytes.subarray(9);
      const ack = new Uint8Array(9); // as the player does: [0x02][u64 LE time stamp]
      ack[0] = 0x02;
      new DataView(ack.buffer).setUint32(1, view.getUint32(1, true), true);
      new DataView(ack.buffer).setUint32(5, view.getUint32(5, true), true);
      ws.send(ack);
      if (!decoder) {
        if (!key) return;
        let codec = null;
        for (let i = 0; i + 7 < data.length; i++) {
          if (data[i] === 0 && data[i + 1] === 0 && data[i + 2] === 1 && (data[i + 3] & 0x1f) === 7) {
            codec = 'avc1.' + [data[i + 4], data[i + 5], data[i + 6]].map((b) => b.toString(16).padStart(2, '0')).join('');
            break;
          }
        }
        if (!codec) return;
        decoder = new VideoDecoder({
          output: (frame) => {
            width = frame.displayWidth;
            height = frame.displayHeight;
            latest?.close();
            latest = frame;
            if (!frameRequested) {
              frameRequested = true;
              requestAnimationFrame((now) => {
                frameRequested = false;
                if (latest) {
                  onPicture?.(latest, now);
                  latest.close();
                  latest = null;
                }
              });
            }
          },
          error: (e) => { debug.error = String(e); },
        });
        decoder.configure({ codec, optimizeForLatency: true });
      }
      decoder.decode(new EncodedVideoChunk({ type: key ? 'key' : 'delta', timestamp: ts, data }));
    };
  } else {
    const pc = new RTCPeerConnection({ bundlePolicy: 'max-bundle', rtcpMuxPolicy: 'require' });
    const receiver = pc.addTransceiver('video', { direction: 'recvonly' }).receiver;
    if ('jitterBufferTarget' in receiver) receiver.jitterBufferTarget = 0;
    const video = document.createElement('video');
    video.muted = true;
    video.autoplay = true;
    video.playsInline = true;
    video.style.width = '640px';
    document.body.append(video);
    pc.ontrack = (e) => { video.srcObject = e.streams[0] ?? new MediaStream([e.track]); void video.play().catch(() => {}); };
    await pc.setLocalDescription(await pc.createOffer());
    const r = await fetch('/api/webrtc/whep', { method: 'POST', headers: { 'Content-Type': 'application/sdp' }, body: pc.localDescription.sdp });
    if (r.status !== 201) throw new Error(`WHEP: HTTP ${r.status}`);
    await pc.setRemoteDescription({ type: 'answer', sdp: await r.text() });
    const tick = (now) => {
      width = video.videoWidth;
      height = video.videoHeight;
      onPicture?.(video, now);
      video.requestVideoFrameCallback(tick);
    };
    video.requestVideoFrameCallback(tick);
  }
  const deadline = performance.now() + 30_000;
  while (!width && performance.now() < deadline) await sleep(50);
  if (!width) throw new Error(`${mode}: no picture within 30 s (${JSON.stringify(debug)}, ${location.href}, ${document.contentType})`);
  onPicture = check;

  // Driven from node, round by round, for both pages at once (the same input seen by both).
  window.bench = {
    width,
    height,
    /** Waits for the pointer at the fraction f; the detection's epoch time lands in bench.seen. */
    arm(f) {
      window.bench.seen = null;
      waiting = { x: at(f[0], width), y: at(f[1], height), resolve: (t) => { window.bench.seen = t; } };
    },
    disarm() {
      waiting = null;
    },
  };
}

/** Runs in one page: the HID socket that sends the absolute pointer moves. */
async function hidPage() {
  const hid = new WebSocket(`ws://${location.host}/api/hid`);
  await new Promise((r, j) => { hid.onopen = r; hid.onerror = () => j(new Error('HID socket failed')); });
  window.benchMove = (f) => {
    const m = new Uint8Array(7);
    const v = new DataView(m.buffer);
    m[0] = 0x02;
    v.setUint16(2, Math.round(f[0] * 32767), true);
    v.setUint16(4, Math.round(f[1] * 32767), true);
    const sentAt = performance.timeOrigin + performance.now();
    hid.send(m);
    return sentAt;
  };
}

async function open(origin, mode, direct = origin) {
  const login = await context.request.post(`${direct}/api/auth/login`, {
    headers: { Origin: direct }, data: { username: process.env.PLATFORM_USER, password: process.env.PLATFORM_PASSWORD },
  });
  if (!login.ok()) throw new Error(`login on ${direct}: HTTP ${login.status()}`);
  if (direct !== origin) {
    await context.addCookies((await context.cookies(direct)).map(({ name, value, httpOnly }) => ({ name, value, httpOnly, url: origin })));
  }
  const page = await context.newPage();
  // A page of the origin, for its policy (connect-src 'self'; other responses allow nothing); its own script is harmless.
  await page.goto(`${origin}/account.html`);
  await page.evaluate(inPage, { mode });
  return page;
}

const spots = [[0.3, 0.35], [0.7, 0.65]];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const summary = (samples, missed) => ({ p50: percentile(samples, 50), p95: percentile(samples, 95),
  min: samples.length ? Math.min(...samples) : null, n: samples.length, missed });

try {
  // Both pages play at once; every pointer move is seen by both (the same input, the same capture).
  const h264Page = await open(`http://127.0.0.1:${port}`, 'h264');
  const webrtcPage = await open(`http://kvm.test:${port}`, 'webrtc', `http://198.51.100.1:${port}`);
  await h264Page.evaluate(hidPage);
  const screen = await h264Page.evaluate(() => `${window.bench.width}x${window.bench.height}`);
  await h264Page.evaluate((f) => window.benchMove(f), spots[0]);
  await sleep(1000);
  const samples = { h264: [], webrtc: [] };
  const missed = { h264: 0, webrtc: 0 };
  const pages = { h264: h264Page, webrtc: webrtcPage };
  const paired = []; // WebRTC − H.264 of the same round: the transports' difference without the capture's phase
  for (let i = 0; i < rounds; i++) {
    const spot = spots[(i + 1) % 2];
    for (const page of Object.values(pages)) await page.evaluate((f) => window.bench.arm(f), spot);
    const sentAt = await h264Page.evaluate((f) => window.benchMove(f), spot);
    const deadline = Date.now() + 3000;
    const seen = {};
    while (Date.now() < deadline && Object.keys(seen).length < 2) {
      for (const [mode, page] of Object.entries(pages)) {
        if (!(mode in seen)) {
          const t = await page.evaluate(() => window.bench.seen);
          if (t) seen[mode] = t;
        }
      }
      await sleep(10);
    }
    if (seen.h264 && seen.webrtc) paired.push(seen.webrtc - seen.h264);
    for (const mode of Object.keys(pages)) {
      if (seen[mode]) samples[mode].push(seen[mode] - sentAt);
      else missed[mode]++;
      await pages[mode].evaluate(() => window.bench.disarm());
    }
    await sleep(200 + Math.random() * 100); // not in step with the capture clock
  }
  const h264 = summary(samples.h264, missed.h264);
  const webrtc = summary(samples.webrtc, missed.webrtc);
  const result = { date: new Date().toISOString(), rounds, screen, inputToPixelMs: { h264, webrtc }, p50DifferenceMs: webrtc.p50 - h264.p50,
    pairedDifferenceMs: { p25: percentile(paired, 25), p50: percentile(paired, 50), p75: percentile(paired, 75), n: paired.length } };
  writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  const line = (r) => `p50 ${r.p50?.toFixed(1)} ms, p95 ${r.p95?.toFixed(1)} ms, min ${r.min?.toFixed(1)} ms (${r.n}, missed ${r.missed})`;
  console.log(`input → decoded pixel, H.264-WS: ${line(h264)}`);
  console.log(`input → decoded pixel, WebRTC:   ${line(webrtc)}; p50 difference ${result.p50DifferenceMs.toFixed(1)} ms; `
    + `same-round difference p25 / p50 / p75 ${result.pairedDifferenceMs.p25?.toFixed(1)} / ${result.pairedDifferenceMs.p50?.toFixed(1)} / ${result.pairedDifferenceMs.p75?.toFixed(1)} ms`);
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
