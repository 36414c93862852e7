// The /api/hid binary protocol for tests: encoders, an independent validator, random messages.

export const usage = (code) => {
  if (/^Key[A-Z]$/.test(code)) return 0x04 + code.charCodeAt(3) - 65;
  const table = { Enter: 0x28, Space: 0x2c, CapsLock: 0x39, Digit1: 0x1e };
  return table[code];
};

export function keyboard(modifiers, ...keys) {
  const m = new Uint8Array(9);
  m[0] = 1;
  m[1] = modifiers;
  keys.slice(0, 6).forEach((k, i) => (m[3 + i] = k));
  return m;
}

/** Independent re-statement of the rules in docs/api.md (HidMessages.java must agree). */
export function isWellFormed(m) {
  if (m.length === 0) return false;
  const type = m[0];
  if (type === 0 || type === 3) return m.length === 1;
  if (type === 1) {
    if (m.length !== 9 || m[2] !== 0) return false;
    const seen = new Set();
    for (let i = 3; i < 9; i++) {
      const k = m[i];
      if (k === 0) continue;
      if (k < 4 || k > 0xdd || seen.has(k)) return false;
      seen.add(k);
    }
    return true;
  }
  if (type === 2) {
    if ((m.length !== 5 && m.length !== 7) || (m[1] & ~7) !== 0) return false;
    if (m.length === 5) return m[2] !== 0x80 && m[3] !== 0x80 && m[4] !== 0x80;
    const x = m[2] | (m[3] << 8);
    const y = m[4] | (m[5] << 8);
    return x <= 32767 && y <= 32767 && m[6] !== 0x80;
  }
  return false;
}

/** A seeded generator (mulberry32), so a failure can be replayed. */
export function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Mostly plausible messages (right type and length, random content), some noise of any
 * length up to 64 KiB. Keys are drawn from letters and digits (no Caps/Num Lock, no Enter),
 * and never with Ctrl/Alt/GUI, so the target's shell stays usable afterwards.
 */
export function randomMessage(next) {
  const int = (n) => Math.floor(next() * n);
  const bytes = (n) => Uint8Array.from({ length: n }, () => int(256));
  // Noise never forms a keyboard report: random modifiers could press Ctrl+Alt+Del.
  const noise = (n) => {
    const m = bytes(n);
    if (m.length === 9 && m[0] === 1) m[0] = 9;
    return m;
  };
  const shape = int(10);
  if (shape === 0) return noise(int(64 * 1024 + 1));
  if (shape <= 2) return noise(int(16));
  if (shape <= 4) {
    const m = new Uint8Array(9);
    m[0] = 1;
    m[1] = int(2) ? 0 : 0x02; // none or left shift
    m[2] = int(6) === 0 ? 1 + int(255) : 0;
    for (let i = 3; i < 9; i++) m[i] = int(3) === 0 ? 0x04 + int(36) : 0; // a–z, 1–0
    if (int(8) === 0) m[3 + int(6)] = 0xe0 + int(8); // modifier usage in a key slot: malformed
    return m;
  }
  if (shape <= 6) {
    const absolute = int(2) === 0;
    const m = bytes(absolute ? 7 : 5);
    m[0] = 2;
    m[1] = int(5) === 0 ? m[1] : int(8) & 1; // mostly none/left button
    if (absolute && int(4) !== 0) {
      m[3] &= 0x7f;
      m[5] &= 0x7f;
    }
    return m;
  }
  return noise(1 + int(10));
}
