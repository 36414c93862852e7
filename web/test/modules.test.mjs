// Unit tests of the page's pure modules (compiled to dist/js by `npm run build`).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { letterbox, toVideoFraction } from '../dist/js/geometry.js';
import { modifierBitOf, usageOf } from '../dist/js/keymap.js';
import { MultipartParser } from '../dist/js/multipart.js';
import { absoluteMouse, keyboardReport, relativeMouse, splitDelta, toAbsolute } from '../dist/js/protocol.js';

test('letterbox: a 16:9 picture in a 4:3 box has bars above and below', () => {
  assert.deepEqual(letterbox({ left: 0, top: 0, width: 1200, height: 900 }, 1280, 720),
    { left: 0, top: 112.5, width: 1200, height: 675 });
});

test('letterbox: a 16:9 picture in a wide box has bars left and right', () => {
  assert.deepEqual(letterbox({ left: 10, top: 20, width: 2000, height: 720 }, 1280, 720),
    { left: 370, top: 20, width: 1280, height: 720 });
});

test('points map to fractions of the picture, clamped outside it', () => {
  const picture = { left: 0, top: 112.5, width: 1200, height: 675 };
  assert.deepEqual(toVideoFraction(picture, 300, 112.5 + 675 * 0.75), { x: 0.25, y: 0.75, inside: true });
  assert.deepEqual(toVideoFraction(picture, -5, 50), { x: 0, y: 0, inside: false });
});

const table = [
  ['KeyA', 0x04], ['KeyZ', 0x1d], ['Digit1', 0x1e], ['Digit0', 0x27], ['Enter', 0x28], ['Escape', 0x29],
  ['Space', 0x2c], ['Backquote', 0x35], ['CapsLock', 0x39], ['F1', 0x3a], ['F12', 0x45], ['Delete', 0x4c],
  ['ArrowUp', 0x52], ['Numpad0', 0x62], ['IntlBackslash', 0x64], ['F13', 0x68], ['F24', 0x73],
];
for (const [code, usage] of table) {
  test(`keymap: ${code} is usage 0x${usage.toString(16)}`, () => assert.equal(usageOf(code), usage));
}

test('keymap: modifiers are bits, not usages', () => {
  assert.equal(usageOf('ShiftLeft'), undefined);
  assert.equal(modifierBitOf('ControlLeft'), 0x01);
  assert.equal(modifierBitOf('AltRight'), 0x40);
  assert.equal(modifierBitOf('MetaRight'), 0x80);
  assert.equal(modifierBitOf('KeyA'), 0);
});

test('protocol: reports are encoded as docs/api.md says', () => {
  assert.deepEqual([...keyboardReport(0x02, [0x04, 0x05])], [1, 2, 0, 4, 5, 0, 0, 0, 0]);
  assert.deepEqual([...relativeMouse(1, -5, 300, -1)], [2, 1, 0xfb, 127, 0xff]);
  assert.deepEqual([...absoluteMouse(0, 0.5, 1, 1)], [2, 0, 0x00, 0x40, 0xff, 0x7f, 1]);
  assert.equal(toAbsolute(-1), 0);
  assert.equal(toAbsolute(Number.NaN), 0);
  assert.deepEqual(splitDelta(300, -10), [[127, -10], [127, 0], [46, 0]]);
});

function part(seq, body) {
  return new TextEncoder().encode(`--frame\r\nContent-Type: image/jpeg\r\nContent-Length: ${body.length}\r\nX-Timestamp: ${1000 + seq}\r\nX-Frame-Seq: ${seq}\r\n\r\n`);
}

test('multipart: parts split across any chunk boundaries come out whole', () => {
  const bodies = [Uint8Array.of(0xff, 0xd8, 1, 2, 3), Uint8Array.of(0xff, 0xd8, 9), new Uint8Array(1000).fill(7)];
  const stream = [];
  bodies.forEach((b, i) => stream.push(...part(i, b), ...b, 13, 10));
  const bytes = Uint8Array.from(stream);
  for (const size of [1, 3, 17, 4096]) {
    const parser = new MultipartParser('frame');
    const parts = [];
    for (let i = 0; i < bytes.length; i += size) parts.push(...parser.push(bytes.subarray(i, i + size)));
    assert.equal(parts.length, 3, `chunk size ${size}`);
    parts.forEach((p, i) => {
      assert.deepEqual([...p.body], [...bodies[i]]);
      assert.equal(p.headers.get('x-frame-seq'), String(i));
      assert.equal(p.headers.get('x-timestamp'), String(1000 + i));
    });
  }
});

test('multipart: the boundary comes from the Content-Type', () => {
  assert.equal(MultipartParser.boundaryOf('multipart/x-mixed-replace; boundary=frame'), 'frame');
  assert.equal(MultipartParser.boundaryOf('multipart/x-mixed-replace;boundary="abc"'), 'abc');
  assert.equal(MultipartParser.boundaryOf('image/jpeg'), null);
});
