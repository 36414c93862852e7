// The media dialog's pure helpers (compiled to dist/js by `npm run build`).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatBytes, imageName } from '../dist/js/media.js';

test('file names become image names the server accepts', () => {
  assert.equal(imageName('debian-12.5.0-amd64-netinst.iso'), 'debian-12.5.0-amd64-netinst.iso');
  assert.equal(imageName('My Installer (1).iso'), 'My_Installer_1_.iso');
  assert.equal(imageName('..hidden..iso'), 'hidden.iso');
  assert.equal(imageName('Grüße.img'), 'Gr_e.img');
  assert.equal(imageName('...'), '');
  assert.equal(imageName('x'.repeat(300)).length, 128);
});

test('sizes are shown in binary units', () => {
  assert.equal(formatBytes(512), '512 B');
  assert.equal(formatBytes(1536), '1.5 KiB');
  assert.equal(formatBytes(200 * 1024 * 1024), '200 MiB');
});
