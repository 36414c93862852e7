// Keyboard capture: KeyboardEvent.code → boot keyboard reports. The browser's layout never
// matters: the physical key is sent, and the target applies its own layout.
import { modifierBitOf, usageOf } from './keymap.js';
import { keyboardReport } from './protocol.js';

/** Windows reports AltGr as ControlLeft + AltRight with the same time stamp. */
const ALTGR_CONTROL_WINDOW_MS = 25;

export class KeyboardCapture {
  private modifiers = 0;
  private keys: number[] = [];
  private controlLeftAt = -1;

  /**
   * @param target   the element that must have focus for keys to be captured
   * @param send     sends one encoded report
   * @param release  tells the server to release everything (focus lost)
   * @param enabled  false while a dialog or a text field has the keyboard
   */
  constructor(
    target: HTMLElement,
    private readonly send: (report: Uint8Array) => void,
    private readonly release: () => void,
    private readonly enabled: () => boolean,
  ) {
    target.addEventListener('keydown', (e) => this.onKey(e, true));
    target.addEventListener('keyup', (e) => this.onKey(e, false));
    target.addEventListener('blur', () => this.releaseAll());
    window.addEventListener('blur', () => this.releaseAll());
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState !== 'visible') this.releaseAll();
    });
  }

  /** Forgets every held key and tells the server to release them. */
  releaseAll(): void {
    this.modifiers = 0;
    this.keys = [];
    this.release();
  }

  private onKey(event: KeyboardEvent, down: boolean): void {
    if (!this.enabled()) return;
    const bit = modifierBitOf(event.code);
    const usage = usageOf(event.code);
    if (bit === 0 && usage === undefined) return;
    event.preventDefault();
    event.stopPropagation();
    if (down && event.repeat) return; // the target repeats keys itself
    let changed: boolean;
    if (bit !== 0) {
      changed = this.modifier(event, bit, down);
    } else {
      changed = this.key(usage!, down);
    }
    if (changed) this.send(keyboardReport(this.modifiers, this.keys));
  }

  private modifier(event: KeyboardEvent, bit: number, down: boolean): boolean {
    const before = this.modifiers;
    if (down) {
      this.modifiers |= bit;
      if (event.code === 'ControlLeft') this.controlLeftAt = event.timeStamp;
      if (event.code === 'AltRight' && (this.modifiers & 0x01) !== 0
          && event.timeStamp - this.controlLeftAt < ALTGR_CONTROL_WINDOW_MS && event.getModifierState('AltGraph')) {
        this.modifiers &= ~0x01; // the fake ControlLeft of AltGr on Windows
      }
    } else {
      this.modifiers &= ~bit;
    }
    return before !== this.modifiers;
  }

  private key(usage: number, down: boolean): boolean {
    const index = this.keys.indexOf(usage);
    if (down) {
      if (index >= 0 || this.keys.length >= 6) return false; // boot protocol: six keys at most
      this.keys.push(usage);
      return true;
    }
    if (index < 0) return false;
    this.keys.splice(index, 1);
    return true;
  }
}
