// Disk images for the virtual-media tests: real ISO 9660 images made by xorriso (Debian package).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, mkdirSync, openSync, closeSync, ftruncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Makes {@code dir/name} with volume label {@code label}, padded with a file of {@code padBytes}
 * zero bytes (sparse on disk, stored in full in the ISO) so the image has the size a test needs.
 */
export function makeIso(dir, name, label, padBytes) {
  const content = join(dir, `${name}.content`);
  mkdirSync(content, { recursive: true });
  writeFileSync(join(content, 'README.TXT'), `CubeKVM test image ${label}\n`);
  const pad = join(content, 'PAD.BIN');
  const fd = openSync(pad, 'w');
  ftruncateSync(fd, padBytes);
  closeSync(fd);
  const iso = join(dir, name);
  execFileSync('xorriso', ['-as', 'mkisofs', '-quiet', '-V', label, '-o', iso, content], { stdio: ['ignore', 'ignore', 'pipe'] });
  return iso;
}

export async function sha256File(path) {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk);
  return hash.digest('hex');
}
