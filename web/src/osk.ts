// The on-screen keyboard: physical key codes sent as HID reports (the target applies its layout),
// labelled for the target's layout. Modifiers are sticky: a tap latches one until the next key.
import { modifierBitOf, usageOf } from './keymap.js';
import { keyboardReport } from './protocol.js';

type Key = [code: string, label?: string, cls?: string];

const FUNCTION_ROW: Key[] = [['Escape', 'Esc'], ...Array.from({ length: 12 }, (_, i): Key => [`F${i + 1}`]), ['Delete', 'Del']];

const ROWS: Key[][] = [
  ['Backquote', 'Digit1', 'Digit2', 'Digit3', 'Digit4', 'Digit5', 'Digit6', 'Digit7', 'Digit8', 'Digit9', 'Digit0', 'Minus', 'Equal'].map((c): Key => [c])
    .concat([['Backspace', '⌫', 'wide']]),
  ([['Tab', 'Tab', 'wide']] as Key[]).concat(['KeyQ', 'KeyW', 'KeyE', 'KeyR', 'KeyT', 'KeyY', 'KeyU', 'KeyI', 'KeyO', 'KeyP', 'BracketLeft', 'BracketRight', 'Backslash'].map((c): Key => [c])),
  ([['CapsLock', 'Caps', 'wide']] as Key[]).concat(['KeyA', 'KeyS', 'KeyD', 'KeyF', 'KeyG', 'KeyH', 'KeyJ', 'KeyK', 'KeyL', 'Semicolon', 'Quote'].map((c): Key => [c]))
    .concat([['Enter', 'Enter', 'wide']]),
  ([['ShiftLeft', 'Shift', 'wide'], ['IntlBackslash']] as Key[]).concat(['KeyZ', 'KeyX', 'KeyC', 'KeyV', 'KeyB', 'KeyN', 'KeyM', 'Comma', 'Period', 'Slash'].map((c): Key => [c]))
    .concat([['ArrowUp', '↑'], ['ShiftRight', 'Shift', 'wide']]),
  [['ControlLeft', 'Ctrl', 'wide'], ['MetaLeft', 'Win'], ['AltLeft', 'Alt'], ['Space', ' ', 'space'], ['AltRight', 'AltGr'],
    ['ArrowLeft', '←'], ['ArrowDown', '↓'], ['ArrowRight', '→'], ['cad', 'Ctrl Alt Del', 'wide']],
];

const US: Record<string, string> = {
  Backquote: '`', Minus: '-', Equal: '=', BracketLeft: '[', BracketRight: ']', Backslash: '\\',
  Semicolon: ';', Quote: "'", Comma: ',', Period: '.', Slash: '/', IntlBackslash: '\\',
};

/** Labels by layout where they differ from en-US: code → label. */
const LAYOUTS: Record<string, Record<string, string>> = {
  'en-US': {},
  'en-GB': { Backslash: '#', IntlBackslash: '\\', Backquote: '`' },
  'de-DE': {
    KeyY: 'z', KeyZ: 'y', Backquote: '^', Minus: 'ß', Equal: '´', BracketLeft: 'ü', BracketRight: '+', Backslash: '#',
    Semicolon: 'ö', Quote: 'ä', Slash: '-', IntlBackslash: '<',
  },
  'fr-FR': {
    KeyQ: 'a', KeyA: 'q', KeyW: 'z', KeyZ: 'w', Semicolon: 'm', KeyM: ',', Comma: ';', Period: ':', Slash: '!',
    Backquote: '²', Digit1: '&', Digit2: 'é', Digit3: '"', Digit4: "'", Digit5: '(', Digit6: '-', Digit7: 'è',
    Digit8: '_', Digit9: 'ç', Digit0: 'à', Minus: ')', Equal: '=', BracketLeft: '^', BracketRight: '$', Backslash: '*',
    Quote: 'ù', IntlBackslash: '<',
  },
};

/** The label of a key for a layout (letters upper case while Shift is latched). */
export function labelFor(code: string, layout: string, shift: boolean): string {
  const own = (LAYOUTS[layout] ?? {})[code];
  let label = own ?? US[code] ?? (code.startsWith('Key') ? code.slice(3).toLowerCase() : code.startsWith('Digit') ? code.slice(5) : code);
  if (shift && label.length === 1) label = label.toUpperCase();
  return label;
}

export class OnScreenKeyboard {
  private latched = 0;
  private layout = 'en-US';
  private readonly buttons = new Map<string, HTMLButtonElement>();

  constructor(
    root: HTMLElement,
    private readonly send: (report: Uint8Array) => void,
    private readonly sendKeys: (keys: string[]) => void,
  ) {
    for (const row of [FUNCTION_ROW, ...ROWS]) {
      const line = document.createElement('div');
      line.className = row === FUNCTION_ROW ? 'osk-row osk-fn' : 'osk-row';
      for (const [code, label, cls] of row) {
        const button = document.createElement('button');
        button.type = 'button';
        button.dataset['code'] = code;
        if (cls) button.className = cls;
        button.textContent = label ?? code;
        if (modifierBitOf(code)) button.setAttribute('aria-pressed', 'false');
        if (code === 'cad') button.setAttribute('aria-label', 'Ctrl+Alt+Del');
        // Keep the focus where it is (the picture), and react on pointerdown for fast typing.
        button.addEventListener('pointerdown', (e) => e.preventDefault());
        button.addEventListener('click', () => this.press(code));
        this.buttons.set(code, button);
        line.append(button);
      }
      root.append(line);
    }
    this.relabel();
  }

  setLayout(layout: string): void {
    this.layout = layout;
    this.relabel();
  }

  /** A tap: a modifier toggles its latch; any other key is pressed with the latched modifiers and released. */
  press(code: string): void {
    if (code === 'cad') {
      this.sendKeys(['ControlLeft', 'AltLeft', 'Delete']);
      this.unlatch();
      return;
    }
    const bit = modifierBitOf(code);
    if (bit) {
      this.latched ^= bit;
      this.relabel();
      return;
    }
    const usage = usageOf(code);
    if (usage === undefined) return;
    if (this.latched) this.send(keyboardReport(this.latched, []));
    this.send(keyboardReport(this.latched, [usage]));
    this.send(keyboardReport(this.latched, []));
    this.send(keyboardReport(0, []));
    this.unlatch();
  }

  private unlatch(): void {
    if (!this.latched) return;
    this.latched = 0;
    this.relabel();
  }

  private relabel(): void {
    const shift = (this.latched & 0x22) !== 0;
    for (const [code, button] of this.buttons) {
      const bit = modifierBitOf(code);
      if (bit) {
        button.setAttribute('aria-pressed', String((this.latched & bit) !== 0));
      } else if (code.startsWith('Key') || code.startsWith('Digit') || code in US) {
        button.textContent = labelFor(code, this.layout, shift);
        button.setAttribute('aria-label', code === 'Space' ? 'Space' : button.textContent);
      }
    }
    this.buttons.get('Space')?.setAttribute('aria-label', 'Space');
    this.buttons.get('Backspace')?.setAttribute('aria-label', 'Backspace');
    for (const [code, name] of [['ArrowUp', 'Up'], ['ArrowDown', 'Down'], ['ArrowLeft', 'Left'], ['ArrowRight', 'Right']]) {
      this.buttons.get(code!)?.setAttribute('aria-label', name!);
    }
  }
}
