// Mouse capture. Absolute: the pointer position inside the letterboxed picture, as 0..32767.
// Relative: pointer lock, movement deltas. Buttons: browser bit order equals HID's
// (left 1, right 2, middle 4). Wheel: one step per notch, up is positive.
import { letterbox, toVideoFraction, type Rect } from './geometry.js';
import { absoluteMouse, relativeMouse, splitDelta } from './protocol.js';

export type MouseMode = 'absolute' | 'relative';

const WHEEL_PIXELS_PER_STEP = 50;

/** Touch is handled by touch.ts (tap, drag, long press, scroll, pinch). */
function isTouch(event: PointerEvent): boolean {
  return event.pointerType === 'touch';
}

export class MouseCapture {
  private mode: MouseMode = 'absolute';
  private buttons = 0;
  private lastX = 0.5;
  private lastY = 0.5;
  private wheelRest = 0;
  private pendingMove: { x: number; y: number } | null = null;
  private frameRequested = false;
  /** 1..10; 5 is one wheel step per 50 px of scrolling. */
  private scrollSpeed = 5;

  /**
   * @param surface   the element showing the video (object-fit: contain)
   * @param videoSize the picture's intrinsic size, null while unknown
   * @param send      sends an encoded report; {@code important} for buttons and wheel
   * @param enabled   false while a dialog is open
   */
  constructor(
    private readonly surface: HTMLElement,
    private readonly videoSize: () => { width: number; height: number } | null,
    private readonly send: (report: Uint8Array, important: boolean) => void,
    private readonly enabled: () => boolean,
  ) {
    surface.addEventListener('pointermove', (e) => this.onMove(e));
    surface.addEventListener('pointerdown', (e) => this.onButton(e));
    surface.addEventListener('pointerup', (e) => this.onButton(e));
    surface.addEventListener('wheel', (e) => this.onWheel(e), { passive: false });
    surface.addEventListener('contextmenu', (e) => e.preventDefault());
    document.addEventListener('pointerlockchange', () => {
      if (document.pointerLockElement !== surface) this.releaseButtons();
    });
  }

  setMode(mode: MouseMode): void {
    this.releaseButtons();
    this.mode = mode;
    if (mode === 'absolute' && document.pointerLockElement === this.surface) document.exitPointerLock();
  }

  setScrollSpeed(speed: number): void {
    this.scrollSpeed = Math.max(1, Math.min(10, speed));
  }

  getMode(): MouseMode {
    return this.mode;
  }

  /** The rectangle of the picture in client coordinates. */
  pictureRect(): Rect {
    // The video element may be zoomed (pinch): its box is the scaled picture area.
    const video = this.surface.querySelector<HTMLElement>('.video-surface') ?? this.surface;
    const box = video.getBoundingClientRect();
    const size = this.videoSize();
    const rect = { left: box.left, top: box.top, width: box.width, height: box.height };
    return size ? letterbox(rect, size.width, size.height) : rect;
  }

  /** Forgets held buttons (the server releases them on blur through release-all). */
  releaseButtons(): void {
    this.buttons = 0;
  }

  private onMove(event: PointerEvent): void {
    if (!this.enabled() || isTouch(event)) return;
    if (this.mode === 'relative') {
      if (document.pointerLockElement !== this.surface) return;
      for (const [dx, dy] of splitDelta(event.movementX, event.movementY)) {
        if (dx !== 0 || dy !== 0) this.send(relativeMouse(this.buttons, dx, dy, 0), false);
      }
      return;
    }
    const point = toVideoFraction(this.pictureRect(), event.clientX, event.clientY);
    this.lastX = point.x;
    this.lastY = point.y;
    // At most one absolute move per frame: the newest position is all that matters.
    this.pendingMove = { x: point.x, y: point.y };
    if (!this.frameRequested) {
      this.frameRequested = true;
      requestAnimationFrame(() => this.flushMove());
    }
  }

  private flushMove(): void {
    this.frameRequested = false;
    const move = this.pendingMove;
    this.pendingMove = null;
    if (move) this.send(absoluteMouse(this.buttons, move.x, move.y, 0), false);
  }

  private onButton(event: PointerEvent): void {
    if (!this.enabled() || isTouch(event)) return;
    event.preventDefault();
    if (event.type === 'pointerdown') {
      this.surface.focus({ preventScroll: true });
      if (this.mode === 'relative' && document.pointerLockElement !== this.surface) {
        void this.surface.requestPointerLock();
        return; // the click that locks the pointer is not sent
      }
      this.surface.setPointerCapture(event.pointerId);
    }
    const buttons = event.buttons & 0x07;
    if (buttons === this.buttons) return;
    this.buttons = buttons;
    if (this.mode === 'relative') {
      this.send(relativeMouse(buttons, 0, 0, 0), true);
    } else {
      const point = toVideoFraction(this.pictureRect(), event.clientX, event.clientY);
      this.lastX = point.x;
      this.lastY = point.y;
      this.pendingMove = null;
      this.send(absoluteMouse(buttons, point.x, point.y, 0), true);
    }
  }

  private onWheel(event: WheelEvent): void {
    if (!this.enabled()) return;
    event.preventDefault();
    const pixels = event.deltaMode === WheelEvent.DOM_DELTA_LINE ? event.deltaY * 40
      : event.deltaMode === WheelEvent.DOM_DELTA_PAGE ? event.deltaY * 800 : event.deltaY;
    this.wheelRest += pixels;
    const perStep = (WHEEL_PIXELS_PER_STEP * 5) / this.scrollSpeed;
    const steps = Math.trunc(this.wheelRest / perStep);
    if (steps === 0) return;
    this.wheelRest -= steps * perStep;
    const wheel = Math.max(-127, Math.min(127, -steps)); // scrolling down is a negative wheel
    if (this.mode === 'relative') {
      this.send(relativeMouse(this.buttons, 0, 0, wheel), true);
    } else {
      this.send(absoluteMouse(this.buttons, this.lastX, this.lastY, wheel), true);
    }
  }
}
