// Encoders of the /api/hid binary protocol (docs/api.md "Keyboard and mouse").

export const HEARTBEAT = 0x00;
export const KEYBOARD = 0x01;
export const MOUSE = 0x02;
export const RELEASE_ALL = 0x03;
export const ABSOLUTE_MAX = 32767;

/** [0x01][modifiers][0][k1..k6] */
export function keyboardReport(modifiers: number, keys: readonly number[]): Uint8Array {
  const message = new Uint8Array(9);
  message[0] = KEYBOARD;
  message[1] = modifiers & 0xff;
  for (let i = 0; i < 6 && i < keys.length; i++) message[3 + i] = keys[i]! & 0xff;
  return message;
}

function clampI8(value: number): number {
  return Math.max(-127, Math.min(127, Math.trunc(value)));
}

/** [0x02][buttons][dx][dy][wheel], each delta -127..127 */
export function relativeMouse(buttons: number, dx: number, dy: number, wheel: number): Uint8Array {
  const message = new Uint8Array(5);
  const view = new DataView(message.buffer);
  message[0] = MOUSE;
  message[1] = buttons & 0x07;
  view.setInt8(2, clampI8(dx));
  view.setInt8(3, clampI8(dy));
  view.setInt8(4, clampI8(wheel));
  return message;
}

/** [0x02][buttons][x u16 LE][y u16 LE][wheel]; x and y are fractions 0..1 of the screen. */
export function absoluteMouse(buttons: number, fx: number, fy: number, wheel: number): Uint8Array {
  const message = new Uint8Array(7);
  const view = new DataView(message.buffer);
  message[0] = MOUSE;
  message[1] = buttons & 0x07;
  view.setUint16(2, toAbsolute(fx), true);
  view.setUint16(4, toAbsolute(fy), true);
  view.setInt8(6, clampI8(wheel));
  return message;
}

export function toAbsolute(fraction: number): number {
  const clamped = Math.max(0, Math.min(1, Number.isFinite(fraction) ? fraction : 0));
  return Math.round(clamped * ABSOLUTE_MAX);
}

/** Splits a large relative movement into steps a report can carry. */
export function splitDelta(dx: number, dy: number): Array<[number, number]> {
  const steps: Array<[number, number]> = [];
  let restX = Math.trunc(dx);
  let restY = Math.trunc(dy);
  do {
    const stepX = Math.max(-127, Math.min(127, restX));
    const stepY = Math.max(-127, Math.min(127, restY));
    steps.push([stepX, stepY]);
    restX -= stepX;
    restY -= stepY;
  } while (restX !== 0 || restY !== 0);
  return steps;
}
