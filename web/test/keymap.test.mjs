// The page's key table (web/src/keymap.ts) and the server's (bundles/hid KeyNames.java, used by
// POST /api/hid/keys) must agree name for name and usage for usage. The server's table is read
// from the hid bundle's compiled classes (the Maven reactor builds bundles/hid before this runs).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { keyCodes, modifierBitOf, usageOf } from '../dist/js/keymap.js';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..', '..');
const classPath = ['bundles/hid/target/classes', 'bundles/api/target/classes'].map((p) => join(repo, p));

function serverTable() {
  for (const dir of classPath) {
    assert.ok(existsSync(dir), `${dir} is missing: build bundles/hid first (mvn install -pl bundles/hid -am)`);
  }
  const java = process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
  const run = spawnSync(java, ['-cp', classPath.join(':'), join(here, 'fixtures', 'KeyNamesDump.java')],
    { encoding: 'utf8', timeout: 120_000 });
  assert.equal(run.status, 0, `KeyNamesDump failed: ${run.error ?? ''}${run.stderr}`);
  return JSON.parse(run.stdout);
}

/** The page's table as the server would write it: a modifier's usage is 0xE0 + the index of its bit. */
function pageTable() {
  const table = {};
  for (const code of keyCodes()) {
    const bit = modifierBitOf(code);
    table[code] = bit ? 0xe0 + Math.log2(bit) : usageOf(code);
  }
  return table;
}

test('keymap: the page and the server know the same key names with the same HID usages', () => {
  const server = serverTable();
  const page = pageTable();
  assert.ok(Object.keys(server).length > 100, `the server's table has ${Object.keys(server).length} names`);
  const onlyServer = Object.keys(server).filter((code) => !(code in page));
  const onlyPage = Object.keys(page).filter((code) => !(code in server));
  assert.deepEqual({ onlyServer, onlyPage }, { onlyServer: [], onlyPage: [] }, 'names known on one side only');
  const different = Object.keys(page).filter((code) => page[code] !== server[code])
    .map((code) => `${code}: page 0x${page[code].toString(16)}, server 0x${server[code].toString(16)}`);
  assert.deepEqual(different, [], 'names with different usages');
});
