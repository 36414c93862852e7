// The example vendor bundle (platform/vendor-example, signed by the build with the TEST vendor key)
// and the JDK tools to make a second version of it, signed with the same key, as a vendor would.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { moduleDir } from './harness.mjs';

export const keysDir = process.env.CUBEKVM_KEYS_DIR ?? join(homedir(), '.cubekvm-build-key');
const exampleDir = resolve(moduleDir, '..', 'vendor-example', 'target');

export function exampleJar() {
  const name = readdirSync(exampleDir).find((f) => /^com\.example\.cubekvm\.jiggler-.*\.jar$/.test(f));
  if (!name) throw new Error(`no example vendor jar in ${exampleDir}: build platform/vendor-example`);
  return join(exampleDir, name);
}

export function testVendorPem() {
  return readFileSync(join(keysDir, 'test-vendor.pem'), 'utf8');
}

/** The example with another Bundle-Version, re-signed with the test vendor key (or not signed); returns the jar's path. */
export function exampleVersion(version, { sign = true } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'cubekvm-vendor-'));
  const files = join(dir, 'files');
  execFileSync('mkdir', ['-p', files]);
  execFileSync('jar', ['xf', exampleJar()], { cwd: files });
  const manifestPath = join(files, 'META-INF', 'MANIFEST.MF');
  // Main section only, with the new version; jarsigner writes the entry digests again.
  const main = readFileSync(manifestPath, 'utf8').replace(/\r\n/g, '\n').split('\n\n')[0]
    .replace(/^Bundle-Version: .*$/m, `Bundle-Version: ${version}`);
  writeFileSync(join(dir, 'MANIFEST.MF'), `${main}\n\n`);
  for (const f of readdirSync(join(files, 'META-INF'))) {
    if (/\.(SF|EC|RSA|DSA)$/i.test(f) || f === 'MANIFEST.MF') rmSync(join(files, 'META-INF', f));
  }
  const jar = join(dir, `jiggler-${version}.jar`);
  execFileSync('jar', ['cfm', jar, join(dir, 'MANIFEST.MF'), '-C', files, '.']);
  if (!sign) return jar;
  execFileSync('jarsigner', ['-keystore', join(keysDir, 'test-vendor.p12'), '-storepass', 'cubekvm-build', jar, 'test-vendor'], { stdio: 'ignore' });
  return jar;
}

/** Uploads a jar as the body of POST/PUT; returns the fetch response. */
export async function upload(platform, method, path, jarPath) {
  return fetch(platform.origin + path, {
    method,
    headers: { ...platform.authHeaders(), Origin: platform.origin, 'Content-Type': 'application/java-archive' },
    body: readFileSync(jarPath),
  });
}

export async function trustTestVendor(platform) {
  const response = await fetch(platform.origin + '/api/platform/trust', {
    method: 'POST',
    headers: { ...platform.authHeaders(), Origin: platform.origin, 'Content-Type': 'application/x-pem-file' },
    body: testVendorPem(),
  });
  if (response.status !== 201) throw new Error(`POST /api/platform/trust: ${response.status} ${await response.text()}`);
  return response.json();
}
