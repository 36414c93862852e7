// The login page's `next` parameter: only a same-origin path; everything else goes to '/'.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { safeNextPath } from '../dist/js/redirect.js';

const origin = 'http://127.0.0.1:8080';
const table = [
  [null, '/'],
  ['', '/'],
  ['/', '/'],
  ['/index.html', '/index.html'],
  ['/index.html?video=mjpeg', '/index.html?video=mjpeg'],
  ['/account.html#tokens', '/account.html#tokens'],
  ['/a/../b', '/b'],
  ['//evil.example/', '/'],
  ['/\\evil.example/', '/'],
  ['/\\/evil.example/', '/'],
  ['\\\\evil.example', '/'],
  ['/\t/evil.example/', '/'],
  ['/\n/evil.example/', '/'],
  ['https://evil.example/', '/'],
  ['http://127.0.0.1:8080/index.html', '/'],
  ['javascript:alert(1)', '/'],
  ['data:text/html,x', '/'],
  ['index.html', '/'],
  ['../index.html', '/'],
  ['/' + 'a'.repeat(3000), '/'],
];
for (const [next, expected] of table) {
  test(`next=${JSON.stringify(next)} → ${expected}`, () => assert.equal(safeNextPath(next, origin), expected));
}
