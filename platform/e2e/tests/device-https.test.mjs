// The device profile's HTTPS defaults (issue 11), on a PC: sg2002 starts here without its hardware.
// Its configuration (config/sg2002) turns HTTPS on with the per-device key and makes plain HTTP
// redirect to it; the port is given explicitly because a test must not take 443 (that 443 is the
// default when --https-port is not given is platform/launcher DeviceHttpsDefaultTest).
import assert from 'node:assert/strict';
import { request as httpsRequest } from 'node:https';
import { after, before, test } from 'node:test';
import { Platform, freePort } from '../lib/harness.mjs';
import { send } from '../lib/abuse.mjs';

let platform;
let httpsPort;

before(async () => {
  httpsPort = await freePort();
  platform = await Platform.start('device-https', { args: ['--profile', 'sg2002', '--bind', '127.0.0.1', '--https-port', String(httpsPort)], setup: false });
});

after(async () => {
  await platform?.stop();
});

function overHttps(path) {
  return new Promise((resolveAnswer, reject) => {
    const req = httpsRequest({ host: '127.0.0.1', port: httpsPort, path, rejectUnauthorized: false, agent: false }, (res) => {
      const certificate = res.socket.getPeerCertificate();
      const parts = [];
      res.on('data', (d) => parts.push(d));
      res.on('end', () => resolveAnswer({ status: res.statusCode, body: Buffer.concat(parts).toString('utf8'), certificate }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('the device profile serves HTTPS with its own self-signed key', async () => {
  const answer = await overHttps('/healthz');
  assert.equal(answer.status, 200);
  assert.equal(JSON.parse(answer.body).status, 'UP');
  assert.match(answer.certificate.subject.CN, /^cubekvm-/);
});

test('plain HTTP redirects pages to HTTPS and refuses changes; /healthz stays reachable', async () => {
  const page = await send(platform.port, { path: '/login.html?next=%2F' });
  assert.equal(page.status, 308);
  assert.equal(page.headers.location, `https://127.0.0.1:${httpsPort}/login.html?next=%2F`);
  const change = await send(platform.port, { method: 'POST', path: '/api/auth/login', body: '{}',
    headers: { 'Content-Type': 'application/json', Origin: platform.origin } });
  assert.equal(change.status, 403);
  assert.equal(JSON.parse(change.body).error, 'https_required');
  const health = await send(platform.port, { path: '/healthz' });
  assert.equal(health.status, 200);
});
