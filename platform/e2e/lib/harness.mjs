// Starts the real distribution (platform/dist/target/cubekvm) on a free port with a fresh data
// directory, waits until it is up, and stops it with SIGTERM. Also: a Chromium from Debian
// driven by playwright-core, and small HTTP helpers.
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const moduleDir = resolve(here, '..');
export const artifacts = process.env.CUBEKVM_TEST_ARTIFACTS ?? join(moduleDir, 'target', 'test-artifacts');
const dist = process.env.CUBEKVM_DIST ?? resolve(moduleDir, '..', 'dist', 'target', 'cubekvm');
const chromiumPath = process.env.CUBEKVM_CHROMIUM ?? '/usr/bin/chromium';

export function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}

async function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

/** Polls {@code check} (async, returns a truthy value when done) until it is or the time is up. */
export async function waitFor(what, check, timeoutMs = 10_000, intervalMs = 50) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
      last = value;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (last: ${last instanceof Error ? last.message : JSON.stringify(last)})`);
    await sleep(intervalMs);
  }
}

export class Platform {
  static async start(name) {
    const launcher = join(dist, 'bin', 'cubekvm');
    if (!existsSync(launcher)) {
      throw new Error(`${launcher} does not exist: build the distribution first (mvn -DskipTests install -pl platform/dist -am)`);
    }
    mkdirSync(artifacts, { recursive: true });
    const port = await freePort();
    const data = mkdtempSync(join(tmpdir(), 'cubekvm-e2e-'));
    const log = createWriteStream(join(artifacts, `platform-${name}.log`));
    const child = spawn(launcher, ['--port', String(port), '--data', data], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.pipe(log);
    child.stderr.pipe(log);
    const platform = new Platform(child, port, data);
    process.once('exit', () => child.kill('SIGKILL'));
    try {
      await waitFor('/healthz UP', async () => (await platform.json('GET', '/healthz')).status === 'UP', 60_000, 200);
      // Jersey re-initialises as resources arrive; wait for the ones the tests use.
      await waitFor('/api/hid/status', async () => (await platform.request('GET', '/api/hid/status')).status === 200, 30_000, 200);
      await waitFor('/api/virtual/state', async () => (await platform.request('GET', '/api/virtual/state')).status === 200, 30_000, 200);
      await waitFor('the virtual machine as HID sink', async () => (await platform.json('GET', '/api/hid/status')).online, 30_000, 200);
    } catch (e) {
      await platform.stop();
      throw e;
    }
    return platform;
  }

  constructor(child, port, data) {
    this.child = child;
    this.port = port;
    this.data = data;
    this.origin = `http://127.0.0.1:${port}`;
    this.exited = new Promise((r) => child.once('exit', (code, signal) => r({ code, signal })));
  }

  async request(method, path, body) {
    const init = { method, headers: {} };
    if (body !== undefined) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    if (method !== 'GET') init.headers.Origin = this.origin;
    return fetch(this.origin + path, init);
  }

  async json(method, path, body) {
    const response = await this.request(method, path, body);
    const text = await response.text();
    let parsed = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      throw new Error(`${method} ${path}: ${response.status} and not JSON: ${text.slice(0, 200)}`);
    }
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text.slice(0, 300)}`);
    return parsed;
  }

  async stop() {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.child.kill('SIGTERM');
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 20_000);
      await this.exited;
      clearTimeout(timer);
    }
    rmSync(this.data, { recursive: true, force: true });
  }
}

/** Debian's Chromium, headless, with a fresh profile; closed with {@code browser.close()}. */
export async function launchBrowser() {
  const { chromium } = await import('playwright-core');
  const profile = mkdtempSync(join(tmpdir(), 'cubekvm-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    viewport: { width: 1200, height: 900 },
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
