// Acceptance 2: 10 000 random binary messages on /api/hid leave the platform healthy, only
// well-formed reports reach the sink, the socket stays open, and a following keypress works.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import WebSocket from 'ws';
import { Platform, waitFor } from '../lib/harness.mjs';
import { isWellFormed, keyboard, random, randomMessage, usage } from '../lib/hid-messages.mjs';

let platform;

before(async () => {
  platform = await Platform.start('protocol');
});

after(async () => {
  await platform?.stop();
});

async function connect() {
  const socket = new WebSocket(`ws://127.0.0.1:${platform.port}/api/hid`, { origin: platform.origin, headers: platform.authHeaders() });
  const events = [];
  socket.on('message', (data, isBinary) => {
    if (!isBinary) events.push(JSON.parse(data.toString()));
  });
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  return { socket, events };
}

function send(socket, message) {
  return new Promise((resolve, reject) => socket.send(message, { binary: true }, (e) => (e ? reject(e) : resolve())));
}

test('a WebSocket upgrade without this server\'s Origin is refused', async () => {
  const socket = new WebSocket(`ws://127.0.0.1:${platform.port}/api/hid`, { origin: 'http://evil.example', headers: platform.authHeaders() });
  const status = await new Promise((resolve) => {
    socket.once('unexpected-response', (_req, res) => resolve(res.statusCode));
    socket.once('open', () => resolve('open'));
    socket.once('error', () => resolve('error'));
  });
  assert.equal(status, 403);
});

test('the socket announces the HID state and LEDs on connect', async () => {
  const { socket, events } = await connect();
  await waitFor('two events', () => events.length >= 2, 20_000);
  assert.deepEqual(events[0], { type: 'hid', online: true });
  assert.equal(events[1].type, 'leds');
  socket.close();
});

test('10 000 random messages: counted, only well-formed reports written, socket open, next keypress works', async () => {
  const initial = (await platform.json('GET', '/api/hid/status')).counters;
  const { socket } = await connect();
  let closed = null;
  socket.on('close', (code, reason) => (closed = `${code} ${reason}`));
  const next = random(20261121);
  let valid = 0;
  let bytes = 0;
  for (let i = 0; i < 10_000; i++) {
    const message = randomMessage(next);
    if (isWellFormed(message)) valid++;
    bytes += message.length;
    await send(socket, message);
  }
  const final = await waitFor('all 10 000 messages counted', async () => {
    const status = await platform.json('GET', '/api/hid/status');
    return status.counters.messages - initial.messages >= 10_000 ? status.counters : null;
  }, 60_000, 100);
  const delta = (name) => final[name] - initial[name];
  console.log(`sent 10 000 messages (${(bytes / 1e6).toFixed(1)} MB), ${valid} well formed; counters`, final);
  assert.equal(delta('messages'), 10_000);
  assert.equal(delta('malformed'), 10_000 - valid, 'the server judges exactly the messages this test judges malformed');
  assert.equal(delta('keyboardReports') + delta('mouseReports') + delta('heartbeats') + delta('releaseAll'), valid);
  assert.equal(delta('sinkRejected'), 0, 'the sink never rejected a report');
  assert.equal(delta('sinkErrors'), 0);
  assert.equal(delta('keyboardDropped'), 0);
  assert.ok(valid > 2000 && valid < 9000, `a meaningful mix of valid and malformed (${valid} valid)`);
  assert.equal(closed, null, 'the socket was not closed');
  assert.equal(socket.readyState, WebSocket.OPEN);
  assert.equal((await platform.json('GET', '/healthz')).status, 'UP');

  // A well-formed keypress still works: release everything, then type "ok" and Enter.
  await send(socket, Uint8Array.of(3));
  const leds = (await platform.json('GET', '/api/virtual/state')).leds;
  assert.equal(leds.capsLock, false, 'random keys never include Caps Lock');
  for (const code of ['Enter', 'KeyO', 'KeyK', 'Enter']) {
    await send(socket, keyboard(0, usage(code)));
    await send(socket, keyboard(0));
  }
  await waitFor('"ok" typed on the virtual machine', async () =>
    (await platform.json('GET', '/api/virtual/state')).typed.endsWith('\nok\n'), 20_000);
  socket.close();
});

test('a message over 64 KiB closes only that socket; the service goes on', async () => {
  const { socket } = await connect();
  const closed = new Promise((resolve) => socket.once('close', (code) => resolve(code)));
  await send(socket, new Uint8Array(64 * 1024 + 1));
  assert.equal(await closed, 1009);
  const second = await connect();
  await send(second.socket, keyboard(0));
  const secondClosed = new Promise((resolve) => second.socket.once('close', resolve));
  second.socket.close();
  await secondClosed;
  assert.equal((await platform.json('GET', '/healthz')).status, 'UP');
});

test('closing the socket while a key is held releases it', async () => {
  const { socket } = await connect();
  await send(socket, keyboard(0x02, usage('KeyQ')));
  await waitFor('Q held', async () => (await platform.json('GET', '/api/hid/status')).pressed.keys.includes(usage('KeyQ')), 20_000);
  const closedAt = Date.now();
  socket.terminate(); // no close frame: the TCP connection just ends
  await waitFor('Q released', async () => {
    const status = await platform.json('GET', '/api/hid/status');
    return status.pressed.keys.length === 0 && status.pressed.modifiers === 0;
  }, 20_000, 20);
  console.log(`released ${Date.now() - closedAt} ms after the connection dropped`);
});
