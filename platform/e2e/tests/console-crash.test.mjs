// Issue 16, acceptance 3: the platform is killed (SIGKILL) in the middle of a bundle update — a test
// hook (-Dcubekvm.console.test.pauseAt=updated) holds the transaction right after the framework
// took the new revision, before it was refreshed and started. At the next start the previous
// revision is active (never neither), and the console says so in GET /api/platform/health.
import assert from 'node:assert/strict';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { Platform, waitFor } from '../lib/harness.mjs';
import { exampleJar, exampleVersion, trustTestVendor, upload } from '../lib/vendor.mjs';

let platform;

after(async () => {
  await platform?.stop();
});

const example = async (p) => (await p.json('GET', '/api/platform/bundles')).find((b) => b.symbolicName === 'com.example.cubekvm.jiggler');

test('killed in the middle of an update, the platform comes back with the previous revision active and says so', async () => {
  platform = await Platform.start('console-crash', { env: { JAVA_TOOL_OPTIONS: '-Dcubekvm.console.test.pauseAt=updated' } });
  await trustTestVendor(platform);
  const installed = await upload(platform, 'POST', '/api/platform/bundles', exampleJar());
  assert.equal(installed.status, 201, await installed.clone().text());
  const v1 = await installed.json();
  assert.equal(v1.version, '1.0.0');
  assert.equal(v1.state, 'ACTIVE');

  const v2 = exampleVersion('1.0.1');
  const update = upload(platform, 'PUT', `/api/platform/bundles/${v1.id}`, v2).catch((e) => e);
  const paused = join(platform.data, 'console', 'paused');
  await waitFor('the update to pause at the test hook', async () => existsSync(paused), 60_000, 100);
  assert.ok(existsSync(join(platform.data, 'console', 'journal.properties')), 'the journal was written before the change');
  await platform.kill();
  await update;
  rmSync(paused);

  const data = platform.data;
  platform = await Platform.start('console-crash-restart', { data });
  const after = await waitFor('the example bundle after the restart', async () => {
    const b = await example(platform);
    return b && b.state === 'ACTIVE' ? b : null;
  }, 60_000, 200);
  assert.equal(after.version, '1.0.0', 'the previous revision is back');
  assert.equal(after.signer.includes('CubeKVM test vendor'), true, JSON.stringify(after));
  const health = await platform.json('GET', '/api/platform/health');
  const transactions = health.find((h) => h.name === 'bundles.transactions');
  assert.ok(transactions, JSON.stringify(health));
  assert.equal(transactions.status, 'WARN');
  assert.match(transactions.message, /update of com\.example\.cubekvm\.jiggler from 1\.0\.0 to 1\.0\.1 was interrupted.*previous revision 1\.0\.0 is ACTIVE/);
  assert.ok(!existsSync(join(data, 'console', 'journal.properties')), 'the journal is gone once recovered');
  await waitFor('the vendor endpoint after recovery', async () => (await platform.request('GET', '/api/vendor/jiggler')).status === 200, 30_000, 200);

  // And an update that is not interrupted goes through.
  const updated = await upload(platform, 'PUT', `/api/platform/bundles/${after.id}`, v2);
  assert.equal(updated.status, 200, await updated.clone().text());
  assert.equal((await updated.json()).version, '1.0.1');
  const downgrade = await upload(platform, 'PUT', `/api/platform/bundles/${after.id}`, exampleJar());
  assert.equal(downgrade.status, 409);
  assert.equal((await downgrade.json()).error, 'downgrade');
  const forced = await upload(platform, 'PUT', `/api/platform/bundles/${after.id}?downgrade=true`, exampleJar());
  assert.equal(forced.status, 200, await forced.clone().text());
  assert.equal((await forced.json()).version, '1.0.0');
});
