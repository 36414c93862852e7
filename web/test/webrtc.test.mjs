// The page's choice of transport with WebRTC: H.264 where WebCodecs works, else WebRTC (plain http), else MJPEG.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chooseVideoMode } from '../dist/js/video-mode.js';

test('WebRTC is the default where WebCodecs is missing, never where H.264 plays', () => {
  const insecure = new Set(['mjpeg', 'webrtc']);
  const all = new Set(['mjpeg', 'h264', 'webrtc']);
  assert.equal(chooseVideoMode(insecure, null, null), 'webrtc');
  assert.equal(chooseVideoMode(all, null, null), 'h264');
  assert.equal(chooseVideoMode(new Set(['mjpeg']), 'webrtc', null), 'mjpeg');
  assert.equal(chooseVideoMode(insecure, null, 'h264'), 'webrtc');
  assert.equal(chooseVideoMode(all, 'webrtc', 'mjpeg'), 'webrtc');
});
