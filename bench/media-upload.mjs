// The frame gaps viewers see while a large image is uploaded (started by bench/media-upload):
// one MJPEG viewer (multipart boundaries) and one H.264 viewer (one WebSocket message per frame)
// watch for a baseline period, then during a PUT of a 200 MB ISO made by xorriso; the longest
// gap between consecutive frames of each, per phase, plus the upload's MB/s and the heap after.
//   node bench/media-upload.mjs ORIGIN OUT.json [--megabytes N] [--baseline-seconds N]
import { createReadStream, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { Readable } from 'node:stream';
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
    this.frames = {};
  }

  frame() {
    const now = performance.now();
    if (this.last !== null && this.phase !== 'warmup') {
      this.longest[this.phase] = Math.max(this.longest[this.phase] ?? 0, now - this.last);
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
  await sleep(baselineSeconds * 1000);
  for (const g of [mjpeg, h264]) g.phase = 'upload';
  const started = performance.now();
  const response = await fetch(`${origin}/api/media/images/bench.iso`, {
    method: 'PUT',
    headers: { ...auth, 'Content-Type': 'application/octet-stream', 'Content-Length': String(size) },
    body: Readable.toWeb(createReadStream(iso, { highWaterMark: 256 * 1024 })),
    duplex: 'half',
  });
  const uploadMs = performance.now() - started;
  const answer = await response.text();
  if (response.status !== 201) throw new Error(`upload: ${response.status} ${answer}`);
  for (const g of [mjpeg, h264]) g.phase = 'after';
  abort.abort();
  socket.close();
  await mjpegDone;
  const metrics = await (await fetch(`${origin}/api/platform/metrics`, { headers: auth })).json();
  const result = {
    imageBytes: size,
    uploadMillis: Math.round(uploadMs),
    uploadMegabytesPerSecond: Number((size / 1e6 / (uploadMs / 1000)).toFixed(1)),
    mjpeg: { longestGapMillisBaseline: Math.round(mjpeg.longest.baseline ?? NaN), longestGapMillisDuringUpload: Math.round(mjpeg.longest.upload ?? NaN), framesDuringUpload: mjpeg.frames.upload ?? 0 },
    h264: { longestGapMillisBaseline: Math.round(h264.longest.baseline ?? NaN), longestGapMillisDuringUpload: Math.round(h264.longest.upload ?? NaN), framesDuringUpload: h264.frames.upload ?? 0 },
    heapUsedBytesAfter: metrics.heapUsedBytes,
    rssBytesAfter: metrics.rssBytes,
    goalMillis: GAP_GOAL_MS,
  };
  console.log('| measure | baseline | during upload | goal |');
  console.log('| --- | --- | --- | --- |');
  console.log(`| MJPEG longest frame gap | ${result.mjpeg.longestGapMillisBaseline} ms | ${result.mjpeg.longestGapMillisDuringUpload} ms | ≤ ${GAP_GOAL_MS} ms |`);
  console.log(`| H.264 longest frame gap | ${result.h264.longestGapMillisBaseline} ms | ${result.h264.longestGapMillisDuringUpload} ms | ≤ ${GAP_GOAL_MS} ms |`);
  console.log(`| upload | | ${(size / 1e6).toFixed(0)} MB in ${(uploadMs / 1000).toFixed(1)} s (${result.uploadMegabytesPerSecond} MB/s) | |`);
  console.log(`| heap used / RSS after | | ${(metrics.heapUsedBytes / 1048576).toFixed(1)} MiB / ${(metrics.rssBytes / 1048576).toFixed(1)} MiB | |`);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify(result, null, 2) + '\n');
  log(`wrote ${out}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
