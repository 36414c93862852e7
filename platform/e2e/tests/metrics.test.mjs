// GET /metrics (issue 19, acceptance 2): the exposition parses with prometheus_client's strict
// OpenMetrics parser (Debian python3-prometheus-client), anonymous and viewer requests are
// refused, and the stream counters move while a viewer watches MJPEG.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { Platform, moduleDir, waitFor } from '../lib/harness.mjs';

const PYTHON = '/usr/bin/python3'; // Debian's, where python3-prometheus-client is installed
const CHECK = join(moduleDir, 'lib', 'openmetrics_check.py');

let platform;

before(async () => {
  platform = await Platform.start('metrics');
  await waitFor('/metrics', async () => (await platform.request('GET', '/metrics')).status === 200, 30_000, 200);
});

after(async () => {
  await platform?.stop();
});

function parse(text, format = 'openmetrics') {
  const result = spawnSync(PYTHON, [CHECK, format], { input: text, encoding: 'utf8' });
  assert.equal(result.status, 0, `the ${format} parser refused the exposition: ${result.stderr}\n${text.slice(0, 2000)}`);
  return JSON.parse(result.stdout);
}

async function scrape(accept = 'application/openmetrics-text; version=1.0.0') {
  const response = await fetch(`${platform.origin}/metrics`, { headers: { ...platform.authHeaders(), Accept: accept } });
  assert.equal(response.status, 200);
  return { type: response.headers.get('content-type'), text: await response.text() };
}

function value(families, family, sample, labels = {}) {
  const found = families[family]?.samples.find(([name, l]) => name === sample
    && Object.entries(labels).every(([k, v]) => l[k] === v));
  return found ? found[2] : undefined;
}

test('anonymous requests get 401 and a viewer 403, in the error shape', async () => {
  const anonymous = await platform.anonymous('GET', '/metrics');
  assert.equal(anonymous.status, 401);
  assert.equal((await anonymous.json()).error, 'unauthorized');
  const created = await platform.request('POST', '/api/users', { username: 'watcher', password: 'watcher-password-1', role: 'viewer' });
  assert.equal(created.status, 201);
  const viewer = await platform.login('watcher', 'watcher-password-1');
  const refused = await fetch(`${platform.origin}/metrics`, { headers: { Cookie: viewer } });
  assert.equal(refused.status, 403);
  assert.equal((await refused.json()).error, 'forbidden');
});

test('a token of scope metrics reads /metrics and nothing else; a viewer cannot make one', async () => {
  const created = await platform.json('POST', '/api/auth/tokens', { name: 'prometheus', scope: 'metrics' });
  assert.equal(created.scope, 'metrics');
  const bearer = { Authorization: `Bearer ${created.token}` };
  const scraped = await fetch(`${platform.origin}/metrics`, { headers: bearer });
  assert.equal(scraped.status, 200);
  assert.ok((await scraped.text()).endsWith('# EOF\n'));
  for (const [method, path] of [['GET', '/api/auth/tokens'], ['GET', '/api/platform/bundles'], ['GET', '/api/video/status'],
    ['POST', '/api/users'], ['GET', '/redfish/v1'], ['POST', '/metrics']]) {
    const refused = await fetch(platform.origin + path, { method, headers: bearer });
    assert.equal(refused.status, 403, `${method} ${path}`);
    assert.equal((await refused.json()).error, 'token_scope', `${method} ${path}`);
  }
  const listed = (await platform.json('GET', '/api/auth/tokens')).find((t) => t.id === created.id);
  assert.equal(listed.scope, 'metrics');
  const full = await platform.json('POST', '/api/auth/tokens', { name: 'script' });
  assert.equal(full.scope, 'all');
  assert.equal((await fetch(`${platform.origin}/api/auth/tokens`, { headers: { Authorization: `Bearer ${full.token}` } })).status, 200);

  const made = await platform.request('POST', '/api/users', { username: 'scoped-viewer', password: 'scoped-viewer-pw', role: 'viewer' });
  assert.equal(made.status, 201);
  const viewer = await platform.login('scoped-viewer', 'scoped-viewer-pw');
  const post = (body) => fetch(`${platform.origin}/api/auth/tokens`, {
    method: 'POST', headers: { Cookie: viewer, Origin: platform.origin, 'Content-Type': 'application/json' }, body: JSON.stringify(body),
  });
  const refused = await post({ name: 'sneaky', scope: 'metrics' });
  assert.equal(refused.status, 403);
  assert.equal((await post({ name: 'x', scope: 'root' })).status, 400);
  const own = await (await post({ name: 'viewer-token' })).json();
  const viewerScrape = await fetch(`${platform.origin}/metrics`, { headers: { Authorization: `Bearer ${own.token}` } });
  assert.equal(viewerScrape.status, 403, 'a viewer\'s token cannot read metrics');
});

test('the exposition is strict OpenMetrics with JVM, process, bundle, HID and login figures', async () => {
  const { type, text } = await scrape();
  assert.equal(type, 'application/openmetrics-text; version=1.0.0; charset=utf-8');
  assert.ok(text.endsWith('# EOF\n'));
  const families = parse(text);
  assert.equal(families.cubekvm_jvm_memory_used_bytes.unit, 'bytes');
  assert.ok(value(families, 'cubekvm_jvm_memory_used_bytes', 'cubekvm_jvm_memory_used_bytes', { area: 'heap' }) > 0);
  assert.ok(value(families, 'cubekvm_process_resident_memory_bytes', 'cubekvm_process_resident_memory_bytes') > 0);
  assert.ok(value(families, 'cubekvm_process_uptime_seconds', 'cubekvm_process_uptime_seconds') > 0);
  assert.equal(families.cubekvm_jvm_gc_collections.type, 'counter');
  assert.equal(value(families, 'cubekvm_bundle_active', 'cubekvm_bundle_active', { bundle: 'org.cubekvm.metrics', state: 'ACTIVE' }), 1);
  assert.equal(value(families, 'cubekvm_hid_online', 'cubekvm_hid_online'), 1);
  assert.equal(families.cubekvm_hid_reports_received.type, 'counter');
  // With no Accept, and for a client that asks for the 0.0.4 text format (same body, its label).
  const bare = await fetch(`${platform.origin}/metrics`, { headers: platform.authHeaders() });
  assert.equal(bare.headers.get('content-type'), 'application/openmetrics-text; version=1.0.0; charset=utf-8');
  parse(await bare.text());
  const old = await scrape('text/plain; version=0.0.4');
  assert.equal(old.type, 'text/plain; version=0.0.4; charset=utf-8');
  assert.ok(parse(old.text, 'prometheus').cubekvm_jvm_threads);
});

test('a wrong password moves the login failure counter', async () => {
  const before = value(parse((await scrape()).text), 'cubekvm_login_failures', 'cubekvm_login_failures_total',
    { reason: 'bad_credentials' });
  assert.equal(typeof before, 'number');
  const wrong = await platform.anonymous('POST', '/api/auth/login', { username: 'admin', password: 'not-the-password' });
  assert.equal(wrong.status, 401);
  const afterwards = value(parse((await scrape()).text), 'cubekvm_login_failures', 'cubekvm_login_failures_total',
    { reason: 'bad_credentials' });
  assert.equal(afterwards, before + 1);
});

test('while a viewer streams MJPEG, viewers, frames sent and the encode latency histogram move', async () => {
  const first = parse((await scrape()).text);
  const sentBefore = value(first, 'cubekvm_stream_frames_sent', 'cubekvm_stream_frames_sent_total', { mode: 'mjpeg' }) ?? 0;
  const controller = new AbortController();
  const stream = await fetch(`${platform.origin}/api/stream/mjpeg`, { headers: platform.authHeaders(), signal: controller.signal });
  assert.equal(stream.status, 200);
  const reader = stream.body.getReader();
  let reading = true;
  const drain = (async () => {
    try {
      while (reading && !(await reader.read()).done) { /* keep the viewer reading */ }
    } catch { /* aborted */ }
  })();
  try {
    const moved = await waitFor('frames sent to the MJPEG viewer', async () => {
      const families = parse((await scrape()).text);
      const sent = value(families, 'cubekvm_stream_frames_sent', 'cubekvm_stream_frames_sent_total', { mode: 'mjpeg' }) ?? 0;
      return sent >= sentBefore + 5 ? families : null;
    }, 30_000, 200);
    assert.equal(value(moved, 'cubekvm_stream_viewers', 'cubekvm_stream_viewers', { mode: 'mjpeg' }), 1);
    assert.equal(moved.cubekvm_video_encode_latency_seconds.type, 'histogram');
    const count = value(moved, 'cubekvm_video_encode_latency_seconds', 'cubekvm_video_encode_latency_seconds_count', { codec: 'mjpeg' });
    const inf = value(moved, 'cubekvm_video_encode_latency_seconds', 'cubekvm_video_encode_latency_seconds_bucket', { codec: 'mjpeg', le: '+Inf' });
    assert.ok(count > 0 && inf === count, `count ${count}, +Inf bucket ${inf}`);
    assert.ok(value(moved, 'cubekvm_video_frames_encoded', 'cubekvm_video_frames_encoded_total', { codec: 'mjpeg' }) > 0);
  } finally {
    reading = false;
    controller.abort();
    await drain;
  }
});
