// The lossy half of ./cubekvm bench webrtc, inside the benchmark's network namespace: a UDP relay on
// 198.51.100.2:<media port> (the answer's only candidate) forwards to the platform on 198.51.100.1
// and drops a share of the RTP/RTCP datagrams in both directions (STUN and DTLS pass), and a
// WebRTC page plays through it for N seconds. Reports the longest gap between presented frames
// (requestVideoFrameCallback), Chromium's freeze count, NACKs and retransmissions.
//   node bench/webrtc-loss.mjs PORT UDP_PORT OUT.json SECONDS LOSS
import { createSocket } from 'node:dgram';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const [port, udpPort, out, secondsArg, lossArg] = process.argv.slice(2);
const seconds = Number(secondsArg ?? 60);
const loss = Number(lossArg ?? 0.02);
const SERVER = '198.51.100.1';
const RELAY = '198.51.100.2';
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { chromium } = await import(pathToFileURL(join(root, 'platform', 'e2e', 'node_modules', 'playwright-core', 'index.mjs')).href);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : null;
};

let seed = 0x10552026;
const random = () => {
  seed ^= seed << 13; seed >>>= 0; seed ^= seed >>> 17; seed ^= seed << 5; seed >>>= 0;
  return seed / 2 ** 32;
};
const counts = { forwarded: 0, dropped: 0 };
/** Dropped server → browser RTP packets (wall time, sequence number, marker), to explain the long gaps afterwards. */
const drops = [];
/** Gaps over 150 ms between the ends of frames (marker bit) the relay forwarded to the browser: the server's share of a freeze. */
const serverGaps = [];
let lastMarker = 0;
/** NACK recovery seen on the wire: a dropped RTP packet's sequence number → when; its retransmission passing the relay ends it. */
const lostAt = new Map();
const recoveryMs = [];
const media = (b) => b.length > 0 && b[0] >= 128 && b[0] <= 191;
const front = createSocket('udp4');
const back = createSocket('udp4');
await new Promise((r) => front.bind(Number(udpPort), RELAY, r));
await new Promise((r) => back.bind(0, RELAY, r));
let peer = null;
front.on('message', (msg, from) => {
  peer = from;
  if (media(msg) && random() < loss) { counts.dropped++; return; }
  counts.forwarded++;
  back.send(msg, Number(udpPort), SERVER);
});
back.on('message', (msg) => {
  if (!peer) return;
  if (media(msg) && random() < loss) {
    counts.dropped++;
    if (msg.length >= 12 && (msg[1] < 192 || msg[1] > 223)) {
      drops.push({ at: Date.now(), seq: msg.readUInt16BE(2), marker: (msg[1] & 0x80) !== 0, bytes: msg.length });
      if (!lostAt.has(msg.readUInt16BE(2))) lostAt.set(msg.readUInt16BE(2), Date.now());
    }
    return;
  }
  counts.forwarded++;
  if (media(msg) && msg.length >= 12 && (msg[1] < 192 || msg[1] > 223) && lostAt.has(msg.readUInt16BE(2))) {
    recoveryMs.push(Date.now() - lostAt.get(msg.readUInt16BE(2)));
    lostAt.delete(msg.readUInt16BE(2));
  }
  if (media(msg) && msg.length >= 12 && msg[1] >= 128 && msg[1] < 192) {
    const now = Date.now();
    if (lastMarker && now - lastMarker > 150) serverGaps.push({ endedAt: now, ms: now - lastMarker });
    lastMarker = now;
  }
  front.send(msg, peer.port, peer.address);
});

const origin = `http://kvm.test:${port}`;
const direct = `http://${SERVER}:${port}`;
const profile = mkdtempSync(join(tmpdir(), 'cubekvm-bench-webrtc-loss-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CUBEKVM_CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', `--host-resolver-rules=MAP kvm.test ${SERVER}`],
});
try {
  const login = await context.request.post(`${direct}/api/auth/login`, {
    headers: { Origin: direct }, data: { username: process.env.PLATFORM_USER, password: process.env.PLATFORM_PASSWORD },
  });
  if (!login.ok()) throw new Error(`login: HTTP ${login.status()}`);
  await context.addCookies((await context.cookies(direct)).map(({ name, value, httpOnly }) => ({ name, value, httpOnly, url: origin })));
  const page = await context.newPage();
  await page.goto(`${origin}/?video=webrtc`);
  await page.waitForFunction(() => Number(document.getElementById('screen').dataset.frames ?? 0) >= 30, null, { timeout: 60_000 });
  // Gaps between presented frames, measured in the page for the whole run.
  await page.evaluate(() => {
    const video = document.querySelector('#screen video');
    const w = window;
    w.benchGaps = { last: 0, longest: 0, frames: 0, long: [] };
    const tick = (now) => {
      const g = w.benchGaps;
      if (g.last) g.longest = Math.max(g.longest, now - g.last);
      if (g.last && now - g.last > 150) g.long.push({ endedAt: Math.round(performance.timeOrigin + now), ms: Math.round(now - g.last) });
      g.last = now;
      g.frames++;
      video.requestVideoFrameCallback(tick);
    };
    video.requestVideoFrameCallback(tick);
  });
  await sleep(seconds * 1000);
  const gaps = await page.evaluate(() => window.benchGaps);
  const transport = await page.evaluate(() => document.querySelector('#screen video').dataset);
  const server = await (await context.request.get(`${direct}/api/webrtc/stats`)).json();
  const result = { date: new Date().toISOString(), seconds, loss, relay: counts, longestGapMs: Math.round(gaps.longest), frames: gaps.frames,
    packetsLost: Number(transport.packetsLost), nacksReceived: server.nacksReceived, packetsRetransmitted: server.packetsRetransmitted,
    nacksUnanswered: server.nacksUnanswered, keyFrameRequests: server.keyFrameRequests, peers: server.peers,
    // Every gap over 150 ms with the RTP packets the relay dropped towards the browser in the second before it ended.
    // Dropped RTP packet → its retransmission (answering Chromium's NACK) through the relay: the part of a freeze loss causes.
    nackRecoveryMs: { p50: percentile(recoveryMs, 50), p95: percentile(recoveryMs, 95), max: recoveryMs.length ? Math.max(...recoveryMs) : null,
      n: recoveryMs.length, neverRecovered: lostAt.size },
    chromium: { freezeCount: Number(transport.freezeCount), totalFreezesMs: Number(transport.totalFreezesMs) },
    serverGaps,
    longGaps: gaps.long.map((g) => ({ ...g, dropsBefore: drops.filter((d) => d.at <= g.endedAt && d.at > g.endedAt - g.ms - 200) })) };
  writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`${loss * 100} % loss for ${seconds} s: longest gap ${result.longestGapMs} ms over ${gaps.frames} frames; `
    + `NACKs ${server.nacksReceived}, retransmitted ${server.packetsRetransmitted}, unanswered ${server.nacksUnanswered}, PLI/FIR ${server.keyFrameRequests}; `
    + `drop → retransmission p50 ${result.nackRecoveryMs.p50} ms, max ${result.nackRecoveryMs.max} ms (${result.nackRecoveryMs.n}, never ${result.nackRecoveryMs.neverRecovered}); `
    + `Chromium freezes ${result.chromium.freezeCount} (${result.chromium.totalFreezesMs} ms); gaps > 150 ms at the relay ${serverGaps.length}, in the page ${gaps.long.length}`);
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
  front.close();
  back.close();
}
