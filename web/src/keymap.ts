// KeyboardEvent.code (W3C UI Events) → USB HID usage (keyboard page 0x07).
// The same table as bundles/hid KeyNames.java (POST /api/hid/keys).

export const MODIFIER_BITS: Readonly<Record<string, number>> = {
  ControlLeft: 0x01,
  ShiftLeft: 0x02,
  AltLeft: 0x04,
  MetaLeft: 0x08,
  OSLeft: 0x08,
  ControlRight: 0x10,
  ShiftRight: 0x20,
  AltRight: 0x40,
  MetaRight: 0x80,
  OSRight: 0x80,
};

function buildUsages(): Map<string, number> {
  const m = new Map<string, number>();
  for (let i = 0; i < 26; i++) {
    m.set('Key' + String.fromCharCode(65 + i), 0x04 + i);
  }
  for (let d = 1; d <= 9; d++) {
    m.set('Digit' + d, 0x1e + d - 1);
    m.set('Numpad' + d, 0x59 + d - 1);
  }
  m.set('Digit0', 0x27);
  m.set('Numpad0', 0x62);
  for (let f = 1; f <= 12; f++) m.set('F' + f, 0x3a + f - 1);
  for (let f = 13; f <= 24; f++) m.set('F' + f, 0x68 + f - 13);
  const rest: Array<[string, number]> = [
    ['Enter', 0x28], ['Escape', 0x29], ['Backspace', 0x2a], ['Tab', 0x2b], ['Space', 0x2c],
    ['Minus', 0x2d], ['Equal', 0x2e], ['BracketLeft', 0x2f], ['BracketRight', 0x30],
    ['Backslash', 0x31], ['IntlHash', 0x32], ['Semicolon', 0x33], ['Quote', 0x34],
    ['Backquote', 0x35], ['Comma', 0x36], ['Period', 0x37], ['Slash', 0x38], ['CapsLock', 0x39],
    ['PrintScreen', 0x46], ['ScrollLock', 0x47], ['Pause', 0x48], ['Insert', 0x49], ['Home', 0x4a],
    ['PageUp', 0x4b], ['Delete', 0x4c], ['End', 0x4d], ['PageDown', 0x4e], ['ArrowRight', 0x4f],
    ['ArrowLeft', 0x50], ['ArrowDown', 0x51], ['ArrowUp', 0x52], ['NumLock', 0x53],
    ['NumpadDivide', 0x54], ['NumpadMultiply', 0x55], ['NumpadSubtract', 0x56], ['NumpadAdd', 0x57],
    ['NumpadEnter', 0x58], ['NumpadDecimal', 0x63], ['IntlBackslash', 0x64], ['ContextMenu', 0x65],
    ['Power', 0x66], ['NumpadEqual', 0x67], ['Help', 0x75], ['AudioVolumeMute', 0x7f],
    ['AudioVolumeUp', 0x80], ['AudioVolumeDown', 0x81], ['NumpadComma', 0x85], ['IntlRo', 0x87],
    ['KanaMode', 0x88], ['IntlYen', 0x89], ['Convert', 0x8a], ['NonConvert', 0x8b],
    ['Lang1', 0x90], ['Lang2', 0x91],
  ];
  for (const [code, usage] of rest) m.set(code, usage);
  return m;
}

const USAGES = buildUsages();

/** The HID usage of a non-modifier key, or undefined when the key has none. */
export function usageOf(code: string): number | undefined {
  return USAGES.get(code);
}

/** The modifier-byte bit of a modifier key, or 0. */
export function modifierBitOf(code: string): number {
  return MODIFIER_BITS[code] ?? 0;
}

/** Every key name this table knows, modifiers included (the server's KeyNames must know the same). */
export function keyCodes(): string[] {
  return [...USAGES.keys(), ...Object.keys(MODIFIER_BITS)];
}
