// The client address behind a reverse proxy (issue 11): X-Forwarded-For counts only when the request
// comes from a configured trusted proxy (framework property cubekvm.http.trustedProxies here, PID
// org.cubekvm.http trustedProxies on a device), and then only its last entry (the one the proxy added).
// Without it, forwarded headers are ignored. What the server took as the client address is read from
// its log line "'admin' logged in from ADDRESS".
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ADMIN, ADMIN_PASSWORD, Platform, artifacts, waitFor } from '../lib/harness.mjs';
import { send } from '../lib/abuse.mjs';

async function start(name, env) {
  const platform = await Platform.start(name, { args: ['--profile', 'bench'], setup: false, env });
  await platform.setUpAdmin();
  return platform;
}

async function loginFrom(platform, localAddress, forwardedFor) {
  const answer = await send(platform.port, { method: 'POST', path: '/api/auth/login', localAddress,
    headers: { 'Content-Type': 'application/json', Origin: platform.origin, 'X-Forwarded-For': forwardedFor },
    body: JSON.stringify({ username: ADMIN, password: ADMIN_PASSWORD }) });
  assert.equal(answer.status, 200, `${answer.status} ${answer.error ?? answer.body}`);
}

function loginAddresses(name) {
  const log = readFileSync(join(artifacts, `platform-${name}.log`), 'utf8');
  return [...log.matchAll(/'admin' logged in from (\S+)/g)].map((m) => m[1]);
}

test('without a trusted proxy, X-Forwarded-For is ignored', async () => {
  const platform = await start('proxy-off');
  try {
    const before = loginAddresses('proxy-off').length;
    await loginFrom(platform, '127.0.0.6', '198.51.100.9');
    const seen = await waitFor('the login log line', () => {
      const all = loginAddresses('proxy-off');
      return all.length > before ? all.slice(before) : null;
    });
    assert.deepEqual(seen, ['127.0.0.6']);
  } finally {
    await platform.stop();
  }
});

test('from a trusted proxy the last X-Forwarded-For entry is the client; from anyone else it is ignored', async () => {
  const name = 'proxy-on';
  const platform = await start(name, { JAVA_TOOL_OPTIONS: '-Dcubekvm.http.trustedProxies=127.0.0.1' });
  try {
    const before = loginAddresses(name).length;
    // The client wrote 203.0.113.5 itself; the proxy appended the address it saw.
    await loginFrom(platform, '127.0.0.1', '203.0.113.5, 198.51.100.9');
    await loginFrom(platform, '127.0.0.7', '198.51.100.10');
    const seen = await waitFor('two login log lines', () => {
      const all = loginAddresses(name);
      return all.length >= before + 2 ? all.slice(before) : null;
    });
    assert.deepEqual(seen, ['198.51.100.9', '127.0.0.7']);
  } finally {
    await platform.stop();
  }
});
