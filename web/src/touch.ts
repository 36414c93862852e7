// Touch input on the picture: tap = left click, one-finger drag = move (absolute: to the finger;
// relative: trackpad-style deltas), long press = right click, two fingers = scroll, pinch = zoom.
import type { Rect } from './geometry.js';
import { toVideoFraction } from './geometry.js';
import type { MouseMode } from './mouse.js';
import { absoluteMouse, relativeMouse, splitDelta } from './protocol.js';

const TAP_SLOP_PX = 10;
const LONG_PRESS_MS = 600;
const SCROLL_PX_PER_STEP = 30;
const TRACKPAD_GAIN = 1.5;
const MAX_ZOOM = 4;

interface Touch0 { x: number; y: number; startX: number; startY: number }

export class TouchInput {
  private readonly touches = new Map<number, Touch0>();
  private moved = false;
  private longPressTimer: number | undefined;
  private longPressed = false;
  private lastX = 0.5;
  private lastY = 0.5;
  private pinchStart: { distance: number; zoom: number; cx: number; cy: number; ox: number; oy: number } | null = null;
  private scrollRest = 0;
  private zoom = 1;
  private originX = 0;
  private originY = 0;

  constructor(
    private readonly surface: HTMLElement,
    private readonly video: () => HTMLElement,
    private readonly pictureRect: () => Rect,
    private readonly mode: () => MouseMode,
    private readonly send: (report: Uint8Array, important: boolean) => void,
    private readonly enabled: () => boolean,
  ) {
    surface.addEventListener('pointerdown', (e) => this.onDown(e));
    surface.addEventListener('pointermove', (e) => this.onMove(e));
    surface.addEventListener('pointerup', (e) => this.onUp(e));
    surface.addEventListener('pointercancel', (e) => this.onCancel(e));
  }

  get zoomLevel(): number {
    return this.zoom;
  }

  resetZoom(): void {
    this.applyZoom(1, 0, 0);
  }

  private onDown(e: PointerEvent): void {
    if (e.pointerType !== 'touch' || !this.enabled()) return;
    e.preventDefault();
    this.surface.focus({ preventScroll: true });
    this.surface.setPointerCapture(e.pointerId);
    this.touches.set(e.pointerId, { x: e.clientX, y: e.clientY, startX: e.clientX, startY: e.clientY });
    window.clearTimeout(this.longPressTimer);
    if (this.touches.size === 1) {
      this.moved = false;
      this.longPressed = false;
      this.longPressTimer = window.setTimeout(() => this.longPress(e.clientX, e.clientY), LONG_PRESS_MS);
    } else if (this.touches.size === 2) {
      this.moved = true; // no tap, no long press with two fingers
      const [a, b] = [...this.touches.values()];
      this.pinchStart = {
        distance: Math.hypot(a!.x - b!.x, a!.y - b!.y), zoom: this.zoom,
        cx: (a!.x + b!.x) / 2, cy: (a!.y + b!.y) / 2, ox: this.originX, oy: this.originY,
      };
      this.scrollRest = 0;
    }
  }

  private onMove(e: PointerEvent): void {
    const touch = this.touches.get(e.pointerId);
    if (e.pointerType !== 'touch' || !touch || !this.enabled()) return;
    const dx = e.clientX - touch.x;
    const dy = e.clientY - touch.y;
    touch.x = e.clientX;
    touch.y = e.clientY;
    if (this.touches.size >= 2) {
      this.onTwoFingers(dy / this.touches.size);
      return;
    }
    if (!this.moved && Math.hypot(e.clientX - touch.startX, e.clientY - touch.startY) < TAP_SLOP_PX) return;
    this.moved = true;
    window.clearTimeout(this.longPressTimer);
    if (this.mode() === 'relative') {
      for (const [sx, sy] of splitDelta(Math.round(dx * TRACKPAD_GAIN), Math.round(dy * TRACKPAD_GAIN))) {
        if (sx || sy) this.send(relativeMouse(0, sx, sy, 0), false);
      }
    } else {
      this.moveTo(e.clientX, e.clientY, false);
    }
  }

  private onUp(e: PointerEvent): void {
    const touch = this.touches.get(e.pointerId);
    if (e.pointerType !== 'touch' || !touch) return;
    this.touches.delete(e.pointerId);
    window.clearTimeout(this.longPressTimer);
    if (this.touches.size < 2) this.pinchStart = null;
    if (this.touches.size > 0 || !this.enabled()) return;
    if (!this.moved && !this.longPressed) this.click(1, touch.startX, touch.startY);
  }

  private onCancel(e: PointerEvent): void {
    this.touches.delete(e.pointerId);
    window.clearTimeout(this.longPressTimer);
    if (this.touches.size < 2) this.pinchStart = null;
  }

  private longPress(x: number, y: number): void {
    if (this.moved || this.touches.size !== 1 || !this.enabled()) return;
    this.longPressed = true;
    this.click(2, x, y);
  }

  /** Press and release a button: at the finger (absolute) or where the pointer is (relative). */
  private click(button: number, x: number, y: number): void {
    if (this.mode() === 'relative') {
      this.send(relativeMouse(button, 0, 0, 0), true);
      this.send(relativeMouse(0, 0, 0, 0), true);
      return;
    }
    this.moveTo(x, y, true);
    this.send(absoluteMouse(button, this.lastX, this.lastY, 0), true);
    this.send(absoluteMouse(0, this.lastX, this.lastY, 0), true);
  }

  private moveTo(x: number, y: number, important: boolean): void {
    const point = toVideoFraction(this.pictureRect(), x, y);
    this.lastX = point.x;
    this.lastY = point.y;
    this.send(absoluteMouse(0, point.x, point.y, 0), important);
  }

  private onTwoFingers(dy: number): void {
    const [a, b] = [...this.touches.values()];
    const start = this.pinchStart;
    if (!a || !b || !start) return;
    const distance = Math.hypot(a.x - b.x, a.y - b.y);
    const ratio = start.distance > 0 ? distance / start.distance : 1;
    if (Math.abs(ratio - 1) > 0.12 || this.zoom !== start.zoom) {
      // Pinch: zoom about the fingers' starting centre.
      const zoom = Math.max(1, Math.min(MAX_ZOOM, start.zoom * ratio));
      const box = this.surface.getBoundingClientRect();
      const cx = start.cx - box.left;
      const cy = start.cy - box.top;
      const k = zoom / start.zoom;
      this.applyZoom(zoom, cx - (cx - start.ox) * k, cy - (cy - start.oy) * k);
      return;
    }
    // Scroll: fingers up scroll the content down (as on a phone).
    this.scrollRest += dy;
    const steps = Math.trunc(this.scrollRest / SCROLL_PX_PER_STEP);
    if (!steps) return;
    this.scrollRest -= steps * SCROLL_PX_PER_STEP;
    const wheel = Math.max(-127, Math.min(127, steps));
    this.send(this.mode() === 'relative' ? relativeMouse(0, 0, 0, wheel) : absoluteMouse(0, this.lastX, this.lastY, wheel), true);
  }

  private applyZoom(zoom: number, ox: number, oy: number): void {
    const box = this.surface.getBoundingClientRect();
    // Keep the zoomed picture covering the element: no empty band appears at an edge.
    this.originX = zoom === 1 ? 0 : Math.min(0, Math.max(box.width * (1 - zoom), ox));
    this.originY = zoom === 1 ? 0 : Math.min(0, Math.max(box.height * (1 - zoom), oy));
    this.zoom = zoom;
    const style = this.video().style;
    style.transform = zoom === 1 ? '' : `translate(${this.originX}px, ${this.originY}px) scale(${zoom})`;
    this.surface.dataset['zoom'] = zoom.toFixed(2);
  }
}
