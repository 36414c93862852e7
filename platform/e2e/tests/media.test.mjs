// Virtual media end to end: upload a real 200 MB ISO in Chromium with a moving progress bar,
// mount it as CD-ROM and see its volume label on the virtual machine; refusals (wrong SHA-256,
// full store, bad names, too large, viewer role) leave nothing behind; a SIGKILL mid-upload
// leaves no partial image, and the upload can be repeated after the restart.
import assert from 'node:assert/strict';
import { createServer, request as httpRequest } from 'node:http';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, createReadStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ADMIN, ADMIN_PASSWORD, Platform, artifacts, launchBrowser, newLoggingPage, waitFor } from '../lib/harness.mjs';
import { makeIso, sha256File } from '../lib/images.mjs';

const MIB = 1024 * 1024;
const work = mkdtempSync(join(tmpdir(), 'cubekvm-media-e2e-'));
after(() => rmSync(work, { recursive: true, force: true }));

/** Every file under <data>/images, hidden directories included. */
function filesOnDisk(platform) {
  const root = join(platform.data, 'images');
  const found = [];
  const walk = (dir, prefix) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(dir, entry.name), `${prefix}${entry.name}/`);
      else found.push(prefix + entry.name);
    }
  };
  walk(root, '');
  return found.sort();
}

async function put(platform, name, body, headers = {}, cookie = platform.cookie) {
  const init = {
    method: 'PUT',
    headers: { Cookie: cookie, Origin: platform.origin, 'Content-Type': 'application/octet-stream', ...headers },
    body,
  };
  if (body instanceof ReadableStream) init.duplex = 'half';
  const response = await fetch(`${platform.origin}/api/media/images/${name}`, init);
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

/**
 * A PUT that announces {@code length} bytes with "Expect: 100-continue" and sends them only if the
 * server asks for them, as curl does for large bodies: a refusal on the announced length then
 * arrives without a body in flight (a plain PUT races the server closing after its early 413 and
 * may fail with EPIPE before it reads the answer).
 */
function putAnnounced(platform, name, length) {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${platform.origin}/api/media/images/${name}`, {
      method: 'PUT',
      headers: { Cookie: platform.cookie, Origin: platform.origin, 'Content-Type': 'application/octet-stream',
        'Content-Length': length, Expect: '100-continue' },
    });
    req.on('continue', () => req.end(Buffer.alloc(length)));
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => { text += d; });
      res.on('end', () => resolve({ status: res.statusCode, body: text ? JSON.parse(text) : null }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.flushHeaders();
  });
}

/** A body of {@code chunks} MiB without a Content-Length (chunked), optionally pausing after {@code pauseAfter}. */
function chunkedBody(chunks, pauseAfter = Infinity, paused = new Promise(() => {})) {
  let sent = 0;
  const chunk = new Uint8Array(MIB).fill(0x5a);
  return new ReadableStream({
    async pull(controller) {
      if (sent === pauseAfter) await paused;
      if (sent >= chunks) {
        controller.close();
        return;
      }
      sent++;
      controller.enqueue(chunk);
    },
  });
}

async function mediaNames(platform) {
  return (await platform.json('GET', '/api/media')).images.map((i) => i.name);
}

describe('virtual media in the browser', () => {
  let platform;
  let browser;
  before(async () => {
    platform = await Platform.start('media-browser');
    browser = await launchBrowser();
    await platform.loginBrowser(browser.context);
  });
  after(async () => {
    await browser?.close();
    await platform?.stop();
  });

  test('a 200 MB ISO uploads with a moving progress bar, mounts as CD-ROM, and the machine shows its label', async () => {
    const iso = makeIso(work, 'installer.iso', 'CUBEKVM_E2E_200', 200 * MIB);
    const size = statSync(iso).size;
    assert.ok(size >= 200 * MIB, `the ISO has ${size} bytes`);
    const sha256 = await sha256File(iso);
    await waitFor('/api/media', async () => (await platform.request('GET', '/api/media')).status === 200, 30_000, 200);

    const page = await newLoggingPage(browser);
    await page.goto(`${platform.origin}/?video=mjpeg`);
    await page.click('#btn-media');
    // On a PC there is no USB gadget: the USB section says so and offers no controls.
    await waitFor('the USB section explains the PC case', async () =>
      (await page.textContent('#usb-note')).includes('runs on the device'), 10_000);
    assert.equal(await page.isDisabled('#usb-apply'), true);
    // Record every progress value the page shows (the bar's data-loaded attribute follows XHR upload progress).
    await page.evaluate(() => {
      window.mediaProgress = [];
      const bar = document.getElementById('media-progress');
      new MutationObserver(() => window.mediaProgress.push([Number(bar.dataset.loaded), Number(bar.max)]))
        .observe(bar, { attributes: true, attributeFilter: ['data-loaded'] });
    });
    await page.setInputFiles('#media-file', iso);
    await page.click('#media-upload');
    await page.waitForSelector('#media-images tr[data-name="installer.iso"]', { timeout: 120_000 });
    const samples = await page.evaluate(() => window.mediaProgress);
    const partial = samples.filter(([loaded, max]) => loaded > 0 && loaded < max);
    assert.ok(partial.length >= 1, `the bar showed progress between 0 and the end: ${JSON.stringify(samples)}`);
    const loadedValues = samples.map(([loaded]) => loaded);
    assert.deepEqual(loadedValues, [...loadedValues].sort((a, b) => a - b), 'progress only moves forward');

    const listed = (await platform.json('GET', '/api/media')).images.find((i) => i.name === 'installer.iso');
    assert.deepEqual(listed, { name: 'installer.iso', size, sha256 }, 'stored complete, with the digest of what was sent');

    await page.click('#media-images tr[data-name="installer.iso"] button[data-action="mount-cdrom"]');
    const state = await waitFor('the virtual machine sees the CD', async () => {
      const s = await platform.json('GET', '/api/virtual/state');
      return s.media ? s : null;
    }, 15_000);
    assert.deepEqual(state.media, { name: 'installer.iso', label: 'CUBEKVM_E2E_200' });
    await waitFor('the dialog shows the mount', async () =>
      (await page.textContent('#media-mounted')) === 'installer.iso as CD-ROM (read-only)', 10_000);
    assert.deepEqual((await platform.json('GET', '/api/media')).mounted, { name: 'installer.iso', mode: 'cdrom', readOnly: true });
    await page.click('#media-close');
    await page.screenshot({ path: join(artifacts, 'media-mounted.png') });

    // Deleting the mounted image is refused; after eject it goes.
    const refused = await platform.request('DELETE', '/api/media/images/installer.iso');
    assert.equal(refused.status, 409);
    assert.equal((await refused.json()).error, 'mounted');
    assert.equal((await platform.request('POST', '/api/media/unmount')).status, 204);
    assert.equal((await platform.json('GET', '/api/virtual/state')).media, null);
    assert.equal((await platform.request('DELETE', '/api/media/images/installer.iso')).status, 204);
    assert.deepEqual(filesOnDisk(platform), []);
    rmSync(iso);
  });
});

describe('virtual media refusals leave nothing behind', () => {
  let platform;
  before(async () => {
    // 8 MiB per image, 12 MiB for the whole store (the "full disk").
    platform = await Platform.start('media-limits', {
      env: { JAVA_TOOL_OPTIONS: '-Dcubekvm.media.maxImageBytes=8388608 -Dcubekvm.media.storeLimitBytes=12582912' },
    });
    await waitFor('/api/media', async () => (await platform.request('GET', '/api/media')).status === 200, 30_000, 200);
  });
  after(async () => platform?.stop());

  test('wrong SHA-256 → 422 and nothing stored', async () => {
    const body = new Uint8Array(MIB).fill(1);
    const r = await put(platform, 'wrong.img', body, { 'X-Content-SHA256': '0'.repeat(64) });
    assert.equal(r.status, 422);
    assert.equal(r.body.error, 'sha256_mismatch');
    assert.deepEqual(await mediaNames(platform), []);
    assert.deepEqual(filesOnDisk(platform), []);
  });

  test('names with / or .. or other characters → 4xx and nothing stored', async () => {
    for (const name of ['a..b.iso', '..%2Fescape.iso', 'dir%2Fx.iso', '.hidden', 'semi%3Bcolon.iso', 'x'.repeat(129)]) {
      const r = await put(platform, name, new Uint8Array(1000));
      assert.ok(r.status >= 400 && r.status < 500, `${name}: ${r.status}`);
      assert.equal(typeof r.body?.error, 'string', `${name}: an error body`);
    }
    assert.deepEqual(filesOnDisk(platform), []);
    assert.deepEqual(readdirSync(platform.data).filter((f) => f.includes('escape')), []);
  });

  test('too large → 413, announced or found while streaming', async () => {
    const announced = await putAnnounced(platform, 'big.img', 9 * MIB);
    assert.equal(announced.status, 413);
    assert.equal(announced.body.error, 'too_large');
    const streamed = await put(platform, 'big.img', chunkedBody(9));
    assert.equal(streamed.status, 413);
    assert.equal(streamed.body.error, 'too_large');
    assert.deepEqual(filesOnDisk(platform), []);
  });

  test('full store → 413 no_space, announced or found while streaming; the stored image stays', async () => {
    const first = await put(platform, 'first.img', new Uint8Array(7 * MIB).fill(7));
    assert.equal(first.status, 201);
    const announced = await putAnnounced(platform, 'second.img', 7 * MIB);
    assert.equal(announced.status, 413);
    assert.equal(announced.body.error, 'no_space');
    const streamed = await put(platform, 'second.img', chunkedBody(7));
    assert.equal(streamed.status, 413);
    assert.equal(streamed.body.error, 'no_space');
    assert.deepEqual(await mediaNames(platform), ['first.img']);
    assert.deepEqual(filesOnDisk(platform), ['.sha256/first.img', 'first.img']);
    assert.equal((await platform.request('DELETE', '/api/media/images/first.img')).status, 204);
  });

  test('a viewer may look but not change media (403)', async () => {
    const created = await platform.request('POST', '/api/users', { username: 'watcher', password: 'watcher-password-1', role: 'viewer' });
    assert.equal(created.status, 201);
    const viewer = await platform.login('watcher', 'watcher-password-1');
    const r = await put(platform, 'v.img', new Uint8Array(10), {}, viewer);
    assert.equal(r.status, 403);
    const look = await fetch(`${platform.origin}/api/media`, { headers: { Cookie: viewer } });
    assert.equal(look.status, 200);
    const mount = await fetch(`${platform.origin}/api/media/mount`, {
      method: 'POST', headers: { Cookie: viewer, Origin: platform.origin, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'v.img', mode: 'disk' }),
    });
    assert.equal(mount.status, 403);
    assert.deepEqual(filesOnDisk(platform), []);
  });

  test('download from a URL with progress, same checks', async () => {
    const content = new Uint8Array(3 * MIB).fill(3);
    const server = createServer((req, res) => {
      res.writeHead(200, { 'Content-Length': content.length });
      res.end(content);
    });
    await new Promise((r) => server.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${server.address().port}/disk.img`;
      const bad = await platform.json('POST', '/api/media/downloads', { url, name: 'bad.img', sha256: 'f'.repeat(64) });
      const ended = await waitFor('the bad download ends', async () => {
        const t = await platform.json('GET', `/api/media/transfers/${bad.id}`);
        return t.state !== 'running' ? t : null;
      }, 30_000);
      assert.equal(ended.error, 'sha256_mismatch');
      const good = await platform.json('POST', '/api/media/downloads', { url, name: 'good.img' });
      const done = await waitFor('the download ends', async () => {
        const t = await platform.json('GET', `/api/media/transfers/${good.id}`);
        return t.state !== 'running' ? t : null;
      }, 30_000);
      assert.equal(done.state, 'done');
      assert.equal(done.bytes, content.length);
      assert.deepEqual(await mediaNames(platform), ['good.img']);
      const refused = await platform.request('POST', '/api/media/downloads', { url: 'file:///etc/passwd', name: 'x.img' });
      assert.equal(refused.status, 400);
      assert.equal((await platform.request('DELETE', '/api/media/images/good.img')).status, 204);
    } finally {
      server.close();
    }
  });
});

describe('a SIGKILL mid-upload', () => {
  test('leaves no partial image; the upload can be repeated after the restart', async () => {
    const data = mkdtempSync(join(tmpdir(), 'cubekvm-e2e-'));
    const first = await Platform.start('media-kill-1', { data });
    let restarted;
    try {
      await waitFor('/api/media', async () => (await first.request('GET', '/api/media')).status === 200, 30_000, 200);
      let release;
      const upload = put(first, 'half.img', chunkedBody(64, 16, new Promise((r) => { release = r; })))
        .catch((e) => ({ error: e }));
      const running = await waitFor('16 MiB received', async () => {
        const t = (await first.json('GET', '/api/media')).transfers.find((x) => x.name === 'half.img');
        return t && t.state === 'running' && t.bytes >= 16 * MIB ? t : null;
      }, 60_000);
      assert.equal(running.total, -1);
      assert.deepEqual(await mediaNames(first), [], 'an upload in progress is not an image');
      const parts = filesOnDisk(first);
      assert.equal(parts.length, 1, JSON.stringify(parts));
      assert.match(parts[0], /^\.incoming\/half\.img\..*\.part$/);

      first.child.kill('SIGKILL');
      assert.equal((await first.exited).signal, 'SIGKILL');
      release();
      await upload;

      restarted = await Platform.start('media-kill-2', { data, setup: false });
      restarted.cookie = await restarted.login(ADMIN, ADMIN_PASSWORD);
      await waitFor('/api/media', async () => (await restarted.request('GET', '/api/media')).status === 200, 30_000, 200);
      assert.deepEqual(await mediaNames(restarted), []);
      assert.deepEqual(filesOnDisk(restarted), [], 'the temp file went at start');

      const again = await put(restarted, 'half.img', chunkedBody(64));
      assert.equal(again.status, 201);
      assert.equal(again.body.size, 64 * MIB);
      assert.deepEqual(await mediaNames(restarted), ['half.img']);
    } finally {
      if (first.child.exitCode === null && first.child.signalCode === null) first.child.kill('SIGKILL');
      if (restarted) await restarted.stop();
      else rmSync(data, { recursive: true, force: true });
    }
  });
});
