// Starts the real distribution (platform/distribution/target/cubekvm) on a free port with a fresh data
// directory, waits until it is up, and stops it with SIGTERM. Also: a Chromium from Debian
// driven by playwright-core, and small HTTP helpers.
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const moduleDir = resolve(here, '..');
export const artifacts = process.env.CUBEKVM_TEST_ARTIFACTS ?? join(moduleDir, 'target', 'test-artifacts');
const dist = process.env.CUBEKVM_DIST ?? resolve(moduleDir, '..', 'distribution', 'target', 'cubekvm');
const chromiumPath = process.env.CUBEKVM_CHROMIUM ?? '/usr/bin/chromium';

/**
 * A pause of {@code ms}: only for a simulated peer's own pace (a slow client, a client's request
 * rate) and between two polls of {@link waitFor}. Never to wait for the platform or another process:
 * wait for an event, or poll with {@link waitFor}.
 */
export function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}

/**
 * Resolves as {@code promise} does, or rejects naming {@code what} once {@code timeoutMs} have
 * passed: a deadline that only bounds a broken run, for an event that has its own promise.
 */
export function withDeadline(promise, timeoutMs, what) {
  let timer;
  const deadline = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)), timeoutMs);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

export async function freePort() {
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

/**
 * The one way to wait for something that has no event to wait on: polls {@code check} (async,
 * returns a truthy value when done) until it is, failing once {@code timeoutMs} have passed (the
 * deadline only bounds a broken run; a passing run never waits for it).
 */
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

export const ADMIN = 'admin';
export const ADMIN_PASSWORD = 'e2e-admin-password';

export class Platform {
  /**
   * Starts the distribution and logs in as the first admin (created with the setup code, as an
   * installer would). Options: {@code env} (extra environment, e.g. JAVA_TOOL_OPTIONS for a
   * short login window), {@code args} (extra command-line arguments), {@code setup: false} to
   * leave the platform without users, {@code data} to start on an existing data directory
   * (e.g. after a kill; combine with {@code setup: false} and {@link #login}), {@code host} (the
   * address the platform is bound to with {@code --bind}, default 127.0.0.1) for the harness's own
   * requests.
   */
  static async start(name, options = {}) {
    const launcher = join(dist, 'bin', 'cubekvm');
    if (!existsSync(launcher)) {
      throw new Error(`${launcher} does not exist: build the distribution first (mvn -DskipTests install -pl platform/distribution -am)`);
    }
    mkdirSync(artifacts, { recursive: true });
    const port = await freePort();
    // options.data: start again on the data directory of an earlier run (restart tests).
    const data = options.data ?? mkdtempSync(join(tmpdir(), 'cubekvm-e2e-'));
    const log = createWriteStream(join(artifacts, `platform-${name}.log`));
    const child = spawn(launcher, ['--port', String(port), '--data', data, ...(options.args ?? [])],
      { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...(options.env ?? {}) } });
    child.stdout.pipe(log);
    child.stderr.pipe(log);
    const platform = new Platform(child, port, data, options.host);
    process.once('exit', () => child.kill('SIGKILL'));
    try {
      await waitFor('/healthz UP', async () => (await platform.json('GET', '/healthz')).status === 'UP', 60_000, 200);
      if (options.setup === false) return platform;
      if (options.data && !platform.setupCode()) {
        platform.cookie = await waitFor('login as the admin', async () => platform.login(ADMIN, ADMIN_PASSWORD).catch(() => null), 30_000, 200);
      } else {
        await platform.setUpAdmin();
      }
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

  constructor(child, port, data, host = '127.0.0.1') {
    this.child = child;
    this.port = port;
    this.data = data;
    this.origin = `http://${host}:${port}`;
    this.exited = new Promise((r) => child.once('exit', (code, signal) => r({ code, signal })));
    /** {@code cubekvm_session=...} of the admin, sent with every request of {@link #request}. */
    this.cookie = null;
  }

  /** The one-time setup code the platform wrote to its data directory (null once an admin exists). */
  setupCode() {
    const file = join(this.data, 'setup-code');
    return existsSync(file) ? readFileSync(file, 'utf8').trim() : null;
  }

  /** Creates the first admin with the setup code (retrying while Jersey loads) and keeps its session. */
  async setUpAdmin() {
    const code = this.setupCode();
    if (!code) throw new Error('no setup-code in the data directory');
    const response = await waitFor('POST /api/auth/setup', async () => {
      const r = await this.anonymous('POST', '/api/auth/setup', { setupCode: code, username: ADMIN, password: ADMIN_PASSWORD });
      return r.status === 201 ? r : null;
    }, 30_000, 200);
    this.cookie = sessionCookie(response);
  }

  /** Logs in; returns {@code cubekvm_session=...}. */
  async login(username, password) {
    const response = await this.anonymous('POST', '/api/auth/login', { username, password });
    if (response.status !== 200) throw new Error(`login as ${username}: ${response.status} ${await response.text()}`);
    return sessionCookie(response);
  }

  /** A request without credentials (Origin on state-changing methods, like a page of this server). */
  async anonymous(method, path, body, headers = {}) {
    const init = { method, headers: { ...headers } };
    if (body !== undefined) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    if (method !== 'GET') init.headers.Origin ??= this.origin;
    return fetch(this.origin + path, init);
  }

  /** Headers for a raw WebSocket client ({@code ws}): the admin's session cookie. */
  authHeaders(cookie = this.cookie) {
    return cookie ? { Cookie: cookie } : {};
  }

  /** Puts the admin's session cookie into a browser context, so its pages are logged in. */
  async loginBrowser(context, cookie = this.cookie, origin = this.origin) {
    const [name, value] = cookie.split('=');
    await context.addCookies([{ name, value, url: origin, httpOnly: true, sameSite: 'Strict' }]);
  }

  async request(method, path, body) {
    const init = { method, headers: { ...this.authHeaders() } };
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

  /** SIGKILL, as a power cut would: no shutdown hook runs; the data directory is kept for a restart. */
  async kill() {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.child.kill('SIGKILL');
      await this.exited;
    }
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

function sessionCookie(response) {
  const cookie = response.headers.getSetCookie().map((c) => c.split(';')[0]).find((c) => c.startsWith('cubekvm_session='));
  if (!cookie) throw new Error('the response set no session cookie');
  return cookie;
}

/**
 * Debian's Chromium, headless, with a fresh profile; closed with {@code browser.close()}.
 * {@code extraArgs}: more command-line switches (e.g. {@code --host-resolver-rules=...}).
 */
export async function launchBrowser(extraArgs = []) {
  const { chromium } = await import('playwright-core');
  const profile = mkdtempSync(join(tmpdir(), 'cubekvm-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    // At least 1440 px wide: the KVM toolbar shows every control (narrower, it folds into "Menu").
    viewport: { width: 1600, height: 900 },
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      ...extraArgs,
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

/** A new page of the browser whose script errors and console errors go to the test log. */
export async function newLoggingPage(browser) {
  const page = await browser.context.newPage();
  page.on('pageerror', (e) => console.log(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') console.log(`page console: ${m.text()}`);
  });
  return page;
}
