// Authentication end to end against the real distribution (acceptance of the auth issue):
// nothing under /api without credentials, WebSocket hijacking refused, the login rate limit,
// logout closing open sockets, forced stop of the auth bundle failing closed, and two fresh
// installs with different TLS keys and setup codes.
import assert from 'node:assert/strict';
import { connect as tlsConnect } from 'node:tls';
import { after, before, test } from 'node:test';
import WebSocket from 'ws';
import { ADMIN, ADMIN_PASSWORD, Platform, freePort, waitFor, withDeadline } from '../lib/harness.mjs';

let platform;

before(async () => {
  platform = await Platform.start('auth');
});

after(async () => {
  await platform?.stop();
});

function open(path, { origin = platform.origin, cookie = platform.cookie } = {}) {
  const socket = new WebSocket(`ws://127.0.0.1:${platform.port}${path}`, { origin, headers: platform.authHeaders(cookie) });
  return new Promise((resolve) => {
    socket.once('open', () => resolve({ socket, status: 101 }));
    socket.once('unexpected-response', (_req, res) => resolve({ socket, status: res.statusCode }));
    socket.once('error', (e) => resolve({ socket, status: `error ${e.message}` }));
  });
}

test('nothing under /api answers without credentials (401 in the error shape), the public paths do', async () => {
  for (const path of ['/api/platform/info', '/api/hid/status', '/api/video/settings', '/api/virtual/state',
    '/api/stream/mjpeg', '/api/snapshot', '/api/users', '/api/auth/me', '/api/no-such-path']) {
    const response = await platform.anonymous('GET', path);
    assert.equal(response.status, 401, path);
    const body = await response.json();
    assert.equal(body.error, 'unauthorized', path);
    assert.equal(typeof body.message, 'string', path);
  }
  for (const path of ['/api/hid', '/api/stream/h264']) {
    const { status } = await open(path, { cookie: null });
    assert.equal(status, 401, `WS ${path}`);
  }
  assert.equal((await platform.anonymous('GET', '/healthz')).status, 200);
  assert.deepEqual(await (await platform.anonymous('GET', '/api/auth/setup')).json(), { required: false });
  assert.equal((await platform.anonymous('GET', '/')).status, 200, 'the web UI (login page) is public');
  // Security headers on API answers.
  const headers = (await platform.anonymous('GET', '/api/platform/info')).headers;
  assert.equal(headers.get('x-frame-options'), 'DENY');
  assert.equal(headers.get('x-content-type-options'), 'nosniff');
  assert.match(headers.get('content-security-policy'), /frame-ancestors 'none'/);
});

test('a WebSocket upgrade with a foreign Origin and a valid cookie is refused (403)', async () => {
  for (const path of ['/api/hid', '/api/stream/h264']) {
    const hijack = await open(path, { origin: 'http://evil.example' });
    assert.equal(hijack.status, 403, `WS ${path} from a foreign origin`);
    const own = await open(path);
    assert.equal(own.status, 101, `WS ${path} from the server's own origin`);
    own.socket.close();
  }
});

test('logout closes that session\'s open HID and video WebSockets', async () => {
  const cookie = await platform.login(ADMIN, ADMIN_PASSWORD);
  const hid = await open('/api/hid', { cookie });
  const video = await open('/api/stream/h264', { cookie });
  const other = await open('/api/hid'); // the admin's other session stays
  assert.equal(hid.status, 101);
  assert.equal(video.status, 101);
  const closed = (s) => new Promise((resolve) => s.once('close', (code) => resolve({ code, at: Date.now() })));
  const hidClosed = closed(hid.socket);
  const videoClosed = closed(video.socket);
  const logout = await platform.anonymous('POST', '/api/auth/logout', undefined, { Cookie: cookie });
  assert.equal(logout.status, 204);
  // The closes are events; the deadline only bounds a broken run (no wall-clock bound is asserted).
  const [h, v] = await withDeadline(Promise.all([hidClosed, videoClosed]), 30_000, 'both sockets to close after the logout');
  assert.equal(h.code, 1008);
  assert.equal(v.code, 1008);
  assert.equal((await platform.anonymous('GET', '/api/auth/me', undefined, { Cookie: cookie })).status, 401,
    'the session is gone');
  assert.equal(other.socket.readyState, WebSocket.OPEN, 'another session\'s socket stays open');
  other.socket.close();
});

test('20 wrong passwords: beyond the limit 429 + Retry-After; the right password works once the window passed', async () => {
  const limited = await Platform.start('auth-rate-limit', { env: { JAVA_TOOL_OPTIONS: '-Dcubekvm.auth.loginWindowSeconds=3' } });
  try {
    const statuses = [];
    let retryAfter = null;
    for (let i = 0; i < 20; i++) {
      const response = await limited.anonymous('POST', '/api/auth/login', { username: ADMIN, password: `wrong-${i}` });
      statuses.push(response.status);
      if (response.status === 429) {
        retryAfter = Number(response.headers.get('retry-after'));
        assert.equal((await response.json()).error, 'rate_limited');
      }
    }
    assert.deepEqual(statuses.slice(0, 5), [401, 401, 401, 401, 401]);
    assert.ok(statuses.slice(5).every((s) => s === 429), `after 5 failures: ${statuses.slice(5)}`);
    assert.ok(retryAfter >= 1 && retryAfter <= 3, `Retry-After ${retryAfter}`);
    const refused = await limited.anonymous('POST', '/api/auth/login', { username: ADMIN, password: ADMIN_PASSWORD });
    assert.equal(refused.status, 429, 'the right password is refused inside the window too');
    // Retried until the window has passed (a refused attempt does not count as a failure, so
    // retrying does not extend it); the deadline only bounds a broken run.
    const ok = await waitFor('the right password to work again after the window', async () => {
      const response = await limited.anonymous('POST', '/api/auth/login', { username: ADMIN, password: ADMIN_PASSWORD });
      assert.ok(response.status === 200 || response.status === 429, `login answered ${response.status}`);
      return response.status === 200 ? response : null;
    }, (retryAfter + 30) * 1000, 250);
    assert.equal(ok.status, 200, 'the right password works again after the window');
  } finally {
    await limited.stop();
  }
});

async function certificateFingerprint(port) {
  return new Promise((resolve, reject) => {
    const socket = tlsConnect({ host: '127.0.0.1', port, rejectUnauthorized: false }, () => {
      const cert = socket.getPeerCertificate();
      socket.end();
      resolve({ fingerprint: cert.fingerprint256, type: cert.asn1Curve ?? cert.pubkey?.length });
    });
    socket.once('error', reject);
  });
}

test('two fresh installs get different TLS keys and different setup codes', async () => {
  const installs = [];
  try {
    for (const name of ['auth-install-1', 'auth-install-2']) {
      const httpsPort = await freePort();
      const p = await Platform.start(name, { args: ['--https-port', String(httpsPort)], setup: false });
      installs.push(p);
      const response = await fetch(`https://127.0.0.1:${httpsPort}/healthz`).catch(() => null); // self-signed: refused by fetch
      assert.equal(response, null, 'a self-signed certificate is not trusted by default');
      p.tls = await certificateFingerprint(httpsPort);
      p.code = p.setupCode();
      assert.match(p.code, /^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
      assert.equal(p.tls.type, 'prime256v1', 'an EC P-256 key');
      assert.deepEqual(await (await p.anonymous('GET', '/api/auth/setup')).json(), { required: true });
    }
    assert.notEqual(installs[0].tls.fingerprint, installs[1].tls.fingerprint);
    assert.notEqual(installs[0].code, installs[1].code);
    // A wrong setup code creates nothing; the right one creates the admin once.
    const wrong = await installs[0].anonymous('POST', '/api/auth/setup', { setupCode: installs[1].code, username: 'a', password: 'long-enough-1' });
    assert.equal(wrong.status, 403);
    await installs[0].setUpAdmin();
    assert.equal(installs[0].setupCode(), null, 'the setup-code file is removed once the admin exists');
    // GET /api/auth/tls (admin) describes the certificate HTTPS serves.
    await waitFor('/api/auth/tls', async () => (await installs[0].request('GET', '/api/auth/tls')).status === 200, 30_000, 200);
    const described = await installs[0].json('GET', '/api/auth/tls');
    assert.equal(described.certificate.sha256, installs[0].tls.fingerprint);
    assert.equal(described.problem, null);
    const again = await installs[0].anonymous('POST', '/api/auth/setup', { setupCode: installs[0].code, username: 'b', password: 'long-enough-1' });
    assert.equal(again.status, 403);
  } finally {
    for (const p of installs) await p.stop();
  }
});

test('stopping the auth bundle (forced) leaves no protected endpoint reachable', async () => {
  const bundles = await platform.json('GET', '/api/platform/bundles');
  const auth = bundles.find((b) => b.symbolicName === 'org.cubekvm.auth');
  const refused = await platform.request('POST', `/api/platform/bundles/${auth.id}/stop`);
  assert.equal(refused.status, 409, 'stopping auth needs ?force=true');
  // The console's resource depends on the guard too, so it may vanish before it answers this very request.
  const stopped = await platform.request('POST', `/api/platform/bundles/${auth.id}/stop?force=true`).catch(() => null);
  if (stopped) assert.equal(stopped.status, 200);
  await waitFor('/healthz DOWN', async () => (await platform.anonymous('GET', '/healthz')).status === 503, 20_000);
  for (const path of ['/api/platform/info', '/api/hid/status', '/api/virtual/state', '/api/users', '/api/auth/me', '/api/stream/mjpeg']) {
    for (const headers of [{}, platform.authHeaders()]) {
      const response = await platform.anonymous('GET', path, undefined, headers);
      assert.ok(response.status === 503 || response.status === 404, `${path}: ${response.status}`);
    }
  }
  const { status } = await open('/api/hid');
  assert.ok(status === 503 || status === 404, `WS /api/hid: ${status}`);
});
