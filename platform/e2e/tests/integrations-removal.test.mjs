// Issue 19, acceptance 4: each of the three integration bundles (metrics, MQTT, Redfish) can be
// stopped and uninstalled without touching the other two; the platform stays healthy.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ADMIN, ADMIN_PASSWORD, Platform, waitFor } from '../lib/harness.mjs';

const BASIC = `Basic ${Buffer.from(`${ADMIN}:${ADMIN_PASSWORD}`).toString('base64')}`;
let platform;

before(async () => {
  platform = await Platform.start('integrations-removal');
});

after(async () => {
  await platform?.stop();
});

async function bundle(name) {
  return (await platform.json('GET', '/api/platform/bundles')).find((b) => b.symbolicName === name);
}

async function metricsStatus() {
  return (await fetch(`${platform.origin}/metrics`, { headers: platform.authHeaders() })).status;
}

async function redfishStatus() {
  return (await fetch(`${platform.origin}/redfish/v1`, { headers: { Authorization: BASIC } })).status;
}

/** The integrations not in {@code away} still work, and so does the rest of the platform. */
async function others(...away) {
  if (!away.includes('org.cubekvm.metrics')) {
    await waitFor('/metrics still answers', async () => (await metricsStatus()) === 200, 30_000, 200);
  }
  if (!away.includes('org.cubekvm.redfish')) {
    await waitFor('/redfish/v1 still answers', async () => (await redfishStatus()) === 200, 30_000, 200);
  }
  if (!away.includes('org.cubekvm.mqtt')) assert.equal((await bundle('org.cubekvm.mqtt')).state, 'ACTIVE');
  assert.equal((await platform.json('GET', '/api/hid/status')).online, true);
}

test('each integration bundle stops, starts and uninstalls alone', async () => {
  await others();
  const gone = {
    'org.cubekvm.metrics': async () => (await metricsStatus()) === 404,
    'org.cubekvm.redfish': async () => (await redfishStatus()) === 404,
    'org.cubekvm.mqtt': async () => (await bundle('org.cubekvm.mqtt')).state === 'RESOLVED',
  };
  for (const [name, isGone] of Object.entries(gone)) {
    const { id } = await bundle(name);
    const stopped = await platform.request('POST', `/api/platform/bundles/${id}/stop`);
    assert.equal(stopped.status, 200, `stop ${name}: ${await stopped.text()}`);
    await waitFor(`${name} gone`, isGone, 30_000, 200);
    await others(name);
    const started = await platform.request('POST', `/api/platform/bundles/${id}/start`);
    assert.equal(started.status, 200, `start ${name}`);
    await others();
  }
  const removedSoFar = [];
  for (const name of Object.keys(gone)) {
    const { id } = await bundle(name);
    const removed = await platform.request('DELETE', `/api/platform/bundles/${id}?force=true`);
    assert.equal(removed.status, 204, `uninstall ${name}: ${await removed.text()}`);
    assert.equal(await bundle(name), undefined);
    await waitFor(`${name} gone`, async () => (name === 'org.cubekvm.mqtt' ? true : gone[name]()), 30_000, 200);
    removedSoFar.push(name);
    await others(...removedSoFar);
  }
  const health = await platform.json('GET', '/api/platform/health');
  assert.notEqual(health.status, 'DOWN', JSON.stringify(health));
});
