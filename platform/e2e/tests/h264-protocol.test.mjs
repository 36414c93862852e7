// WS /api/stream/h264 with a raw client (docs/api.md, Video): the first message is a key frame
// (SPS, PPS, IDR), a resync [0x03] brings a key frame within the next few frames, every message
// is a valid Annex-B access unit, hidden/visible, acks and malformed messages. Functional
// assertions only; how fast is measured by `./cubekvm bench h264`.
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { after, before, test } from 'node:test';
import { Platform, sleep, waitFor } from '../lib/harness.mjs';
import { H264Client, checkAccessUnit } from '../lib/h264.mjs';

let platform;

before(async () => {
  platform = await Platform.start('h264-protocol');
});

after(async () => {
  await platform?.stop();
});

const stats = () => platform.json('GET', '/api/stream/h264/stats');

/**
 * A simulated client's own pace between its resync requests (a page asks at most a few times a
 * second), so that the test stays below the server's cap of 5 key-frame requests per second per
 * viewer. Not a wait for the server or another thread: nothing here depends on how long it takes.
 */
const clientPace = (ms) => sleep(ms);

test('an upgrade without this server\'s Origin is refused', async () => {
  const socket = new WebSocket(`ws://127.0.0.1:${platform.port}/api/stream/h264`, { origin: 'http://evil.example', headers: platform.authHeaders() });
  const status = await new Promise((resolve) => {
    socket.once('unexpected-response', (_req, res) => resolve(res.statusCode));
    socket.once('open', () => resolve('open'));
    socket.once('error', () => resolve('error'));
  });
  assert.equal(status, 403);
});

test('the first message is a key frame: SPS, PPS, IDR (NAL types 7, 8, 5) with a capture time stamp', async () => {
  for (let i = 0; i < 3; i++) {
    const client = await H264Client.open(platform);
    const first = await client.next(() => true, { from: 0 });
    assert.equal(first.index, 0);
    assert.equal(first.key, true, 'flags bit0');
    assert.deepEqual(checkAccessUnit(first).filter((t) => t === 7 || t === 8 || t === 5), [7, 8, 5]);
    const nowMicros = (performance.timeOrigin + performance.now()) * 1000;
    assert.ok(Math.abs(nowMicros - first.ts) < 60_000_000, `time stamp ${first.ts} is microseconds since the epoch (now ${nowMicros})`);
    console.log(`connect ${i}: key frame ${first.data.length} bytes, ${(first.at - client.openedAt).toFixed(1)} ms after open`);
    client.close();
  }
});

test('a 30-frame stream is valid Annex-B throughout: key flag agrees with the NAL units, time stamps increase', async () => {
  const client = await H264Client.open(platform);
  // Counted, not timed: the deadline only bounds a broken stream on a loaded host.
  await client.next((m) => m.index >= 29, { timeoutMs: 60_000 });
  client.close();
  const messages = client.messages;
  assert.ok(messages.length >= 30, `${messages.length} frames`);
  let previous = 0;
  for (const m of messages) {
    assert.ok(!m.text, 'binary messages only');
    assert.doesNotThrow(() => checkAccessUnit(m), `message ${m.index} (${m.key ? 'key' : 'delta'}, ${m.data.length} bytes)`);
    assert.ok(m.ts > previous, `time stamps increase (message ${m.index})`);
    previous = m.ts;
  }
  assert.ok(messages.slice(1).some((m) => !m.key), 'delta frames follow the key frame');
});

test('after [0x03] a key frame arrives within the next 3 frames', async () => {
  const client = await H264Client.open(platform);
  await client.next((m) => m.index >= 10, { timeoutMs: 20_000 });
  for (let round = 0; round < 3; round++) {
    await clientPace(400);
    await client.next(); // just after a frame: the request lands between frames
    const from = client.messages.length;
    const sentAt = performance.now();
    await client.send([0x03]);
    const key = await client.next((m) => m.key, { from, timeoutMs: 20_000 });
    const framesBetween = key.index - from;
    console.log(`resync ${round}: key frame is frame ${framesBetween + 1} after the request, ${(key.at - sentAt).toFixed(1)} ms`);
    assert.ok(framesBetween < 3, `the key frame came ${framesBetween} frames after the request`);
    checkAccessUnit(key);
  }
  client.close();
});

test('[0x04][0] stops the frames; [0x04][1] resumes with a key frame first', async () => {
  const client = await H264Client.open(platform);
  await client.next((m) => m.index >= 5);
  await client.send([0x04, 0]);
  // The server has taken the pause once its count of frames sent stops growing and the client holds
  // as many frames as before (what was in flight has arrived); polled with a deadline.
  let previous = null;
  await waitFor('the server stops sending', async () => {
    const now = { sent: (await stats()).framesSent, received: client.messages.length };
    const settled = previous !== null && now.sent === previous.sent && now.received === previous.received;
    previous = now;
    return settled;
  }, 20_000, 250);
  const hiddenFrom = client.messages.length;
  // The absence is bounded by events, not by a timed window: while hidden, a visible viewer of the
  // same stream receives 10 new frames (so the encoder produced frames the hidden one would have got).
  const witness = await H264Client.open(platform);
  await witness.next((m) => m.index >= 10, { timeoutMs: 60_000 });
  assert.equal(client.messages.length - hiddenFrom, 0, 'no frames while hidden');
  const witnessed = witness.messages[10].ts;
  witness.close();
  await client.send([0x04, 1]);
  // One connection keeps its order: anything sent while hidden would arrive before the answer to
  // [0x04][1], so the first message after hiddenFrom must be that answer, a new key frame.
  const first = await client.next(() => true, { from: hiddenFrom });
  assert.equal(first.index, hiddenFrom, 'nothing was sent while hidden');
  assert.equal(first.key, true, 'the first frame after becoming visible is a key frame');
  assert.ok(first.ts >= witnessed, `a current picture (${first.ts}, the witness's last ${witnessed}), not one held back while hidden`);
  checkAccessUnit(first);
  await client.next(() => true, { from: first.index + 1 });
  client.close();
});

test('malformed client messages are counted and ignored; acks feed the latency statistics', async () => {
  const before = await stats();
  const client = await H264Client.open(platform);
  await client.next();
  for (const bad of [[], [0x02, 1, 2], [0x04], [0x04, 1, 2], [0x99], new Array(1000).fill(7)]) await client.send(bad);
  client.socket.send('text is not part of the protocol');
  await fetch(`${platform.origin}/api/stream/h264/stats`, { method: 'DELETE', headers: { Origin: platform.origin, ...platform.authHeaders() } });
  for (let i = 0; i < 10; i++) {
    const m = await client.next();
    await client.send(Buffer.concat([Buffer.of(0x02), (() => { const b = Buffer.alloc(8); b.writeBigUInt64LE(BigInt(m.ts)); return b; })()]));
  }
  const after = await stats();
  assert.equal(after.malformedMessages - before.malformedMessages, 7);
  assert.ok(after.ackLatencyMicrosP50 > 0, `ack latency p50 ${after.ackLatencyMicrosP50} µs`);
  assert.ok(after.viewers >= 1);
  assert.equal(client.closed, null, 'the socket stays open');
  const more = await client.next();
  checkAccessUnit(more);
  client.close();
});
