// Unit tests of the H.264 wire format helpers and the video mode choice (compiled to dist/js).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ackMessage, codecFromSps, isValidAnnexB, nalTypes, nalUnits, parseMessage, resyncMessage, visibilityMessage } from '../dist/js/h264-format.js';
import { chooseVideoMode } from '../dist/js/video-mode.js';

const SPS = [0x67, 0x42, 0xc0, 0x1f, 0x8c, 0x8d, 0x40];
const PPS = [0x68, 0xce, 0x3c, 0x80];
const IDR = [0x65, 0xb8, 0x00, 0x04, 0x00, 0x00, 0x13, 0xfe];
const SLICE = [0x41, 0x9a, 0x02, 0x00];
const annexB = (...nals) => Uint8Array.from(nals.flatMap((n, i) => [...(i === 0 ? [0, 0, 0, 1] : [0, 0, 1]), ...n]));

function message(flags, ts, body) {
  const m = new Uint8Array(9 + body.length);
  m[0] = flags;
  new DataView(m.buffer).setBigUint64(1, BigInt(ts), true);
  m.set(body, 9);
  return m;
}

test('h264: a server message splits into flags, the exact µs time stamp and the access unit', () => {
  const key = annexB(SPS, PPS, IDR);
  const parsed = parseMessage(message(1, 1_795_242_551_656_693, key).buffer);
  assert.equal(parsed.key, true);
  assert.equal(parsed.timestampMicros, 1_795_242_551_656_693);
  assert.deepEqual([...parsed.data], [...key]);
  assert.equal(parseMessage(message(0, 5, annexB(SLICE))).key, false);
  assert.equal(parseMessage(new Uint8Array(8)), null);
});

test('h264: NAL units with 3- and 4-byte start codes, trailing zeros of a 4-byte code trimmed', () => {
  const key = annexB(SPS, PPS, IDR);
  assert.deepEqual(nalTypes(key), [7, 8, 5]);
  const units = nalUnits(Uint8Array.from([0, 0, 0, 1, ...SPS, 0, 0, 0, 1, ...PPS]));
  assert.deepEqual(units.map((u) => u.length), [SPS.length, PPS.length]);
});

test('h264: Annex-B validity', () => {
  assert.ok(isValidAnnexB(annexB(SPS, PPS, IDR), true));
  assert.ok(isValidAnnexB(annexB(SLICE), false));
  assert.ok(!isValidAnnexB(annexB(SLICE), true), 'a key frame needs SPS, PPS and IDR');
  assert.ok(!isValidAnnexB(Uint8Array.from([1, 2, 3, 0, 0, 1, 0x41])), 'garbage before the first start code');
  assert.ok(!isValidAnnexB(Uint8Array.from([0, 0, 1, 0xc1, 1])), 'forbidden_zero_bit');
  assert.ok(!isValidAnnexB(Uint8Array.from([0, 0, 1, 0, 0, 1, 0x41])), 'empty NAL unit');
  assert.ok(!isValidAnnexB(new Uint8Array(0)));
});

test('h264: the codec string comes from the SPS (profile, constraints, level)', () => {
  assert.equal(codecFromSps(annexB(SPS, PPS, IDR)), 'avc1.42C01F');
  assert.equal(codecFromSps(annexB([0x67, 0x64, 0x00, 0x28, 0xac]), PPS, IDR), 'avc1.640028');
  assert.equal(codecFromSps(annexB(SLICE)), null);
});

test('h264: client messages are encoded as docs/api.md says', () => {
  assert.deepEqual([...ackMessage(0x0102_0304_0506)], [2, 6, 5, 4, 3, 2, 1, 0, 0]);
  assert.deepEqual([...ackMessage(1_795_242_551_656_693)], [...message(2, 1_795_242_551_656_693, [])]);
  assert.deepEqual([...resyncMessage()], [3]);
  assert.deepEqual([...visibilityMessage(false)], [4, 0]);
  assert.deepEqual([...visibilityMessage(true)], [4, 1]);
});

test('video mode: ?video= beats the stored choice, H.264 is the default where it plays, never an unplayable mode', () => {
  const both = new Set(['mjpeg', 'h264']);
  const mjpegOnly = new Set(['mjpeg']);
  assert.equal(chooseVideoMode(both, null, null), 'h264');
  assert.equal(chooseVideoMode(mjpegOnly, null, null), 'mjpeg');
  assert.equal(chooseVideoMode(both, null, 'mjpeg'), 'mjpeg');
  assert.equal(chooseVideoMode(both, 'h264', 'mjpeg'), 'h264');
  assert.equal(chooseVideoMode(mjpegOnly, 'h264', 'h264'), 'mjpeg');
  assert.equal(chooseVideoMode(both, 'bogus', null), 'h264');
});
