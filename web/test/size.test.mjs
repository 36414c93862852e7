// The front end stays small: every file the device serves (dist/), gzipped one by one as a
// browser would fetch it, adds up to under 100 KB (issue 18). Run after `npm run build`.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const dist = fileURLToPath(new URL('../dist', import.meta.url));
const LIMIT = 100 * 1024;

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

test('the gzipped front end is under 100 KB', () => {
  const all = files(dist);
  assert.ok(all.some((f) => f.endsWith('index.html')), 'dist/ holds the built front end');
  const total = all.reduce((sum, f) => sum + gzipSync(readFileSync(f), { level: 9 }).length, 0);
  console.log(`front end: ${all.length} files, ${(total / 1024).toFixed(1)} KB gzipped`);
  assert.ok(total < LIMIT, `the gzipped front end is ${total} bytes, over ${LIMIT}`);
});
