// Credentials and sockets (issue 11, findings 1, 4 and 5) through real HTTP: no combination of upgrade
// headers gives a viewer or an anonymous client the keyboard socket; demoting, disabling or resetting a
// user reaches that user's open sockets and API tokens at once; 100 wrong passwords for admin from one
// address do not stop admin logging in from another; the password change is rate limited; the web UI's
// CSP keeps connections on this server. Client addresses: the platform listens on 127.0.0.1 and the
// tests connect from other loopback source addresses (127.0.0.0/8 is all loopback on Linux).
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { after, before, test } from 'node:test';
import WebSocket from 'ws';
import { ADMIN, ADMIN_PASSWORD, Platform } from '../lib/harness.mjs';

let platform;

before(async () => {
  platform = await Platform.start('security-auth');
});

after(async () => {
  await platform?.stop();
});

let userCount = 0;

/** A new user of {@code role} (admin creates it), logged in, with one API token. */
async function newUser(role) {
  const username = `${role}-${++userCount}`;
  const password = `password-of-${username}`;
  const created = await platform.request('POST', '/api/users', { username, password, role });
  assert.equal(created.status, 201, `create ${username}: ${await created.text()}`);
  const cookie = await platform.login(username, password);
  const response = await platform.anonymous('POST', '/api/auth/tokens', { name: 'script' }, { Cookie: cookie });
  assert.equal(response.status, 201, `token of ${username}`);
  const { token } = await response.json();
  return { username, password, cookie, token };
}

/** A raw HTTP/1.1 request (so headers can repeat); resolves with the status code of the answer. */
function rawStatus(lines, { localAddress } = {}) {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port: platform.port, localAddress });
    let received = '';
    socket.setEncoding('latin1');
    socket.once('connect', () => socket.write(lines.join('\r\n') + '\r\n\r\n'));
    socket.on('data', (chunk) => {
      received += chunk;
      const end = received.indexOf('\r\n');
      if (end >= 0) {
        socket.destroy();
        resolve(Number(received.slice(0, end).split(' ')[1]));
      }
    });
    socket.once('error', reject);
    socket.once('close', () => resolve(received ? Number(received.split(' ')[1]) : 'closed without an answer'));
  });
}

function upgradeRequest(path, upgradeLines, authLines) {
  return [
    `GET ${path} HTTP/1.1`,
    `Host: 127.0.0.1:${platform.port}`,
    `Origin: ${platform.origin}`,
    'Connection: Upgrade',
    ...upgradeLines,
    'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
    'Sec-WebSocket-Version: 13',
    ...authLines,
  ];
}

function openSocket(path, headers) {
  const socket = new WebSocket(`ws://127.0.0.1:${platform.port}${path}`, { origin: platform.origin, headers });
  return new Promise((resolve) => {
    socket.once('open', () => resolve({ socket, status: 101 }));
    socket.once('unexpected-response', (_req, res) => resolve({ socket, status: res.statusCode }));
    socket.once('error', (e) => resolve({ socket, status: `error ${e.message}` }));
  });
}

const bearer = (token) => ({ Authorization: `Bearer ${token}` });

/** Resolves with the close code once the server closed {@code socket}; rejects if that takes over 15 s. */
function closed(socket) {
  return new Promise((resolve, reject) => {
    if (socket.readyState === WebSocket.CLOSED) resolve({ code: 'already closed' });
    const timer = setTimeout(() => reject(new Error('the socket is still open after 15 s')), 15_000);
    socket.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code });
    });
  });
}

test('no combination of Upgrade headers gives a viewer or an anonymous client the HID socket', async () => {
  const viewer = await newUser('viewer');
  const operator = await newUser('operator');
  const ambiguous = [
    ['Upgrade: x', 'Upgrade: websocket'],
    ['Upgrade: websocket', 'Upgrade: x'],
    ['Upgrade: websocket', 'Upgrade: websocket'],
    ['Upgrade: h2c', 'Upgrade: WebSocket'],
    ['Upgrade:', 'Upgrade: websocket'],
    ['Upgrade: x, websocket'],
    ['Upgrade: websocket, x'],
    ['Upgrade: websocket/13'],
    ['Upgrade: x'],
    [],
  ];
  const clean = [['Upgrade: websocket'], ['Upgrade: WebSocket'], ['Upgrade:  websocket ']];
  const credentials = {
    anonymous: [],
    'viewer token': [`Authorization: Bearer ${viewer.token}`],
    'viewer cookie': [`Cookie: ${viewer.cookie}`],
  };
  for (const [who, authLines] of Object.entries(credentials)) {
    for (const upgradeLines of [...ambiguous, ...clean]) {
      const status = await rawStatus(upgradeRequest('/api/hid', upgradeLines, authLines));
      assert.notEqual(status, 101, `${who} with ${JSON.stringify(upgradeLines)} got a HID socket`);
      assert.ok(status >= 400 && status < 500, `${who} with ${JSON.stringify(upgradeLines)}: ${status}`);
    }
  }
  // Repeated or mixed upgrade headers are refused as such (400), even for an operator.
  for (const upgradeLines of ambiguous) {
    const status = await rawStatus(upgradeRequest('/api/hid', upgradeLines, [`Authorization: Bearer ${operator.token}`]));
    assert.equal(status, 400, `operator with ${JSON.stringify(upgradeLines)}`);
  }
  // The same raw handshake with one clean Upgrade header does open the socket for an operator (the
  // refusals above are not an artefact of the raw client).
  for (const upgradeLines of clean) {
    const status = await rawStatus(upgradeRequest('/api/hid', upgradeLines, [`Authorization: Bearer ${operator.token}`]));
    assert.equal(status, 101, `operator with ${JSON.stringify(upgradeLines)}`);
  }
  // A viewer still watches: the H.264 socket opens with one clean header, not with two.
  assert.equal(await rawStatus(upgradeRequest('/api/stream/h264', ['Upgrade: websocket'], [`Authorization: Bearer ${viewer.token}`])), 101);
  assert.equal(await rawStatus(upgradeRequest('/api/stream/h264', ['Upgrade: x', 'Upgrade: websocket'],
    [`Authorization: Bearer ${viewer.token}`])), 400);
});

test('demoting an operator closes their open HID socket at once; the token then acts as a viewer', async () => {
  const op = await newUser('operator');
  const hid = await openSocket('/api/hid', bearer(op.token));
  assert.equal(hid.status, 101);
  const socketClosed = closed(hid.socket);
  const demoted = await platform.request('PUT', `/api/users/${op.username}`, { role: 'viewer' });
  assert.equal(demoted.status, 200);
  const { code } = await socketClosed;
  assert.equal(code, 1008, 'closed as a policy violation (not by the idle timeout)');
  // The token is not revoked by a role change: it acts with the new role.
  assert.equal((await fetch(`${platform.origin}/api/hid/status`, { headers: bearer(op.token) })).status, 200, 'a viewer reads');
  const paste = await fetch(`${platform.origin}/api/hid/paste`, {
    method: 'POST', headers: { ...bearer(op.token), 'Content-Type': 'application/json' }, body: JSON.stringify({ text: 'x' }),
  });
  assert.equal(paste.status, 403, 'a viewer may not paste');
  const again = await openSocket('/api/hid', bearer(op.token));
  assert.equal(again.status, 403, 'a viewer gets no new HID socket');
  const video = await openSocket('/api/stream/h264', bearer(op.token));
  assert.equal(video.status, 101, 'a viewer watches');
  video.socket.close();
});

test('disabling a user, an admin password reset and deleting a user close their sockets and revoke their tokens', async () => {
  for (const change of [{ enabled: false }, { password: 'a-new-password-1' }, 'delete']) {
    const op = await newUser('operator');
    const hid = await openSocket('/api/hid', bearer(op.token));
    const viaCookie = await openSocket('/api/hid', { Cookie: op.cookie });
    assert.equal(hid.status, 101);
    assert.equal(viaCookie.status, 101);
    const both = Promise.all([closed(hid.socket), closed(viaCookie.socket)]);
    const response = change === 'delete'
      ? await platform.request('DELETE', `/api/users/${op.username}`)
      : await platform.request('PUT', `/api/users/${op.username}`, change);
    assert.ok(response.status === 200 || response.status === 204, `${JSON.stringify(change)}: ${response.status}`);
    const codes = await both;
    assert.deepEqual(codes.map((c) => c.code), [1008, 1008], JSON.stringify(change));
    assert.equal((await fetch(`${platform.origin}/api/hid/status`, { headers: bearer(op.token) })).status, 401,
      `the token is revoked after ${JSON.stringify(change)}`);
    if (change.enabled === false) {
      assert.equal((await platform.request('PUT', `/api/users/${op.username}`, { enabled: true })).status, 200);
      assert.equal((await fetch(`${platform.origin}/api/hid/status`, { headers: bearer(op.token) })).status, 401,
        'enabling the user again does not bring the revoked token back');
    }
  }
});

test('a user\'s own password change revokes their API tokens and other sessions, with their sockets', async () => {
  const op = await newUser('operator');
  const otherSession = await platform.login(op.username, op.password);
  const hid = await openSocket('/api/hid', bearer(op.token));
  const other = await openSocket('/api/hid', { Cookie: otherSession });
  const own = await openSocket('/api/hid', { Cookie: op.cookie });
  for (const s of [hid, other, own]) assert.equal(s.status, 101);
  const both = Promise.all([closed(hid.socket), closed(other.socket)]);
  const changed = await platform.anonymous('PUT', '/api/auth/password',
    { currentPassword: op.password, newPassword: 'another-password-1' }, { Cookie: op.cookie });
  assert.equal(changed.status, 204);
  assert.deepEqual((await both).map((c) => c.code), [1008, 1008]);
  assert.equal((await fetch(`${platform.origin}/api/auth/me`, { headers: bearer(op.token) })).status, 401, 'token revoked');
  assert.equal((await platform.anonymous('GET', '/api/auth/me', undefined, { Cookie: otherSession })).status, 401);
  assert.equal((await platform.anonymous('GET', '/api/auth/me', undefined, { Cookie: op.cookie })).status, 200,
    'the session that changed the password stays');
  assert.equal(own.socket.readyState, WebSocket.OPEN, 'and so does its socket');
  own.socket.close();
});

test('the password change is rate limited: wrong current passwords end in 429 with Retry-After', async () => {
  const op = await newUser('operator');
  const statuses = [];
  let last;
  for (let i = 0; i < 8; i++) {
    last = await platform.anonymous('PUT', '/api/auth/password',
      { currentPassword: `wrong-${i}-password`, newPassword: 'another-password-1' }, { Cookie: op.cookie });
    statuses.push(last.status);
  }
  assert.deepEqual(statuses.slice(0, 5), [403, 403, 403, 403, 403]);
  assert.deepEqual(statuses.slice(5), [429, 429, 429]);
  assert.ok(Number(last.headers.get('retry-after')) >= 1);
  assert.equal((await last.json()).error, 'rate_limited');
});

/** POST /api/auth/login from a given loopback source address; resolves with the status. */
function loginFrom(localAddress, username, password) {
  const body = JSON.stringify({ username, password });
  return new Promise((resolve, reject) => {
    const req = httpRequest({
      host: '127.0.0.1', port: platform.port, path: '/api/auth/login', method: 'POST', localAddress, agent: false,
      headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), Origin: platform.origin },
    }, (res) => {
      res.resume();
      res.once('end', () => resolve(res.statusCode));
    });
    req.once('error', reject);
    req.end(body);
  });
}

test('100 wrong passwords for admin from one address do not stop admin logging in from another', async () => {
  const statuses = [];
  for (let i = 0; i < 100; i++) {
    statuses.push(await loginFrom('127.0.0.2', ADMIN, `wrong-password-${i}`));
  }
  assert.deepEqual(statuses.slice(0, 5), [401, 401, 401, 401, 401]);
  assert.ok(statuses.slice(5).every((s) => s === 429), 'the attacker\'s address is slowed down');
  assert.equal(await loginFrom('127.0.0.2', ADMIN, ADMIN_PASSWORD), 429, 'even the right password, from that address');
  assert.equal(await loginFrom('127.0.0.3', ADMIN, ADMIN_PASSWORD), 200, 'admin logs in from another address');
  assert.equal(await loginFrom('127.0.0.1', ADMIN, ADMIN_PASSWORD), 200);
});

test('one address trying many user names is limited per address; other addresses are not', async () => {
  const statuses = [];
  for (let i = 0; i < 30; i++) {
    statuses.push(await loginFrom('127.0.0.4', `nobody-${i}`, 'wrong-password'));
  }
  assert.ok(statuses.slice(0, 20).every((s) => s === 401), `first 20: ${statuses.slice(0, 20)}`);
  assert.ok(statuses.slice(20).every((s) => s === 429), `then: ${statuses.slice(20)}`);
  assert.equal(await loginFrom('127.0.0.5', ADMIN, ADMIN_PASSWORD), 200);
});

test('the web UI\'s pages allow connections only to this server (CSP connect-src \'self\')', async () => {
  for (const path of ['/', '/login.html']) {
    const policy = (await platform.anonymous('GET', path)).headers.get('content-security-policy');
    const connect = policy.split(';').map((d) => d.trim()).find((d) => d.startsWith('connect-src'));
    assert.equal(connect, "connect-src 'self'", `${path}: ${policy}`);
  }
});

/** GET /api/stream/mjpeg with {@code headers}; resolves once the answer's head arrived: {status, body?, close()}. */
function mjpeg(headers) {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: platform.port, path: '/api/stream/mjpeg', agent: false, headers }, (res) => {
      if (res.statusCode === 200) {
        res.on('data', () => {});
        res.once('error', () => {});
        resolve({ status: 200, close: () => req.destroy() });
        return;
      }
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (text += c));
      res.once('end', () => resolve({ status: res.statusCode, body: text, close: () => req.destroy() }));
    });
    req.once('error', (e) => (e.code === 'ECONNRESET' ? undefined : reject(e)));
    req.end();
  });
}

test('video streams are capped per credential (10) and for the device (24); beyond: 429 too_many_streams', async () => {
  const open = [];
  try {
    const a = await newUser('viewer');
    for (let i = 0; i < 10; i++) {
      const stream = await mjpeg(bearer(a.token));
      open.push(stream);
      assert.equal(stream.status, 200, `stream ${i + 1} of one token`);
    }
    const refused = await mjpeg(bearer(a.token));
    assert.equal(refused.status, 429, 'the 11th MJPEG stream of one token');
    const body = JSON.parse(refused.body);
    assert.equal(body.error, 'too_many_streams');
    assert.equal(typeof body.message, 'string');
    const ws = await openSocket('/api/stream/h264', bearer(a.token));
    assert.equal(ws.status, 429, 'the H.264 socket shares the budget');
    // Another credential of the same user has its own slots.
    const other = await mjpeg({ Cookie: a.cookie });
    open.push(other);
    assert.equal(other.status, 200);
    // A slot comes back when a stream ends.
    open.shift().close();
    const deadline = Date.now() + 10_000;
    let again;
    do {
      again?.close();
      again = await mjpeg(bearer(a.token));
    } while (again.status === 429 && Date.now() < deadline);
    open.push(again);
    assert.equal(again.status, 200, 'a slot is free again after a stream ended');
    // The device cap: 11 open now; fill it up with fresh credentials.
    const b = await newUser('viewer');
    let opened = 11;
    let last;
    for (let i = 0; i < 20; i++) {
      last = await mjpeg(i < 10 ? bearer(b.token) : { Cookie: b.cookie });
      if (last.status !== 200) break;
      open.push(last);
      opened++;
    }
    assert.equal(last.status, 429);
    assert.match(JSON.parse(last.body).message, /device/);
    assert.equal(opened, 24, 'the device serves 24 video streams at once');
  } finally {
    open.forEach((s) => s.close());
  }
});
