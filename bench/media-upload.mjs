// The frame gaps viewers see while a large image is uploaded (started by bench/media-upload):
// one MJPEG viewer (multipart boundaries) and one H.264 viewer (one WebSocket message per frame)
// watch for a baseline period, then during a PUT of a 200 MB ISO made by xorriso; the longest
// gap between consecutive frames of each, per phase, plus the upload's MB/s and the heap after.
//   node bench/media-upload.mjs ORIGIN OUT.json [--megabytes N] [--baseline-seconds N]
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const modules = join(root, 'platform', 'e2e', 'node_modules');
const { default: WebSocket } = await import(pathToFileURL(join(modules, 'ws', 'wrapper.mjs')).href);
const { makeIso } = await import(pathToFileURL(join(root, 'platform', 'e2e', 'lib', 'images.mjs')).href);

const args = process.argv.slice(2);
const [origin, out] = args;
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const megabytes = Number(option('--megabytes', '200'));
const baselineSeconds = Number(option('--baseline-seconds', '5'));
const GAP_GOAL_MS = 250;
const SLOW_GAP_MS = Number(option('--slow-gap-ms', '150'));
const auth = { Authorization: `Bearer ${process.env.CUBEKVM_TOKEN}` };
const log = (text) => process.stderr.write(`${text}\n`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Frame arrival times of a viewer, split by phase; {@code phase} is switched by the driver. */
class Gaps {
  constructor(name) {
    this.name = name;
    this.phase = 'warmup';
    this.last = null;
    this.longest = {};
    this.longestEndedAt = {};
    this.frames = {};
    this.slow = []; // every gap over SLOW_GAP_MS: when it ended (wall clock, to line up with GC and safepoint logs)
  }

  frame() {
    const now = performance.now();
    if (this.last !== null && this.phase !== 'warmup' && now - this.last > (this.longest[this.phase] ?? 0)) {
      this.longest[this.phase] = now - this.last;
      this.longestEndedAt[this.phase] = now;
    }
    if (this.last !== null && this.phase !== 'warmup' && now - this.last > SLOW_GAP_MS) {
      this.slow.push({ phase: this.phase, millis: Math.round(now - this.last), endedAtEpochMillis: Math.round(performance.timeOrigin + now) });
    }
    this.frames[this.phase] = (this.frames[this.phase] ?? 0) + 1;
    this.last = now;
  }
}

function mjpegViewer(gaps, signal) {
  const boundary = Buffer.from('--frame');
  return fetch(`${origin}/api/stream/mjpeg`, { headers: auth, signal }).then(async (response) => {
    let tail = Buffer.alloc(0);
    for await (const chunk of response.body) {
      const data = Buffer.concat([tail, chunk]);
      let at = data.indexOf(boundary);
      let end = 0;
      while (at >= 0) {
        gaps.frame();
        end = at + boundary.length;
        at = data.indexOf(boundary, end);
      }
      tail = data.subarray(Math.max(end, data.length - boundary.length + 1));
    }
  }).catch((e) => {
    if (e.name !== 'AbortError') log(`mjpeg viewer: ${e.message}`);
  });
}

function h264Viewer(gaps) {
  const socket = new WebSocket(origin.replace(/^http/, 'ws') + '/api/stream/h264', { headers: { ...auth, Origin: origin } });
  socket.binaryType = 'nodebuffer';
  socket.on('message', () => gaps.frame());
  socket.on('error', (e) => log(`h264 viewer: ${e.message}`));
  return socket;
}

/** CPU time (user + system, ms) the platform process has used, from /proc; null when its pid is unknown. */
function platformCpuMillis() {
  const pid = process.env.PLATFORM_PID;
  if (!pid) return null;
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10; // utime, stime in USER_HZ (100 on Linux)
}

/** One viewer's figures; when the longest gap of the upload phase ended tells a steady cost from the final sync. */
function viewerResult(gaps, uploadStarted) {
  return {
    longestGapMillisBaseline: Math.round(gaps.longest.baseline ?? NaN),
    longestGapMillisDuringUpload: Math.round(gaps.longest.upload ?? NaN),
    longestGapEndedAtMillis: Math.round((gaps.longestEndedAt.upload ?? NaN) - uploadStarted),
    framesDuringUpload: gaps.frames.upload ?? 0,
    slowGaps: gaps.slow,
  };
}

const work = mkdtempSync(join(tmpdir(), 'cubekvm-bench-media-'));
try {
  log(`making a ${megabytes} MB ISO with xorriso`);
  const iso = makeIso(work, 'bench.iso', 'CUBEKVM_BENCH', megabytes * 1024 * 1024);
  const size = statSync(iso).size;
  const mjpeg = new Gaps('mjpeg');
  const h264 = new Gaps('h264');
  const abort = new AbortController();
  const mjpegDone = mjpegViewer(mjpeg, abort.signal);
  const socket = h264Viewer(h264);
  await sleep(2000);
  for (const g of [mjpeg, h264]) g.phase = 'baseline';
  const baselineCpu = platformCpuMillis();
  const baselineStarted = performance.now();
  await sleep(baselineSeconds * 1000);
  const uploadCpu = platformCpuMillis();
  const baselineCpuShare = baselineCpu === null ? null : (uploadCpu - baselineCpu) / (performance.now() - baselineStarted);
  for (const g of [mjpeg, h264]) g.phase = 'upload';
  const started = performance.now();
  // The PUT runs in a child process (bench/media-upload-put.mjs): this event loop only counts frames.
  const put = spawn(process.execPath, [join(root, 'bench', 'media-upload-put.mjs'), `${origin}/api/media/images/bench.iso`, iso],
    { stdio: ['ignore', 'pipe', 'inherit'], env: process.env });
  let printed = '';
  put.stdout.on('data', (chunk) => { printed += chunk; });
  const code = await new Promise((done) => put.on('close', done));
  const uploadMs = performance.now() - started;
  const cpuDuringUpload = uploadCpu === null ? null : platformCpuMillis() - uploadCpu;
  if (code !== 0) throw new Error(`upload process exited with ${code}`);
  const upload = JSON.parse(printed);
  if (upload.status !== 201) throw new Error(`upload: ${upload.status} ${upload.answer}`);
  for (const g of [mjpeg, h264]) g.phase = 'after';
  abort.abort();
  socket.close();
  await mjpegDone;
  const metrics = await (await fetch(`${origin}/api/platform/metrics`, { headers: auth })).json();
  const result = {
    imageBytes: size,
    uploadMillis: Math.round(uploadMs),
    uploadMegabytesPerSecond: Number((size / 1e6 / (uploadMs / 1000)).toFixed(1)),
    bodySentMillis: upload.bodySentMillis,
    platformCpuShareBaseline: baselineCpuShare === null ? null : Number(baselineCpuShare.toFixed(2)),
    platformCpuShareDuringUpload: cpuDuringUpload === null ? null : Number((cpuDuringUpload / uploadMs).toFixed(2)),
    // What the upload itself cost the platform: CPU above the baseline's rate, per MB stored.
    platformCpuMillisPerMegabyte: cpuDuringUpload === null ? null
      : Number(((cpuDuringUpload - baselineCpuShare * uploadMs) / (size / 1e6)).toFixed(1)),
    mjpeg: viewerResult(mjpeg, started),
    h264: viewerResult(h264, started),
    heapUsedBytesAfter: metrics.heapUsedBytes,
    rssBytesAfter: metrics.rssBytes,
    goalMillis: GAP_GOAL_MS,
  };
  console.log('| measure | baseline | during upload | goal |');
  console.log('| --- | --- | --- | --- |');
  console.log(`| MJPEG longest frame gap | ${result.mjpeg.longestGapMillisBaseline} ms | ${result.mjpeg.longestGapMillisDuringUpload} ms | ≤ ${GAP_GOAL_MS} ms |`);
  console.log(`| H.264 longest frame gap | ${result.h264.longestGapMillisBaseline} ms | ${result.h264.longestGapMillisDuringUpload} ms | ≤ ${GAP_GOAL_MS} ms |`);
  console.log(`| upload | | ${(size / 1e6).toFixed(0)} MB in ${(uploadMs / 1000).toFixed(1)} s (${result.uploadMegabytesPerSecond} MB/s; body sent after ${(upload.bodySentMillis / 1000).toFixed(1)} s) | |`);
  console.log(`| longest gaps ended at (s after the upload began) | | MJPEG ${(result.mjpeg.longestGapEndedAtMillis / 1000).toFixed(1)}, H.264 ${(result.h264.longestGapEndedAtMillis / 1000).toFixed(1)} | |`);
  if (result.platformCpuMillisPerMegabyte !== null) {
    console.log(`| platform CPU (cores busy) | ${result.platformCpuShareBaseline} | ${result.platformCpuShareDuringUpload} (${result.platformCpuMillisPerMegabyte} ms per MB stored) | |`);
  }
  console.log(`| heap used / RSS after | | ${(metrics.heapUsedBytes / 1048576).toFixed(1)} MiB / ${(metrics.rssBytes / 1048576).toFixed(1)} MiB | |`);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify(result, null, 2) + '\n');
  log(`wrote ${out}`);
  // A viewer that saw no frames has no gaps to report: say why instead of printing NaN as a figure.
  const silent = ['mjpeg', 'h264'].filter((name) => Number.isNaN(result[name].longestGapMillisDuringUpload));
  if (silent.length) {
    log(`no frames reached the ${silent.join(' and ')} viewer: nothing was measured (the virtual profile's software`
      + ' encoders need the pc JVM options; see the platform log)');
    process.exitCode = 1;
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
