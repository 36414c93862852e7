// WebRTC (WHEP) in headless Chromium on an insecure origin. Chromium gathers no loopback ICE
// candidates, so this file re-runs itself inside a network namespace it creates: a veth pair with
// TEST-NET addresses 198.51.100.1/24 and 198.51.100.2/24, the platform bound to 198.51.100.1 and the
// page opened as http://kvm.test:PORT (mapped with --host-resolver-rules). Needs root (CI runs as
// root); without it the test fails and says so. The namespace is deleted afterwards.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Platform, artifacts, launchBrowser, newLoggingPage, waitFor } from '../lib/harness.mjs';

const INNER = 'CUBEKVM_WEBRTC_NETNS';
const SERVER = '198.51.100.1';
const PEER = '198.51.100.2';

function ip(...args) {
  const r = spawnSync('ip', args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`ip ${args.join(' ')}: ${r.stderr || r.error}`);
}

if (!process.env[INNER]) {
  test('WebRTC in Chromium inside a network namespace made for this test', async () => {
    assert.equal(process.getuid(), 0, 'this test creates a network namespace and needs root (CI runs as root); run it as root');
    const ns = `cubekvm-webrtc-${process.pid}`;
    ip('netns', 'add', ns);
    try {
      ip('-n', ns, 'link', 'set', 'lo', 'up');
      ip('-n', ns, 'link', 'add', 'kvm0', 'type', 'veth', 'peer', 'name', 'peer0');
      ip('-n', ns, 'addr', 'add', `${SERVER}/24`, 'dev', 'kvm0');
      ip('-n', ns, 'addr', 'add', `${PEER}/24`, 'dev', 'peer0');
      ip('-n', ns, 'link', 'set', 'kvm0', 'up');
      ip('-n', ns, 'link', 'set', 'peer0', 'up');
      // The inner run reports in plain text (not the runner's protocol, which NODE_TEST_CONTEXT would select).
      const env = { ...process.env, [INNER]: ns };
      delete env.NODE_TEST_CONTEXT;
      const child = spawn('ip', ['netns', 'exec', ns, process.execPath, '--test-reporter=spec', fileURLToPath(import.meta.url)],
        { env, stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stdout.on('data', (d) => { output += d; });
      child.stderr.on('data', (d) => { output += d; });
      const code = await new Promise((r) => child.once('exit', (c) => r(c)));
      mkdirSync(artifacts, { recursive: true });
      writeFileSync(join(artifacts, 'webrtc-netns.log'), output);
      console.log(output);
      assert.equal(code, 0, 'the WebRTC tests inside the namespace failed (output above)');
    } finally {
      spawnSync('ip', ['netns', 'del', ns]);
    }
  });
} else {
  let platform;
  let browser;
  let page;
  let origin;
  const frames = (p = page) => p.evaluate(() => Number(document.querySelector('#screen video')?.dataset.framesDecoded ?? 0));

  before(async () => {
    platform = await Platform.start('webrtc', { args: ['--bind', SERVER], host: SERVER });
    origin = `http://kvm.test:${platform.port}`;
    browser = await launchBrowser([`--host-resolver-rules=MAP kvm.test ${SERVER}`]);
    await platform.loginBrowser(browser.context, platform.cookie, origin);
    page = await newLoggingPage(browser);
  });

  after(async () => {
    if (page && !page.isClosed()) await page.screenshot({ path: join(artifacts, 'webrtc-final.png') }).catch(() => {});
    await browser?.close();
    await platform?.stop();
  });

  test('an insecure page picks WebRTC by itself and decodes ≥ 60 frames with a small jitter buffer', async () => {
    const loaded = Date.now();
    await page.goto(`${origin}/`);
    assert.equal(await page.evaluate(() => window.isSecureContext), false, 'http://kvm.test is an insecure origin');
    assert.equal(await page.evaluate(() => 'VideoDecoder' in window && window.isSecureContext), false);
    // The page picks its mode once its session check answered, which can be after the load event:
    // wait for the player it made (any mode) before reading the choice.
    await page.waitForSelector('#screen .video-surface', { state: 'attached', timeout: 30_000 });
    assert.equal(await page.inputValue('#video-mode'), 'webrtc');
    assert.equal(await page.textContent('#status-mode'), 'WebRTC');
    // A generous deadline for a loaded build machine; the time it took is reported.
    await page.waitForFunction(() => Number(document.querySelector('#screen video')?.dataset.framesDecoded ?? 0) >= 60,
      null, { timeout: 30_000, polling: 100 });
    const took = Date.now() - loaded;
    // Where the time went, from the player's performance marks (milliseconds since navigation started).
    const marks = await page.evaluate(() => Object.fromEntries(performance.getEntriesByType('mark')
      .filter((m) => m.name.startsWith('webrtc-')).map((m) => [m.name.slice(7), Math.round(m.startTime)])));
    const nav = await page.evaluate(() => {
      const n = performance.getEntriesByType('navigation')[0];
      return { responseEnd: Math.round(n.responseEnd), domContentLoaded: Math.round(n.domContentLoadedEventEnd), load: Math.round(n.loadEventEnd) };
    });
    console.log(`timeline (ms from navigation start): ${JSON.stringify({ ...nav, ...marks })}`);
    assert.ok(marks['60-decoded'] > 0, 'the player marks when 60 frames are decoded');
    const video = page.locator('#screen video.video-surface');
    const jitterMean = Number(await video.getAttribute('data-jitter-buffer-mean-ms'));
    console.log(`60 frames decoded ${marks['60-decoded']} ms after navigation started (${took} ms by the test's clock, polling); mean jitter-buffer delay ${jitterMean} ms; lost ${await video.getAttribute('data-packets-lost')}`);
    assert.ok(Number.isFinite(jitterMean), 'the jitter-buffer delay is reported');
    assert.ok(await page.evaluate(() => document.querySelector('#screen video').videoWidth > 0), 'the video has a picture');
    const status = await platform.json('GET', '/api/video/status');
    assert.equal(status.viewers.webrtc, 1, JSON.stringify(status.viewers));
    const stats = await platform.json('GET', '/api/webrtc/stats');
    console.log(`server: ${JSON.stringify(stats)}`);
    assert.equal(stats.connected, 1);
    assert.equal(stats.peers[0].srtp, 'AEAD_AES_128_GCM', 'Chromium gets the preferred SRTP profile (RFC 7714)');
    assert.ok(stats.keyFramesSent >= 1);
  });

  test('typing works while watching over WebRTC', async () => {
    await page.waitForFunction(() => document.getElementById('screen').dataset.hid === 'online', null, { timeout: 10_000 });
    const box = await page.locator('#screen video.video-surface').boundingBox();
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await page.keyboard.type('hello webrtc');
    await page.keyboard.press('Enter');
    await waitFor('"hello webrtc" typed on the virtual machine',
      async () => (await platform.json('GET', '/api/virtual/state')).typed.includes('hello webrtc\n'), 5000);
    await page.screenshot({ path: join(artifacts, 'webrtc-after-typing.png') });
  });

  test('a second viewer plays at the same time, and both keep decoding', async () => {
    const second = await newLoggingPage(browser);
    try {
      await second.goto(`${origin}/`);
      await second.waitForFunction(() => Number(document.querySelector('#screen video')?.dataset.framesDecoded ?? 0) >= 60,
        null, { timeout: 30_000, polling: 100 });
      const first = await frames();
      await page.waitForFunction((n) => Number(document.querySelector('#screen video')?.dataset.framesDecoded ?? 0) >= n,
        first + 30, { timeout: 15_000, polling: 100 });
      assert.equal((await platform.json('GET', '/api/video/status')).viewers.webrtc, 2);
    } finally {
      await second.close();
    }
    await waitFor('the second session ended (DELETE on unload or consent)', async () =>
      (await platform.json('GET', '/api/webrtc/stats')).sessions === 1, 40_000, 200);
  });

  test('the DTLS classes are unloaded while viewers play, and a later viewer loads them again and plays', async () => {
    // Every handshake has ended: 5 s later the server drops BouncyCastle's classes (docs/webrtc.md). A
    // session whose handshake never completed would hold them until its 30 s without DTLS end it.
    const released = await waitFor('the DTLS classes released after the handshakes', async () => {
      const s = await platform.json('GET', '/api/webrtc/stats');
      return !s.dtlsClassesLoaded && s.dtlsClassesReleased >= 1 ? s : null;
    }, 45_000, 200);
    const start = await frames();
    await page.waitForFunction((n) => Number(document.querySelector('#screen video')?.dataset.framesDecoded ?? 0) >= n,
      start + 30, { timeout: 15_000, polling: 100 });
    const later = await newLoggingPage(browser);
    try {
      await later.goto(`${origin}/`);
      await later.waitForFunction(() => Number(document.querySelector('#screen video')?.dataset.framesDecoded ?? 0) >= 60,
        null, { timeout: 30_000, polling: 100 });
      assert.equal((await platform.json('GET', '/api/webrtc/stats')).connected, 2);
      await waitFor('the classes released again after the new handshake', async () => {
        const s = await platform.json('GET', '/api/webrtc/stats');
        return !s.dtlsClassesLoaded && s.dtlsClassesReleased > released.dtlsClassesReleased;
      }, 45_000, 200);
    } finally {
      await later.close();
    }
    await waitFor('the later session ended (DELETE on unload or consent)', async () =>
      (await platform.json('GET', '/api/webrtc/stats')).sessions === 1, 40_000, 200);
  });

  test('10 000 malformed or random datagrams (STUN, DTLS, RTP, RTCP shapes) leave the session playing and the platform healthy', async () => {
    const before = await platform.json('GET', '/api/webrtc/stats');
    let seed = 0x5eed1234;
    const random = () => {
      seed ^= seed << 13; seed >>>= 0; seed ^= seed >>> 17; seed ^= seed << 5; seed >>>= 0;
      return seed / 2 ** 32;
    };
    const bytes = (n) => Buffer.from(Array.from({ length: n }, () => Math.floor(random() * 256)));
    const shapes = [
      () => { // STUN: header right, attributes random (some lengths lying)
        const b = bytes(20 + 4 * Math.floor(random() * 40));
        b.writeUInt16BE(random() < 0.8 ? 0x0001 : Math.floor(random() * 0x3fff), 0);
        b.writeUInt16BE(random() < 0.7 ? b.length - 20 : Math.floor(random() * 65536), 2);
        b.writeUInt32BE(0x2112a442, 4);
        return b;
      },
      () => { const b = bytes(1 + Math.floor(random() * 300)); b[0] = 20 + Math.floor(random() * 44); return b; }, // DTLS
      () => { const b = bytes(12 + Math.floor(random() * 1200)); b[0] = 0x80 | Math.floor(random() * 64); b[1] = Math.floor(random() * 128); return b; }, // RTP
      () => { const b = bytes(4 + Math.floor(random() * 200)); b[0] = 0x80 | Math.floor(random() * 32); b[1] = 200 + Math.floor(random() * 7); return b; }, // RTCP
      () => bytes(Math.floor(random() * 1500)), // anything, empty included
    ];
    const socket = createSocket('udp4');
    await new Promise((r) => socket.bind(0, PEER, r));
    const sendOne = (b) => new Promise((r, j) => socket.send(b, before.udpPort, SERVER, (e) => (e ? j(e) : r())));
    for (let i = 0; i < 10_000; i++) await sendOne(shapes[i % shapes.length]());
    socket.close();
    const start = await frames();
    await page.waitForFunction((n) => Number(document.querySelector('#screen video')?.dataset.framesDecoded ?? 0) >= n,
      start + 30, { timeout: 15_000, polling: 100 });
    assert.equal((await platform.json('GET', '/healthz')).status, 'UP');
    const afterStats = await platform.json('GET', '/api/webrtc/stats');
    console.log(`after 10 000 datagrams: ${afterStats.malformedPackets - before.malformedPackets} counted malformed, sessions ${afterStats.sessions}`);
    assert.equal(afterStats.connected, 1, 'the session is still up');
    assert.ok(afterStats.malformedPackets > before.malformedPackets, 'the datagrams were seen and refused');
    assert.ok(afterStats.malformedPackets - before.malformedPackets <= 10_000);
  });

  test('bad offers are refused with 400 naming what is wrong; a viewer without a session gets 401', async () => {
    const post = (body, headers = {}) => fetch(`${platform.origin}/api/webrtc/whep`, {
      method: 'POST', body, headers: { 'Content-Type': 'application/sdp', Origin: platform.origin, ...platform.authHeaders(), ...headers },
    });
    let r = await post('v=0\r\nm=video 9 UDP/TLS/RTP/SAVPF 96\r\na=mid:0\r\na=rtcp-mux\r\na=rtpmap:96 VP8/90000\r\n');
    assert.equal(r.status, 400);
    const body = await r.json();
    assert.equal(body.error, 'bad_request');
    assert.match(body.message, /BUNDLE/);
    r = await post('v=0\r\n', { 'Content-Type': 'text/plain' });
    assert.equal(r.status, 415);
    r = await fetch(`${platform.origin}/api/webrtc/whep`, { method: 'POST', body: 'v=0', headers: { 'Content-Type': 'application/sdp' } });
    assert.equal(r.status, 401);
    r = await fetch(`${platform.origin}/api/webrtc/whep/0123`, { method: 'DELETE', headers: { Origin: platform.origin, ...platform.authHeaders() } });
    assert.equal(r.status, 404);
  });
}
