// The owner's response times under the abuse scenario of issue 11 (started by bench/abuse).
//   node bench/abuse.mjs OUT.json [--seconds N] [--quiet-seconds N]
// Starts the distribution with --jvm device --profile bench (platform/e2e/lib/harness.mjs), measures
// the owner's four probes at 127.0.0.1 with nobody else connected, floods every JSON endpoint with 20
// parallel 1 MB bodies, then holds 50 slow-header and 50 slow-body connections from 127.0.0.2 (they
// reconnect when closed) for N s while the owner keeps probing; prints a table and writes JSON.
import { writeFileSync } from 'node:fs';
import { arch, cpus, platform as os, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const lib = (name) => import(pathToFileURL(join(root, 'platform', 'e2e', 'lib', name)).href);
const { ADMIN, ADMIN_PASSWORD, Platform, waitFor } = await lib('harness.mjs');
const { JSON_ENDPOINTS, oversized, ownerProbes, slowClients } = await lib('abuse.mjs');

const args = process.argv.slice(2);
const out = args[0];
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const seconds = option('--seconds', 60);
const quietSeconds = option('--quiet-seconds', 15);
const NAMES = ['healthz', 'login', 'mjpeg', 'keypress'];

function summary(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { n: sorted.length, p50: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1] };
}

async function probeFor(probes, ms, failures) {
  const samples = Object.fromEntries(NAMES.map((n) => [n, []]));
  const until = Date.now() + ms;
  while (Date.now() < until) {
    for (const [name, probe] of [['healthz', probes.healthz], ['login', probes.login], ['mjpeg', probes.mjpegFirstFrame], ['keypress', probes.keypress]]) {
      try {
        samples[name].push(await probe());
      } catch (e) {
        failures.push(`${name}: ${e.message}`);
      }
    }
  }
  return Object.fromEntries(NAMES.map((n) => [n, summary(samples[n])]));
}

const platform = await Platform.start('bench-abuse', { args: ['--jvm', 'device', '--profile', 'bench'], setup: false });
try {
  await platform.setUpAdmin();
  await waitFor('/api/hid/status', async () => (await platform.request('GET', '/api/hid/status')).status === 200, 30_000, 200);
  const probes = ownerProbes(platform, { username: ADMIN, password: ADMIN_PASSWORD, cookie: platform.cookie, localAddress: '127.0.0.1' });
  const failures = [];
  console.error(`abuse: the owner alone for ${quietSeconds} s`);
  const quiet = await probeFor(probes, quietSeconds * 1000, failures);

  console.error('abuse: 20 parallel 1 MB bodies (with a length, then chunked) to each of', JSON_ENDPOINTS.length, 'JSON endpoints');
  const flood = {};
  for (const endpoint of JSON_ENDPOINTS) {
    for (const chunked of [false, true]) {
      const answers = await oversized(platform.port, platform.origin, endpoint, { cookie: platform.cookie, chunked });
      for (const a of answers) flood[a.status] = (flood[a.status] ?? 0) + 1;
    }
  }
  const aliveAfterFlood = platform.child.exitCode === null && platform.child.signalCode === null;

  console.error(`abuse: 50 slow-header + 50 slow-body connections from 127.0.0.2 for ${seconds} s, the owner probing from 127.0.0.1`);
  const slow = slowClients(platform.port, { headers: 50, bodies: 50, localAddress: '127.0.0.2' });
  let attacked;
  try {
    attacked = await probeFor(probes, seconds * 1000, failures);
  } finally {
    slow.stop();
  }
  const alive = platform.child.exitCode === null && platform.child.signalCode === null;

  const fmt = (v) => (v === undefined ? '-' : v.toFixed(1));
  console.log(`\nOwner at 127.0.0.1, response times in ms (--jvm device --profile bench; ${seconds} s under attack)`);
  console.log('| probe | quiet p50 | quiet p95 | quiet max | attacked n | attacked p50 | attacked p95 | attacked max |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const n of NAMES) {
    const q = quiet[n];
    const a = attacked[n];
    console.log(`| ${n} | ${fmt(q.p50)} | ${fmt(q.p95)} | ${fmt(q.max)} | ${a.n} | ${fmt(a.p50)} | ${fmt(a.p95)} | ${fmt(a.max)} |`);
  }
  console.log(`\n1 MB bodies: answers by status ${JSON.stringify(flood)}; JVM alive after the flood: ${aliveAfterFlood}, at the end: ${alive}`);
  console.log(`slow clients: ${JSON.stringify(slow.stats)}`);
  console.log(`owner probe failures: ${failures.length}${failures.length ? ' (' + failures.slice(0, 5).join('; ') + ')' : ''}`);
  const result = {
    benchmark: 'abuse', date: new Date().toISOString(), seconds, quietSeconds,
    machine: { os: os(), arch: arch(), cpus: cpus().length, cpu: cpus()[0]?.model, memoryMB: Math.round(totalmem() / 1048576) },
    jvm: 'device', profile: 'bench', quiet, attacked, flood, aliveAfterFlood, alive, slow: slow.stats, failures,
  };
  writeFileSync(out, JSON.stringify(result, null, 2) + '\n');
  console.log(`\nwritten to ${out}`);
  if (!alive || failures.length) process.exitCode = 1;
} finally {
  await platform.stop();
}
